package io.engram.chip.neuron;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hard WTA, k-WTA and softmax outputs, their action counts, and comparator-tree cycles ceil(log2 N). */
class CompetitionUnitTest {
    static final Technology TECH = ChipSpec.preset("rram-22nm").technology();

    static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = r.nextDouble() * 4 - 2;
        return u;
    }

    @Test
    void treeDepthIsCeilLog2() {
        int[] n = {1, 2, 3, 4, 5, 8, 9, 16, 17, 100, 128, 129, 2000};
        long[] depth = {0, 1, 2, 2, 3, 3, 4, 4, 5, 7, 7, 8, 11};
        for (int i = 0; i < n.length; i++) {
            assertEquals(depth[i], CompetitionUnit.treeCycles(n[i]), "N = " + n[i]);
            if (n[i] > 1) assertEquals((long) Math.ceil(Math.log(n[i]) / Math.log(2) - 1e-12), depth[i]);
        }
    }

    @Test
    void hardWtaIsOneHotAtTheArgmax() {
        CompetitionUnit unit = new CompetitionUnit(16, TECH);
        // group of 10 at offset 3 inside a longer vector; the global max (99) lies outside the group
        double[] u = new double[16];
        double[] g = random(10, 1);
        System.arraycopy(g, 0, u, 3, 10);
        u[0] = 99;
        u[7] = 3.5;  // group max at absolute index 7
        double[] y = new double[16];
        java.util.Arrays.fill(y, -1);
        ActionCounters k = new ActionCounters();
        long cyc = unit.compete(Competition.hardWta(), u, 3, 10, y, k);
        for (int i = 3; i < 13; i++) assertEquals(i == 7 ? 1.0 : 0.0, y[i], "y[" + i + "]");
        assertEquals(-1, y[0]);
        assertEquals(-1, y[13]);
        assertEquals(9, k.get(Action.COMPETITION_COMPARE));
        assertEquals(4, cyc);  // ceil(log2 10)
        assertEquals(0, k.get(Action.COMPETITION_EXP));
    }

    @Test
    void kWtaMarksTheKLargest() {
        CompetitionUnit unit = new CompetitionUnit(16, TECH);
        double[] u = {0.3, 2.0, -1.0, 1.5, 0.9, 1.9, -0.2, 0.0, 1.4, 0.1, 0.5, -3.0, 0.8};
        double[] y = new double[u.length];
        ActionCounters k = new ActionCounters();
        long cyc = unit.compete(Competition.kWta(3), u, 0, u.length, y, k);
        assertArrayEquals(new double[]{0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0}, y);
        assertEquals(3L * 12, k.get(Action.COMPETITION_COMPARE));
        assertEquals(3L * 4, cyc);  // three passes of a depth-4 tree over 13 inputs

        // the same unit again on a different group: nothing carries over from the previous call
        double[] u3 = {5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6, -7};
        double[] y3 = new double[u3.length];
        unit.compete(Competition.kWta(2), u3, 0, u3.length, y3, k);
        assertArrayEquals(new double[]{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, y3);

        // k >= N: everyone wins, N passes
        double[] y2 = new double[4];
        ActionCounters k2 = new ActionCounters();
        assertEquals(4L * 2, unit.compete(Competition.kWta(7), new double[]{1, 2, 3, 4}, 0, 4, y2, k2));
        assertArrayEquals(new double[]{1, 1, 1, 1}, y2);
        assertEquals(4L * 3, k2.get(Action.COMPETITION_COMPARE));
    }

    @Test
    void softmaxIsExpOverSum() {
        CompetitionUnit unit = new CompetitionUnit(16, TECH);
        int n = 40;
        double tau = 0.5;
        double[] u = random(n, 2);
        double[] y = new double[n];
        ActionCounters k = new ActionCounters();
        long cyc = unit.compete(Competition.softmax(tau), u, 0, n, y, k);
        double sum = 0;
        for (double v : u) sum += Math.exp(v / tau);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(u[i] / tau) / sum;
            assertEquals(e, y[i], 1e-12 * e, "y[" + i + "]");
            total += y[i];
        }
        assertEquals(1.0, total, 1e-12);
        // large values must not overflow: exp(1000 / 0.5) is infinite, the shifted form is not
        double[] big = {1000, 999};
        double[] yb = new double[2];
        unit.compete(Competition.softmax(tau), big, 0, 2, yb, new ActionCounters());
        assertArrayEquals(new double[]{1 / (1 + Math.exp(-2)), Math.exp(-2) / (1 + Math.exp(-2))}, yb, 1e-15);
        // unshifted formula on moderate values
        double[] v = {0.1, -0.4, 0.7};
        double[] yv = new double[3];
        unit.compete(Competition.softmax(2.0), v, 0, 3, yv, new ActionCounters());
        double s = Math.exp(0.05) + Math.exp(-0.2) + Math.exp(0.35);
        assertArrayEquals(new double[]{Math.exp(0.05) / s, Math.exp(-0.2) / s, Math.exp(0.35) / s}, yv, 1e-15);

        assertEquals(n - 1, k.get(Action.COMPETITION_COMPARE));
        assertEquals(n, k.get(Action.COMPETITION_EXP));
        assertEquals(n, k.get(Action.COMPETITION_NORMALIZE));
        // max tree ceil(log2 40) = 6, then ceil(40 / 16) = 3 passes of exp (1 cycle) + normalise (1 cycle)
        long expected = 6 + 3 * (TECH.cycles(Action.COMPETITION_EXP) + TECH.cycles(Action.COMPETITION_NORMALIZE));
        assertEquals(expected, cyc);
        assertEquals(12, cyc);
    }

    @Test
    void noneCopiesForFree() {
        CompetitionUnit unit = new CompetitionUnit(16, TECH);
        double[] u = random(8, 3);
        double[] y = new double[8];
        ActionCounters k = new ActionCounters();
        assertEquals(0, unit.compete(Competition.none(), u, 0, 8, y, k));
        assertArrayEquals(u, y);
        assertEquals(new ActionCounters(), k);
    }
}
