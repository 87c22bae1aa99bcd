package io.engram.runtime.report;

import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipCounters;
import io.engram.chip.stats.ChipStats;

import java.util.Objects;

/**
 * What one phase of a run (train, evaluate, one epoch) cost: the action counts it added, the cycles it took and the
 * samples it ran. Energy is derived from these in {@link ReportBuilder}, never accumulated during the phase.
 *
 * @param counts action counts of the phase (a delta of {@link ChipStats#totalCounts()})
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

    /**
     * Marks the start of a phase: the chip's counts, clock ({@link Chip#now()}) and sample count now. Observing does
     * not change the run: nothing here settles the chip. A phase that must own the drain of its last work (training
     * before evaluation) is closed by calling {@link Chip#settle()} before {@link Mark#end}; otherwise that drain is
     * counted in the next phase, as it happens on the chip (per-epoch marks inside training are usually taken that way).
     */
    public static Mark mark(Chip chip) {
        return mark(chip.counters());
    }

    /** Marks the start of a phase at the chip's running counters ({@link Chip#counters()}). */
    public static Mark mark(ChipCounters c) {
        return new Mark(c.counts(), c.cycles(), c.samples());
    }

    /** Marks the start of a phase at a snapshot of the chip ({@link Chip#stats()}). */
    public static Mark mark(ChipStats stats) {
        return new Mark(stats.totalCounts(), stats.cycles(), stats.samples());
    }

    /** Start of a phase. */
    public record Mark(ActionCounters counts, long cycle, long samples) {
        public Mark {
            counts = counts.copy();
        }

        @Override
        public ActionCounters counts() { return counts.copy(); }

        /** What happened on the chip since this mark. */
        public PhaseStats end(String name, Chip chip) {
            return end(name, chip.counters());
        }

        /** What happened on the chip between this mark and later running counters of it. */
        public PhaseStats end(String name, ChipCounters c) {
            return new PhaseStats(name, c.samples() - samples, c.cycles() - cycle, c.counts().minus(counts));
        }

        /** What happened on the chip between this mark and a later snapshot of it. */
        public PhaseStats end(String name, ChipStats stats) {
            return new PhaseStats(name, stats.samples() - samples, stats.cycles() - cycle,
                    stats.totalCounts().minus(counts));
        }
    }
}
