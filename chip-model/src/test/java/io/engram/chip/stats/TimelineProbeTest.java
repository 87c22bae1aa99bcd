package io.engram.chip.stats;

import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's rows are differences of cumulative readings; merging them when full keeps every sum. */
class TimelineProbeTest {
    /** A reading after point k: k(k+1)/2 crossbar reads (point k adds k), 10 cycles per point, k packets of 3 flits. */
    private static TimelineProbe.Reading at(long k, long offsetCycles) {
        ActionCounters c = new ActionCounters();
        c.add(Action.values()[0], k * (k + 1) / 2);
        return new TimelineProbe.Reading(c, offsetCycles + 10 * k, k, 3 * k, new long[]{10 * k, 0});
    }

    @Test
    void rowsAreDifferencesAndBeforeAndAfterCloseTheSums() {
        TimelineProbe t = new TimelineProbe(100, true, TimelineProbe.Reading.zero(2));
        // before: the reading at start holds 5 actions and 7 cycles (loading the program)
        ActionCounters load = new ActionCounters();
        load.add(Action.values()[0], 5);
        t.start(new TimelineProbe.Reading(load, 7, 0, 0, new long[]{7, 0}));
        for (int k = 1; k <= 4; k++) {
            ActionCounters c = at(k, 7).counts().copy();
            c.add(Action.values()[0], 5);
            t.record(0, k - 1, new TimelineProbe.Reading(c, 7 + 10 * k, k, 3 * k, new long[]{7 + 10 * k, 0}));
        }
        ActionCounters end = at(4, 7).counts().copy();
        end.add(Action.values()[0], 5 + 100);
        t.finish(new TimelineProbe.Reading(end, 7 + 40 + 13, 4, 12, new long[]{7 + 40, 13}));
        List<TimelineProbe.Row> rows = t.rows();
        assertEquals(4, rows.size());
        for (int k = 1; k <= 4; k++) {
            TimelineProbe.Row r = rows.get(k - 1);
            assertEquals(k, r.counts().get(Action.values()[0]), "point k adds k actions");
            assertEquals(10, r.cycleEnd() - r.cycleStart());
            assertEquals(1, r.packets());
            assertEquals(3, r.flits());
            assertEquals(k - 1, r.firstStep());
            assertEquals(1, r.points());
        }
        assertEquals(5, t.before().counts().get(Action.values()[0]));
        assertEquals(7, t.before().cycleEnd() - t.before().cycleStart());
        assertEquals(100, t.after().counts().get(Action.values()[0]));
        assertEquals(13, t.after().cycleEnd() - t.after().cycleStart());
        assertEquals(13, t.after().stateCycles()[1]);
        assertNull(t.decimation());
    }

    @Test
    void fullRowsMergePairwiseAndLaterRowsCoverTwiceAsManyPoints() {
        // 4 rows at most, 11 points of k actions each (k = 1..11): after points 1..4 the rows are merged into
        // {1+2, 3+4}; rows then cover 2 points: {5+6}, {7+8} fill 4 rows again -> {1+2+3+4, 5+6+7+8}, stride 4;
        // points 9, 10, 11 make a partial row of 3 points (9+10+11 = 30) at finish.
        TimelineProbe t = new TimelineProbe(4, false, TimelineProbe.Reading.zero(2));
        t.start(at(0, 0));
        for (int k = 1; k <= 11; k++) t.record(k - 1, 0, at(k, 0));
        t.finish(at(11, 0));
        List<TimelineProbe.Row> rows = t.rows();
        assertEquals(3, rows.size());
        long[] sums = {1 + 2 + 3 + 4, 5 + 6 + 7 + 8, 9 + 10 + 11};
        long[] points = {4, 4, 3};
        long[] first = {0, 4, 8};
        for (int r = 0; r < 3; r++) {
            assertEquals(sums[r], rows.get(r).counts().get(Action.values()[0]), "row " + r);
            assertEquals(points[r], rows.get(r).points());
            assertEquals(first[r], rows.get(r).firstSample());
            assertEquals(10 * points[r], rows.get(r).cycleEnd() - rows.get(r).cycleStart());
            assertEquals(3 * points[r], rows.get(r).flits());
        }
        assertEquals(4, t.stride());
        assertTrue(t.decimation().contains("each row adds 4 consecutive samples"), t.decimation());
        assertEquals(0, t.after().counts().get(Action.values()[0]));
    }

    @Test
    void aTimelineNeedsTwoRowsAndAStart() {
        assertThrows(IllegalArgumentException.class, () -> new TimelineProbe(1, true, TimelineProbe.Reading.zero(2)));
        TimelineProbe t = new TimelineProbe(2, true, TimelineProbe.Reading.zero(2));
        assertThrows(IllegalStateException.class, () -> t.record(0, 0, at(1, 0)));
    }
}
