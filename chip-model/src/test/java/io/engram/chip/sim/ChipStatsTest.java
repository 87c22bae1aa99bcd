package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.CellMap;
import io.engram.chip.stats.ChipCounters;
import io.engram.chip.stats.ChipStats;
import io.engram.chip.stats.CoreStats;
import io.engram.chip.stats.Stat;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Chip#stats()} against the live cores it replaces outside chip-model, and against hand counts: a SoftHebb
 * layer 20 -> 16 on core 0 (one tile, 64 x 64 crossbar of 32 weight columns, 2 cells per weight) feeding a fixed
 * layer 16 -> 8 on core 1, 12 learning samples.
 */
class ChipStatsTest {
    private static Chip chip() {
        ChipSpec spec = TestPrograms.idealChip(64, 64);
        var rule = new LearningRule.SoftHebb(0.05, 0.3, 0, 0, UpdateScaling.NONE);
        LayerProgram a = TestPrograms.dense(spec, "a", 20, 16, rule, Competition.softmax(0.3),
                TestPrograms.randomWeights(320, 0.4, 1, false), null, 1.0);
        LayerProgram b = TestPrograms.dense(spec, "b", 16, 8, new LearningRule.None(), Competition.none(),
                TestPrograms.randomWeights(128, 0.4, 2, false), null, 1.0);
        var moved = b.tiles().stream().map(t -> new Tile(t.core() + 1, t.rowStart(), t.rows(), t.colStart(), t.cols())).toList();
        b = new LayerProgram(b.name(), b.kind(), b.in(), b.out(), b.kernel(), b.stride(), b.padding(), b.neuron(),
                b.activation(), b.competition(), b.rule(), b.rows(), b.cols(), b.weights(), b.bias(), b.weightScale(), moved);
        Chip c = new Chip(spec, 1);
        c.load(TestPrograms.program(spec, a, b));
        return c;
    }

