package io.engram.compiler.nir;

import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.nir.NirGraph.Node;
import io.engram.compiler.nir.NirGraph.Param;

/**
 * Mapping of NIR neuron nodes onto the chip's LIF unit, v <- decay v + W x + b. The dynamics
 * tau dv/dt = (v_leak - v) + R I are stepped as {@link NirSemantics} says: decay = exp(-dt/tau) (exact) or 1 - dt/tau
 * (Euler); one input unit adds g to v (Dirac: R / tau, held: R (1 - decay) or R dt / tau; IF and I: R or R dt). The
 * membrane is rescaled by 1/g so the layer's weights drive it unchanged: threshold v_threshold / g, reset v_reset / g,
 * v_leak enters the bias.
 */
final class NirNeurons {
    private final NirReport report;
    private final NirParams params;
    private final double dtOverride;
    private final NirSemantics semantics;
    private boolean dtNoted;

    NirNeurons(NirReport report, NirParams params, double dtOverride, NirSemantics semantics) {
        this.report = report;
        this.params = params;
        this.dtOverride = dtOverride;
        this.semantics = semantics;
    }

    private double dt(Node n) {
        Param p = n.param("dt");
        if (!Double.isNaN(dtOverride)) {
            if (p != null && p.numeric() && p.size() >= 1 && p.values()[0] > 0 && p.values()[0] != dtOverride && !dtNoted) {
                dtNoted = true;
                report.at(DiagCode.N201, n, "the graph's time step dt = " + Fmt.num(p.values()[0]) + " s differs from the"
                        + " run's " + Fmt.num(dtOverride) + " s; time constants are discretised with the run's",
                        "set encoding.dt_ms (or --nir-dt) to the graph's step to run it as exported");
            }
            return dtOverride;
        }
        if (p != null && p.numeric() && p.size() >= 1 && p.values()[0] > 0) return p.values()[0];
        if (!dtNoted) {
            dtNoted = true;
            report.at(DiagCode.N201, n, "the graph gives no time step; time constants are discretised with dt = "
                    + Fmt.num(CompileOptions.DEFAULT_NIR_DT_SECONDS) + " s (decay = exp(-dt/tau))",
                    "pass --nir-dt SECONDS (CompileOptions.withNirDtSeconds) with the simulator's step");
        }
        return CompileOptions.DEFAULT_NIR_DT_SECONDS;
    }

    /**
     * A neuron node on the chip: its LIF unit's parameters, the input gain g by which the membrane was rescaled and
     * what a constant v_leak adds per step (before rescaling).
     */
    record Mapped(NeuronModel model, double gain, double leakPerStep) {}

