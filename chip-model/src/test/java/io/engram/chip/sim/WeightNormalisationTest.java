package io.engram.chip.sim;

import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-neuron weight normalisation on the plasticity engines (Diehl and Cook's sum-78 rescaling). */
class WeightNormalisationTest {
    static final int IN = 70;   // 3 row tiles of 32: the column sums need the reduction
    static final int OUT = 20;  // 2 column blocks of 16

    static LayerProgram layer(ChipSpec spec, double normaliseSum, float[] w) {
        var rule = new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.01, 0.02, 20, 20, 40, 0, 1, normaliseSum);
        LayerProgram d = TestPrograms.dense(spec, "s", IN, OUT, rule, Competition.hardWta(), w, null, 1.0);
        LifParams lif = new LifParams(0.9, 5, LifParams.Reset.ZERO, 0, 1, 0, 1);
        return new LayerProgram("s", LayerKind.DENSE, Shape.flat(IN), Shape.flat(OUT), 1, 1, 0, new NeuronModel.Lif(lif),
                Activation.identity(), d.competition(), rule, IN, OUT, w, null, 1.0, d.tiles());
    }

    static double[] columnSums(float[] w) {
        double[] s = new double[OUT];
        for (int r = 0; r < IN; r++) for (int c = 0; c < OUT; c++) s[c] += w[r * OUT + c];
        return s;
    }

    static Chip chip(ChipSpec spec, LayerProgram lp) {
        Chip chip = new Chip(spec, 3);
        ChipProgram p = TestPrograms.program(spec, lp);
        chip.load(p);
        return chip;
    }

    @Test
    void idealDeviceHitsTheTargetWithClosedFormCounts() {
        ChipSpec spec = TestPrograms.idealChip(32, 32);
        float[] w = TestPrograms.randomWeights(IN * OUT, 0.3, 11, true); // column sums about 10.5, none zero
        for (double target : new double[] {8, 14}) { // every column shrinks / every column grows; no clipping at 1
            Chip chip = chip(spec, layer(spec, 0, w));
            ActionCounters before = chip.totalCounts();
            long t0 = chip.now();
            chip.normaliseColumns(0, target);
            ActionCounters after = chip.totalCounts();
            float[] held = chip.weights(0);
            double[] sums = columnSums(held);
            double[] orig = columnSums(w);
            for (int c = 0; c < OUT; c++) {
                assertEquals(target, sums[c], 1e-4 * target, "column " + c);
                // proportional: every weight scaled by the same factor
                for (int r = 0; r < IN; r += 7) {
                    assertEquals(w[r * OUT + c] * target / orig[c], held[r * OUT + c], 1e-5, "w " + r + "," + c);
                }
            }
            long n = (long) IN * OUT;
            assertEquals(2 * n, after.get(Action.PLASTICITY_WEIGHT_READBACK) - before.get(Action.PLASTICITY_WEIGHT_READBACK),
                    "two read-backs per weight (sum, rescale)");
            assertEquals(n + OUT, after.get(Action.PLASTICITY_UPDATE) - before.get(Action.PLASTICITY_UPDATE),
                    "one multiply per weight, one division per neuron");
            // ideal device: one pulse per changed weight, on the cell that carries it (RESET to shrink, SET to grow)
            Action dir = target < 10 ? Action.CROSSBAR_RESET_PULSE : Action.CROSSBAR_SET_PULSE;
            Action other = target < 10 ? Action.CROSSBAR_SET_PULSE : Action.CROSSBAR_RESET_PULSE;
            assertEquals(n, after.get(dir) - before.get(dir));
            assertEquals(0, after.get(other) - before.get(other));
            assertTrue(after.get(Action.LINK_FLIT) > before.get(Action.LINK_FLIT), "partial sums and factors cross the mesh");
            assertTrue(chip.now() > t0, "it takes chip time");
        }
    }

    @Test
    void stdpWithNormaliseSumRescalesBeforeEveryLearningSampleOnly() {
        ChipSpec spec = TestPrograms.idealChip(32, 32);
        float[] w = TestPrograms.randomWeights(IN * OUT, 0.3, 12, true);
        Chip chip = chip(spec, layer(spec, 7.8, w));
        Chip.SpikeSource silent = (step, x) -> java.util.Arrays.fill(x, 0f);
        chip.runSpiking(silent, 5, 1.0, 20, 0, new boolean[] {false});
        assertEquals(columnSums(w)[0], columnSums(chip.weights(0))[0], 1e-4, "no learning: no normalisation");
        chip.runSpiking(silent, 5, 1.0, 20, 0, new boolean[] {true});
        for (double s : columnSums(chip.weights(0))) assertEquals(7.8, s, 1e-4 * 7.8);
    }

    @Test
    void realDeviceIsWithinItsPulseQuantisation() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        ChipSpec spec = base.withCore(base.core().withCrossbar(new CrossbarSpec(32, 32, 2, 32)));
        float[] w = TestPrograms.randomWeights(IN * OUT, 0.3, 13, true);
        Chip chip = chip(spec, layer(spec, 0, w));
        chip.normaliseColumns(0, 8);
        SynapseBlock blk = chip.cores()[0].block();
        double stepW = blk.cells().model().step() / blk.gPerWeight();
        double[] sums = columnSums(chip.weights(0));
        for (int c = 0; c < OUT; c++) {
            // every weight lands within one pulse step of w * f (plus its write noise): a loose bound of IN steps
            assertEquals(8, sums[c], IN * stepW, "column " + c + " (step " + stepW + " weight units)");
        }
        ActionCounters k = chip.totalCounts();
        assertTrue(k.get(Action.CROSSBAR_RESET_PULSE) > 0, "programmed through the device model");
    }

    @Test
    void badTargetsAreRefused() {
        ChipSpec spec = TestPrograms.idealChip(32, 32);
        Chip chip = chip(spec, layer(spec, 0, TestPrograms.randomWeights(IN * OUT, 0.3, 1, true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chip.normaliseColumns(0, -1));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR,
                0.01, 0.02, 20, 20, 40, 0, 1, -78));
        assertTrue(e.getMessage().contains("normalise_sum"), e.getMessage());
    }
}
