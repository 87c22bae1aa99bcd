package io.engram.runtime.session;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chip and network files resolve alike: an absolute path as given, a relative one next to the experiment file, else
 * from the working directory; a file found nowhere is a user error naming every place looked at. The chip label shows
 * the overrides.
 */
class ExperimentFilesTest {
    private static final String IDEAL = "rram-22nm-ideal.yaml";

    private static ExperimentSpec read(Path dir, String chip, String... overrides) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), "name: n\ninput: { shape: [4] }\nlayers:\n  - { name: d, type: dense, units: 2 }\n");
        Files.writeString(dir.resolve("experiment.yaml"), "name: e\nchip: " + chip + "\nnetwork: network.yaml\n");
        SpecNode n = SpecNode.parse(dir.resolve("experiment.yaml")).withOverrides(List.of(overrides));
        return ExperimentSpec.read(n, dir);
    }

    @Test
    void aChipFileIsFoundNextToTheExperimentThenFromTheWorkingDirectory(@TempDir Path dir) throws Exception {
        // the tests run in the runtime module's folder: the repository's example chips are at ../examples/chips
        Path shipped = Path.of("..", "examples", "chips", IDEAL);
        ExperimentSpec fromCwd = read(dir, shipped.toString());
        assertEquals(shipped.toAbsolutePath().normalize().toString(), fromCwd.chip());
        Files.copy(shipped, dir.resolve(IDEAL));
        ExperimentSpec nextTo = read(dir, IDEAL);
        assertEquals(dir.resolve(IDEAL).toAbsolutePath().normalize().toString(), nextTo.chip(), "next to the experiment first");
        assertEquals(dir.resolve("network.yaml").toAbsolutePath().normalize(), nextTo.network());
    }

    @Test
    void aMissingChipOrNetworkSaysWhereItLooked(@TempDir Path dir) throws Exception {
        SpecException e = assertThrows(SpecException.class, () -> read(dir, "chips/mine.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("'chip'") && m.contains("chips/mine.yaml") && m.contains("rram-22nm"), m);
        assertTrue(m.contains(dir.resolve("chips/mine.yaml").toAbsolutePath().normalize().toString()), m);
        assertTrue(m.contains(Path.of("chips/mine.yaml").toAbsolutePath().normalize().toString()), m);
        SpecException withOverride = assertThrows(SpecException.class,
                () -> read(dir, "chips/mine.yaml", "chip.core.adc.bits=6"));
        assertTrue(withOverride.getMessage().contains("'chip.base'"), withOverride.getMessage());
        Files.writeString(dir.resolve("experiment.yaml"), "name: e\nnetwork: nets/none.yaml\n");
        SpecException net = assertThrows(SpecException.class,
                () -> ExperimentSpec.read(SpecNode.parse(dir.resolve("experiment.yaml")), dir));
        assertTrue(net.getMessage().contains("'network'")
                && net.getMessage().contains(dir.resolve("nets/none.yaml").toAbsolutePath().normalize().toString()), net.getMessage());
    }

    @Test
    void theChipLabelShowsTheOverrides(@TempDir Path dir) throws Exception {
        assertEquals("rram-22nm", read(dir, "rram-22nm").chipLabel());
        assertEquals("rram-22nm (+ core.adc.bits=6, mesh.width=8)",
                read(dir, "rram-22nm", "chip.core.adc.bits=6", "chip.mesh.width=8").chipLabel());
    }
}
