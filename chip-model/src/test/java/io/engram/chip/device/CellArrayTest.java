package io.engram.chip.device;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.DeviceKind;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.EndurancePolicy;
import io.engram.chip.stats.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellArrayTest {
    static final double G_MIN = 1.0;
    static final double G_MAX = 10.0;
    static final double RANGE = G_MAX - G_MIN;
    static final String PATH = "core[0].xbar[0]";

    static DeviceSpec linear(int levels) {
        return new DeviceSpec(DeviceKind.LINEAR_STEP, levels, G_MIN, G_MAX, 1, 1, 0, 0, 0, 0, 0,
                Long.MAX_VALUE, EndurancePolicy.COUNT_ONLY);
    }

    static CellArray array(DeviceSpec s, int rows, int cols, long seed) {
        return new CellArray(s, rows, cols, new RandomStreams(seed), PATH);
    }

    /** A fixed pseudo-random programming workload: initial values, then mixed pulse trains. */
    static void workload(CellArray a, long seed, int ops) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < ops; i++) {
            int cell = r.nextInt(a.cells());
            if (r.nextInt(8) == 0) a.setConductance(cell, G_MIN + r.nextDouble() * RANGE);
            else a.program(cell, r.nextInt(-6, 7));
        }
    }

    @Test
    void freshArrayIsErasedAndUnwritten() {
        CellArray a = array(linear(32), 4, 8, 1);
        assertEquals(32, a.cells());
        assertEquals(4, a.rows());
        assertEquals(8, a.cols());
        assertEquals(2 * 8 + 5, a.index(2, 5));
        for (float g : a.conductances()) assertEquals((float) G_MIN, g);
        assertEquals(0, a.cellsWritten());
        assertEquals(0, a.maxWrites());
        assertEquals(0, a.stuckCells());
        assertEquals(1.0, a.d2dFactor(3));
        // conductance, write count and state only: no d2d array without variation.
        assertEquals(32L * (4 + 4 + 1), a.memoryBytes());
    }

    @Test
    void programmingMovesByStepsAndCountsPulses() {
        CellArray a = array(linear(10), 2, 2, 1);
        double step = RANGE / 9;
        assertEquals(3, a.program(0, 3));
        assertEquals(G_MIN + 3 * step, a.conductance(0), 1e-6);
        assertEquals(-2, a.program(0, -2));
        assertEquals(G_MIN + step, a.conductance(0), 1e-6);
        assertEquals(5, a.writeCount(0));
        assertEquals(0, a.program(1, 0));
        assertEquals(0, a.writeCount(1));
        a.setConductance(2, 4.5);
        assertEquals(4.5, a.conductance(2), 1e-6);
        assertEquals(0, a.writeCount(2));
        a.setConductance(3, 99);
        assertEquals(G_MAX, a.conductance(3), 1e-6);
        assertEquals(2.0, a.pulsesFor(2, 2 * step), 1e-5);
        assertEquals(1, a.cellsWritten());
        assertEquals(5, a.maxWrites());
        assertThrows(IllegalArgumentException.class, () -> a.setConductance(0, Double.NaN));
        assertThrows(IllegalStateException.class, () -> a.applyExact(0, 1.0));
    }

    @Test
    void idealExactWritesCountOnce() {
        CellArray a = array(DeviceSpec.ideal(), 1, 3, 1);
        a.applyExact(0, 2.25);
        a.applyExact(0, -0.5);
        assertEquals(G_MIN + 1.75, a.conductance(0), 1e-6);
        a.applyExact(1, 100);
        assertEquals(G_MAX, a.conductance(1), 1e-6);
        assertEquals(2, a.writeCount(0));
        assertEquals(1, a.writeCount(1));
    }

    @Test
    void writeNoiseStatisticsMatchTheFormula() {
        double wn = 0.01;
        int levels = 32;
        DeviceSpec s = linear(levels).withNoise(wn, 0, 0);
        CellArray a = array(s, 100, 200, 3);
        double g0 = 5.0;
        for (int c = 0; c < a.cells(); c++) a.setConductance(c, g0);
        for (int c = 0; c < a.cells(); c++) a.program(c, 1);
        double sum = 0;
        double sumSq = 0;
        for (float g : a.conductances()) {
            double d = g - (double) (float) g0;
            sum += d;
            sumSq += d * d;
        }
        int n = a.cells();
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        double step = RANGE / (levels - 1);
        double sigma = wn * RANGE;
        assertEquals(step, mean, 0.03 * step);
        assertEquals(sigma, std, 0.03 * sigma);
    }

    @Test
    void d2dFactorsHaveTheSpecifiedSpreadAndScaleTheStep() {
        double d2d = 0.1;
        DeviceSpec s = linear(32).withNoise(0, d2d, 0);
        CellArray a = array(s, 256, 256, 5);
        int n = a.cells();
        double sum = 0;
        double sumSq = 0;
        for (int c = 0; c < n; c++) {
            double f = a.d2dFactor(c);
            assertTrue(f >= 0);
            sum += f;
            sumSq += f * f;
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(1.0, mean, 5 * d2d / Math.sqrt(n));
        assertEquals(d2d, std, 0.03 * d2d);
        // conductance, d2d factor, write count (4 bytes each) and state (1 byte).
        assertEquals(13L * n, a.memoryBytes());
        double step = RANGE / 31;
        a.program(7, 4);
        assertEquals(G_MIN + 4 * step * a.d2dFactor(7), a.conductance(7), 1e-5);
        // Large variation: the factor is cut at zero, never negative.
        CellArray wide = array(linear(32).withNoise(0, 2.0, 0), 64, 64, 5);
        long zeros = 0;
        for (int c = 0; c < wide.cells(); c++) {
            assertTrue(wide.d2dFactor(c) >= 0);
            if (wide.d2dFactor(c) == 0) zeros++;
        }
        assertTrue(zeros > 0);
        // Exact devices have no step to vary.
        CellArray exact = array(DeviceSpec.ideal().withNoise(0, 0.2, 0), 4, 4, 1);
        assertEquals(1.0, exact.d2dFactor(0));
        assertEquals(16L * 9, exact.memoryBytes());
    }

    @Test
    void stuckAtRatesMatchWithinBinomialToleranceAndStuckCellsNeverMove() {
        double low = 0.05;
        double high = 0.02;
        DeviceSpec s = linear(32).withFaults(low, high, Long.MAX_VALUE, EndurancePolicy.COUNT_ONLY);
        CellArray a = array(s, 256, 256, 9);
        int n = a.cells();
        long nLow = 0;
        long nHigh = 0;
        for (int c = 0; c < n; c++) {
            CellState st = a.state(c);
            if (st == CellState.STUCK_LOW) {
                nLow++;
                assertEquals((float) G_MIN, a.conductances()[c]);
            } else if (st == CellState.STUCK_HIGH) {
                nHigh++;
                assertEquals((float) G_MAX, a.conductances()[c]);
            }
        }
        assertEquals(n * low, nLow, 4 * Math.sqrt(n * low * (1 - low)));
        assertEquals(n * high, nHigh, 4 * Math.sqrt(n * high * (1 - high)));
        assertEquals(nLow + nHigh, a.stuckCells());

        float[] before = a.conductances().clone();
        SplittableRandom r = new SplittableRandom(1);
        for (int c = 0; c < n; c++) {
            a.setConductance(c, G_MIN + r.nextDouble() * RANGE);
            assertEquals(5, a.program(c, 5));
            assertEquals(-9, a.program(c, -9));
            a.program(c, 20);
        }
        for (int c = 0; c < n; c++) {
            if (a.state(c) != CellState.OK) {
                assertEquals(before[c], a.conductances()[c], "stuck cell " + c + " moved");
                // Pulses to a stuck cell are still driven and counted.
                assertEquals(34, a.writeCount(c));
            }
        }
    }

    @Test
    void enduranceCountOnlyKeepsWorking() {
        DeviceSpec s = linear(64).withFaults(0, 0, 10, EndurancePolicy.COUNT_ONLY);
        CellArray a = array(s, 1, 2, 1);
        double step = RANGE / 63;
        for (int i = 0; i < 4; i++) a.program(0, 3);
        assertEquals(12, a.writeCount(0));
        assertEquals(1, a.cellsPastEndurance());
        assertEquals(CellState.OK, a.state(0));
        assertEquals(G_MIN + 12 * step, a.conductance(0), 1e-5);
        a.program(1, 10);
        assertEquals(1, a.cellsPastEndurance(), "exactly at the limit is not past it");
    }

    @Test
    void enduranceStuckAtCurrentFreezesAfterTheLimit() {
        DeviceSpec s = linear(64).withFaults(0, 0, 10, EndurancePolicy.STUCK_AT_CURRENT);
        CellArray a = array(s, 1, 1, 1);
        double step = RANGE / 63;
        for (int i = 0; i < 4; i++) assertEquals(3, a.program(0, 3));
        // Only the first 10 pulses acted.
        assertEquals(G_MIN + 10 * step, a.conductance(0), 1e-5);
        assertEquals(CellState.WORN_OUT, a.state(0));
        assertEquals(1, a.wornOutCells());
        assertEquals(0, a.stuckCells());
        double frozen = a.conductance(0);
        a.program(0, -7);
        a.setConductance(0, 3.0);
        assertEquals(frozen, a.conductance(0));
        assertEquals(19, a.writeCount(0));
        assertEquals(1, a.cellsPastEndurance());
    }

    @Test
    void enduranceStuckLowDropsToGMin() {
        DeviceSpec s = linear(64).withFaults(0, 0, 10, EndurancePolicy.STUCK_LOW);
        CellArray a = array(s, 1, 2, 1);
        a.program(0, 10);
        assertEquals(CellState.OK, a.state(0));
        assertTrue(a.conductance(0) > G_MIN);
        a.program(0, 1);
        assertEquals(CellState.WORN_OUT, a.state(0));
        assertEquals((float) G_MIN, a.conductances()[0]);
        a.program(0, 5);
        assertEquals((float) G_MIN, a.conductances()[0]);

        CellArray ideal = array(DeviceSpec.ideal().withFaults(0, 0, 2, EndurancePolicy.STUCK_LOW), 1, 1, 1);
        ideal.applyExact(0, 1);
        ideal.applyExact(0, 1);
        assertEquals(G_MIN + 2, ideal.conductance(0), 1e-6);
        ideal.applyExact(0, 1);
        assertEquals(G_MIN, ideal.conductance(0), 1e-6);
        assertEquals(CellState.WORN_OUT, ideal.state(0));
    }

    @Test
    void writeStatisticsAndHistogram() {
        CellArray a = array(linear(32), 2, 4, 1);
        a.program(0, 2);
        a.program(1, -1);
        a.program(1, 3);
        a.program(5, 9);
        Histogram h = a.writeHistogram(6);
        assertEquals(8, h.count());
        assertEquals(5, h.bucket(0));
        assertEquals(1, h.bucket(2));
        assertEquals(1, h.bucket(4));
        assertEquals(1, h.bucket(5), "9 writes fall into the overflow bucket");
        assertEquals(15, h.sum());
        assertEquals(9, h.max());
        assertEquals(3, a.cellsWritten());
        assertEquals(9, a.maxWrites());
    }

    static DeviceSpec noisyFaulty() {
        return new DeviceSpec(DeviceKind.NONLINEAR, 32, G_MIN, G_MAX, 0.2497, 0.5, 0.02, 0.15, 0, 0.03, 0.02,
                40, EndurancePolicy.STUCK_AT_CURRENT);
    }

    @Test
    void sameSeedGivesIdenticalArraysDifferentSeedDiffers() {
        CellArray a = array(noisyFaulty(), 32, 32, 77);
        CellArray b = array(noisyFaulty(), 32, 32, 77);
        CellArray c = array(noisyFaulty(), 32, 32, 78);
        workload(a, 5, 20_000);
        workload(b, 5, 20_000);
        workload(c, 5, 20_000);
        assertArrayEquals(a.conductances(), b.conductances());
        assertEquals(a.snapshot().writeNoiseRng(), b.snapshot().writeNoiseRng());
        assertArrayEquals(a.snapshot().state(), b.snapshot().state());
        assertArrayEquals(a.snapshot().writeCount(), b.snapshot().writeCount());
        for (int i = 0; i < a.cells(); i++) assertEquals(a.d2dFactor(i), b.d2dFactor(i));
        assertFalse(Arrays.equals(a.conductances(), c.conductances()));
        assertFalse(Arrays.equals(a.snapshot().state(), c.snapshot().state()));
        // A different component path is an independent array too.
        CellArray d = new CellArray(noisyFaulty(), 32, 32, new RandomStreams(77), "core[1].xbar[0]");
        workload(d, 5, 20_000);
        assertFalse(Arrays.equals(a.conductances(), d.conductances()));
    }

    @Test
    void snapshotRestoreContinuesBitIdentically() {
        CellArray a = array(noisyFaulty(), 16, 24, 123);
        workload(a, 1, 5_000);
        CellArray.Snapshot snap = a.snapshot();
        workload(a, 2, 5_000);

        CellArray b = array(noisyFaulty(), 16, 24, 123);
        b.restore(snap);
        workload(b, 2, 5_000);
        assertArrayEquals(a.conductances(), b.conductances());
        assertArrayEquals(a.snapshot().writeCount(), b.snapshot().writeCount());
        assertArrayEquals(a.snapshot().state(), b.snapshot().state());
        assertEquals(a.snapshot().writeNoiseRng(), b.snapshot().writeNoiseRng());
        assertTrue(a.wornOutCells() > 0, "workload should reach the endurance limit");

        // The snapshot is a copy: later writes do not change it.
        float[] saved = snap.conductances().clone();
        workload(a, 3, 1_000);
        assertArrayEquals(saved, snap.conductances());

        CellArray wrongSize = array(noisyFaulty(), 4, 4, 123);
        assertThrows(IllegalArgumentException.class, () -> wrongSize.restore(snap));
    }
}
