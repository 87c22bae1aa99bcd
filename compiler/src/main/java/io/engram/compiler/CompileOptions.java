package io.engram.compiler;

import io.engram.compiler.nir.NirSemantics;

import java.util.EnumSet;
import java.util.Set;

/**
 * Options of one compile.
 *
 * @param seed            seed of every random stream (weight init, placement order)
 * @param stopAfter       last pass to run ({@link Pass#EMIT} runs the whole pipeline)
 * @param dumpIr          passes whose IR dump is rendered eagerly into the result (any executed pass can still be
 *                        dumped on demand with {@link CompileResult#dump(Pass)})
 * @param allowRowSplit   allow splitting a matrix taller than a crossbar; a network file can also forbid it
 * @param nirDtSeconds    time step used to discretise NIR time constants; NaN = take it from the file, or 1e-4 s
 * @param placementPasses cap on improvement passes of the placer
 * @param nirSemantics    how NIR spikes, leaks and resets are read (default: the NIR specification)
 */
public record CompileOptions(long seed, Pass stopAfter, Set<Pass> dumpIr, boolean allowRowSplit, double nirDtSeconds,
                             int placementPasses, NirSemantics nirSemantics) {
    public static final double DEFAULT_NIR_DT_SECONDS = 1e-4;

    public CompileOptions {
        if (stopAfter == null) stopAfter = Pass.EMIT;
        dumpIr = dumpIr == null || dumpIr.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dumpIr));
        if (nirSemantics == null) nirSemantics = NirSemantics.specification();
        if (placementPasses < 0) throw new IllegalArgumentException("placementPasses >= 0");
        if (!Double.isNaN(nirDtSeconds) && !(nirDtSeconds > 0)) throw new IllegalArgumentException("nirDtSeconds > 0");
    }

    public static CompileOptions defaults() { return new CompileOptions(1, Pass.EMIT, Set.of(), true, Double.NaN, 8, NirSemantics.specification()); }

    public CompileOptions withSeed(long s) { return new CompileOptions(s, stopAfter, dumpIr, allowRowSplit, nirDtSeconds, placementPasses, nirSemantics); }

    public CompileOptions withStopAfter(Pass p) { return new CompileOptions(seed, p, dumpIr, allowRowSplit, nirDtSeconds, placementPasses, nirSemantics); }

    public CompileOptions withDumpIr(Set<Pass> d) { return new CompileOptions(seed, stopAfter, d, allowRowSplit, nirDtSeconds, placementPasses, nirSemantics); }

    public CompileOptions withAllowRowSplit(boolean a) { return new CompileOptions(seed, stopAfter, dumpIr, a, nirDtSeconds, placementPasses, nirSemantics); }

    public CompileOptions withNirDtSeconds(double dt) { return new CompileOptions(seed, stopAfter, dumpIr, allowRowSplit, dt, placementPasses, nirSemantics); }

    public CompileOptions withNirSemantics(NirSemantics s) { return new CompileOptions(seed, stopAfter, dumpIr, allowRowSplit, nirDtSeconds, placementPasses, s); }

    public CompileOptions withPlacementPasses(int n) { return new CompileOptions(seed, stopAfter, dumpIr, allowRowSplit, nirDtSeconds, n, nirSemantics); }
}
