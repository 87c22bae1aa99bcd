package io.engram.chip.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every statistic of a chip at one moment, immutable: what reports, CSV files, plots and benchmarks read after a run
 * instead of the live cores. Each statistic is declared once in {@link Stat} (name, unit, description, how it
 * aggregates over cores); {@link #scalar(Stat)} and {@link #vector(Stat)} give the chip's figure by that declaration,
 * {@link #scalar(Stat, int)} and {@link #vector(Stat, int)} one core's value. Taken by the chip
 * ({@code Chip.stats()}); taking one changes nothing.
 *
 * @param cycles          {@link Stat#CHIP_CYCLES}
 * @param serialCycles    {@link Stat#CHIP_SERIAL_CYCLES}
 * @param samples         {@link Stat#CHIP_SAMPLES}
 * @param cores           one entry per core, in index order
 * @param coreStates      names of the core states, in the order of {@link CoreStats#stateCycles()}
 * @param stepPhases      names of the step phases, in the order of {@link #stepPhaseCycles()}
 * @param stepPhaseCycles {@link Stat#CHIP_STEP_PHASE_CYCLES}
 * @param noc             the network-on-chip's statistics
 */
public record ChipStats(long cycles, long serialCycles, long samples, List<CoreStats> cores, List<String> coreStates,
                        List<String> stepPhases, long[] stepPhaseCycles, NocStatsSnapshot noc) {
    public ChipStats {
        cores = List.copyOf(cores);
        coreStates = List.copyOf(coreStates);
        stepPhases = List.copyOf(stepPhases);
        stepPhaseCycles = stepPhaseCycles.clone();
        Objects.requireNonNull(noc, "noc");
        for (int i = 0; i < cores.size(); i++) {
            CoreStats c = cores.get(i);
            if (c.index() != i) throw new IllegalArgumentException("core " + c.index() + " at position " + i);
            if (c.stateCycles().length != coreStates.size()) {
                throw new IllegalArgumentException("core " + i + ": " + c.stateCycles().length + " state cycles for "
                        + coreStates.size() + " states");
            }
        }
        if (stepPhaseCycles.length != stepPhases.size()) {
            throw new IllegalArgumentException(stepPhaseCycles.length + " phase cycles for " + stepPhases.size()
                    + " phases");
        }
    }

    @Override
    public long[] stepPhaseCycles() { return stepPhaseCycles.clone(); }

    /** One core's statistics. */
    public CoreStats core(int index) { return cores.get(index); }

    /** Cores holding a tile ({@link Stat#CORE_USED} summed). */
    public int coresUsed() { return (int) scalar(Stat.CORE_USED); }

    /** Action and event counts of every core and the NoC ({@link Stat#CHIP_ACTIONS}). */
    public ActionCounters totalCounts() {
        return ActionCounters.fromArray(vector(Stat.CHIP_ACTIONS));
    }

    /**
     * The chip's figure of a scalar statistic: a per-core one aggregated over the cores by its
     * {@link Stat#aggregation()}, a chip or NoC one as kept.
     */
    public long scalar(Stat s) {
        requireShape(s, Stat.Shape.SCALAR);
        return switch (s.scope()) {
            case CORE -> {
                long v = 0;
                for (CoreStats c : cores) {
                    if (s.aggregation() == Aggregation.SUM_USED && !c.used()) continue;
                    long x = c.scalar(s);
                    v = s.aggregation() == Aggregation.MAX ? Math.max(v, x) : v + x;
                }
                yield v;
            }
            case CHIP -> switch (s) {
                case CHIP_CYCLES -> cycles;
                case CHIP_SERIAL_CYCLES -> serialCycles;
                case CHIP_SAMPLES -> samples;
                default -> throw new IllegalArgumentException(s.key());
            };
            case NOC -> noc.scalar(s);
        };
    }

    /** Every core's value of a per-core scalar statistic, indexed by core. */
    public long[] perCore(Stat s) {
        long[] v = new long[cores.size()];
        for (int i = 0; i < v.length; i++) v[i] = scalar(s, i);
        return v;
    }

    /** One core's value of a per-core scalar statistic. */
    public long scalar(Stat s, int core) {
        requireShape(s, Stat.Shape.SCALAR);
        requireCore(s);
        return cores.get(core).scalar(s);
    }

    /**
     * The chip's figure of a vector statistic: a per-core one aggregated element by element over the cores by its
     * {@link Stat#aggregation()} (the longest core's length where lengths differ, as write histograms do), a chip or
     * NoC one as kept. A copy.
     */
    public long[] vector(Stat s) {
        requireShape(s, Stat.Shape.VECTOR);
        return switch (s.scope()) {
            case CORE -> {
                long[] v = new long[0];
                for (CoreStats c : cores) {
                    if (s.aggregation() == Aggregation.SUM_USED && !c.used()) continue;
                    long[] x = c.vector(s);
                    if (x.length > v.length) v = Arrays.copyOf(v, x.length);
                    for (int i = 0; i < x.length; i++) v[i] = s.aggregation() == Aggregation.MAX ? Math.max(v[i], x[i]) : v[i] + x[i];
                }
                if (s == Stat.CORE_STATE_CYCLES && v.length == 0) v = new long[coreStates.size()];
                yield v;
            }
            case CHIP -> switch (s) {
                case CHIP_STEP_PHASE_CYCLES -> stepPhaseCycles.clone();
                case CHIP_ACTIONS -> {
                    long[] v = vector(Stat.CORE_ACTIONS);
                    if (v.length == 0) v = new long[ActionCounters.SIZE];
                    long[] n = noc.counts().toArray();
                    for (int i = 0; i < v.length; i++) v[i] += n[i];
                    yield v;
                }
                default -> throw new IllegalArgumentException(s.key());
            };
            case NOC -> noc.vector(s);
        };
    }

    /** One core's values of a per-core vector statistic (a copy). */
    public long[] vector(Stat s, int core) {
        requireShape(s, Stat.Shape.VECTOR);
        requireCore(s);
        return cores.get(core).vector(s);
    }

    /**
     * What each element of a vector statistic is (action, state, phase, packet kind or link names; for the write
     * histogram the bucket ranges, e.g. {@code 0}, {@code 1}, {@code 2-3}, as far as the chip's histogram reaches).
     */
    public List<String> labels(Stat s) {
        requireShape(s, Stat.Shape.VECTOR);
        return switch (s) {
            case CORE_ACTIONS, CHIP_ACTIONS, NOC_ACTIONS -> List.of(ActionCounters.names());
            case CORE_STATE_CYCLES -> coreStates;
            case CHIP_STEP_PHASE_CYCLES -> stepPhases;
            case NOC_KIND_PACKETS, NOC_KIND_ROUTER_TRAVERSALS, NOC_KIND_LINK_FLIT_HOPS -> noc.kinds();
            case NOC_LINK_LOADS -> noc.links();
            case CORE_WRITE_HISTOGRAM -> {
                int n = vector(s).length;
                String[] l = new String[n];
                for (int i = 0; i < n; i++) l[i] = writeBucketLabel(i);
                yield List.of(l);
            }
            default -> throw new IllegalArgumentException(s.key());
        };
    }

    /** Lowest write count of power-of-two bucket i: 0 for bucket 0, else 2^(i-1). */
    public static long writeBucketLow(int i) { return i == 0 ? 0 : 1L << (i - 1); }

    /** Highest write count of power-of-two bucket i: 0 for bucket 0, else 2^i - 1. */
    public static long writeBucketHigh(int i) { return i == 0 ? 0 : (1L << i) - 1; }

    private static String writeBucketLabel(int i) {
        long lo = writeBucketLow(i);
        long hi = writeBucketHigh(i);
        return lo == hi ? Long.toString(lo) : lo + "-" + hi;
    }

    private static void requireShape(Stat s, Stat.Shape shape) {
        if (s.shape() != shape) throw new IllegalArgumentException(s.key() + " is a " + s.shape() + " statistic");
    }

    private static void requireCore(Stat s) {
        if (s.scope() != Stat.Scope.CORE) throw new IllegalArgumentException(s.key() + " is not kept per core");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChipStats c && cycles == c.cycles && serialCycles == c.serialCycles && samples == c.samples
                && cores.equals(c.cores) && coreStates.equals(c.coreStates) && stepPhases.equals(c.stepPhases)
                && Arrays.equals(stepPhaseCycles, c.stepPhaseCycles) && noc.equals(c.noc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cycles, serialCycles, samples, cores, coreStates, stepPhases, Arrays.hashCode(stepPhaseCycles),
                noc);
    }
}
