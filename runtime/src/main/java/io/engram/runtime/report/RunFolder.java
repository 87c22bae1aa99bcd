package io.engram.runtime.report;

import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipStats;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes everything a finished run leaves in its folder, each file atomically: report.json, report.txt,
 * counters.csv, weights.h5, manifest.json (last, so that its presence means the run's outputs are complete) and
 * the plots.
 */
public final class RunFolder {
    public static final String COUNTERS_CSV = "counters.csv";
    public static final String WEIGHTS_H5 = "weights.h5";
    public static final String MANIFEST_JSON = "manifest.json";

    private RunFolder() {}

    /**
     * @param perEpoch action counts of each training epoch, for weights.h5 (may be empty)
     */
    public static void write(Path dir, Chip chip, Report report, Manifest manifest, List<ActionCounters> perEpoch) {
        ReportJson.write(report, dir.resolve(ReportRenderer.REPORT_JSON));
        AtomicFiles.writeString(dir.resolve(ReportRenderer.REPORT_TXT), ReportText.render(report));
        ChipStats stats = chip.stats();
        CountersCsv.write(stats, chip.spec().mesh(), chip.program(), dir.resolve(COUNTERS_CSV));
        WeightsFile.write(dir.resolve(WEIGHTS_H5), chip, report.seed(), report.engramVersion(), perEpoch);
        Plots.writeAll(dir, chip, stats, report);
        manifest.write(dir.resolve(MANIFEST_JSON));
    }
}
