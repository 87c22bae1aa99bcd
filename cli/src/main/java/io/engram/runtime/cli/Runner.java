package io.engram.runtime.cli;

import io.engram.runtime.report.OutputPaths;
import io.engram.runtime.report.Report;
import io.engram.runtime.session.ExperimentRun;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Progress;
import io.engram.runtime.session.SessionResult;

import java.nio.file.Path;
import java.util.Locale;

/** Runs an experiment, writes its run folder and prints the headline figures. */
final class Runner {
    private Runner() {}

    static int run(ExperimentSpec spec, RunOptions o) {
        if (o.quiet) Logging.quiet();
        Progress progress = o.quiet ? Progress.silent() : Progress.terminal();
        Path dir = o.out != null ? o.out : o.resume != null && !o.resume.isBlank() ? Path.of(o.resume) : spec.output();
        Path resumeDir = o.resume == null ? null : o.resume.isBlank() ? dir : Path.of(o.resume);
        // every output location is checked before any work: a run never fails to write after computing
        // resuming into the run's own folder continues it; resuming into another folder must not replace a run there
        OutputPaths.checkRunFolder(dir, o.out != null ? "--out" : "output", o.force || OutputPaths.same(resumeDir, dir));
        ExperimentRun.Finished f = ExperimentRun.run(spec, progress, dir, resumeDir, EngramCli.version());
        if (!o.quiet) print(f.report(), f.session(), dir, spec.chipLabel());
        return EngramCli.EXIT_OK;
    }

    private static void print(Report rep, SessionResult r, Path dir, String chipLabel) {
        var out = System.out;
        out.printf(Locale.ROOT, "engram %s  chip %s (%d cores, %d used)  seed %d%n", rep.engramVersion(),
                chipLabel, rep.chip().cores(), rep.mapping().coresUsed(), rep.seed());
        out.printf(Locale.ROOT, "accuracy    train %.2f %%  test %.2f %%  readout: %s%n",
                100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.readout());
        for (Report.Phase p : rep.phases()) {
            out.printf(Locale.ROOT, "%-10s  %6d samples  energy %s/sample  latency %s cycles/sample (%s)%n",
                    p.name(), p.samples(), pj(p.energy().perSamplePj()), num(p.latency().cyclesPerSample()),
                    ns(p.latency().cyclesPerSample(), rep.chip().clockMhz()));
        }
        out.printf(Locale.ROOT, "memory      RRAM cells %d used of %d  SRAM %d bytes  learning: %d write pulses, "
                        + "%d cells written, max %d writes/cell%n",
                rep.memory().rramCellsUsed(), rep.memory().rramCells(), rep.memory().sramBytes(),
                rep.learning().writePulses(), rep.learning().cellsWritten(), rep.learning().maxWritesPerCell());
        out.printf(Locale.ROOT, "energy      total %s (dynamic %s, leakage %s); details in %s%n",
                pj(rep.energy().totalPj()), pj(rep.energy().dynamicPj()), pj(rep.energy().leakagePj()),
                dir.resolve("report.txt"));
    }

    static String pj(Double v) {
        if (v == null) return "-";
        double a = Math.abs(v);
        if (a >= 1e9) return String.format(Locale.ROOT, "%.3f mJ", v / 1e9);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.3f uJ", v / 1e6);
        if (a >= 1e3) return String.format(Locale.ROOT, "%.3f nJ", v / 1e3);
        return String.format(Locale.ROOT, "%.3f pJ", v);
    }

    static String num(Double v) { return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v); }

    static String ns(Double cycles, double mhz) {
        if (cycles == null) return "-";
        double us = cycles / mhz;
        return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.2f us", us);
    }
}
