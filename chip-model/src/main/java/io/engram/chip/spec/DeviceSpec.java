package io.engram.chip.spec;

/**
 * A synaptic device: the pulse response and its non-idealities. Conductances in microsiemens.
 *
 * @param kind            device family
 * @param levels          programmable levels (pulses from Gmin to Gmax) for stepped devices; weight levels for digital
 * @param gMinUs          low-conductance state
 * @param gMaxUs          high-conductance state
 * @param shapeLtp        nonlinear device: A/Pmax for potentiation (0.2497 = NeuroSim NL 4.22; large = linear)
 * @param shapeLtd        nonlinear device: A/Pmax for depression
 * @param writeNoise      cycle-to-cycle write noise sigma per pulse, as a fraction of (Gmax - Gmin), times sqrt(pulses)
 * @param d2dVariation    device-to-device relative sigma of the step size (sampled per cell at build)
 * @param readNoise       relative sigma of a cell's conductance at each read
 * @param stuckLowRate    fraction of cells stuck at Gmin
 * @param stuckHighRate   fraction of cells stuck at Gmax
 * @param endurance       writes per cell before the endurance policy applies
 * @param pastEndurance   what happens past the limit
 */
public record DeviceSpec(DeviceKind kind, int levels, double gMinUs, double gMaxUs, double shapeLtp, double shapeLtd,
                         double writeNoise, double d2dVariation, double readNoise, double stuckLowRate,
                         double stuckHighRate, long endurance, EndurancePolicy pastEndurance) {

    public static final int MAX_LEVELS = 1 << 16;

    public DeviceSpec {
        if (kind == null) throw new IllegalArgumentException("kind");
        if (levels < 2 || levels > MAX_LEVELS) throw new IllegalArgumentException("levels " + levels);
        if (!(gMinUs >= 0) || !(gMaxUs > gMinUs)) throw new IllegalArgumentException("g range " + gMinUs + ".." + gMaxUs);
        if (stuckLowRate + stuckHighRate > 1) throw new IllegalArgumentException("stuck rates sum > 1");
    }

    /** The ideal device: exact, noiseless, no faults. */
    public static DeviceSpec ideal() {
        return new DeviceSpec(DeviceKind.IDEAL, MAX_LEVELS, 1.0, 10.0, 1, 1, 0, 0, 0, 0, 0,
                Long.MAX_VALUE, EndurancePolicy.COUNT_ONLY);
    }

    public DeviceSpec withKind(DeviceKind k) {
        return new DeviceSpec(k, levels, gMinUs, gMaxUs, shapeLtp, shapeLtd, writeNoise, d2dVariation, readNoise,
                stuckLowRate, stuckHighRate, endurance, pastEndurance);
    }

    public DeviceSpec withLevels(int l) {
        return new DeviceSpec(kind, l, gMinUs, gMaxUs, shapeLtp, shapeLtd, writeNoise, d2dVariation, readNoise,
                stuckLowRate, stuckHighRate, endurance, pastEndurance);
    }

    public DeviceSpec withNoise(double write, double d2d, double read) {
        return new DeviceSpec(kind, levels, gMinUs, gMaxUs, shapeLtp, shapeLtd, write, d2d, read,
                stuckLowRate, stuckHighRate, endurance, pastEndurance);
    }

    public DeviceSpec withFaults(double low, double high, long endurance, EndurancePolicy policy) {
        return new DeviceSpec(kind, levels, gMinUs, gMaxUs, shapeLtp, shapeLtd, writeNoise, d2dVariation, readNoise,
                low, high, endurance, policy);
    }

    static DeviceSpec read(SpecNode n) {
        DeviceKind kind = n.requireEnum("model", DeviceKind.class);
        int levels = n.optInt("levels", kind == DeviceKind.IDEAL ? MAX_LEVELS : 32, 2, MAX_LEVELS);
        double gMin = n.optDouble("g_min_us", 1.0, 0.0, 1e6);
        double gMax = n.optDouble("g_max_us", 10.0, 0.0, 1e6);
        if (!(gMax > gMin)) throw n.error("g_max_us", gMax, "must be greater than g_min_us (" + gMin + ")");
        double ltp = n.optDouble("shape_ltp", 0.2497, 1e-3, 1e6);
        double ltd = n.optDouble("shape_ltd", 0.2497, 1e-3, 1e6);
        double wn = n.optDouble("write_noise", 0.0, 0.0, 1.0);
        double d2d = n.optDouble("d2d_variation", 0.0, 0.0, 1.0);
        double rn = n.optDouble("read_noise", 0.0, 0.0, 1.0);
        double sl = n.optDouble("stuck_low_rate", 0.0, 0.0, 1.0);
        double sh = n.optDouble("stuck_high_rate", 0.0, 0.0, 1.0);
        if (sl + sh > 1.0) throw n.error("stuck_high_rate", sh, "stuck_low_rate + stuck_high_rate must be <= 1");
        long endurance = n.optLong("endurance", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        EndurancePolicy pol = n.optEnum("past_endurance", EndurancePolicy.class, EndurancePolicy.COUNT_ONLY);
        n.finish();
        return new DeviceSpec(kind, levels, gMin, gMax, ltp, ltd, wn, d2d, rn, sl, sh, endurance, pol);
    }
}
