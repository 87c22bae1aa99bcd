package io.engram.chip.time;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two time models against hand sums, and how a chip file names them. */
class TimeModelTest {
    /** Cores busy 12, 40 and 7 ns; the network's longest path 5 ns; the barrier 3 ns. */
    private static final StepActivity STEP = new StepActivity(new double[]{12.0, 40.0, 7.0}, 5.0, 3.0);

    @Test
    void lockstepIsTheSlowestCorePlusTheNetwork() {
        // max(12, 40, 7) + 5 = 45 ns; the barrier does not count
        assertEquals(40.0, STEP.slowestCoreNs());
        assertEquals(45.0, new TimeModel.Lockstep().stepNs(STEP));
    }

    @Test
    void asyncBarrierAddsTheBarrier() {
        // max(12, 40, 7) + 5 + 3 = 48 ns
        assertEquals(48.0, new TimeModel.AsyncBarrier().stepNs(STEP));
        // an idle step (no core busy) lasts the network and the barrier: 0 + 2 + 9 = 11 ns
        assertEquals(11.0, new TimeModel.AsyncBarrier().stepNs(new StepActivity(new double[3], 2.0, 9.0)));
        assertEquals(0.0, new StepActivity(new double[0], 0, 0).slowestCoreNs());
    }

    @Test
    void activityCopiesItsArrayAndRefusesNegativeTimes() {
        double[] busy = {1.0, 2.0};
        StepActivity a = new StepActivity(busy, 0, 0);
        busy[1] = 100.0;
        assertEquals(2.0, a.slowestCoreNs(), "the caller's array changed after construction");
        a.coreBusyNs()[0] = 50.0;
        assertEquals(2.0, a.slowestCoreNs(), "the accessor's array changed the activity");
        assertThrows(IllegalArgumentException.class, () -> new StepActivity(new double[1], -1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StepActivity(new double[1], 0, -0.5));
    }

    @Test
    void chipFilesNameTheModelAndAWrongNameIsAFieldError() {
        SpecNode n = SpecNode.parseString("time_model: lockstep\nother: async_barrier\nbad: async\n", "chip.yaml");
        TimeModel lock = TimeModel.parse(n, "time_model");
        assertInstanceOf(TimeModel.Lockstep.class, lock);
        assertEquals("lockstep", lock.key());
        TimeModel async = TimeModel.parse(n, "other");
        assertInstanceOf(TimeModel.AsyncBarrier.class, async);
        assertEquals("async_barrier", async.key());
        SpecException e = assertThrows(SpecException.class, () -> TimeModel.parse(n, "bad"));
        assertEquals("chip.yaml", e.file());
        assertEquals("bad", e.fieldPath());
        assertEquals("async", e.value());
        assertTrue(e.allowed().contains("lockstep") && e.allowed().contains("async_barrier"), e.getMessage());
    }
}
