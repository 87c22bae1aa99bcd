package io.engram.compiler.nir;

import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A neuron population's recurrent weight becomes more rows of its crossbar; its spikes return one step later. */
class NirRecurrenceTest {
    @TempDir
    Path tmp;

    @Test
    void recurrentSpikesArriveOneStepLaterAndAreCounted() {
        // in(1) -> Linear [[1],[0]] -> IF x2 (r 1, threshold 1, reset 0), w_rec [[0,0],[1,0]]: neuron 0 drives neuron 1
        Path f = new NirFiles()
                .node("in", "Input", "shape", new long[] {1})
                .node("w", "Linear", "weight", new double[][] {{1}, {0}})
                .node("if", "IF", "r", new double[] {1, 1}, "v_threshold", new double[] {1, 1}, "v_reset", new double[] {0, 0})
                .node("rec", "Linear", "weight", new double[][] {{0, 0}, {1, 0}})
                .node("out", "Output", "shape", new long[] {2})
                .edge("in", "w").edge("w", "if").edge("if", "rec").edge("rec", "if").edge("if", "out")
                .write(tmp.resolve("rec.nir"), false);
        CompileResult r = TestChips.compile(NetworkSource.nir(f), TestChips.idealRram());
        assertTrue(r.ok(), r.renderDiagnostics());
        assertFalse(r.has(DiagCode.E203));
        LayerProgram l = r.program().layers().get(0);
        assertTrue(l.recurrent());
        assertEquals(3, l.rows(), "1 input row + 2 recurrent rows");
        assertEquals(1f, l.weights()[(1 + 0) * 2 + 1], "row in + 0 (neuron 0's last spike) onto neuron 1");
        // Input spikes at steps 0 and 3 of 6. IF with Dirac input: v += W x + W_rec s(t-1), fire at v >= 1, reset 0.
        // Neuron 0 fires at 0 and 3 (its input); neuron 1 receives those spikes one step later: fires at 1 and 4.
        List<String> spikes = new ArrayList<>();
        try (Chip chip = new Chip(TestChips.idealRram(), 1)) {
            chip.load(r.program());
            long before = chip.noc().totals().packets();
            chip.runSpiking((s, x) -> x[0] = s == 0 || s == 3 ? 1f : 0f, 6, 1, 20, 0, null,
                    (s, layer, sp, v) -> {
                        for (int c = 0; c < 2; c++) if (sp[c] != 0) spikes.add(s + ":" + c);
                    });
            assertEquals(List.of("0:0", "1:1", "3:0", "4:1"), spikes);
            // the layer is one tile: its spikes return to the rows of the same core, so nothing crosses the NoC
            assertEquals(1, l.tiles().size());
            assertEquals(0, chip.noc().totals().packets() - before);
        }
    }

    @Test
    void brailleRecurrentNetworksCompile() {
        for (String name : new String[] {"braille_noDelay_bias_zero", "braille_noDelay_bias_zero_subgraph",
                "braille_noDelay_noBias_subtract", "braille_noDelay_noBias_subtract_subgraph"}) {
            CompileResult r = TestChips.compileFile("nir/" + name + ".nir", TestChips.rram());
            assertTrue(r.ok(), name + ": " + r.renderDiagnostics());
            LayerProgram l1 = r.program().layers().get(0);
            assertTrue(l1.recurrent(), name);
            assertEquals(12 + l1.cols(), l1.rows(), name + ": 12 inputs + its own neurons");
            assertFalse(r.program().layers().get(1).recurrent(), name);
        }
    }