    /** The chip neuron for {@code neurons} NIR neurons of node n; null after an error. */
    Mapped neuron(Node n, long neurons) {
        NirKind kind = n.kind();
        double r = params.uniform(n, "r", 1, neurons);
        double vth = params.uniform(n, "v_threshold", 1, neurons);
        double vReset = params.uniform(n, "v_reset", 0, neurons);
        if (Double.isNaN(r) || Double.isNaN(vth) || Double.isNaN(vReset)) return null;
        double decay, gain, threshold, leak = 0;
        switch (kind) {
            case LIF, CUBA_LIF, LI -> {
                String tauKey = kind == NirKind.CUBA_LIF ? "tau_mem" : "tau";
                double tau = params.uniform(n, tauKey, Double.NaN, neurons);
                if (!(tau > 0)) {
                    report.at(DiagCode.E206, n, "needs a positive " + tauKey, "");
                    return null;
                }
                double dt = dt(n);
                if (semantics.discretisation() == NirSemantics.Discretisation.EULER && dt > tau) {
                    report.at(DiagCode.E206, n, "Euler steps need dt <= " + tauKey + "; dt = " + Fmt.num(dt) + " s, "
                            + tauKey + " = " + Fmt.num(tau) + " s", "use the exact discretisation or a smaller dt");
                    return null;
                }
                decay = semantics.decay(dt, tau);
                gain = semantics.leakyGain(r, dt, tau);
                leak = semantics.leakPerStep(dt, tau);
                if (kind == NirKind.CUBA_LIF) {
                    Mapped m = cubaLif(n, neurons, r, vth, vReset, tau, dt, decay);
                    return m;
                }
                threshold = kind == NirKind.LI ? Double.POSITIVE_INFINITY : vth / gain;
            }
            case IF, INTEGRATOR -> {
                decay = 1;
                gain = semantics.integratorGain(r, semantics.spike() == NirSemantics.Spike.HELD ? dt(n) : 1);
                threshold = kind == NirKind.IF ? vth / gain : Double.POSITIVE_INFINITY;
            }
            case THRESHOLD -> {
                double th = params.uniform(n, "threshold", Double.NaN, neurons);
                if (Double.isNaN(th)) {
                    report.at(DiagCode.E206, n, "needs a threshold", "");
                    return null;
                }
                decay = 0;
                gain = 1;
                threshold = th;
            }
            default -> throw new IllegalStateException("not a neuron kind: " + kind);
        }
        if (!(gain > 0) || Double.isInfinite(gain)) {
            report.at(DiagCode.E206, n, "input gain " + Fmt.num(gain) + " (from r and tau) must be positive and finite", "");
            return null;
        }
        if (gain != 1) {
            report.at(DiagCode.N202, n, "membrane rescaled by 1/" + Fmt.num(gain) + " so the layer's weights drive it"
                    + " unchanged: threshold " + Fmt.num(vth) + " -> " + Fmt.num(threshold) + ", decay " + Fmt.num(decay), "");
        }
        LifParams.Reset reset = semantics.reset() == NirSemantics.Reset.SUBTRACT ? LifParams.Reset.SUBTRACT : LifParams.Reset.ZERO;
        return new Mapped(new NeuronModel.Lif(new LifParams(decay, threshold, reset, vReset / gain, 0, 0, 1)), gain, leak);
    }

