package io.engram.chip.neuron;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rate activations against their formulas and LIF dynamics against hand-computed traces, with counts and cycles. */
class NeuronUnitTest {
    static final Technology TECH = ChipSpec.preset("rram-22nm").technology();
    static final double EPS = 1e-12;

    // ---- rate neurons

    @Test
    void reluClampIdentityFormulasCountsAndCycles() {
        NeuronUnit unit = new NeuronUnit(16, TECH);
        double[] u = new double[20];
        for (int i = 0; i < u.length; i++) u[i] = (i - 9.5) * 0.3;  // -2.85 ... 2.85
        double[] out = new double[20];
        ActionCounters k = new ActionCounters();

        long cyc = unit.activate(Activation.relu(), u, 0, 20, out, k);
        for (int i = 0; i < 20; i++) assertEquals(Math.max(0, u[i]), out[i], 0, "relu " + i);
        // 20 neurons on 16 lanes: 2 passes of rate_update (1 cycle in rram-22nm)
        assertEquals(2 * TECH.cycles(Action.NEURON_RATE_UPDATE), cyc);
        assertEquals(2, cyc);
        assertEquals(20, k.get(Action.NEURON_RATE_UPDATE));

        unit.activate(Activation.clamp(-1, 0.5), u, 0, 20, out, k);
        for (int i = 0; i < 20; i++) assertEquals(Math.min(0.5, Math.max(-1, u[i])), out[i], 0, "clamp " + i);
        assertEquals(-1, out[0]);
        assertEquals(0.5, out[19]);
        assertEquals(-0.15, out[9], EPS);

        unit.activate(Activation.identity(), u, 0, 20, out, k);
        assertArrayEquals(u, out);
        assertEquals(60, k.get(Action.NEURON_RATE_UPDATE));

        // 4 lanes: ceil(20 / 4) = 5 passes
        assertEquals(5, new NeuronUnit(4, TECH).activate(Activation.relu(), u, 0, 20, out, new ActionCounters()));
    }

    @Test
    void triangleSubtractsTheGroupMeanOnlyInsideTheGroup() {
        NeuronUnit unit = new NeuronUnit(16, TECH);
        // group at [2, 6): 1, 2, 3, 6, mean 3; the values around it must not enter the mean nor change
        double[] u = {100, -100, 1, 2, 3, 6, 50};
        double[] out = {7, 7, 7, 7, 7, 7, 7};
        ActionCounters k = new ActionCounters();
        unit.activate(Activation.triangle(1), u, 2, 4, out, k);
        assertArrayEquals(new double[]{7, 7, 0, 0, 0, 3, 7}, out, EPS);
        unit.activate(Activation.triangle(2), u, 2, 4, out, k);
        assertArrayEquals(new double[]{7, 7, 0, 0, 0, 9, 7}, out, EPS);
        // mean 2.5 of {1, 2, 3, 4}: (0.5)^1.5 and (1.5)^1.5
        double[] v = {1, 2, 3, 4};
        double[] o = new double[4];
        unit.activate(Activation.triangle(1.5), v, 0, 4, o, k);
        assertArrayEquals(new double[]{0, 0, Math.pow(0.5, 1.5), Math.pow(1.5, 1.5)}, o, EPS);
        assertEquals(12, k.get(Action.NEURON_RATE_UPDATE));
    }

    // ---- LIF

    /** Runs one neuron for the given inputs; returns {v after each step, spike (0/1) of each step}. */
    static double[][] trace(LifParams p, double[] inputs, boolean adapt, double[] thetaOut, ActionCounters k) {
        NeuronUnit unit = new NeuronUnit(16, TECH);
        double[] v = new double[1];
        double[] theta = p.thetaPlus() == 0 ? null : new double[1];
        int[] ref = new int[1];
        byte[] spikes = new byte[1];
        double[][] out = new double[3][inputs.length];
        for (int t = 0; t < inputs.length; t++) {
            long cyc = unit.lifStep(p, v, theta, ref, new double[]{inputs[t]}, spikes, 1, adapt, k);
            assertEquals(1, cyc, "one neuron, one lane, 1-cycle update");
            out[0][t] = v[0];
            out[1][t] = spikes[0];
            out[2][t] = theta == null ? 0 : theta[0];
        }
        if (thetaOut != null && theta != null) thetaOut[0] = theta[0];
        return out;
    }

    @Test
    void lifLeakThresholdResetToZeroAndRefractory() {
        LifParams p = new LifParams(0.5, 1.0, LifParams.Reset.ZERO, 0.0, 1, 0, 1);
        double[] in = {0.6, 0.6, 0.6, 0.6, 1.2, 0.3, 0.3, 0.3, 0.3, 0.8};
        ActionCounters k = new ActionCounters();
        double[][] tr = trace(p, in, true, null, k);
        // t1 0.6; t2 0.3+0.6; t3 0.45+0.6=1.05 spikes -> 0; t4 refractory (input ignored, v decays);
        // t5 1.2 spikes -> 0; t6 refractory; t7 0.3; t8 0.45; t9 0.525; t10 0.2625+0.8 = 1.0625 spikes -> 0
        assertArrayEquals(new double[]{0.6, 0.9, 0, 0, 0, 0, 0.3, 0.45, 0.525, 0}, tr[0], EPS);
        assertArrayEquals(new double[]{0, 0, 1, 0, 1, 0, 0, 0, 0, 1}, tr[1], 0);
        // active = had input and was not refractory, or spiked: all but t4 and t6
        assertEquals(8, k.get(Action.NEURON_LIF_ACTIVE));
        assertEquals(2, k.get(Action.NEURON_LIF_IDLE));
    }

