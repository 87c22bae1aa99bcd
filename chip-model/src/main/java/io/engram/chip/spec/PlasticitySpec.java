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
 */
public record PlasticitySpec(int lanes, int writeParallelism, SmallUpdatePolicy smallUpdates, boolean writeVerify,
                             int verifyMaxIterations, double verifyTolerance) {
    public PlasticitySpec {
        if (lanes < 1 || writeParallelism < 1 || verifyMaxIterations < 1) throw new IllegalArgumentException();
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
        n.finish();
        return new PlasticitySpec(lanes, wp, p, on, it, tol);
    }
}
