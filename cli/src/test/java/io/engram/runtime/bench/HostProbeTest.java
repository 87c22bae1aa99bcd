package io.engram.runtime.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe's summary is computed from its blocks; a real probe times the blocks it was asked for. */
class HostProbeTest {
    @Test
    void summaryOfGivenBlocks() {
        HostProbe.Result odd = new HostProbe.Result(new double[]{30, 66, 31, 35.9, 36});
        assertEquals(30, odd.fastest());
        assertEquals(66, odd.slowest());
        assertEquals(35.9, odd.median());
        assertEquals(35.9 / 30, odd.spread(), 1e-15);
        // 36 = 1.2 x 30 counts as slowed, 35.9 does not
        assertEquals(2, odd.slowBlocks());
        HostProbe.Result even = new HostProbe.Result(new double[]{40, 10, 20, 30});
        assertEquals(25, even.median());
        assertEquals(3, even.slowBlocks());
        assertThrows(IllegalArgumentException.class, () -> new HostProbe.Result(new double[0]));
    }

    @Test
    void resultKeepsItsOwnCopy() {
        double[] ms = {1, 2};
        HostProbe.Result r = new HostProbe.Result(ms);
        ms[0] = 5;
        assertArrayEquals(new double[]{1, 2}, r.blockMillis());
    }

    @Test
    void measuresTheBlocksAskedFor() {
        HostProbe.Result r = HostProbe.measure(2);
        assertEquals(2, r.blockMillis().length);
        for (double b : r.blockMillis()) assertTrue(b > 0, "block " + b + " ms");
    }
}
