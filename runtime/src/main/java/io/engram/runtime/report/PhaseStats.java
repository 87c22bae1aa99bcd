package io.engram.runtime.report;

import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;

import java.util.Objects;

/**
 * What one phase of a run (train, evaluate, one epoch) cost: the action counts it added, the cycles it took and the
 * samples it ran. Energy is derived from these in {@link ReportBuilder}, never accumulated during the phase.
 *
 * @param counts action counts of the phase (a delta of {@link Chip#totalCounts()})
 */
public record PhaseStats(String name, long samples, long cycles, ActionCounters counts) {
    public PhaseStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(counts, "counts");
        if (samples < 0 || cycles < 0) {
            throw new IllegalArgumentException("phase " + name + ": samples and cycles must be >= 0, got "
                    + samples + ", " + cycles);
        }
        counts = counts.copy();
    }

    @Override
    public ActionCounters counts() { return counts.copy(); }

    /** Marks the start of a phase: the chip's counts, clock and sample count now. */
    public static Mark mark(Chip chip) {
        return new Mark(chip.totalCounts(), chip.settle(), chip.samples());
    }

    /** Start of a phase. */
    public record Mark(ActionCounters counts, long cycle, long samples) {
        public Mark {
            counts = counts.copy();
        }

        /**
         * Ends the phase: settles the chip (all booked work done, every core's clock at the chip's) and returns what
         * happened since this mark.
         */
        public PhaseStats end(String name, Chip chip) {
            long now = chip.settle();
            return new PhaseStats(name, chip.samples() - samples, now - cycle, chip.totalCounts().minus(counts));
        }
    }
}
