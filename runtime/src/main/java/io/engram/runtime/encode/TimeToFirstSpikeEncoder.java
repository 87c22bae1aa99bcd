package io.engram.runtime.encode;

import java.util.SplittableRandom;

/**
 * Latency code: each input fires once, at step {@code floor((1 - value) * (steps - 1))}, so a value of 1 fires at
 * step 0 and small values late; a value of 0 (or less) never fires. No randomness.
 */
public record TimeToFirstSpikeEncoder(int steps) implements SpikeEncoder {

    public TimeToFirstSpikeEncoder {
        SpikeParams.checkSteps(steps);
    }

    @Override
    public Kind kind() { return Kind.TTFS; }

    /** The firing step of one value, or -1 for none. */
    public int spikeStep(float value) {
        double v = SpikeEncoder.intensity(value);
        if (v <= 0) return -1;
        return (int) Math.floor((1.0 - v) * (steps - 1));
    }

    @Override
    public void encode(float[] values, SplittableRandom rng, SpikeTrain out) {
        int n = values.length;
        out.reset(steps, n);
        for (float v : values) {
            int t = spikeStep(v);
            if (t >= 0) out.count(t);
        }
        out.endCounting();
        for (int i = 0; i < n; i++) {
            int t = spikeStep(values[i]);
            if (t >= 0) out.place(t, i);
        }
    }
}
