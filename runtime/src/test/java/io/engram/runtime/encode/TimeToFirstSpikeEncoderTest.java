package io.engram.runtime.encode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeToFirstSpikeEncoderTest {
    @Test
    void oneSpikeAtTheExactStep() {
        TimeToFirstSpikeEncoder enc = new TimeToFirstSpikeEncoder(101);
        float[] values = {1f, 0.75f, 0.5f, 0.25f, 0f, 1e-6f, -0.5f, 3f};
        SpikeTrain t = enc.encode(values, null);
        // floor((1 - v) * 100); none for v <= 0; v > 1 clipped to 1
        assertArrayEquals(new int[] {0, 25, 50, 75, -1, 99, -1, 0}, t.firstSpikeSteps());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0, 1, 0, 1}, t.countsPerInput());
        assertEquals(6, t.spikeCount());
        assertEquals(2, t.countAt(0));
        assertEquals(0, t.index(t.start(0)));
        assertEquals(7, t.index(t.start(0) + 1));
    }

    @Test
    void singleStepPutsEverySpikeAtZero() {
        SpikeTrain t = new TimeToFirstSpikeEncoder(1).encode(new float[] {0.1f, 0.9f, 0f}, null);
        assertArrayEquals(new int[] {0, 0, -1}, t.firstSpikeSteps());
    }
}
