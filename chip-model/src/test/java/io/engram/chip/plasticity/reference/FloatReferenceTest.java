package io.engram.chip.plasticity.reference;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The yardstick itself, checked against the published update equations worked by hand on 1 or 2 neurons
 * (W[k][i]: neuron k, input i; u = W x + b). The chip is tested against this class, so it must be right on its own.
 */
class FloatReferenceTest {
    private static final double EPS = 1e-12;
    /** softmax of (1, 0) at temperature 1: e / (e + 1) and 1 / (e + 1). */
    private static final double Y0 = Math.E / (Math.E + 1);
    private static final double Y1 = 1 / (Math.E + 1);

    private static FloatReference ref(LearningRule r, Competition c, double[][] w) {
        return new FloatReference(r, c, w, null);
    }

    @Test
    void preActivationIsWxPlusB() {
        // u0 = 1*2 + 2*3 + 0.5 = 8.5; u1 = -1*2 + 0*3 - 1 = -3
        FloatReference f = new FloatReference(new LearningRule.Hebb(0, 0), Competition.none(),
                new double[][]{{1, 2}, {-1, 0}}, new double[]{0.5, -1});
        assertArrayEquals(new double[]{8.5, -3}, f.preActivation(new double[]{2, 3}), EPS);
    }

    @Test
    void hebbWithDecay() {
        // eta 0.5, decay 0.1, W = [[1, 0], [0, 2]], x = (1, 2): u = y = (1, 4)
        // dW0 = 0.5 (x * 1 - 0.1 (1, 0)) = (0.45, 1.0); dW1 = 0.5 (x * 4 - 0.1 (0, 2)) = (2.0, 3.9)
        FloatReference f = ref(new LearningRule.Hebb(0.5, 0.1), Competition.none(), new double[][]{{1, 0}, {0, 2}});
        f.step(new double[]{1, 2});
        assertArrayEquals(new double[]{1.45, 1.0}, f.weights()[0], EPS);
        assertArrayEquals(new double[]{2.0, 5.9}, f.weights()[1], EPS);
    }

    @Test
    void ojaNormalisesTowardsTheInput() {
        // eta 0.1, W = [[0.5, 0.5]], x = (1, 1): u = 1, dW = 0.1 * 1 * (x - 1 * w) = (0.05, 0.05)
        FloatReference f = ref(new LearningRule.Oja(0.1), Competition.none(), new double[][]{{0.5, 0.5}});
        f.step(new double[]{1, 1});
        assertArrayEquals(new double[]{0.55, 0.55}, f.weights()[0], EPS);
    }

    @Test
    void hardWtaMovesTheWinnerOnly() {
        // instar, eta 0.5, W = I, x = (0.2, 0.8): u = (0.2, 0.8), neuron 1 wins; dW1 = 0.5 (x - w1) = (0.1, -0.1)
        FloatReference f = ref(new LearningRule.HardWta(0.5, LearningRule.HardWta.Variant.INSTAR), Competition.hardWta(),
                new double[][]{{1, 0}, {0, 1}});
        f.step(new double[]{0.2, 0.8});
        assertArrayEquals(new double[]{1, 0}, f.weights()[0], EPS);
        assertArrayEquals(new double[]{0.1, 0.9}, f.weights()[1], EPS);
        // the other variant scales the decay by u: dW1 = 0.5 (x - 0.8 w1) = 0.5 (0.2, 0.8 - 0.8) = (0.1, 0)
        FloatReference g = ref(new LearningRule.HardWta(0.5, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE),
                Competition.hardWta(), new double[][]{{1, 0}, {0, 1}});
        g.step(new double[]{0.2, 0.8});
        assertArrayEquals(new double[]{0.1, 1.0}, g.weights()[1], EPS);
    }

    @Test
    void softHebbWithSoftmaxAndEachScaling() {
        // W = I, x = (1, 0): u = (1, 0), y = softmax(u / 1) = (Y0, Y1)
        // dW0 = Y0 (x - 1 * w0) = (0, 0); dW1 = Y1 (x - 0 * w1) = (Y1, 0)
        double[][] w = {{1, 0}, {0, 1}};
        FloatReference none = ref(new LearningRule.SoftHebb(0.1, 1, 0, 0, UpdateScaling.NONE), Competition.softmax(1), w);
        none.step(new double[]{1, 0});
        assertArrayEquals(new double[]{1, 0}, none.weights()[0], EPS);
        assertArrayEquals(new double[]{0.1 * Y1, 1}, none.weights()[1], EPS);
        // per neuron: dW1 / max|dW1| = (1, 0), times eta 0.1; neuron 0's update is 0 and stays 0
        FloatReference per = ref(new LearningRule.SoftHebb(0.1, 1, 0, 0, UpdateScaling.PER_NEURON), Competition.softmax(1), w);
        per.step(new double[]{1, 0});
        assertArrayEquals(new double[]{1, 0}, per.weights()[0], EPS);
        assertArrayEquals(new double[]{0.1, 1}, per.weights()[1], EPS);
        // temperature 0.5: y = softmax(2, 0) = (e^2 / (e^2 + 1), 1 / (e^2 + 1))
        FloatReference hot = ref(new LearningRule.SoftHebb(0.1, 1, 0, 0, UpdateScaling.NONE), Competition.softmax(0.5), w);
        hot.step(new double[]{1, 0});
        assertEquals(0.1 / (Math.exp(2) + 1), hot.weights()[1][0], EPS);
    }

