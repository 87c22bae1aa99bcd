package io.engram.chip.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Every random stream in a run is derived from (run seed, component path, purpose), never from a shared generator,
 * so results do not depend on thread count or evaluation order.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** A fresh generator for one component and purpose, e.g. {@code stream("core[3]", "write-noise")}. */
    public SplittableRandom stream(String componentPath, String purpose) {
        return new SplittableRandom(derive(componentPath, purpose));
    }

    /** The 64-bit seed of a stream (stable across JVMs and versions). */
    public long derive(String componentPath, String purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : (componentPath + "\u0000" + purpose).getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box-Muller on the given generator; deterministic for a stream). */
    public static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        if (u1 < 1e-300) u1 = 1e-300;
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
