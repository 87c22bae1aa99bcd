package io.engram.runtime.encode;

import io.engram.chip.spec.SpecException;

/** Shared validation of spike-encoder parameters (user configuration, hence {@link SpecException}). */
final class SpikeParams {
    static final int MAX_STEPS = 1_000_000;

    private SpikeParams() {}

    static void checkSteps(int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new SpecException(null, "encoder.steps", String.valueOf(steps), "must lie in 1.." + MAX_STEPS);
        }
    }

    static void check(int steps, double maxRateHz, double dtSeconds) {
        checkSteps(steps);
        if (!(maxRateHz > 0) || Double.isInfinite(maxRateHz)) {
            throw new SpecException(null, "encoder.max_rate_hz", String.valueOf(maxRateHz), "must be > 0");
        }
        if (!(dtSeconds > 0) || Double.isInfinite(dtSeconds)) {
            throw new SpecException(null, "encoder.dt_s", String.valueOf(dtSeconds), "must be > 0");
        }
        double p = maxRateHz * dtSeconds;
        if (p > 1.0) {
            throw new SpecException(null, "encoder.max_rate_hz", String.valueOf(maxRateHz),
                    "max_rate_hz * dt_s = " + p + " exceeds 1; at most one spike per step is possible, so use a rate"
                    + " <= " + (1.0 / dtSeconds) + " Hz or a shorter step");
        }
    }
}