    /**
     * CubaLIF: tau_syn dI/dt = -I + w_in u, tau_mem dv/dt = (v_leak - v) + R I, reset of v only. Stepped as a linear
     * map of (v, I) per step: I' = ds I + a u, v' = dm v + c I + e u, with ds, dm the two decays and
     * <ul>
     *   <li>Dirac u at the step's start (sampled just after it): a = w_in / tau_syn, e = 0 (v is continuous);</li>
     *   <li>held u, exact: a = w_in (1 - ds), e = R w_in (1 - (tau_syn ds - tau_mem dm) / (tau_syn - tau_mem));</li>
     *   <li>Euler: ds = 1 - dt/tau_syn, a = w_in dt / tau_syn, c = R dt / tau_mem, e = 0;</li>
     *   <li>exact c = R tau_syn (ds - dm) / (tau_syn - tau_mem) (R (dt / tau) e^{-dt/tau} when the two are equal).</li>
     * </ul>
     * The chip holds i = I / a and v / G with G = a c, so that i <- ds i + u and v <- dm v + i_before + (e / G) u.
     */
    private Mapped cubaLif(Node n, long neurons, double r, double vth, double vReset, double tauMem, double dt, double dm) {
        double wIn = params.uniform(n, "w_in", 1, neurons);
        double tauSyn = params.uniform(n, "tau_syn", Double.NaN, neurons);
        if (Double.isNaN(wIn)) return null;
        if (!(tauSyn > 0)) {
            report.at(DiagCode.E206, n, "needs a positive tau_syn", "");
            return null;
        }
        boolean euler = semantics.discretisation() == NirSemantics.Discretisation.EULER;
        if (euler && dt > tauSyn) {
            report.at(DiagCode.E206, n, "Euler steps need dt <= tau_syn; dt = " + Fmt.num(dt) + " s, tau_syn = "
                    + Fmt.num(tauSyn) + " s", "use the exact discretisation or a smaller dt");
            return null;
        }
        double ds = semantics.decay(dt, tauSyn);
        boolean dirac = semantics.spike() == NirSemantics.Spike.DIRAC;
        double a, c, e;
        if (euler) {
            c = r * dt / tauMem;
            a = dirac ? wIn / tauSyn : wIn * dt / tauSyn;
            e = 0;
        } else {
            boolean equal = Math.abs(tauSyn - tauMem) <= 1e-12 * tauMem;
            c = equal ? r * (dt / tauMem) * dm : r * tauSyn * (ds - dm) / (tauSyn - tauMem);
            a = dirac ? wIn / tauSyn : wIn * (1 - ds);
            e = dirac ? 0 : equal ? r * wIn * (1 - dm - (dt / tauMem) * dm)
                    : r * wIn * (1 - (tauSyn * ds - tauMem * dm) / (tauSyn - tauMem));
        }
        double gain = a * c;
        if (!(gain > 0) || Double.isInfinite(gain)) {
            report.at(DiagCode.E206, n, "input gain " + Fmt.num(gain) + " (from r, w_in and the time constants) must be"
                    + " positive and finite", "");
            return null;
        }
        double threshold = vth / gain;
        report.at(DiagCode.N202, n, "synaptic current kept (decay " + Fmt.num(ds) + " per step); membrane rescaled by 1/"
                + Fmt.num(gain) + ": threshold " + Fmt.num(vth) + " -> " + Fmt.num(threshold) + ", decay " + Fmt.num(dm), "");
        LifParams.Reset reset = semantics.reset() == NirSemantics.Reset.SUBTRACT ? LifParams.Reset.SUBTRACT : LifParams.Reset.ZERO;
        LifParams p = new LifParams(dm, threshold, reset, vReset / gain, 0, 0, 1);
        // v_leak held: v gains v_leak (1 - dm) per step; on chip it enters through the synapse as a constant input
        // u_L with the same steady state, u_L / (1 - ds) + (e / G) u_L = v_leak (1 - dm) / G
        double leakPerStep = semantics.leakPerStep(dt, tauMem) / (1 / (1 - ds) + e / gain);
        return new Mapped(new NeuronModel.Lif(p, new NeuronModel.Synapse(ds, e / gain)), gain, leakPerStep);
    }

    /**
     * v_leak of an LIF/LI/CubaLIF node is a constant input held over every step: it adds v_leak (1 - decay) (exact)
     * or v_leak dt / tau (Euler) to the membrane, v_leak * leakPerStep / g to the rescaled one, as bias.
     */
    float[] leakBias(Node neuronNode, Mapped mapped, float[] bias, int cols, long neurons) {
        if (neuronNode == null || !neuronNode.has("v_leak")) return bias;
        // one in all, one per neuron (for a convolution: per channel and position, like r and v_threshold) or per column
        Param given = neuronNode.param("v_leak");
        double vLeak = params.uniform(neuronNode, "v_leak", 0, given.size() == cols ? cols : neurons);
        if (vLeak == 0 || Double.isNaN(vLeak) || mapped.leakPerStep() == 0) return bias;
        double perStep = vLeak * mapped.leakPerStep() / mapped.gain();
        float[] b = bias == null ? new float[cols] : bias.clone();
        for (int i = 0; i < cols; i++) b[i] += (float) perStep;
        report.at(DiagCode.N202, neuronNode, "v_leak " + Fmt.num(vLeak) + " added to the bias as " + Fmt.num(perStep)
                + " per step", "");
        if (neuronNode.kind() == NirKind.CUBA_LIF) {
            report.at(DiagCode.W201, neuronNode, "v_leak enters through the synaptic current: the same steady state,"
                    + " but its onset after a reset is filtered by tau_syn", "");
        }
        return b;
    }
}