    private static void run(Chip c, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 0; s < samples; s++) {
            float[] x = new float[20];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
            c.run(x, 1, new boolean[]{true, false});
        }
    }

    @Test
    void theSnapshotHoldsWhatTheLiveCoresHold() {
        try (Chip c = chip()) {
            run(c, 12, 4);
            long cycles = c.settle();
            ChipStats s = c.stats();
            assertEquals(16, s.cores().size());
            assertEquals(cycles, s.cycles());
            assertEquals(c.serialCycles(), s.serialCycles());
            assertEquals(12, s.samples());
            assertArrayEquals(c.stepPhaseCycles(), s.stepPhaseCycles());
            assertEquals(c.totalCounts(), s.totalCounts());
            // the running counters are the same figures without the cell scans
            assertEquals(ChipCounters.of(s), c.counters());
            assertEquals(2, c.counters().coresUsed());
            assertArrayEquals(c.learnOverlapCycles(), s.perCore(Stat.CORE_LEARN_OVERLAP_CYCLES));
            for (Core core : c.cores()) {
                CoreStats k = s.core(core.index());
                assertEquals(core.used(), k.used());
                assertEquals(core.counts(), k.counts());
                assertArrayEquals(core.stateCyclesArray(), k.stateCycles());
                assertEquals(cycles, k.totalCycles(), "core " + core.index() + " states sum to the chip's cycles");
                if (core.used()) {
                    assertEquals(core.block().cells().cellsWritten(), k.cellsWritten());
                    assertEquals(core.block().cells().maxWrites(), k.maxWrites());
                    assertEquals(core.block().cells().memoryBytes(), k.hostBytes());
                }
            }
            // hand counts: tiles on cores 0 and 1; 20 x 16 x 2 + 16 x 8 x 2 = 640 + 256 = 896 cells
            assertEquals(2, s.coresUsed());
            assertEquals(640, s.scalar(Stat.CORE_CELLS_USED, 0));
            assertEquals(256, s.scalar(Stat.CORE_CELLS_USED, 1));
            assertEquals(896, s.scalar(Stat.CORE_CELLS_USED));
            // every cell of a tile falls in one bucket: the buckets of the chip add up to the tile cells
            assertEquals(896, Arrays.stream(s.vector(Stat.CORE_WRITE_HISTOGRAM)).sum());
            // layer b never learns: its 256 cells are all in bucket 0 (never written)
            assertArrayEquals(new long[]{256}, s.vector(Stat.CORE_WRITE_HISTOGRAM, 1));
            assertEquals(0, s.scalar(Stat.CORE_CELLS_WRITTEN, 1));
            assertTrue(s.scalar(Stat.CORE_CELLS_WRITTEN, 0) > 0, "layer a learned");
            assertEquals(s.scalar(Stat.CORE_MAX_WRITES, 0), s.scalar(Stat.CORE_MAX_WRITES));
            // state cycles over the 2 used cores: 2 x the chip's cycles
            assertEquals(2 * cycles, Arrays.stream(s.vector(Stat.CORE_STATE_CYCLES)).sum());
            assertEquals(s.core(0).stateCycles()[CoreState.BUSY_LEARN.ordinal()],
                    s.vector(Stat.CORE_STATE_CYCLES, 0)[CoreState.BUSY_LEARN.ordinal()]);
            assertEquals(List.of("busy_read", "busy_neuron", "busy_compete", "busy_learn", "stalled_noc", "idle"),
                    s.labels(Stat.CORE_STATE_CYCLES));
            assertEquals(StepPhase.values().length, s.labels(Stat.CHIP_STEP_PHASE_CYCLES).size());
            // the NoC: the same counts and traffic the interconnect holds, link loads for all 16 x 4 links
            assertEquals(c.noc().counts(), s.noc().counts());
            assertEquals(c.noc().totals().packets(), s.scalar(Stat.NOC_PACKETS));
            assertArrayEquals(c.noc().linkLoads(), s.vector(Stat.NOC_LINK_LOADS));
            assertEquals(64, s.labels(Stat.NOC_LINK_LOADS).size());
            assertEquals("0.north", s.labels(Stat.NOC_LINK_LOADS).get(0));
            long router = Arrays.stream(s.vector(Stat.NOC_KIND_ROUTER_TRAVERSALS)).sum();
            assertEquals(s.noc().counts().get(Action.ROUTER_FLIT), router, "kinds add up to the router count");
        }
    }

    @Test
    void takingASnapshotChangesNothingAndASnapshotDoesNotChangeAfterwards() {
        try (Chip a = chip(); Chip b = chip()) {
            run(a, 6, 4);
            ChipStats early = a.stats();
            ChipStats again = a.stats();
            assertEquals(early, again);
            run(a, 6, 5);
            run(b, 6, 4);
            run(b, 6, 5);
            assertEquals(a.stats(), b.stats(), "a chip that took snapshots runs as one that did not");
            assertEquals(again, early, "the early snapshot kept its figures");
            assertNotEquals(early, a.stats());
            // copies out: changing a returned array changes nothing inside
            long[] states = early.core(0).stateCycles();
            states[0] += 1000;
            assertNotEquals(states[0], early.core(0).stateCycles()[0]);
            early.core(0).counts().add(Action.ADC_CONVERSION, 5);
            assertEquals(again.core(0).counts(), early.core(0).counts());
        }
    }

    @Test
    void cellMapsCopyTheUsedCoresArrays() {
        try (Chip c = chip()) {
            run(c, 3, 4);
            List<CellMap> maps = c.cellMaps();
            assertEquals(List.of(0, 1), maps.stream().map(CellMap::core).toList());
            Core core = c.cores()[0];
            CellMap m = maps.get(0);
            assertEquals(64, m.rows());
            assertEquals(64, m.cols());
            var cells = core.block().cells();
            for (int r = 0; r < 64; r++) {
                for (int j = 0; j < 64; j++) {
                    assertEquals(cells.conductances()[cells.index(r, j)], m.conductance(r, j));
                    assertEquals(cells.writeCount(cells.index(r, j)), m.writeCount(r, j));
                }
            }
            long written = Arrays.stream(m.writeCounts()).filter(w -> w > 0).count();
            assertEquals(c.stats().scalar(Stat.CORE_CELLS_WRITTEN, 0), written);
            run(c, 3, 5);
            assertNotEquals(Arrays.toString(m.writeCounts()), Arrays.toString(c.cellMaps().get(0).writeCounts()),
                    "three more learning samples wrote cells; the earlier map kept its counts");
        }
    }
}
