package io.engram.compiler.diag;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.ir.Network;
import io.engram.compiler.nir.NirFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.engram.compiler.TestChips.compile;
import static io.engram.compiler.TestChips.compileFile;
import static io.engram.compiler.TestChips.rram;
import static io.engram.compiler.TestChips.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every diagnostic code has an input that triggers it (as javac's CheckExamples does for its message keys). Each
 * trigger names the element the code must point at.
 */
class DiagnosticCatalogueTest {
    @TempDir
    static Path tmp;

    /** A trigger and a text its diagnostic's location must contain. */
    private record Trigger(Supplier<CompileResult> run, String where) {}

    private static Map<DiagCode, Trigger> triggers() {
        Map<DiagCode, Trigger> t = new EnumMap<>(DiagCode.class);
        for (String yaml : List.of("E100", "E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108", "E301",
                "N301", "W101", "E401")) {
            t.put(DiagCode.valueOf(yaml), new Trigger(() -> compileFile("diag/" + yaml + ".yaml", rram()), yaml + ".yaml"));
        }
        t.put(DiagCode.E109, new Trigger(() -> compile(NetworkSource.of(Network.builder("e109").input(16)
                .dense("empty", 0).build()), rram()), "layer `empty`"));
        t.put(DiagCode.E501, new Trigger(() -> compileFile("diag/E501.yaml", TestChips.withSram(rram(), 256)), "core "));
        t.put(DiagCode.E200, new Trigger(() -> compile(NetworkSource.nir(textFile("not-hdf5.nir")), rram()), "not-hdf5.nir"));
        t.put(DiagCode.E201, new Trigger(() -> nir("e201.nir", new NirFiles()
                .node("in", "Input", "shape", new long[] {4})
                .node("c1", "Conv1d", "weight", new float[][] {{1}})
                .node("out", "Output", "shape", new long[] {4})
                .edge("in", "c1").edge("c1", "out")), "NIR node `c1` (Conv1d)"));
        t.put(DiagCode.E202, new Trigger(() -> nir("e202.nir", new NirFiles()
                .node("in", "Input", "shape", new long[] {4})
                .node("fc", "Affine", "weight", NirFiles.weight(3, 4), "bias", new float[] {0, 0, 0})
                .node("d", "Delay", "delay", new float[] {1, 1, 1})
                .node("out", "Output", "shape", new long[] {3})
                .edge("in", "fc").edge("fc", "d").edge("d", "out")), "NIR node `d` (Delay)"));
        t.put(DiagCode.E203, new Trigger(() -> nir("e203.nir", new NirFiles()
                .node("in", "Input", "shape", new long[] {2})
                .node("a", "Linear", "weight", NirFiles.weight(2, 2))
                .node("lif", "LIF", "tau", new double[] {0.01, 0.01}, "r", new double[] {1, 1}, "v_leak", new double[] {0, 0},
                        "v_threshold", new double[] {1, 1})
                .node("b", "Linear", "weight", NirFiles.weight(2, 2))
                .node("out", "Output", "shape", new long[] {2})
                .edge("in", "a").edge("a", "lif").edge("lif", "b").edge("b", "a").edge("lif", "out")),
                "NIR node `b` (Linear)"));
        t.put(DiagCode.E204, new Trigger(() -> nir("e204.nir", new NirFiles()
                .node("in", "Input", "shape", new long[] {4})
                .node("a", "Linear", "weight", NirFiles.weight(3, 4))
                .node("b", "Linear", "weight", NirFiles.weight(3, 4))
                .node("out", "Output", "shape", new long[] {3})
                .edge("in", "a").edge("in", "b").edge("a", "out").edge("b", "out")), "NIR node `in` (Input)"));
        t.put(DiagCode.E205, new Trigger(() -> compile(NetworkSource.nir(resource("nir/lif_norse.nir"),
                resource("diag/overlay-unknown.yaml")), rram()), "overlay layers.fc9"));
        t.put(DiagCode.E206, new Trigger(() -> nir("e206.nir", new NirFiles()
                .node("in", "Input", "shape", new long[] {4})
                .node("fc", "Affine", "weight", NirFiles.weight(3, 5), "bias", new float[] {0, 0, 0})
                .node("out", "Output", "shape", new long[] {3})
                .edge("in", "fc").edge("fc", "out")), "NIR node `fc` (Affine)"));
        t.put(DiagCode.W201, new Trigger(() -> nir("w201.nir", new NirFiles()
                .node("in", "Input", "shape", new long[] {4})
                .node("fc", "Affine", "weight", NirFiles.weight(3, 4), "bias", new float[] {0, 0, 0})
                .node("lif", "CubaLIF", "tau_mem", new double[] {0.01, 0.02, 0.03}, "tau_syn", new double[] {0.005, 0.005, 0.005},
                        "r", new double[] {1, 1, 1}, "v_leak", new double[] {0, 0, 0}, "v_threshold", new double[] {1, 1, 1},
                        "w_in", new double[] {1, 1, 1})
                .node("out", "Output", "shape", new long[] {3})
                .edge("in", "fc").edge("fc", "lif").edge("lif", "out")), "NIR node `lif` (CubaLIF)"));
        t.put(DiagCode.N201, new Trigger(() -> compileFile("nir/lif_norse.nir", rram()), "NIR node `1` (LIF)"));
        t.put(DiagCode.N202, new Trigger(() -> compileFile("nir/cnn_sinabs.nir", rram()), "NIR node `5` (Conv2d)"));
        return t;
    }

    private static CompileResult nir(String name, NirFiles g) {
        return compile(NetworkSource.nir(g.write(tmp.resolve(name), name.hashCode() % 2 == 0)), rram());
    }

    private static Path textFile(String name) {
        try {
            return Files.writeString(tmp.resolve(name), "this is not HDF5\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyCodeHasATrigger() {
        Set<DiagCode> missing = EnumSet.allOf(DiagCode.class);
        missing.removeAll(triggers().keySet());
        assertTrue(missing.isEmpty(), "codes without a test input: " + missing);
    }

    @TestFactory
    List<DynamicTest> eachTriggerReportsItsCode() {
        return triggers().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), () -> {
            CompileResult r = e.getValue().run().get();
            if (System.getenv("ENGRAM_PRINT_DIAGNOSTICS") != null) System.out.println(r.renderDiagnostics());
            List<Diagnostic> hits = r.withCode(e.getKey());
            assertFalse(hits.isEmpty(), e.getKey() + " not reported; got:\n" + r.renderDiagnostics());
            Diagnostic d = hits.get(0);
            assertTrue(d.location().toString().contains(e.getValue().where()),
                    e.getKey() + " location " + d.location() + " should contain " + e.getValue().where());
            assertFalse(d.message().isBlank());
            if (e.getKey().severity() == Severity.ERROR) {
                assertFalse(r.ok());
                assertNull(r.program(), "no program after an error");
            }
        })).collect(Collectors.toList());
    }

    @Test
    void codesAreStableAndNamedBySeverity() {
        for (DiagCode c : DiagCode.values()) {
            assertTrue(c.name().matches("[EWN]\\d{3}"), c.name());
            assertFalse(c.title().isBlank());
        }
        assertEquals(Severity.ERROR, DiagCode.E401.severity());
        assertEquals(Severity.WARNING, DiagCode.W101.severity());
        assertEquals(Severity.NOTE, DiagCode.N201.severity());
    }

    @Test
    void errorsAreCollectedNotJustTheFirst() {
        Network net = Network.builder("many").input(16)
                .dense("a", 8).rule(new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 1e-4, 1e-2, 20, 20, 40, 0, 1))
                .dense("a", 4).competition(Competition.kWta(9))
                .dense("c", 4).rule(new LearningRule.SoftHebb(0.1, 0.1, 0, 0, UpdateScaling.NONE))
                .build();
        CompileResult r = compile(NetworkSource.of(net), rram());
        assertTrue(r.has(DiagCode.E106), r.renderDiagnostics());
        assertTrue(r.has(DiagCode.E101));
        assertTrue(r.has(DiagCode.E107));
        assertTrue(r.has(DiagCode.E105));
        assertEquals(4, r.errors().size(), r.renderDiagnostics());
    }

    @Test
    void e100NamesFieldPathValueAndRange() {
        CompileResult r = compileFile("diag/E100.yaml", rram());
        String m = r.withCode(DiagCode.E100).get(0).render();
        assertTrue(m.contains("E100.yaml"), m);
        assertTrue(m.contains("layers[1].competition.temperature"), m);
        assertTrue(m.contains("-2"), m);
        assertTrue(m.contains("allowed range"), m);
    }

    @Test
    void e301SaysRowsNeededAndCrossbarRows() {
        Diagnostic d = compileFile("diag/E301.yaml", rram()).withCode(DiagCode.E301).get(0);
        assertTrue(d.message().contains("layer `conv2` needs 576 rows (3x3x64) but a crossbar has 128"), d.message());
        assertTrue(d.hint().contains("allow_row_split"), d.hint());
        assertTrue(d.location().element().contains("conv2"));
    }

    @Test
    void e501NamesCoreNeedAndCapacity() {
        Diagnostic d = compileFile("diag/E501.yaml", TestChips.withSram(rram(), 256)).withCode(DiagCode.E501).get(0);
        assertTrue(d.message().matches("(?s)core \\d+ holding tile t\\d of layer `hidden` needs \\d+ bytes.*but a core has 256"),
                d.message());
    }
}
