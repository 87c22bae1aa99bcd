package io.engram.chip;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.engram.chip.cyclefixture.down.Down;
import io.engram.chip.cyclefixture.up.Up;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chip model's packages depend on each other in one direction only: no package cycle, read from the compiled
 * classes (imports, fully qualified names, signatures and calls all count). Every package, sub-packages included, is
 * its own slice.
 */
class PackageCyclesTest {
    private static final ArchRule NO_CYCLES = slices().matching("io.engram.chip.(**)").should().beFreeOfCycles();

    private static JavaClasses imported;

    /** The compiled main classes, read once from the folder (or jar) that holds them, not the whole class path. */
    private static synchronized JavaClasses mainClasses() {
        if (imported != null) return imported;
        try {
            Path where = Path.of(io.engram.chip.sim.Chip.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(where);
            return imported;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void chipModelHasNoPackageCycle() {
        JavaClasses main = mainClasses();
        // the import read the whole model, not an empty set (which would pass any rule)
        assertTrue(main.contain("io.engram.chip.sim.Chip") && main.contain("io.engram.chip.core.Core")
                && main.contain("io.engram.chip.plasticity.PlasticityEngine"), "chip-model classes were not found");
        NO_CYCLES.check(main);
    }

    @Test
    void theRuleSeesACycle() {
        // two fixture packages that import each other: the same rule must report them
        JavaClasses fixture = new ClassFileImporter().importClasses(Up.class, Down.class);
        assertTrue(NO_CYCLES.evaluate(fixture).hasViolation());
    }

    @Test
    void roomsStayBelowTheirUsers() {
        JavaClasses main = mainClasses();
        // the plasticity engine programs the cells of a synapse block; the core composes both and sits above them
        noClasses().that().resideInAPackage("io.engram.chip.plasticity..")
                .should().dependOnClassesThat().resideInAPackage("io.engram.chip.core..").check(main);
        noClasses().that().resideInAPackage("io.engram.chip.crossbar..")
                .should().dependOnClassesThat().resideInAnyPackage("io.engram.chip.core..", "io.engram.chip.plasticity..")
                .check(main);
        // the simulator coordinates the rooms from above: none of them (the NoC and its phase engines included) knows it
        noClasses().that().resideOutsideOfPackage("io.engram.chip.sim..")
                .should().dependOnClassesThat().resideInAPackage("io.engram.chip.sim..").check(main);
    }
}
