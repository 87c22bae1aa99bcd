package io.engram.runtime.report;

import io.engram.chip.core.Core;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportBuilderTest {
    static ReportFixture run;
    static Report r;

    @BeforeAll
    static void build() {
        run = ReportFixture.run(7);
        r = run.report;
    }

    @Test
    void dynamicEnergyIsTheSumOfTheLinesExactly() {
        double sum = 0;
        for (Report.Line l : r.energy().lines()) {
            assertEquals(l.count() * l.costPj(), l.energyPj(), 0.0, l.component() + "." + l.action());
            sum += l.count() * l.costPj();
        }
        assertEquals(sum, r.energy().dynamicPj(), 0.0);
        assertEquals(r.energy().dynamicPj() + r.energy().leakagePj(), r.energy().totalPj(), 0.0);
        assertTrue(r.energy().dynamicPj() > 0);
        assertTrue(r.energy().leakagePj() > 0);
    }

    @Test
    void everyCountedActionHasALineWithItsSource() {
        ActionCounters total = run.chip.totalCounts();
        long nonZero = java.util.Arrays.stream(Action.values()).filter(a -> total.get(a) != 0).count();
        assertEquals(nonZero, r.energy().lines().size());
        for (Report.Line l : r.energy().lines()) assertTrue(!l.source().isEmpty(), l.action() + " has no source");
    }

    @Test
    void componentAndLayerBreakdownsAddUpToTheDynamicEnergy() {
        double byComp = r.energy().byComponent().values().stream().mapToDouble(Double::doubleValue).sum();
        double byLayer = r.energy().byLayer().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(r.energy().dynamicPj(), byComp, 1e-9 * r.energy().dynamicPj());
        assertEquals(r.energy().dynamicPj(), byLayer, 1e-9 * r.energy().dynamicPj());
        assertEquals(java.util.List.of("hidden", "readout", ReportBuilder.NOC_KEY),
                java.util.List.copyOf(r.energy().byLayer().keySet()));
        // the learning layer pays for its writes: it must cost more than the fixed readout
        assertTrue(r.energy().byLayer().get("hidden") > r.energy().byLayer().get("readout"));
    }

    @Test
    void perSampleAndPerSynapticOpFigures() {
        long samples = (long) ReportFixture.EPOCHS * ReportFixture.TRAIN_SAMPLES + ReportFixture.EVAL_SAMPLES;
        assertEquals(samples, r.latency().samples());
        assertEquals(r.energy().totalPj() / samples, r.energy().perSamplePj(), 0.0);
        ActionCounters total = run.chip.totalCounts();
        long ops = total.get(Action.CROSSBAR_CELL_READ) / 2 + total.get(Action.SYNAPSE_SRAM_OP);
        assertEquals(ops, r.energy().synapticOps());
        // every sample reads every weight of both layers at least once (bit-serial inputs read them once per bit)
        assertTrue(ops >= samples * (16 * 8 + 8 * 4), "synaptic ops " + ops);
        assertEquals(r.energy().dynamicPj() / ops, r.energy().perSynapticOpPj(), 0.0);
    }

    @Test
    void coreStatesSumToCyclesTimesUsedCores() {
        long sum = r.latency().coreStates().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(2, r.mapping().coresUsed());
        assertEquals(r.latency().cycles() * 2, sum);
        for (Core c : run.chip.cores()) assertEquals(r.latency().cycles(), c.totalCycles(), "core " + c.index());
        assertEquals(r.latency().cycles() * 1000.0 / 1000.0, r.latency().ns(), 0.0); // 1 GHz
    }

    @Test
    void phasesSplitTheRun() {
        assertEquals(2, r.phases().size());
        Report.Phase train = r.phases().get(0);
        Report.Phase eval = r.phases().get(1);
        assertEquals("train", train.name());
        assertEquals(16, train.samples());
        assertEquals(4, eval.samples());
        assertEquals(r.latency().cycles(), train.latency().cycles() + eval.latency().cycles());
        assertTrue(train.learning().writePulses() > 0, "training programs cells");
        assertEquals(0, eval.learning().writePulses(), "evaluation does not");
        assertEquals(r.learning().writePulses(), train.learning().writePulses());
        assertEquals(r.learning().updates(), train.learning().updates() + eval.learning().updates());
        assertEquals(r.energy().dynamicPj(), train.energy().dynamicPj() + eval.energy().dynamicPj(),
                1e-9 * r.energy().dynamicPj());
        // the phase counts add up to the chip's
        ActionCounters total = run.chip.totalCounts();
        for (Action a : Action.values()) {
            long sum = train.counts().getOrDefault(a.qualifiedName(), 0L) + eval.counts().getOrDefault(a.qualifiedName(), 0L);
            assertEquals(total.get(a), sum, a.qualifiedName());
        }
    }

    @Test
    void epochCountsAddUpToTheTrainPhase() {
        ActionCounters sum = new ActionCounters();
        run.perEpoch.forEach(sum::addAll);
        assertEquals(run.phases.get(0).counts(), sum);
    }

    @Test
    void markingAPhaseDoesNotChangeTheChip() {
        long now = run.chip.now();
        long[] states = run.chip.cores()[0].stateCyclesArray();
        PhaseStats.Mark m = PhaseStats.mark(run.chip);
        PhaseStats p = m.end("nothing", run.chip);
        assertEquals(now, run.chip.now());
        org.junit.jupiter.api.Assertions.assertArrayEquals(states, run.chip.cores()[0].stateCyclesArray());
        assertEquals(0, p.cycles());
        assertEquals(0, p.samples());
        assertEquals(new ActionCounters(), p.counts());
    }

    @Test
    void mappingMemoryLearningAndNoc() {
        assertEquals(java.util.List.of(4, 4), r.chip().mesh());
        assertEquals(16, r.chip().cores());
        assertEquals(2, r.mapping().tiles().size());
        Report.TileInfo t1 = r.mapping().tiles().get(1);
        assertEquals("readout", t1.layer());
        assertEquals(5, t1.core());
        assertEquals(1, t1.x());
        assertEquals(1, t1.y());
        long usedCells = (16 * 8 + 8 * 4) * 2;
        assertEquals(usedCells, r.memory().rramCellsUsed());
        assertEquals(16L * 128 * 128, r.memory().rramCells());
        assertEquals(usedCells / (2.0 * 128 * 128), r.mapping().crossbarUtilization(), 1e-15);
        assertEquals(16L * 65536, r.memory().sramBytes());
        assertEquals(1280, r.memory().sramPeakBytes());
        assertEquals((16 * 8 + 8 * 4 + 4) * 4L, r.memory().programBytes());
        long histCells = r.learning().writeHistogram().stream().mapToLong(Report.WriteBucket::cells).sum();
        assertEquals(usedCells, histCells);
        assertTrue(r.learning().cellsWritten() > 0);
        assertTrue(r.learning().maxWritesPerCell() > 0);
        Report.WriteBucket last = r.learning().writeHistogram().get(r.learning().writeHistogram().size() - 1);
        assertTrue(last.minWrites() <= r.learning().maxWritesPerCell() && r.learning().maxWritesPerCell() <= last.maxWrites());
        assertTrue(r.noc().packets() > 0, "hidden -> readout activations cross the mesh");
        assertEquals(0, r.learning().cellsPastEndurance());
    }

    @Test
    void writeHistogramBuckets() {
        assertEquals(0, ReportBuilder.bucketOf(0));
        assertEquals(1, ReportBuilder.bucketOf(1));
        assertEquals(2, ReportBuilder.bucketOf(2));
        assertEquals(2, ReportBuilder.bucketOf(3));
        assertEquals(3, ReportBuilder.bucketOf(4));
        assertEquals(11, ReportBuilder.bucketOf(1024));
    }

    @Test
    void ratiosWithoutSamplesAreNull() {
        Report empty = ReportBuilder.from(emptyChip(), 1, "v", AccuracyFigures.none(), java.util.List.of());
        assertNull(empty.energy().perSamplePj());
        assertNull(empty.energy().perSynapticOpPj());
        assertNull(empty.latency().cyclesPerSample());
        assertEquals(0, empty.latency().cycles());
    }

    private static io.engram.chip.sim.Chip emptyChip() {
        var spec = io.engram.chip.spec.ChipSpec.preset("rram-22nm");
        var chip = new io.engram.chip.sim.Chip(spec, 1);
        chip.load(new io.engram.chip.program.ChipProgram(spec.name(), io.engram.chip.program.Shape.flat(1),
                java.util.List.of(), java.util.List.of(), new long[16]));
        return chip;
    }
}
