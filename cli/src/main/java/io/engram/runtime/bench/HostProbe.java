package io.engram.runtime.bench;

import java.util.Arrays;

/**
 * How steady the host is: the same fixed piece of work (a sum over a 256 KB float array, which stays in the
 * second-level cache) timed block after block. On a quiet machine every block takes about as long as the fastest; on a
 * shared host (a virtual machine whose physical core or caches are shared with other guests) blocks come out slower
 * in clusters, and so does every measurement taken meanwhile. A benchmark section runs this probe just before it
 * measures, so that its figures can be read against the host's state; the probe does not change any figure.
 */
public final class HostProbe {
    /** Floats in the probe's array: 256 KB, inside a second-level cache, outside a first-level one. */
    static final int FLOATS = 64 * 1024;
    /** Passes over the array per block: about 30 ms on the 2-core machine of BENCHMARKS.md. */
    static final int PASSES_PER_BLOCK = 1500;
    /** A block at least this many times the fastest one counts as slowed by the host. */
    public static final double SLOW = 1.2;

    private HostProbe() {}

    /** Block times in milliseconds, in order, and what they say. */
    public record Result(double[] blockMillis) {
        public Result {
            if (blockMillis.length == 0) throw new IllegalArgumentException("a probe needs at least one block");
            blockMillis = blockMillis.clone();
        }

        @Override
        public double[] blockMillis() { return blockMillis.clone(); }

        public double fastest() { return Arrays.stream(blockMillis).min().orElseThrow(); }

        public double slowest() { return Arrays.stream(blockMillis).max().orElseThrow(); }

        /** The median block (the mean of the middle two for an even count). */
        public double median() {
            double[] s = blockMillis.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        /** Blocks that took at least {@link #SLOW} times the fastest. */
        public int slowBlocks() {
            double limit = SLOW * fastest();
            int n = 0;
            for (double b : blockMillis) if (b >= limit) n++;
            return n;
        }

        /** Median over fastest: 1 on a quiet host. */
        public double spread() { return median() / fastest(); }
    }

    /** Times {@code blocks} blocks of the fixed work after one untimed block. */
    public static Result measure(int blocks) {
        float[] x = new float[FLOATS];
        for (int i = 0; i < x.length; i++) x[i] = (i % 7) * 0.25f;
        float sink = block(x);
        double[] ms = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            long t0 = System.nanoTime();
            sink += block(x);
            ms[b] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == Float.MIN_VALUE) System.out.print(""); // keeps the sums alive
        return new Result(ms);
    }

    private static float block(float[] x) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int p = 0; p < PASSES_PER_BLOCK; p++) {
            for (int i = 0; i < x.length; i += 4) {
                s0 += x[i];
                s1 += x[i + 1];
                s2 += x[i + 2];
                s3 += x[i + 3];
            }
        }
        return s0 + s1 + s2 + s3;
    }
}