    @Test
    void perNeuronAndLayerScalingDiffer() {
        // no competition (y = u), W = [[1, 0], [0, 2]], x = (1, 1): u = (1, 2)
        // dW0 = 1 ((1, 1) - 1 (1, 0)) = (0, 1); dW1 = 2 ((1, 1) - 2 (0, 2)) = (2, -6)
        // per neuron (eta 0.1): W0 += 0.1 (0, 1) / 1; W1 += 0.1 (2, -6) / 6
        // layer: both divided by the layer's largest |dw| = 6
        double[][] w = {{1, 0}, {0, 2}};
        FloatReference per = ref(new LearningRule.SoftHebb(0.1, 1, 0, 0, UpdateScaling.PER_NEURON), Competition.none(), w);
        per.step(new double[]{1, 1});
        assertArrayEquals(new double[]{1, 0.1}, per.weights()[0], EPS);
        assertArrayEquals(new double[]{0.2 / 6, 1.9}, per.weights()[1], EPS);
        FloatReference layer = ref(new LearningRule.SoftHebb(0.1, 1, 0, 0, UpdateScaling.LAYER), Competition.none(), w);
        layer.step(new double[]{1, 1});
        assertArrayEquals(new double[]{1, 0.1 / 6}, layer.weights()[0], EPS);
        assertArrayEquals(new double[]{0.2 / 6, 1.9}, layer.weights()[1], EPS);
    }

    @Test
    void adaptiveRateGrowsWithTheWeightNormsDistanceFromOne() {
        // one neuron, W = [[3, 4]] (norm 5), no competition, x = (1, 0): u = y = 3
        // dW = 3 ((1, 0) - 3 (3, 4)) = (-24, -36); eta = 0.1 * |5 - 1|^1 = 0.4 -> W += (-9.6, -14.4)
        FloatReference f = ref(new LearningRule.SoftHebb(0.1, 1, 0, 1, UpdateScaling.NONE), Competition.none(),
                new double[][]{{3, 4}});
        f.step(new double[]{1, 0});
        assertArrayEquals(new double[]{3 - 9.6, 4 - 14.4}, f.weights()[0], 1e-8);
    }

    @Test
    void softHebbBiasFollowsTheSoftmax() {
        // bias eta 0.5, tau 1, b = 0: b_k += 0.5 (y_k e^0 - 1): b0 = 0.5 (Y0 - 1), b1 = 0.5 (Y1 - 1)
        FloatReference f = ref(new LearningRule.SoftHebb(0.1, 1, 0.5, 0, UpdateScaling.NONE), Competition.softmax(1),
                new double[][]{{1, 0}, {0, 1}});
        f.step(new double[]{1, 0});
        assertArrayEquals(new double[]{0.5 * (Y0 - 1), 0.5 * (Y1 - 1)}, f.bias(), EPS);
    }

    @Test
    void softAntiHebbPushesTheLosersAway() {
        // as the SoftHebb case, but the losers' y is negated: dW1 = -Y1 (x - 0) = (-Y1, 0), eta 0.1, no adaptive power
        FloatReference f = ref(new LearningRule.SoftAntiHebb(0.1, 1, 0, UpdateScaling.NONE), Competition.softmax(1),
                new double[][]{{1, 0}, {0, 1}});
        f.step(new double[]{1, 0});
        assertArrayEquals(new double[]{1, 0}, f.weights()[0], EPS);
        assertArrayEquals(new double[]{-0.1 * Y1, 1}, f.weights()[1], EPS);
    }

    @Test
    void aMiniBatchSumsUpdatesAtFixedWeights() {
        // Hebb eta 0.5, no decay, W = [[1]], x = 1: dw = 0.5 u x = 0.5 at w = 1.
        // Batch of 2: w = 1 + 0.5 + 0.5 = 2. Two online steps: 1 -> 1.5 -> 1.5 + 0.5 * 1.5 = 2.25
        FloatReference batch = ref(new LearningRule.Hebb(0.5, 0), Competition.none(), new double[][]{{1}});
        batch.accumulate(new double[]{1});
        assertEquals(1.0, batch.weights()[0][0], "weights stay fixed inside a batch");
        batch.accumulate(new double[]{1});
        batch.applyBatch();
        assertEquals(2.0, batch.weights()[0][0], EPS);
        batch.applyBatch(); // an empty batch changes nothing
        assertEquals(2.0, batch.weights()[0][0], EPS);
        FloatReference online = ref(new LearningRule.Hebb(0.5, 0), Competition.none(), new double[][]{{1}});
        online.step(new double[]{1});
        online.step(new double[]{1});
        assertEquals(2.25, online.weights()[0][0], EPS);
    }

    @Test
    void rulesWithoutAReferenceAreRefused() {
        FloatReference f = ref(new LearningRule.None(), Competition.none(), new double[][]{{1}});
        assertThrows(IllegalArgumentException.class, () -> f.step(new double[]{1}));
    }

    @Test
    void theInitialWeightsAreCopied() {
        double[][] w = {{1, 2}};
        double[] b = {3};
        FloatReference f = new FloatReference(new LearningRule.Hebb(0.5, 0), Competition.none(), w, b);
        w[0][0] = 9;
        b[0] = 9;
        assertArrayEquals(new double[]{1, 2}, f.weights()[0]);
        assertArrayEquals(new double[]{3}, f.bias());
    }
}
