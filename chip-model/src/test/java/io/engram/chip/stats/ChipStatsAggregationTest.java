package io.engram.chip.stats;

import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The declared statistics and their aggregation, on a hand-built snapshot of three cores: core 0 used (states 5 read,
 * 5 idle; 3 cells written, at most 3 writes; histogram [2, 1, 1]), core 1 unused (10 idle), core 2 used (states 2
 * read, 8 idle; 2 cells written, at most 5 writes; histogram [4, 0, 0, 2]), two states, a NoC of one packet kind.
 */
class ChipStatsAggregationTest {
    private static final List<String> STATES = List.of("busy", "idle");

    private static ActionCounters counts(Action a, long n) {
        ActionCounters c = new ActionCounters();
        c.add(a, n);
        return c;
    }

    static ChipStats snapshot() {
        CoreStats c0 = new CoreStats(0, true, counts(Action.ADC_CONVERSION, 7), new long[]{5, 5}, 1, 4, 3, 3, 0,
                new long[]{2, 1, 1}, 100);
        CoreStats c1 = new CoreStats(1, false, new ActionCounters(), new long[]{0, 10}, 0, 0, 0, 0, 0, new long[0], 0);
        CoreStats c2 = new CoreStats(2, true, counts(Action.ADC_CONVERSION, 4), new long[]{2, 8}, 0, 6, 2, 5, 1,
                new long[]{4, 0, 0, 2}, 60);
        NocStatsSnapshot noc = new NocStatsSnapshot(counts(Action.LINK_FLIT, 9), 3, 9, 6, 0, 5, List.of("spike"),
                new long[]{3}, new long[]{12}, new long[]{9}, List.of(), new long[0]);
        return new ChipStats(10, 12, 2, List.of(c0, c1, c2), STATES, List.of("read"), new long[]{12}, noc);
    }

    @Test
    void everyStatisticIsDeclaredOnceWithUnitAndDescription() {
        Set<String> keys = new HashSet<>();
        for (Stat s : Stat.values()) {
            assertTrue(keys.add(s.key()), "duplicate " + s.key());
            assertFalse(s.unit().isBlank(), s.key());
            assertFalse(s.description().isBlank(), s.key());
            assertTrue(s.key().startsWith(s.scope().name().toLowerCase() + "."), s.key());
            assertEquals(s.scope() == Stat.Scope.CORE, s.aggregation() != Aggregation.NONE, s.key());
        }
        assertEquals("core.cells_written", Stat.CORE_CELLS_WRITTEN.key());
        assertEquals("noc.kind_packets", Stat.NOC_KIND_PACKETS.key());
    }

    @Test
    void everyStatisticHasAChipFigureAndLabelsForItsVectors() {
        ChipStats s = snapshot();
        for (Stat st : Stat.values()) {
            if (st.shape() == Stat.Shape.SCALAR) {
                s.scalar(st);
            } else {
                long[] v = s.vector(st);
                assertEquals(v.length, s.labels(st).size(), st.key());
            }
        }
    }

    @Test
    void perCoreStatisticsAggregateAsDeclared() {
        ChipStats s = snapshot();
        assertEquals(2, s.coresUsed());
        assertEquals(10, s.scalar(Stat.CORE_CELLS_USED)); // SUM 4 + 0 + 6
        assertEquals(5, s.scalar(Stat.CORE_CELLS_WRITTEN)); // SUM 3 + 0 + 2
        assertEquals(5, s.scalar(Stat.CORE_MAX_WRITES)); // MAX(3, 0, 5)
        assertEquals(1, s.scalar(Stat.CORE_CELLS_PAST_ENDURANCE));
        assertEquals(160, s.scalar(Stat.CORE_HOST_BYTES));
        // SUM_USED: core 1's 10 idle cycles are left out: busy 5 + 2, idle 5 + 8
        assertArrayEquals(new long[]{7, 13}, s.vector(Stat.CORE_STATE_CYCLES));
        // bucket by bucket, as long as the longest: [2+4, 1+0, 1+0, 0+2]
        assertArrayEquals(new long[]{6, 1, 1, 2}, s.vector(Stat.CORE_WRITE_HISTOGRAM));
        assertEquals(List.of("0", "1", "2-3", "4-7"), s.labels(Stat.CORE_WRITE_HISTOGRAM));
        assertArrayEquals(new long[]{1, 0, 0}, s.perCore(Stat.CORE_LEARN_OVERLAP_CYCLES));
        assertArrayEquals(new long[]{1, 0, 1}, s.perCore(Stat.CORE_USED));
        // chip actions: the cores' 7 + 4 conversions and the NoC's 9 link flits
        ActionCounters total = s.totalCounts();
        assertEquals(11, total.get(Action.ADC_CONVERSION));
        assertEquals(9, total.get(Action.LINK_FLIT));
        assertEquals(12, s.noc().kindCounts(0).get(Action.ROUTER_FLIT));
        assertEquals(9, s.noc().kindCounts(0).get(Action.LINK_FLIT));
        assertFalse(s.noc().countsLinks());
    }

    @Test
    void misuseIsRefused() {
        ChipStats s = snapshot();
        assertThrows(IllegalArgumentException.class, () -> s.scalar(Stat.CORE_STATE_CYCLES));
        assertThrows(IllegalArgumentException.class, () -> s.vector(Stat.CORE_CELLS_USED));
        assertThrows(IllegalArgumentException.class, () -> s.scalar(Stat.NOC_PACKETS, 0));
        // an unused core cannot have cell figures
        assertThrows(IllegalArgumentException.class, () -> new CoreStats(1, false, new ActionCounters(),
                new long[]{0, 10}, 0, 4, 0, 0, 0, new long[0], 0));
        // states of every core match the declared states
        assertThrows(IllegalArgumentException.class, () -> new ChipStats(10, 12, 2,
                List.of(new CoreStats(0, false, new ActionCounters(), new long[]{10}, 0, 0, 0, 0, 0, new long[0], 0)),
                STATES, List.of(), new long[0], snapshot().noc()));
    }
}
