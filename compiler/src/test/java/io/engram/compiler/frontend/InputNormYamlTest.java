package io.engram.compiler.frontend;

import io.engram.chip.neuron.InputNorm;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.AllocatedIr;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.pass.AllocatePass;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code norm} field of weighted layers: parsing, range checks, the program it emits and its SRAM. */
class InputNormYamlTest {
    static final String HEAD = "name: n\ninput: { shape: [2, 8, 8] }\nlayers:\n";

    static String conv(String norm) {
        return HEAD + "  - { name: c1, type: conv2d, channels: 4, kernel: 3, padding: 1" + norm + " }\n"
                + "  - { type: maxpool, kernel: 2 }\n"
                + "  - { name: c2, type: conv2d, channels: 6, kernel: 3, padding: 1, norm: batch }\n";
    }

    private static SpecException fail(String yaml) {
        return assertThrows(SpecException.class, () -> NetworkYaml.parse(yaml, "bad.yaml"));
    }

    @Test
    void readsNoneBatchAndEps() {
        Network n = NetworkYaml.parse(conv(""), "ok.yaml");
        assertEquals(InputNorm.none(), ((LayerSpec.Conv2d) n.layers().get(0)).config().norm(), "default none");
        assertEquals(InputNorm.batch(1e-5), ((LayerSpec.Conv2d) n.layers().get(2)).config().norm(), "batch: eps 1e-5");
        n = NetworkYaml.parse(conv(", norm: { kind: batch, eps: 0.001 }"), "ok.yaml");
        assertEquals(InputNorm.batch(1e-3), ((LayerSpec.Conv2d) n.layers().get(0)).config().norm());
        n = NetworkYaml.parse(conv(", norm: none"), "ok.yaml");
        assertEquals(InputNorm.none(), ((LayerSpec.Conv2d) n.layers().get(0)).config().norm());
    }

    @Test
    void badValuesNameTheField() {
        SpecException e = fail(conv(", norm: layer"));
        assertEquals("bad.yaml", e.file());
        assertEquals("layers[0].norm", e.fieldPath());
        assertTrue(e.allowed().contains("none, batch"), e.allowed());

        e = fail(conv(", norm: { kind: batch, eps: 0 }"));
        assertEquals("layers[0].norm.eps", e.fieldPath());
        assertEquals("0", e.value());
        assertTrue(e.allowed().contains("allowed range"), e.allowed());

        e = fail(conv(", norm: { kind: batch, eps: 2 }"));
        assertEquals("layers[0].norm.eps", e.fieldPath());

        e = fail(conv(", norm: { kind: batch, epsilon: 0.1 }"));
        assertEquals("layers[0].norm.epsilon", e.fieldPath());
        assertTrue(e.allowed().contains("unknown field"), e.allowed());

        e = fail(HEAD + "  - { name: c1, type: conv2d, channels: 4, kernel: 3 }\n  - { type: maxpool, kernel: 2, norm: batch }\n");
        assertEquals("layers[1].norm", e.fieldPath(), "pooling layers take no norm");
    }

    @Test
    void lifNeuronsGetADiagnostic() {
        String yaml = HEAD + "  - { name: c1, type: conv2d, channels: 4, kernel: 3, neuron: lif, norm: batch }\n";
        CompileResult r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(yaml, "lif.yaml")), TestChips.rram());
        assertFalse(r.ok());
        assertTrue(r.has(DiagCode.E109), r.renderDiagnostics());
        assertTrue(r.renderDiagnostics().contains("norm batch"), r.renderDiagnostics());
    }

    /** A spiking convolution runs without competition and learning: either is refused by validate (E109). */
    @Test
    void aLifConvolutionWithCompetitionOrLearningGetsADiagnostic() {
        for (String extra : new String[]{"competition: hard-wta", "rule: { kind: stdp, eta_pre: 0.001, eta_post: 0.01 }"}) {
            String yaml = HEAD + "  - { name: c1, type: conv2d, channels: 4, kernel: 3, neuron: lif, " + extra + " }\n";
            CompileResult r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(yaml, "lif.yaml")), TestChips.rram());
            assertFalse(r.ok(), extra);
            assertTrue(r.has(DiagCode.E109), r.renderDiagnostics());
            assertTrue(r.renderDiagnostics().contains("on spikes a convolution runs without competition"), r.renderDiagnostics());
        }
        String ok = HEAD + "  - { name: c1, type: conv2d, channels: 4, kernel: 3, neuron: lif }\n";
        assertTrue(TestChips.compile(NetworkSource.of(NetworkYaml.parse(ok, "lif.yaml")), TestChips.rram()).ok());
    }

    @Test
    void programCarriesTheNormAndItsCoreReservesTheStatistics() {
        CompileResult r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(conv(", norm: batch"), "ok.yaml")), TestChips.rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        LayerProgram c1 = r.program().layers().get(0);
        LayerProgram c2 = r.program().layers().get(2);
        assertEquals(InputNorm.batch(), c1.norm());
        assertEquals(InputNorm.batch(), c2.norm());
        assertEquals(InputNorm.none(), r.program().layers().get(1).norm());
        // both norms run on c1's core: c1's own (first layer, the host writes its input there) and c2's (its producer)
        int core = c1.tiles().get(0).core();
        AllocatedIr ir = (AllocatedIr) r.ir(Pass.ALLOCATE);
        long norm = 0;
        for (AllocatedIr.CoreMemory m : ir.cores()) {
            if (m.core() == core) {
                assertEquals(AllocatePass.normStatsBytes(2) + AllocatePass.normStatsBytes(4), m.normStats());
                assertEquals(m.total(), r.program().sramBytesPerCore()[core]);
            }
            norm += m.normStats();
        }
        assertEquals(24 * 2 + 8 + 24 * 4 + 8, norm);
    }
}
