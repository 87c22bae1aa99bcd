package io.engram.runtime.encode;

import io.engram.chip.spec.SpecException;

/**
 * Multi-bit rate code for bit-serial DAC drive: each value is quantised to a sign and a magnitude of {@code bits}
 * bits, {@code round(min(|v| / fullScale, 1) * (2^bits - 1))}; values beyond {@code fullScale} saturate.
 * A bit-serial input stage applies one bit plane per cycle, so a sample takes {@code bits} cycles.
 * The float path ({@link #encodeFloat}) returns the values the DAC actually applies, for float-level simulation.
 */
public record RateEncoder(int bits, float fullScale) implements Encoder {
    public static final int MAX_BITS = 16;

    public RateEncoder {
        if (bits < 1 || bits > MAX_BITS) {
            throw new SpecException(null, "encoder.bits", String.valueOf(bits), "must lie in 1.." + MAX_BITS);
        }
        if (!(fullScale > 0) || Float.isInfinite(fullScale)) {
            throw new SpecException(null, "encoder.full_scale", String.valueOf(fullScale), "must be > 0");
        }
    }

    /** Full scale 1: values in [-1, 1] use the whole range. */
    public RateEncoder(int bits) {
        this(bits, 1f);
    }

    /** Quantised values of one sample: magnitudes in {@code 0 .. levels()} and signs. */
    public record RateCode(int bits, int[] magnitudes, boolean[] negative) {
        /** Set bits over all inputs: the DAC line drives a bit-serial pass makes. */
        public long pulses() {
            long n = 0;
            for (int m : magnitudes) n += Integer.bitCount(m);
            return n;
        }

        /** Inputs whose magnitude has bit {@code b} set (bit plane {@code b}, 0 = least significant). */
        public int activeInPlane(int b) {
            int n = 0;
            for (int m : magnitudes) n += (m >>> b) & 1;
            return n;
        }

        /** The signed integer code of input {@code i}. */
        public int signed(int i) { return negative[i] ? -magnitudes[i] : magnitudes[i]; }
    }

    @Override
    public Kind kind() { return Kind.RATE; }

    @Override
    public int steps() { return bits; }

    /** Largest magnitude, {@code 2^bits - 1}. */
    public int levels() { return (1 << bits) - 1; }

    /** Magnitude code of one value (NaN counts as 0). */
    public int magnitude(float v) {
        double a = Math.abs((double) v) / fullScale;
        if (!(a > 0)) return 0;
        return (int) Math.round(Math.min(a, 1.0) * levels());
    }

    /** Quantises into caller-owned arrays (no allocation). */
    public void encode(float[] values, int[] magnitudes, boolean[] negative) {
        for (int i = 0; i < values.length; i++) {
            magnitudes[i] = magnitude(values[i]);
            negative[i] = values[i] < 0f && magnitudes[i] != 0;
        }
    }

    public RateCode encode(float[] values) {
        int[] m = new int[values.length];
        boolean[] neg = new boolean[values.length];
        encode(values, m, neg);
        return new RateCode(bits, m, neg);
    }

    /** The value a magnitude and sign stand for. */
    public float decode(int magnitude, boolean negative) {
        float v = (float) ((double) magnitude / levels() * fullScale);
        return negative && magnitude != 0 ? -v : v;
    }

    /** The quantised values themselves, as the DAC applies them. */
    public float[] encodeFloat(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = decode(magnitude(values[i]), values[i] < 0f);
        return out;
    }
}
