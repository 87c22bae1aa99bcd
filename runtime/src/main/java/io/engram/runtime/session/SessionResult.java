package io.engram.runtime.session;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.compiler.report.MappingReport;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.PhaseStats;

import java.util.List;

/**
 * Everything a run produced, for reports. It owns the chip (reports read its counters): close it when the reports
 * are written, which releases the chip's tile threads.
 *
 * @param trainAccuracy readout accuracy on the (readout) training set
 * @param testAccuracy  readout accuracy on the test set
 * @param readout       which readout, and where it was trained
 * @param perEpoch      readout accuracy after each training epoch (empty unless training.eval_every_epoch)
 * @param epochCounts   action counts of each training epoch
 */
public record SessionResult(ExperimentSpec spec, Chip chip, ChipProgram program, MappingReport mapping,
                            double trainAccuracy, double testAccuracy, String readout, List<AccuracyFigures.EpochAccuracy> perEpoch,
                            List<io.engram.chip.stats.ActionCounters> epochCounts, List<PhaseStats> phases)
        implements AutoCloseable {
    /** Releases the chip's tile threads. */
    @Override
    public void close() { chip.close(); }
}
