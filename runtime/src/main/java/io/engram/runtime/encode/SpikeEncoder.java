package io.engram.runtime.encode;

import java.util.SplittableRandom;

/**
 * Encodes values into spike trains over {@link #steps()} time steps, at most one spike per input per step.
 * Values are read as intensities in [0, 1]; anything outside is clipped (negative values, e.g. after centring,
 * never spike), so pair spike encoders with non-negative preprocessing.
 */
public sealed interface SpikeEncoder extends Encoder permits PoissonEncoder, DeterministicRateEncoder, TimeToFirstSpikeEncoder {

    /**
     * Encodes {@code values} into {@code out}, replacing its contents; {@code out} is reused across samples so the
     * hot path allocates nothing per spike. Encoders that need no randomness ignore {@code rng}.
     */
    void encode(float[] values, SplittableRandom rng, SpikeTrain out);

    /** Convenience form allocating a new train. */
    default SpikeTrain encode(float[] values, SplittableRandom rng) {
        SpikeTrain t = new SpikeTrain();
        encode(values, rng, t);
        return t;
    }

    /** Clips a value to [0, 1]; NaN becomes 0. */
    static double intensity(float v) {
        return v > 0f ? Math.min(1.0, v) : 0.0;
    }
}
