package io.engram.chip.spec;

/**
 * The on-core plasticity engine.
 *
 * @param lanes               weight updates computed per cycle
 * @param writeParallelism    cells programmed in one pulse slot
 * @param smallUpdates        handling of sub-pulse updates
 * @param writeVerify         program-and-verify instead of open-loop pulses
 * @param verifyMaxIterations cap on verify iterations per cell
 * @param verifyTolerance     acceptance band, in device steps, around the target conductance
 * @param factorBits          bits of one post factor (a or b of dw = a x - b w) as the engine takes it; the size of
 *                            the post-activity broadcast to row tiles ({@code factor_bits})
 */
public record PlasticitySpec(int lanes, int writeParallelism, SmallUpdatePolicy smallUpdates, boolean writeVerify,
                             int verifyMaxIterations, double verifyTolerance, int factorBits) {
    /** Post factors in the 16-bit fixed point of the engine's mini-batch accumulators. */
    public static final int DEFAULT_FACTOR_BITS = 16;

    public PlasticitySpec {
        if (lanes < 1 || writeParallelism < 1 || verifyMaxIterations < 1 || factorBits < 1 || factorBits > 32) {
            throw new IllegalArgumentException();
        }
    }

    /** An engine with {@link #DEFAULT_FACTOR_BITS}-bit post factors. */
    public PlasticitySpec(int lanes, int writeParallelism, SmallUpdatePolicy smallUpdates, boolean writeVerify,
                          int verifyMaxIterations, double verifyTolerance) {
        this(lanes, writeParallelism, smallUpdates, writeVerify, verifyMaxIterations, verifyTolerance, DEFAULT_FACTOR_BITS);
    }

    static PlasticitySpec read(SpecNode n, int cols) {
        int lanes = n.optInt("lanes", 16, 1, 1 << 16);
        int wp = n.optInt("write_parallelism", 16, 1, cols);
        SmallUpdatePolicy p = n.optEnum("small_updates", SmallUpdatePolicy.class, SmallUpdatePolicy.STOCHASTIC_ROUNDING);
        SpecNode wv = n.optObject("write_verify");
        boolean on = wv.optBool("enabled", false);
        int it = wv.optInt("max_iterations", 10, 1, 1000);
        double tol = wv.optDouble("tolerance_steps", 0.5, 0.0, 1e6);
        wv.finish();
        int factorBits = n.optInt("factor_bits", DEFAULT_FACTOR_BITS, 1, 32);
        n.finish();
        return new PlasticitySpec(lanes, wp, p, on, it, tol, factorBits);
    }
}