    /**
     * Feedback to an earlier layer: in(1) -> w1 [[1]] -> if1 -> w2 [[1]] -> if2 (threshold 2) -> out, and if2 -> fb
     * [[1]] -> if1. IF with Dirac input, thresholds 1 and 2, reset to 0; input spikes at steps 0, 1 and 4 of 6.
     * if1 fires at 0 and 1 (its input); if2 integrates them, 1 then 2: fires at 1 (v back to 0). That spike reaches
     * if1 one step later: if1 fires at 2 (if2 at 1). Step 3: nothing. Step 4: if1 fires (input), if2 reaches 2 and
     * fires; if1 fires again at 5 from the returned spike (if2 at 1).
     */
    @Test
    void feedbackToAnEarlierLayerIsRoutedCountedAndArrivesOneStepLater() {
        Path f = new NirFiles()
                .node("in", "Input", "shape", new long[] {1})
                .node("w1", "Linear", "weight", new double[][] {{1}})
                .node("if1", "IF", "r", new double[] {1}, "v_threshold", new double[] {1}, "v_reset", new double[] {0})
                .node("w2", "Linear", "weight", new double[][] {{1}})
                .node("if2", "IF", "r", new double[] {1}, "v_threshold", new double[] {2}, "v_reset", new double[] {0})
                .node("fb", "Linear", "weight", new double[][] {{1}})
                .node("out", "Output", "shape", new long[] {1})
                .edge("in", "w1").edge("w1", "if1").edge("if1", "w2").edge("w2", "if2").edge("if2", "fb")
                .edge("fb", "if1").edge("if2", "out")
                .write(tmp.resolve("feedback.nir"), false);
        CompileResult r = TestChips.compile(NetworkSource.nir(f), TestChips.idealRram());
        assertTrue(r.ok(), r.renderDiagnostics());
        LayerProgram l0 = r.program().layers().get(0);
        assertEquals("w2", l0.recurrentFrom(), "w1's recurrent rows take the spikes of layer w2");
        assertEquals(2, l0.rows(), "1 input row + 1 row for if2's neuron");
        assertFalse(r.program().layers().get(1).recurrent());
        // the compiler routes the returning spikes from w2's core to w1's and the mapping report lists them
        int c0 = l0.tiles().get(0).core(), c1 = r.program().layers().get(1).tiles().get(0).core();
        assertEquals(1, r.report().recurrentRoutes().size());
        var route = r.report().recurrentRoutes().get(0);
        assertEquals("w2", route.from());
        assertEquals("w1", route.to());
        assertEquals(c1, route.srcCore());
        assertArrayEquals(new int[] {c0}, route.destCores());
        assertTrue(r.report().toText().contains("recurrent routes"), r.report().toText());
        // the program file keeps the source of the recurrent rows (read back: the same name)
        Path h5 = tmp.resolve("feedback.h5");
        io.engram.compiler.emit.ProgramFile.write(r.program(), h5);
        assertEquals("w2", io.engram.compiler.emit.ProgramFile.read(h5).layers().get(0).recurrentFrom());
        int hops = route.hops()[0];
        List<String> spikes = new ArrayList<>();
        try (Chip chip = new Chip(TestChips.idealRram(), 1)) {
            chip.load(r.program());
            chip.runSpiking((s, x) -> x[0] = s == 0 || s == 1 || s == 4 ? 1f : 0f, 6, 1, 20, 1, null,
                    (s, layer, sp, v) -> {
                        if (sp[0] != 0) spikes.add(s + ":" + layer);
                    });
            assertEquals(List.of("0:0", "1:0", "1:1", "2:0", "4:0", "4:1", "5:0"), spikes);
            // SPIKE packets, one spike each (32 + 16 bits = 1 flit): forward w1 -> w2 at the 5 steps if1 fires, back
            // w2 -> w1 at the 2 steps if2 fires; both over the same `hops` links
            long[] byKind = chip.noc().byKind();
            int sp = io.engram.chip.noc.PacketKind.SPIKE.ordinal() * io.engram.chip.sim.Interconnect.KIND_FIELDS;
            assertEquals(7, byKind[sp]);
            assertEquals(7L * hops, byKind[sp + 2]);
        }
    }
}
