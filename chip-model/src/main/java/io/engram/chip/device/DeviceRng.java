package io.engram.chip.device;

/**
 * A SplitMix64 generator whose whole state is one {@code long}, so a checkpoint can save and restore it exactly
 * ({@link java.util.SplittableRandom} hides its state). Used for per-pulse write noise, where a run must resume
 * bit-identically. Not thread-safe: each cell array owns one.
 */
public final class DeviceRng {
    /** SplitMix64 increment (odd 64-bit golden-ratio constant). */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** Scale from the top 53 bits of a long to a double in [0, 1). */
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final int DOUBLE_SHIFT = Long.SIZE - 53;

    private long state;

    public DeviceRng(long state) { this.state = state; }

    /** The complete generator state; {@code new DeviceRng(rng.state())} continues the same sequence. */
    public long state() { return state; }

    public void setState(long state) { this.state = state; }

    public long nextLong() {
        long z = (state += GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() { return (nextLong() >>> DOUBLE_SHIFT) * DOUBLE_UNIT; }

    /**
     * A standard normal draw: one Box-Muller output per call (the sine partner is discarded so that the state stays
     * a single long). The first uniform is taken from (0, 1] so that the logarithm is finite.
     */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