    @Test
    void lifPureLeakAndIdleCounts() {
        LifParams p = new LifParams(0.9, 1.0, LifParams.Reset.ZERO, 0.0, 0, 0, 1);
        double[] in = new double[10];
        in[0] = 0.5;
        ActionCounters k = new ActionCounters();
        double[][] tr = trace(p, in, true, null, k);
        for (int t = 0; t < 10; t++) {
            assertEquals(0.5 * Math.pow(0.9, t), tr[0][t], EPS, "step " + t);
            assertEquals(0, tr[1][t]);
        }
        assertEquals(1, k.get(Action.NEURON_LIF_ACTIVE));
        assertEquals(9, k.get(Action.NEURON_LIF_IDLE));
    }

    @Test
    void lifResetValueIsUsedOnZeroReset() {
        LifParams p = new LifParams(1.0, 1.0, LifParams.Reset.ZERO, -0.25, 0, 0, 1);
        double[][] tr = trace(p, new double[]{1.5, 0.5, 0.5}, true, null, new ActionCounters());
        assertArrayEquals(new double[]{-0.25, 0.25, 0.75}, tr[0], EPS);
        assertArrayEquals(new double[]{1, 0, 0}, tr[1], 0);
    }

    @Test
    void lifResetBySubtractionKeepsTheExcess() {
        LifParams p = new LifParams(1.0, 1.0, LifParams.Reset.SUBTRACT, 0.0, 0, 0, 1);
        double[] in = new double[10];
        java.util.Arrays.fill(in, 0.75);
        double[][] tr = trace(p, in, true, null, new ActionCounters());
        // integrate-and-fire at 0.75 per step (exact in binary): 0.75, 1.5-1=0.5, 1.25-1=0.25, 1.0-1=0, 0.75, ...
        assertArrayEquals(new double[]{0.75, 0.5, 0.25, 0, 0.75, 0.5, 0.25, 0, 0.75, 0.5}, tr[0], EPS);
        assertArrayEquals(new double[]{0, 1, 1, 1, 0, 1, 1, 1, 0, 1}, tr[1], 0);
        // subtraction uses the adaptive threshold too: threshold 1 + theta
        LifParams q = new LifParams(1.0, 1.0, LifParams.Reset.SUBTRACT, 0.0, 0, 0.5, 1.0);
        double[][] tq = trace(q, new double[]{2.0, 0.0, 1.0}, true, null, new ActionCounters());
        // t1: v=2 >= 1 spike, v=1, theta 0.5; t2: v=1 < 1.5; t3: v=2 >= 1.5 spike, v=0.5, theta 1.0
        assertArrayEquals(new double[]{1.0, 1.0, 0.5}, tq[0], EPS);
        assertArrayEquals(new double[]{1, 0, 1}, tq[1], 0);
        assertArrayEquals(new double[]{0.5, 0.5, 1.0}, tq[2], EPS);
    }

    @Test
    void lifAdaptiveThresholdRisesPerSpikeAndDecays() {
        // theta += 0.5 per spike, then theta *= 0.5 every step; constant input 1, no leak, reset to zero
        LifParams p = new LifParams(1.0, 1.0, LifParams.Reset.ZERO, 0.0, 0, 0.5, 0.5);
        double[] in = new double[10];
        java.util.Arrays.fill(in, 1.0);
        double[] theta = new double[1];
        double[][] tr = trace(p, in, true, theta, new ActionCounters());
        // t1: v=1 >= 1 spike, theta 0.5 -> 0.25; t2: v=1 < 1.25, theta 0.125; t3: v=2 >= 1.125 spike, theta
        // (0.125+0.5)/2 = 0.3125; t4: 1 < 1.3125, 0.15625; t5: 2 spike, 0.328125; t6: 0.1640625; t7: spike 0.33203125;
        // t8: 0.166015625; t9: spike, 0.3330078125; t10: 0.16650390625
        assertArrayEquals(new double[]{1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, tr[1], 0);
        assertArrayEquals(new double[]{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, tr[0], EPS);
        assertArrayEquals(new double[]{0.25, 0.125, 0.3125, 0.15625, 0.328125, 0.1640625, 0.33203125, 0.166015625,
                0.3330078125, 0.16650390625}, tr[2], EPS);
        assertEquals(0.16650390625, theta[0], EPS);

        // frozen (evaluation): theta stays 0 and the neuron fires every step
        double[][] frozen = trace(p, in, false, null, new ActionCounters());
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, frozen[1], 0);
        assertArrayEquals(new double[10], frozen[2], 0);
    }

    @Test
    void lifCyclesArePassesOverTheLanes() {
        NeuronUnit unit = new NeuronUnit(16, TECH);
        int n = 40;
        LifParams p = new LifParams(0.9, 1.0, LifParams.Reset.ZERO, 0, 0, 0, 1);
        double[] input = new double[n];
        for (int i = 0; i < n; i += 4) input[i] = 2.0;  // 10 neurons spike
        ActionCounters k = new ActionCounters();
        byte[] spikes = new byte[n];
        long cyc = unit.lifStep(p, new double[n], null, new int[n], input, spikes, n, true, k);
        assertEquals(3 * Math.max(TECH.cycles(Action.NEURON_LIF_ACTIVE), TECH.cycles(Action.NEURON_LIF_IDLE)), cyc);
        assertEquals(10, k.get(Action.NEURON_LIF_ACTIVE));
        assertEquals(30, k.get(Action.NEURON_LIF_IDLE));
        int fired = 0;
        for (byte s : spikes) fired += s;
        assertEquals(10, fired);
    }
}
