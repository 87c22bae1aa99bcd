package io.engram.runtime.report;

import io.engram.chip.stats.CoreStats;
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
        // one synaptic op per weight per non-zero input, whatever the read costs (8 bit planes, 2 passes, 16
        // conversions per read): the hidden layer's inputs, uniform in (0, 1), are all non-zero, so core 0 does 16 x 8
        // = 128 ops per sample, 20 samples (2 epochs x 8 + 4) -> 2,560; the readout on core 5 does 4 ops per non-zero
        // hidden output, at most 8 x 4 = 32 per sample (an output the 8-bit ADC rounds to 0 feeds no op)
        io.engram.chip.stats.Event op = io.engram.chip.stats.Event.SYNAPTIC_OP;
        assertEquals(2560, run.chip.stats().core(0).counts().get(op));
        long readout = run.chip.stats().core(5).counts().get(op);
        assertEquals(0, readout % 4);
        assertTrue(readout <= 20 * 32 && readout >= 20 * 32 - 40, "readout ops " + readout);
        assertEquals(2560 + readout, r.efficiency().synapticOps());
        assertEquals(2560 + readout, run.chip.totalCounts().get(op));
        // inference = the evaluate phase (no weight updates): 4 x 128 = 512 on core 0 plus the readout's share
        Report.PhaseGroup inf = r.efficiency().inference();
        Report.PhaseGroup tr = r.efficiency().training();
        assertEquals(java.util.List.of("evaluate"), inf.phases());
        assertEquals(java.util.List.of("train"), tr.phases());
        assertTrue(inf.synapticOps() >= 512 + 4 * 4 && inf.synapticOps() <= 512 + 4 * 32, "inference ops");
        assertEquals(r.efficiency().synapticOps(), inf.synapticOps() + tr.synapticOps());
        Report.Phase eval = r.phases().get(1);
        assertEquals(inf.synapticOps(), eval.energy().synapticOps());
        assertEquals(eval.energy().totalPj() / inf.synapticOps(), inf.pjPerSynapticOp(), 1e-12 * inf.pjPerSynapticOp());
        // TOPS/W = 2 ops per MAC / pJ per MAC (ops / pJ = 1e12 ops / J = TOPS / W); rate network, so reported
        assertEquals(2 / inf.pjPerSynapticOp(), inf.topsPerW(), 1e-12 * inf.topsPerW());
        assertNull(tr.topsPerW());
        // average power = energy / time: pJ / ns = mW (1 GHz: cycles = ns)
        assertEquals(eval.energy().totalPj() / eval.latency().cycles(), eval.energy().powerMw(), 1e-12);
        assertEquals(eval.energy().totalPj() / eval.latency().cycles(), inf.averagePowerMw(), 1e-12);
    }

    /**
     * New keys of issue 15: energy.leakage, area. The fixture uses cores 0 and 5 of rram-22nm; the other 14 are gated.
     * Per core 0.757024 mW (128 rows x 0.000273 + 16 ADCs x 0.0148 + 16 shift-adds x 0.0035 + 64 KiB x 0.00503 +
     * 16 neuron lanes x 0.00132 + 16 competition lanes x 0.00132 + 16 plasticity lanes x 0.00407), 16 routers x 0.287
     * = 4.592 mW: 2 x 0.757024 + 4.592 = 6.106048 mW, for every cycle of the run (1 GHz: 1 cycle = 1 ns, mW x ns = pJ).
     */
    @Test
    void leakageKeys() {
        Report.Leakage lk = r.energy().leakage();
        assertEquals("gated", lk.unusedCores());
        assertEquals(2, lk.coresPowered());
        assertEquals(6.106048, lk.powerMw(), 1e-9);
        assertEquals(6.106048 * r.latency().cycles(), r.energy().leakagePj(), 1e-6);
        double sum = 0;
        for (Report.LeakageLine l : lk.lines()) {
            assertEquals(l.instances() * l.perInstanceMw(), l.powerMw(), 1e-12, l.component());
            assertEquals(l.powerMw() * r.latency().cycles(), l.energyPj(), 1e-6, l.component());
            sum += l.energyPj();
        }
        assertEquals(r.energy().leakagePj(), sum, 1e-6);
        Report.LeakageLine adc = lk.lines().stream().filter(l -> l.component().equals("adc")).findFirst().orElseThrow();
        // 2 powered cores x 16 ADCs
        assertEquals(32, adc.instances());
        // phases: the same power over each phase's cycles
        for (Report.Phase p : r.phases()) {
            assertEquals(6.106048 * p.latency().cycles(), p.energy().leakagePj(), 1e-6, p.name());
        }
    }

    /**
     * Area of rram-22nm: core 56512.332288 um2 (rows 128 x 0.0789, cells 16384 x 48 F^2 at 22 nm = 380.633088,
     * ADCs 16 x 567, shift-adds 16 x 28.4, SRAM 64 x 635, lanes 16 x (84.1 + 84.1 + 204)), router 22200 um2;
     * chip 16 x 56512.332288 + 16 x 22200 = 1259397.316608 um2.
     */
    @Test
    void areaKeys() {
        Report.Area a = r.area();
        assertEquals(0.056512332288, a.coreMm2(), 1e-12);
        assertEquals(0.0222, a.routerMm2(), 1e-15);
        assertEquals(1.259397316608, a.chipMm2(), 1e-12);
        double sum = 0;
        for (Report.AreaLine l : a.lines()) sum += l.areaMm2();
        assertEquals(a.chipMm2(), sum, 1e-12);
        Report.AreaLine sram = a.lines().stream().filter(l -> l.component().equals("sram")).findFirst().orElseThrow();
        // 16 cores x 64 KiB x 635 um2 = 650240 um2
        assertEquals(1024, sram.instances());
        assertEquals(0.65024, sram.areaMm2(), 1e-12);
    }

    @Test
    void coreStatesSumToCyclesTimesUsedCores() {
        long sum = r.latency().coreStates().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(2, r.mapping().coresUsed());
        assertEquals(r.latency().cycles() * 2, sum);
        for (CoreStats c : run.chip.stats().cores()) {
            assertEquals(r.latency().cycles(), c.totalCycles(), "core " + c.index());
        }
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
        long[] states = run.chip.stats().core(0).stateCycles();
        PhaseStats.Mark m = PhaseStats.mark(run.chip);
        PhaseStats p = m.end("nothing", run.chip);
        assertEquals(now, run.chip.now());
        org.junit.jupiter.api.Assertions.assertArrayEquals(states, run.chip.stats().core(0).stateCycles());
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
        assertNull(empty.efficiency().inference().pjPerSynapticOp());
        assertNull(empty.efficiency().inference().topsPerW());
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
