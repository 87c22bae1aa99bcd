package io.engram.chip.stats;

import java.util.Objects;

/**
 * One core's statistics at the moment a {@link ChipStats} snapshot was taken (the {@link Stat}s of scope
 * {@link Stat.Scope#CORE}). Immutable: arrays are copied in and out. An unused core has zero cell figures and an
 * empty write histogram.
 *
 * @param index              core index (row-major over the mesh)
 * @param used               whether the core holds a tile ({@link Stat#CORE_USED})
 * @param stateCycles        cycles in each core state ({@link Stat#CORE_STATE_CYCLES}, core-state order)
 * @param learnOverlapCycles {@link Stat#CORE_LEARN_OVERLAP_CYCLES}
 * @param cellsUsed          {@link Stat#CORE_CELLS_USED}
 * @param cellsWritten       {@link Stat#CORE_CELLS_WRITTEN}
 * @param maxWrites          {@link Stat#CORE_MAX_WRITES}
 * @param cellsPastEndurance {@link Stat#CORE_CELLS_PAST_ENDURANCE}
 * @param writeHistogram     {@link Stat#CORE_WRITE_HISTOGRAM}
 * @param hostBytes          {@link Stat#CORE_HOST_BYTES}
 */
public record CoreStats(int index, boolean used, ActionCounters counts, long[] stateCycles, long learnOverlapCycles,
                        long cellsUsed, long cellsWritten, long maxWrites, long cellsPastEndurance,
                        long[] writeHistogram, long hostBytes) {
    public CoreStats {
        counts = Objects.requireNonNull(counts, "counts").copy();
        stateCycles = stateCycles.clone();
        writeHistogram = writeHistogram.clone();
        if (!used && (cellsUsed | cellsWritten | maxWrites | cellsPastEndurance | hostBytes | writeHistogram.length) != 0) {
            throw new IllegalArgumentException("core " + index + " holds no tile but has cell figures");
        }
    }

    /** Action and event counts of the core ({@link Stat#CORE_ACTIONS}); a copy. */
    @Override
    public ActionCounters counts() { return counts.copy(); }

    @Override
    public long[] stateCycles() { return stateCycles.clone(); }

    @Override
    public long[] writeHistogram() { return writeHistogram.clone(); }

    /** Sum over the core states: the cycles elapsed on this core's clock. */
    public long totalCycles() {
        long s = 0;
        for (long c : stateCycles) s += c;
        return s;
    }

    /** The value of a per-core scalar statistic. */
    long scalar(Stat s) {
        return switch (s) {
            case CORE_USED -> used ? 1 : 0;
            case CORE_LEARN_OVERLAP_CYCLES -> learnOverlapCycles;
            case CORE_CELLS_USED -> cellsUsed;
            case CORE_CELLS_WRITTEN -> cellsWritten;
            case CORE_MAX_WRITES -> maxWrites;
            case CORE_CELLS_PAST_ENDURANCE -> cellsPastEndurance;
            case CORE_HOST_BYTES -> hostBytes;
            default -> throw new IllegalArgumentException(s.key() + " is not a per-core scalar");
        };
    }

    /** The values of a per-core vector statistic (a copy). */
    long[] vector(Stat s) {
        return switch (s) {
            case CORE_ACTIONS -> counts.toArray();
            case CORE_STATE_CYCLES -> stateCycles.clone();
            case CORE_WRITE_HISTOGRAM -> writeHistogram.clone();
            default -> throw new IllegalArgumentException(s.key() + " is not a per-core vector");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreStats c && index == c.index && used == c.used && counts.equals(c.counts)
                && java.util.Arrays.equals(stateCycles, c.stateCycles) && learnOverlapCycles == c.learnOverlapCycles
                && cellsUsed == c.cellsUsed && cellsWritten == c.cellsWritten && maxWrites == c.maxWrites
                && cellsPastEndurance == c.cellsPastEndurance && java.util.Arrays.equals(writeHistogram, c.writeHistogram)
                && hostBytes == c.hostBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, used, counts, java.util.Arrays.hashCode(stateCycles), learnOverlapCycles, cellsUsed,
                cellsWritten, maxWrites, cellsPastEndurance, java.util.Arrays.hashCode(writeHistogram), hostBytes);
    }
}
