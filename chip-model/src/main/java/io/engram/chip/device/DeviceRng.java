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

    /*
     * Ziggurat of Marsaglia and Tsang (J. Stat. Softw. 5(8), 2000) with 256 layers of equal area V under
     * f(x) = exp(-x^2 / 2), x >= 0. Layer 0 is the base strip: the rectangle [0, R] x [0, f(R)] plus the tail beyond R,
     * given the width V / f(R). X[i] is the width of layer i, F[i] = f(X[i]); X[256] = 0 is the peak.
     * One 64-bit draw gives the layer (bits 0-7), the sign (bit 8) and a 53-bit uniform (bits 11-63), so the layer
     * and the position inside it are independent. The draw is exact: rejected points (about 1.2 % of draws) start over.
     * The tables are built with StrictMath, so they are the same on every platform.
     */
    private static final int LAYERS = 256;
    private static final double ZIG_R = 3.6541528853610088;
    private static final double ZIG_V = 0.00492867323399;
    private static final double[] X = new double[LAYERS + 1];
    private static final double[] F = new double[LAYERS + 1];
    /**
     * X[i] * 2^-53 (exact: a power of two), so that the point's abscissa is one product of the 53-bit integer and this,
     * the same double as (integer * 2^-53) * X[i] (both are the one rounding of the same exact product).
     */
    private static final double[] X_UNIT = new double[LAYERS];

    static {
        double fR = StrictMath.exp(-0.5 * ZIG_R * ZIG_R);
        X[0] = ZIG_V / fR;
        X[1] = ZIG_R;
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = StrictMath.sqrt(-2.0 * StrictMath.log(ZIG_V / X[i] + StrictMath.exp(-0.5 * X[i] * X[i])));
        }
        X[LAYERS] = 0.0;
        for (int i = 0; i <= LAYERS; i++) F[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        F[0] = fR; // the base strip's top is f(R), not f(width)
        for (int i = 0; i < LAYERS; i++) X_UNIT[i] = X[i] * DOUBLE_UNIT;
    }

    private long state;

    public DeviceRng(long state) { this.state = state; }

    /** The complete generator state; {@code new DeviceRng(rng.state())} continues the same sequence. */
    public long state() { return state; }

    public void setState(long state) { this.state = state; }

    public long nextLong() { return mix(state += GAMMA); }

    /** Uniform in [0, 1). */
    public double nextDouble() { return unit(nextLong()); }

    /*
     * The generator as pure functions of the state, for loops that keep the state in a local: with s0 = state(),
     * s1 = advance(s0), the draw mix(s1) is what nextLong() returns, and setState(s1) leaves the generator after it.
     */

    /** The state after one draw from {@code state}. */
    public static long advance(long state) { return state + GAMMA; }

    /** The 64-bit output of an advanced state (SplitMix64's finaliser). */
    public static long mix(long advancedState) {
        long z = advancedState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit draw as a uniform in [0, 1), as {@link #nextDouble()} makes it. */
    public static double unit(long bits) { return units(bits) * DOUBLE_UNIT; }

    /** Bits of precision of a uniform: {@code unit(bits) == units(bits) * 2^-UNIT_BITS}, exactly. */
    public static final int UNIT_BITS = 53;

    /** The uniform of a 64-bit draw as an integer in units of 2^-UNIT_BITS (its top UNIT_BITS bits). */
    public static long units(long bits) { return bits >>> DOUBLE_SHIFT; }

    /**
     * A standard normal draw by the ziggurat method (see the tables above): in about 98.8 % of calls one 64-bit draw
     * and a multiplication; no state beyond the single long, so checkpoints stay exact.
     */
    public double nextGaussian() { return gaussian(nextLong()); }

    /**
     * The ziggurat's fast case for a first 64-bit draw {@code bits}: the normal value {@link #gaussian(long)} returns
     * when the point lies inside the next layer's width (about 98.8 % of draws), else NaN.
     */
    public static double gaussianFast(long bits) {
        int i = (int) bits & (LAYERS - 1);
        long sign = (bits & 0x100L) << 55; // bit 8 to the sign bit: no branch on a coin flip
        double x = (bits >>> DOUBLE_SHIFT) * X_UNIT[i];
        return x < X[i + 1] ? withSign(x, sign) : Double.NaN;
    }

    /**
     * The standard normal draw of {@link #nextGaussian()} whose first 64-bit draw, already taken, is {@code bits};
     * any further draws (tail, wedge, rejection) come from this generator.
     */
    public double gaussian(long bits) {
        while (true) {
            int i = (int) bits & (LAYERS - 1);
            long sign = (bits & 0x100L) << 55; // bit 8 to the sign bit: no branch on a coin flip
            double x = (bits >>> DOUBLE_SHIFT) * X_UNIT[i];
            if (x < X[i + 1]) return withSign(x, sign); // inside the next layer's width: under the curve
            if (i == 0) return withSign(tail(), sign);
            // the wedge between the curve and the layer's rectangle
            double y = F[i] + nextDouble() * (F[i + 1] - F[i]);
            if (y < Math.exp(-0.5 * x * x)) return withSign(x, sign);
            bits = nextLong();
        }
    }

    private static double withSign(double x, long sign) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ sign);
    }

    /** A draw from the normal tail beyond R (Marsaglia 1964). */
    private double tail() {
        double a;
        double b;
        do {
            a = -Math.log(1.0 - nextDouble()) / ZIG_R;
            b = -Math.log(1.0 - nextDouble());
        } while (b + b < a * a);
        return ZIG_R + a;
    }
}
