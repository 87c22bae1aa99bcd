package io.engram.runtime.encode;

import java.util.SplittableRandom;

/**
 * Random spike trains with rate {@code value * maxRateHz}: in each of {@code steps} steps of {@code dtSeconds},
 * input {@code i} fires with probability {@code p = value_i * maxRateHz * dtSeconds} (the Bernoulli discretisation
 * of a Poisson process, at most one spike per step), so its count is Binomial(steps, p) with mean
 * {@code steps * p}. Draws are taken step by step, then input by input, from the caller's generator.
 */
public record PoissonEncoder(int steps, double maxRateHz, double dtSeconds) implements SpikeEncoder {

    public PoissonEncoder {
        SpikeParams.check(steps, maxRateHz, dtSeconds);
    }

    @Override
    public Kind kind() { return Kind.POISSON; }

    /** Firing probability per step of a value of 1. */
    public double maxProbability() { return maxRateHz * dtSeconds; }

    @Override
    public void encode(float[] values, SplittableRandom rng, SpikeTrain out) {
        int n = values.length;
        out.reset(steps, n);
        double[] p = out.scratchRate(n);
        int[] active = out.scratchIndex(n);
        int m = 0;
        double pmax = maxProbability();
        for (int i = 0; i < n; i++) {
            double q = SpikeEncoder.intensity(values[i]) * pmax;
            if (q > 0) {
                active[m] = i;
                p[m++] = q;
            }
        }
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < m; j++) {
                if (rng.nextDouble() < p[j]) out.append(active[j]);
            }
            out.endStep();
        }
    }
}
