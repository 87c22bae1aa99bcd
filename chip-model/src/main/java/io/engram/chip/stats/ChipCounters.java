package io.engram.chip.stats;

import java.util.Objects;

/**
 * The chip's running counters at one moment, without the scans of the cell arrays that a {@link ChipStats} snapshot
 * makes: cheap enough to take at every time step (probes) or phase boundary. Each figure is the chip's figure of a
 * declared {@link Stat}, as the full snapshot gives it. Immutable.
 *
 * @param counts      {@link Stat#CHIP_ACTIONS}
 * @param cycles      {@link Stat#CHIP_CYCLES}
 * @param samples     {@link Stat#CHIP_SAMPLES}
 * @param nocPackets  {@link Stat#NOC_PACKETS}
 * @param nocFlits    {@link Stat#NOC_FLITS}
 * @param stateCycles {@link Stat#CORE_STATE_CYCLES} summed over the used cores, in core-state order
 * @param coresUsed   {@link Stat#CORE_USED} summed
 */
public record ChipCounters(ActionCounters counts, long cycles, long samples, long nocPackets, long nocFlits,
                           long[] stateCycles, int coresUsed) {
    public ChipCounters {
        counts = Objects.requireNonNull(counts, "counts").copy();
        stateCycles = stateCycles.clone();
    }

    @Override
    public ActionCounters counts() { return counts.copy(); }

    @Override
    public long[] stateCycles() { return stateCycles.clone(); }

    /** The same figures read from a full snapshot. */
    public static ChipCounters of(ChipStats s) {
        return new ChipCounters(s.totalCounts(), s.cycles(), s.samples(), s.scalar(Stat.NOC_PACKETS),
                s.scalar(Stat.NOC_FLITS), s.vector(Stat.CORE_STATE_CYCLES), s.coresUsed());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChipCounters c && counts.equals(c.counts) && cycles == c.cycles && samples == c.samples
                && nocPackets == c.nocPackets && nocFlits == c.nocFlits
                && java.util.Arrays.equals(stateCycles, c.stateCycles) && coresUsed == c.coresUsed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts, cycles, samples, nocPackets, nocFlits, java.util.Arrays.hashCode(stateCycles),
                coresUsed);
    }
}
