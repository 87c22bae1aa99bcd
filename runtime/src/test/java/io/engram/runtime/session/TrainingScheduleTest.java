package io.engram.runtime.session;

import io.engram.runtime.checkpoint.SessionPosition;
import io.engram.runtime.report.PhaseStats;
import io.engram.chip.stats.ActionCounters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training schedule's arithmetic: stages, rate decay, mini-batch bounds, seeded orders, resume positions. */
class TrainingScheduleTest {
    private static ExperimentSpec.Training training(int epochs, int batch, ExperimentSpec.Mode mode,
                                                    ExperimentSpec.Schedule schedule) {
        return new ExperimentSpec.Training(epochs, batch, mode, schedule, false, 0);
    }

    @Test
    void greedyHasOneStagePerLayerAllHasOne() {
        TrainingSchedule g = new TrainingSchedule(training(2, 1, ExperimentSpec.Mode.GREEDY,
                ExperimentSpec.Schedule.CONSTANT), List.of(1, 3), 10, 1);
        assertEquals(2, g.stages().size());
        assertArrayEquals(new int[]{1}, g.stages().get(0).layers());
        assertEquals(3, g.stages().get(1).upTo());
        assertArrayEquals(new boolean[]{false, false, false, true}, g.stages().get(1).learnMask(4));
        TrainingSchedule a = new TrainingSchedule(training(2, 1, ExperimentSpec.Mode.ALL,
                ExperimentSpec.Schedule.CONSTANT), List.of(1, 3), 10, 1);
        assertEquals(1, a.stages().size());
        assertArrayEquals(new int[]{1, 3}, a.stages().get(0).layers());
        assertEquals(3, a.stages().get(0).upTo());
        assertTrue(new TrainingSchedule(training(0, 1, ExperimentSpec.Mode.ALL, ExperimentSpec.Schedule.CONSTANT),
                List.of(1), 10, 1).empty());
        assertTrue(new TrainingSchedule(training(3, 1, ExperimentSpec.Mode.ALL, ExperimentSpec.Schedule.CONSTANT),
                List.of(), 10, 1).empty());
    }

    @Test
    void rateDecaysLinearlyOverAStageAndBatchesCloseAtTheEpochEnd() {
        // 2 epochs of 10 samples: the stage's t-th sample has scale 1 - t/20: t = 0 -> 1, t = 5 -> 0.75, t = 19 -> 0.05
        TrainingSchedule d = new TrainingSchedule(training(2, 4, ExperimentSpec.Mode.GREEDY,
                ExperimentSpec.Schedule.LINEAR_DECAY), List.of(0), 10, 1);
        assertTrue(d.decays());
        assertEquals(1.0, d.rateScale(0), 0);
        assertEquals(0.75, d.rateScale(5), 0);
        assertEquals(0.05, d.rateScale(19), 1e-15);
        // batch 4 over 10 samples: batches {0..3}, {4..7}, {8, 9}
        boolean[] opens = new boolean[10];
        boolean[] closes = new boolean[10];
        for (int s = 0; s < 10; s++) {
            opens[s] = d.opensBatch(s);
            closes[s] = d.closesBatch(s);
        }
        assertArrayEquals(new boolean[]{true, false, false, false, true, false, false, false, true, false}, opens);
        assertArrayEquals(new boolean[]{false, false, false, true, false, false, false, true, false, true}, closes);
        TrainingSchedule c = new TrainingSchedule(training(1, 1, ExperimentSpec.Mode.GREEDY,
                ExperimentSpec.Schedule.CONSTANT), List.of(0), 10, 1);
        assertFalse(c.decays());
        assertEquals(1.0, c.rateScale(7), 0);
        assertFalse(c.opensBatch(0));
        assertFalse(c.closesBatch(9));
    }

    @Test
    void ordersArePermutationsFixedBySeedStageAndEpoch() {
        TrainingSchedule a = new TrainingSchedule(training(2, 1, ExperimentSpec.Mode.GREEDY,
                ExperimentSpec.Schedule.CONSTANT), List.of(0, 1), 50, 9);
        TrainingSchedule b = new TrainingSchedule(training(2, 1, ExperimentSpec.Mode.GREEDY,
                ExperimentSpec.Schedule.CONSTANT), List.of(0, 1), 50, 9);
        int[] o = a.order(a.stages().get(0), 1);
        assertArrayEquals(o, b.order(b.stages().get(0), 1), "same seed, stage, epoch: same order");
        int[] sorted = o.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
        assertFalse(Arrays.equals(o, a.order(a.stages().get(0), 0)), "another epoch, another order");
        assertFalse(Arrays.equals(o, a.order(a.stages().get(1), 1)), "another stage, another order");
    }

    @Test
    void positionsOutsideTheScheduleAreNamed() {
        TrainingSchedule s = new TrainingSchedule(training(2, 1, ExperimentSpec.Mode.GREEDY,
                ExperimentSpec.Schedule.CONSTANT), List.of(0), 10, 1);
        PhaseStats.Mark m = new PhaseStats.Mark(ActionCounters.fromArray(new long[ActionCounters.SIZE]), 0, 0);
        assertNull(s.outside(new SessionPosition(0, 1, 10, m, m, List.of(), List.of(), List.of())));
        assertNotNull(s.outside(new SessionPosition(1, 0, 0, m, m, List.of(), List.of(), List.of())));
        assertNotNull(s.outside(new SessionPosition(0, 2, 0, m, m, List.of(), List.of(), List.of())));
        assertNotNull(s.outside(new SessionPosition(0, 0, 11, m, m, List.of(), List.of(), List.of())));
        assertEquals(-1, TrainingSchedule.compare(0, 0, new SessionPosition(0, 1, 3, m, m, List.of(), List.of(), List.of())));
        assertEquals(0, TrainingSchedule.compare(0, 1, new SessionPosition(0, 1, 3, m, m, List.of(), List.of(), List.of())));
    }
}
