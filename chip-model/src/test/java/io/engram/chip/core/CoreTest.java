package io.engram.chip.core;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.sim.TestPrograms;
import io.engram.chip.spec.ChipSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One core on its own: its clock (every cycle charged to one state, the states summing to the elapsed cycles), its
 * tile, and the read verb's offsets, on an ideal 8 x 8 crossbar (exact device, analog inputs, ideal ADC).
 */
class CoreTest {
    private static final ChipSpec CHIP = TestPrograms.idealChip(8, 8);

    private static Core core() { return new Core(2, CHIP.core(), CHIP.technology(), new RandomStreams(1)); }

    @Test
    void occupyChargesWaitsAndWorkAndIdleFillsTheRest() {
        Core c = core();
        List<long[]> busy = new ArrayList<>();
        c.setListener((core, start, end, state) -> busy.add(new long[]{core, start, end, state.ordinal()}));
        // free at 0, ready at 10: waits 10 (idle), reads 5 -> ends at 15
        assertEquals(15, c.occupy(10, 5, CoreState.BUSY_READ, CoreState.IDLE));
        // ready at 12 but busy until 15: starts at 15 without a wait, 3 neuron cycles -> 18
        assertEquals(18, c.occupy(12, 3, CoreState.BUSY_NEURON, CoreState.IDLE));
        // ready at 30: waits 12 stalled on the NoC, learns 2 -> 32
        assertEquals(32, c.occupy(30, 2, CoreState.BUSY_LEARN, CoreState.STALLED_NOC));
        // no work: nothing booked, no listener call
        assertEquals(32, c.occupy(0, 0, CoreState.BUSY_COMPETE, CoreState.IDLE));
        c.idleUntil(40); // 8 idle cycles
        c.idleUntil(35); // in the past: nothing
        assertEquals(10 + 8, c.stateCycles(CoreState.IDLE));
        assertEquals(5, c.stateCycles(CoreState.BUSY_READ));
        assertEquals(3, c.stateCycles(CoreState.BUSY_NEURON));
        assertEquals(12, c.stateCycles(CoreState.STALLED_NOC));
        assertEquals(2, c.stateCycles(CoreState.BUSY_LEARN));
        assertEquals(0, c.stateCycles(CoreState.BUSY_COMPETE));
        assertEquals(40, c.totalCycles(), "the states sum to the core's clock");
        assertEquals(40, c.freeAt());
        assertEquals(3, busy.size());
        assertArrayEquals(new long[]{2, 10, 15, CoreState.BUSY_READ.ordinal()}, busy.get(0));
        assertArrayEquals(new long[]{2, 15, 18, CoreState.BUSY_NEURON.ordinal()}, busy.get(1));
        assertArrayEquals(new long[]{2, 30, 32, CoreState.BUSY_LEARN.ordinal()}, busy.get(2));
    }

    @Test
    void restoreStatePutsTheClockBack() {
        Core a = core();
        a.occupy(4, 6, CoreState.BUSY_READ, CoreState.IDLE);
        Core b = core();
        b.restoreState(a.stateCyclesArray(), a.freeAt());
        assertArrayEquals(a.stateCyclesArray(), b.stateCyclesArray());
        assertEquals(10, b.freeAt());
        // the array handed out is a copy
        a.stateCyclesArray()[0] = 99;
        assertEquals(6, a.stateCycles(CoreState.BUSY_READ));
    }

    /** A 3 x 2 tile: W = [[1, -0.5], [0.25, 0.5], [0, 1]], weight scale 1. */
    private static final float[] W = {1f, -0.5f, 0.25f, 0.5f, 0f, 1f};

    @Test
    void aTileIsLoadedOnceAndReadsBackItsWeights() {
        Core c = core();
        assertFalse(c.used());
        c.loadTile(3, 2, 1.0, W, 2, 0, 0);
        assertTrue(c.used());
        assertEquals("core[2]", c.path());
        assertThrows(IllegalStateException.class, () -> c.loadTile(3, 2, 1.0, W, 2, 0, 0));
        // read back into a 4-column matrix at row 1, column 2
        float[] back = new float[5 * 4];
        c.readWeights(back, 4, 1, 2);
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 2; k++) assertEquals(W[r * 2 + k], back[(1 + r) * 4 + 2 + k], 1e-4, "w" + r + k);
        }
        assertEquals(0f, back[0]);
    }

    @Test
    void readAddsTheColumnSumsOfItsRowsAtTheOffsets() {
        Core c = core();
        c.loadTile(3, 2, 1.0, W, 2, 0, 0);
        // rows read x[2..4] = (1, 2, 0.5): column 0 = 1 * 1 + 2 * 0.25 + 0.5 * 0 = 1.5,
        // column 1 = 1 * -0.5 + 2 * 0.5 + 0.5 * 1 = 1.0; added into out[2..3] = (10, 20)
        float[] x = {9f, 9f, 1f, 2f, 0.5f};
        double[] out = {7, 7, 10, 20};
        long cycles = c.read(x, 2, out, 2);
        assertEquals(7.0, out[0]);
        assertEquals(7.0, out[1]);
        assertEquals(11.5, out[2], 1e-4);
        assertEquals(21.0, out[3], 1e-4);
        assertTrue(cycles > 0);
        assertTrue(c.lastConversionCycles() <= cycles);
        assertFalse(c.counts().equals(new io.engram.chip.stats.ActionCounters()), "a read counts its actions");
    }
}
