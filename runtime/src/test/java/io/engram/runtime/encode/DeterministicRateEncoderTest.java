package io.engram.runtime.encode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeterministicRateEncoderTest {
    private final DeterministicRateEncoder enc = new DeterministicRateEncoder(20, 500.0, 0.001); // 10 spikes at value 1

    private static List<Integer> stepsOf(SpikeTrain t, int input) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < t.steps(); s++) {
            for (int k = t.start(s); k < t.end(s); k++) if (t.index(k) == input) out.add(s);
        }
        return out;
    }

    @Test
    void exactCountsAndEvenSpacing() {
        float[] values = {0f, 0.1f, 0.25f, 0.5f, 1f, 0.04f, 2f, -1f};
        SpikeTrain t = enc.encode(values, null);
        // round(value * 20 * 500 * 0.001) = round(value * 10)
        assertArrayEquals(new int[] {0, 1, 3, 5, 10, 0, 10, 0}, t.countsPerInput());
        assertEquals(29, t.spikeCount());
        assertEquals(List.of(10), stepsOf(t, 1));           // floor(0.5 * 20 / 1)
        assertEquals(List.of(3, 10, 16), stepsOf(t, 2));    // floor((k + 0.5) * 20 / 3)
        assertEquals(List.of(2, 6, 10, 14, 18), stepsOf(t, 3));
        assertEquals(List.of(1, 3, 5, 7, 9, 11, 13, 15, 17, 19), stepsOf(t, 4));
        // Within a step, inputs ascend.
        for (int s = 0; s < t.steps(); s++) {
            for (int k = t.start(s) + 1; k < t.end(s); k++) assertEquals(true, t.index(k - 1) < t.index(k));
        }
    }

    @Test
    void fullRateFillsEveryStep() {
        DeterministicRateEncoder full = new DeterministicRateEncoder(7, 1000.0, 0.001);
        SpikeTrain t = full.encode(new float[] {1f}, null);
        assertArrayEquals(new int[] {7}, t.countsPerInput());
        for (int s = 0; s < 7; s++) assertEquals(1, t.countAt(s));
    }
}
