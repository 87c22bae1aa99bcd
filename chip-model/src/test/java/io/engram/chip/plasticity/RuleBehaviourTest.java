package io.engram.chip.plasticity;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.TestPrograms;
import io.engram.chip.spec.ChipSpec;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each rule is known to learn, checked on the chip with the ideal device. */
class RuleBehaviourTest {

    @Test
    void ojaConvergesToFirstPrincipalComponent() {
        int n = 8;
        SplittableRandom r = new SplittableRandom(3);
        // x = A z with a random mixing matrix: correlated zero-mean Gaussian data
        double[][] mix = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) mix[i][j] = r.nextDouble() * 2 - 1;
        for (int j = 0; j < n; j++) mix[0][j] *= 3; // a dominant direction
        int samples = 6000;
        double[][] data = new double[samples][n];
        for (int s = 0; s < samples; s++) {
            double[] z = new double[n];
            for (int j = 0; j < n; j++) z[j] = io.engram.chip.random.RandomStreams.gaussian(r);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) data[s][i] += 0.1 * mix[i][j] * z[j];
        }
        double[][] cov = new double[n][n];
        for (double[] x : data) for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cov[i][j] += x[i] * x[j] / samples;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov));
        int top = 0;
        for (int i = 1; i < n; i++) if (eig.getRealEigenvalue(i) > eig.getRealEigenvalue(top)) top = i;
        RealVector pc = eig.getEigenvector(top);

        ChipSpec chip = TestPrograms.idealChip(64, 64);
        float[] w0 = TestPrograms.randomWeights(n, 0.3, 5, false);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "oja", n, 1, new LearningRule.Oja(0.05),
                Competition.none(), w0, null, 2.0)));
        float[] x = new float[n];
        for (double[] s : data) {
            for (int i = 0; i < n; i++) x[i] = (float) s[i];
            c.run(x, 0, new boolean[]{true});
        }
        float[] w = c.weights(0);
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            dot += w[i] * pc.getEntry(i);
            norm += w[i] * w[i];
        }
        double cosine = Math.abs(dot) / Math.sqrt(norm);
        assertTrue(cosine > 0.99, "cosine with the first principal component = " + cosine);
        assertEquals(1.0, Math.sqrt(norm), 0.05, "Oja converges to a unit vector");
    }

    @Test
    void hardWtaPutsOneNeuronOnEachClusterCentre() {
        int n = 6;
        int k = 4;
        double[][] centres = new double[k][n];
        for (int j = 0; j < k; j++) centres[j][j] = 1.0; // orthogonal, well separated
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        // every neuron starts near the middle of the data so that each can win a cluster
        float[] w0 = new float[n * k];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < n; i++) for (int q = 0; q < k; q++) w0[i * k + q] = (float) (0.25 + 0.05 * (r.nextDouble() - 0.5));
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "wta", n, k,
                new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR), Competition.hardWta(), w0, null, 2.0)));
        float[] x = new float[n];
        for (int s = 0; s < 4000; s++) {
            int j = s % k;
            for (int i = 0; i < n; i++) x[i] = (float) (centres[j][i] + 0.05 * (r.nextDouble() - 0.5));
            c.run(x, 0, new boolean[]{true});
        }
        float[] w = c.weights(0);
        boolean[] taken = new boolean[k];
        for (int q = 0; q < k; q++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (int i = 0; i < n; i++) d += Math.pow(w[i * k + q] - centres[j][i], 2);
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertTrue(Math.sqrt(bestD) < 0.1, "neuron " + q + " is " + Math.sqrt(bestD) + " from the nearest centre");
            assertTrue(!taken[best], "two neurons on centre " + best);
            taken[best] = true;
        }
    }

    @Test
    void softHebbNormsMoveTowardOne() {
        int n = 16;
        int k = 8;
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        float[] w0 = TestPrograms.randomWeights(n * k, 1.5, 9, true); // norms about 3.5
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "sh", n, k,
                new LearningRule.SoftHebb(0.02, 0.5, 0, 0, UpdateScaling.NONE), Competition.softmax(0.5), w0, null, 4.0)));
        double before = meanNormError(c.weights(0), n, k);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[n];
        for (int s = 0; s < 3000; s++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextDouble();
                norm += x[i] * x[i];
            }
            for (int i = 0; i < n; i++) x[i] /= (float) Math.sqrt(norm);
            c.run(x, 0, new boolean[]{true});
        }
        double after = meanNormError(c.weights(0), n, k);
        assertTrue(before > 1.5, "initial mean |norm-1| " + before);
        assertTrue(after < 0.1 * before, "mean |norm-1| " + before + " -> " + after);
    }

    private static double meanNormError(float[] w, int n, int k) {
        double sum = 0;
        for (int q = 0; q < k; q++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += w[i * k + q] * w[i * k + q];
            sum += Math.abs(Math.sqrt(s) - 1);
        }
        return sum / k;
    }

    @Test
    void antiHebbianLosersMoveAwayFromTheInputAndTheWinnerToward() {
        int n = 10;
        int k = 5;
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        float[] w0 = TestPrograms.randomWeights(n * k, 0.5, 4, false);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "ah", n, k,
                new LearningRule.SoftAntiHebb(0.05, 1.0, 0, UpdateScaling.NONE), Competition.softmax(1.0), w0, null, 4.0)));
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = 0.3f * ((i % 3) - 1) + 0.1f;
        double[] u = new double[k];
        for (int q = 0; q < k; q++) for (int i = 0; i < n; i++) u[q] += w0[i * k + q] * x[i];
        int win = 0;
        for (int q = 1; q < k; q++) if (u[q] > u[win]) win = q;
        c.run(x, 0, new boolean[]{true});
        float[] w = c.weights(0);
        for (int q = 0; q < k; q++) {
            double d0 = 0;
            double d1 = 0;
            for (int i = 0; i < n; i++) {
                d0 += Math.pow(w0[i * k + q] - x[i], 2);
                d1 += Math.pow(w[i * k + q] - x[i], 2);
            }
            if (q == win) assertTrue(d1 < d0, "winner moved away: " + d0 + " -> " + d1);
            else assertTrue(d1 > d0, "loser " + q + " moved toward the input: " + d0 + " -> " + d1);
        }
    }

    @Test
    void stdpPairPotentiatesPreBeforePostAndDepressesPostBeforePre() {
        double dt = 1.0;
        var stdp = new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.01, 0.02, 20, 20, 40, 0, 1);
        // input 0 drives the neuron over threshold on its own; input 1 is the synapse under test
        float[] w0 = {1.0f, 0.3f};
        double before = w0[1];
        int gap = 3;
        double wPrePost = runPair(stdp, w0, new int[]{0}, new int[]{gap}, dt, gap + 2)[1];
        assertEquals(before + 0.02 * Math.exp(-gap * dt / 20), wPrePost, 1e-6, "pre-before-post potentiates");
        double wPostPre = runPair(stdp, w0, new int[]{gap}, new int[]{0}, dt, gap + 2)[1];
        assertEquals(before - 0.01 * Math.exp(-gap * dt / 20), wPostPre, 1e-6, "post-before-pre depresses");
    }

    @Test
    void tripletStdpUsesTheSecondPostTraceBeforeThePostSpike() {
        double dt = 1.0;
        var triplet = new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 0.01, 0.02, 20, 20, 40, 0, 1);
        float[] w0 = {1.0f, 0.3f};
        // post at step 0 (driven by input 0), pre (input 1) at step 1, post again at step 3
        float[] w = runPair(triplet, w0, new int[]{1}, new int[]{0, 3}, dt, 5, 2);
        double expected = 0.3 - 0.01 * Math.exp(-1 * dt / 20)            // pre at 1: post1 trace of the spike at 0
                + 0.02 * Math.exp(-2 * dt / 20) * Math.exp(-3 * dt / 40); // post at 3: pre trace x post2 before
        assertEquals(expected, w[1], 1e-6);
    }

    @Test
    void spikingSoftWtaFiresNeuronsWithSoftmaxProbabilities() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        // threshold 0: some neuron is over threshold at every step, so the unit samples one winner per step
        LifParams lif = new LifParams(0.0, 0.0, LifParams.Reset.ZERO, 0, 0, 0, 1);
        float[] w = {0.1f, 0.3f, 0.6f};
        double temperature = 0.2;
        LayerProgram lp = new LayerProgram("swta", LayerKind.DENSE, Shape.flat(1), Shape.flat(3), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), Competition.softmax(temperature),
                new LearningRule.None(), 1, 3, w, null, 1.0, List.of(new Tile(0, 0, 1, 0, 3)));
        Chip c = new Chip(chip, 5);
        c.load(TestPrograms.program(chip, lp));
        int steps = 20000;
        int[] counts = c.runSpiking((step, x) -> x[0] = 1, steps, 1.0, 20, 0, null);
        double z = 0;
        for (float v : w) z += Math.exp(v / temperature);
        int total = counts[0] + counts[1] + counts[2];
        assertEquals(steps, total, "exactly one neuron fires per step");
        for (int k = 0; k < 3; k++) {
            double p = Math.exp(w[k] / temperature) / z;
            double sigma = Math.sqrt(steps * p * (1 - p));
            assertEquals(steps * p, counts[k], 4 * sigma, "neuron " + k);
        }
    }

    /** Input 1 spikes at steps pre1, input 0 (forcing a post spike) at steps post0. Returns final weights. */
    private static float[] runPair(LearningRule rule, float[] w0, int[] pre1, int[] post0, double dt, int steps) {
        return runPair(rule, w0, pre1, post0, dt, steps, 1);
    }

    private static float[] runPair(LearningRule rule, float[] w0, int[] pre1, int[] post0, double dt, int steps,
                                   int postSpikes) {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        LifParams lif = new LifParams(0.5, 0.8, LifParams.Reset.ZERO, 0, 0, 0, 1);
        LayerProgram lp = new LayerProgram("stdp", LayerKind.DENSE, Shape.flat(2), Shape.flat(1), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), Competition.none(), rule, 2, 1, w0.clone(), null, 1.0,
                List.of(new Tile(0, 0, 2, 0, 1)));
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, lp));
        int[] spikes = c.runSpiking((step, x) -> {
            x[0] = 0;
            x[1] = 0;
            for (int s : pre1) if (s == step) x[1] = 1;
            for (int s : post0) if (s == step) x[0] = 1;
        }, steps, dt, 20, 0, new boolean[]{true});
        assertEquals(postSpikes, spikes[0], "post spikes");
        return c.weights(0);
    }
}
