package io.engram.chip.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Weight snapshots every N samples, thinned (interval doubled) when the bound would be passed. */
class WeightProbeTest {
    private static float[] w(long sample) { return new float[]{sample, -sample}; }

    @Test
    void snapshotsEveryNSamplesAndTheLast() {
        WeightProbe p = new WeightProbe(0, 3, 100);
        // 8 training samples, every 3: due before samples 0, 3, 6; the end of training adds sample 8
        for (long s = 0; s < 8; s++) if (p.due(s)) p.add(s, w(s), 1, 2);
        p.add(8, w(8), 1, 2);
        assertEquals(4, p.snapshots());
        long[] idx = {0, 3, 6, 8};
        for (int k = 0; k < 4; k++) {
            assertEquals(idx[k], p.sampleIndex(k));
            assertArrayEquals(w(idx[k]), p.weights(k));
        }
        assertNull(p.decimation());
        assertNull(p.cut());
    }

    @Test
    void theBoundThinsSnapshotsToTwiceTheInterval() {
        // 2 values per snapshot, bound 8 values = 4 snapshots. Every 1 over 10 samples: 0,1,2,3 fit; before 4 the
        // interval doubles to 2 -> {0, 2} plus the last kept {3}: 0, 2, 3, then 4 -> 0,2,3,4 (4 snapshots);
        // before 5 nothing is due (5 % 2 != 0); before 6 the bound is hit: interval 4 keeps 0, 4 and the last (4):
        // {0, 4} then 6 -> {0, 4, 6}; 8 is due (8 % 4 == 0) -> {0, 4, 6, 8}; the end snapshot (10) thins to interval 8:
        // {0, 8} (the last one, 8, kept once) then 10 -> {0, 8, 10}.
        WeightProbe p = new WeightProbe(0, 1, 8);
        for (long s = 0; s < 10; s++) if (p.due(s)) p.add(s, w(s), 1, 2);
        p.add(10, w(10), 1, 2);
        long[] idx = {0, 8, 10};
        assertEquals(idx.length, p.snapshots());
        for (int k = 0; k < idx.length; k++) assertEquals(idx[k], p.sampleIndex(k), "snapshot " + k);
        assertEquals(8, p.every());
        assertTrue(p.decimation().contains("every 8 training samples"), p.decimation());
    }

    @Test
    void aSnapshotLargerThanTheBoundIsCut() {
        WeightProbe p = new WeightProbe(0, 1, 3);
        p.add(0, new float[4], 2, 2);
        assertEquals(0, p.snapshots());
        assertTrue(p.cut().contains("2 x 2 weights exceeds the probe's bound of 3"), p.cut());
        assertFalse(p.due(1));
    }
}
