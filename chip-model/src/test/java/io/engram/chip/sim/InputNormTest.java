package io.engram.chip.sim;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The input norm: statistics gathered in the layer's training pass equal the closed-form per-channel mean and
 * population variance, the standardised values have mean 0 and variance var / (var + eps) on the statistics set,
 * statistics freeze outside the pass, the counters follow the documented closed form, and a checkpoint keeps them.
 */
class InputNormTest {
    static final int C = 2, H = 4, W = 4, P = H * W, N = C * P, S = 20;
    static final double EPS = 1e-5;

    /** A 1x1 conv with identity weights: its output is its (standardised) input. */
    static ChipProgram identityConv(ChipSpec chip, InputNorm norm) {
        Shape s = new Shape(C, H, W);
        LayerProgram lp = new LayerProgram("c", LayerKind.CONV2D, s, s, 1, 1, 0, new NeuronModel.Rate(),
                Activation.identity(), Competition.none(), new LearningRule.None(), C, C, new float[]{1, 0, 0, 1}, null,
                1.0, List.of(new Tile(0, 0, C, 0, C)), norm);
        return new ChipProgram(chip.name(), s, List.of(lp), List.of(), new long[chip.mesh().cores()]);
    }

    /** Channel 0: 3 + 2 g (Gaussian); channel 1: -1 + 0.5 u (uniform [0, 1)). */
    static float[][] data() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] x = new float[S][N];
        for (float[] v : x) {
            for (int p = 0; p < P; p++) {
                v[p] = (float) (3 + 2 * RandomStreams.gaussian(r));
                v[P + p] = (float) (-1 + 0.5 * r.nextDouble());
            }
        }
        return x;
    }

    @Test
    void standardisesToMeanZeroVarianceOneOnTheStatisticsSet() {
        ChipSpec spec = TestPrograms.idealChip(8, 8);
        float[][] x = data();
        try (Chip chip = new Chip(spec, 1)) {
            chip.load(identityConv(spec, InputNorm.batch(EPS)));
            for (float[] v : x) chip.run(v, 0, new boolean[]{true});
            // closed form over all S x P values of each channel
            double[] mean = new double[C], var = new double[C];
            for (int c = 0; c < C; c++) {
                double s = 0, q = 0;
                for (float[] v : x) for (int p = 0; p < P; p++) s += v[c * P + p];
                mean[c] = s / (S * P);
                for (float[] v : x) for (int p = 0; p < P; p++) q += Math.pow(v[c * P + p] - mean[c], 2);
                var[c] = q / (S * P);
            }
            double[][] st = chip.normStats(0);
            assertArrayEquals(mean, st[0], 1e-9);
            assertArrayEquals(var, st[1], 1e-9);
            assertEquals(S * P, st[2][0]);

            double[] m = new double[C], v2 = new double[C];
            float[][] y = new float[S][];
            for (int i = 0; i < S; i++) y[i] = chip.run(x[i], 0, null);
            for (int c = 0; c < C; c++) {
                for (float[] o : y) for (int p = 0; p < P; p++) m[c] += o[c * P + p];
                m[c] /= S * P;
                for (float[] o : y) for (int p = 0; p < P; p++) v2[c] += Math.pow(o[c * P + p] - m[c], 2);
                v2[c] /= S * P;
                assertEquals(0, m[c], 1e-6, "mean of channel " + c);
                assertEquals(var[c] / (var[c] + EPS), v2[c], 1e-6, "variance of channel " + c);
                assertEquals(1, v2[c], EPS / var[c] + 1e-6, "variance of channel " + c + " is 1 up to eps / var");
            }
            assertEquals(S * P, chip.normStats(0)[2][0], "frozen outside the training pass");
            assertArrayEquals(mean, chip.normStats(0)[0], 0);
        }
    }

    @Test
    void countersFollowTheClosedForm() {
        ChipSpec spec = TestPrograms.idealChip(8, 8);
        float[][] x = data();
        ActionCounters[] with = new ActionCounters[2], without = new ActionCounters[2];
        for (int k = 0; k < 2; k++) {
            InputNorm norm = k == 0 ? InputNorm.batch(EPS) : InputNorm.none();
            try (Chip chip = new Chip(spec, 1)) {
                chip.load(identityConv(spec, norm));
                for (float[] v : x) chip.run(v, 0, new boolean[]{true});
                ActionCounters afterTrain = chip.totalCounts();
                for (float[] v : x) chip.run(v, 0, null);
                ActionCounters[] dst = k == 0 ? with : without;
                dst[0] = afterTrain;
                dst[1] = chip.totalCounts().minus(afterTrain);
                if (k == 1) assertNull(chip.normStats(0));
            }
        }
        // training pass: standardise (N) + accumulate (2N) + per-channel update (4C) norm ops per sample
        assertEquals((long) S * (N + 2 * N + 4 * C), with[0].get(Action.NEURON_NORM_OP));
        assertEquals((long) S * (2 * C + 5 * C), with[0].get(Action.SRAM_READ_WORD) - without[0].get(Action.SRAM_READ_WORD));
        assertEquals((long) S * 6 * C, with[0].get(Action.SRAM_WRITE_WORD) - without[0].get(Action.SRAM_WRITE_WORD));
        // inference: standardise only, mean and inverse deviation read per channel
        assertEquals((long) S * N, with[1].get(Action.NEURON_NORM_OP));
        assertEquals((long) S * 2 * C, with[1].get(Action.SRAM_READ_WORD) - without[1].get(Action.SRAM_READ_WORD));
        assertEquals(0, with[1].get(Action.SRAM_WRITE_WORD) - without[1].get(Action.SRAM_WRITE_WORD));
        for (Action a : Action.values()) {
            if (a == Action.NEURON_NORM_OP || a == Action.SRAM_READ_WORD || a == Action.SRAM_WRITE_WORD) continue;
            assertEquals(without[0].get(a), with[0].get(a), a + " unchanged by the norm");
        }
        assertEquals(0, without[0].get(Action.NEURON_NORM_OP));
    }

    @Test
    void checkpointKeepsTheStatistics() {
        ChipSpec spec = TestPrograms.idealChip(8, 8);
        float[][] x = data();
        try (Chip a = new Chip(spec, 1); Chip b = new Chip(spec, 1)) {
            a.load(identityConv(spec, InputNorm.batch(EPS)));
            for (int i = 0; i < S / 2; i++) a.run(x[i], 0, new boolean[]{true});
            ChipState mid = a.checkpoint();
            b.load(identityConv(spec, InputNorm.batch(EPS)));
            b.restore(mid);
            for (int i = S / 2; i < S; i++) {
                assertArrayEquals(a.run(x[i], 0, new boolean[]{true}), b.run(x[i], 0, new boolean[]{true}));
            }
            assertArrayEquals(a.normStats(0)[0], b.normStats(0)[0], 0);
            assertArrayEquals(a.normStats(0)[1], b.normStats(0)[1], 0);
        }
        try (Chip c = new Chip(spec, 1); Chip d = new Chip(spec, 1)) {
            c.load(identityConv(spec, InputNorm.batch(EPS)));
            d.load(identityConv(spec, InputNorm.none()));
            ChipState s = c.checkpoint();
            assertThrows(IllegalArgumentException.class, () -> d.restore(s), "norm statistics into a layer without a norm");
        }
    }

    @Test
    void normNeedsAWeightedLayer() {
        Shape s = new Shape(C, H, W);
        assertThrows(IllegalArgumentException.class, () -> new LayerProgram("p", LayerKind.MAXPOOL, s, s, 2, 2, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(), 0, 0, null,
                null, 1.0, List.of(), InputNorm.batch()));
        assertThrows(IllegalArgumentException.class, () -> InputNorm.batch(0));
    }
}
