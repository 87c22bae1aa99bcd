package io.engram.api;

import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.Report;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a run measured, typed: the figures of {@code report.json} ({@link #report()} holds all of them; the accessors
 * below are the ones most studies read). Energies in pJ, times in chip cycles or ns, memory in cells and bytes.
 * Immutable.
 */
public final class RunResult {
    private final String chip;
    private final Report report;
    private final ProbeResult probes;

    RunResult(String chip, Report report) {
        this(chip, report, null);
    }

    RunResult(String chip, Report report, ProbeResult probes) {
        this.chip = chip;
        this.report = report;
        this.probes = probes;
    }

    /** What the experiment's probes recorded ({@link Experiment.Builder#probes}); null when it has none. */
    public ProbeResult probes() { return probes; }

    /** The chip as a header shows it, e.g. {@code rram-22nm (+ core.adc.bits=6)}. */
    public String chip() { return chip; }

    /** Readout accuracy on its training samples, in [0, 1]. */
    public double trainAccuracy() { return report.accuracy().train(); }

    /** Readout accuracy on the test samples, in [0, 1]. */
    public double testAccuracy() { return report.accuracy().test(); }

    /** Which readout, and where it was trained. */
    public String readout() { return report.accuracy().readout(); }

    /** Accuracy after each training epoch (empty unless the experiment evaluates every epoch). */
    public List<AccuracyFigures.EpochAccuracy> accuracyPerEpoch() { return report.accuracy().perEpoch(); }

    /** The whole run's energy: total = dynamic + leakage; dynamic = the sum of the lines. */
    public Report.Energy energy() { return report.energy(); }

    /** Every energy line: count x cost of one (component, action), with the cost's source. */
    public List<Report.Line> energyLines() { return report.energy().lines(); }

    /** Cycles, ns, cycles per sample (pipelined and serial), core states, critical path. */
    public Report.Latency latency() { return report.latency(); }

    /** RRAM cells and SRAM bytes: capacity, used, the program's parameters. */
    public Report.Memory memory() { return report.memory(); }

    /** Weight updates, write pulses, cells written, endurance. */
    public Report.Learning learning() { return report.learning(); }

    /** Cores used and where each tile sits. */
    public Report.Mapping mapping() { return report.mapping(); }

    /** The phases in order (train, evaluate, ...). */
    public List<Report.Phase> phases() { return report.phases(); }

    /** The phase of that name ({@code train}, {@code evaluate}, {@code train-readout}, ...). */
    public Report.Phase phase(String name) {
        for (Report.Phase p : report.phases()) if (p.name().equals(name)) return p;
        throw new NoSuchElementException("no phase " + name + " in this run");
    }

    /**
     * Mean power over the run in mW: total energy (pJ) / run time (ns), since 1 pJ/ns = 1 mW. NaN when no time
     * passed on the chip.
     */
    public double meanPowerMw() {
        double ns = report.latency().ns();
        return ns > 0 ? report.energy().totalPj() / ns : Double.NaN;
    }

    /** Everything {@code report.json} holds, as typed records. */
    public Report report() { return report; }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: test %.2f %%, %.3f uJ, %.1f mW mean", chip,
                100 * testAccuracy(), report.energy().totalPj() / 1e6, meanPowerMw());
    }
}
