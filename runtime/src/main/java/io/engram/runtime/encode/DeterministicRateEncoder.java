package io.engram.runtime.encode;

import java.util.SplittableRandom;

/**
 * Regular spike trains: input {@code i} fires {@code c = round(value_i * steps * maxRateHz * dtSeconds)} times,
 * evenly spaced, at steps {@code floor((k + 0.5) * steps / c)} for {@code k = 0 .. c-1}. No randomness.
 */
public record DeterministicRateEncoder(int steps, double maxRateHz, double dtSeconds) implements SpikeEncoder {

    public DeterministicRateEncoder {
        SpikeParams.check(steps, maxRateHz, dtSeconds);
    }

    @Override
    public Kind kind() { return Kind.DETERMINISTIC_RATE; }

    /** Spikes for one value. */
    public int spikeCount(float value) {
        long c = Math.round(SpikeEncoder.intensity(value) * steps * maxRateHz * dtSeconds);
        return (int) Math.min(c, steps);
    }

    /** Step of the {@code k}-th of {@code c} spikes, in exact integer arithmetic. */
    static int spikeStep(int k, int c, int steps) {
        return (int) (((2L * k + 1) * steps) / (2L * c));
    }

    @Override
    public void encode(float[] values, SplittableRandom rng, SpikeTrain out) {
        int n = values.length;
        out.reset(steps, n);
        int[] counts = out.scratchIndex(n);
        for (int i = 0; i < n; i++) {
            int c = spikeCount(values[i]);
            counts[i] = c;
            for (int k = 0; k < c; k++) out.count(spikeStep(k, c, steps));
        }
        out.endCounting();
        for (int i = 0; i < n; i++) {
            int c = counts[i];
            for (int k = 0; k < c; k++) out.place(spikeStep(k, c, steps), i);
        }
    }
}
