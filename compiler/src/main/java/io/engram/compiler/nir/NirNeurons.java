package io.engram.compiler.nir;

import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.nir.NirGraph.Node;
import io.engram.compiler.nir.NirGraph.Param;

/**
 * Mapping of NIR neuron nodes onto the chip's LIF unit. The dynamics tau dv/dt = (v_leak - v) + R I are discretised
 * exactly for a step dt: decay = exp(-dt/tau); the membrane is rescaled by 1/g with g = R (1 - decay) (IF, I: g = R),
 * so the chip's v <- decay v + W x + b reproduces it with threshold v_threshold / g, reset v_reset / g and v_leak / R
 * added to the bias.
 */
final class NirNeurons {
    private final NirReport report;
    private final NirParams params;
    private final double dtOverride;
    private boolean dtNoted;

    NirNeurons(NirReport report, NirParams params, double dtOverride) {
        this.report = report;
        this.params = params;
        this.dtOverride = dtOverride;
    }

    private double dt(Node n) {
        if (!Double.isNaN(dtOverride)) return dtOverride;
        Param p = n.param("dt");
        if (p != null && p.numeric() && p.size() >= 1 && p.values()[0] > 0) return p.values()[0];
        if (!dtNoted) {
            dtNoted = true;
            report.at(DiagCode.N201, n, "the graph gives no time step; time constants are discretised with dt = "
                    + Fmt.num(CompileOptions.DEFAULT_NIR_DT_SECONDS) + " s (decay = exp(-dt/tau))",
                    "pass --nir-dt SECONDS (CompileOptions.withNirDtSeconds) with the simulator's step");
        }
        return CompileOptions.DEFAULT_NIR_DT_SECONDS;
    }

    /** The chip neuron for {@code neurons} NIR neurons of node n; null after an error. */
    NeuronModel neuron(Node n, long neurons) {
        NirKind kind = n.kind();
        double r = params.uniform(n, "r", 1, neurons);
        double vth = params.uniform(n, "v_threshold", 1, neurons);
        double vReset = params.uniform(n, "v_reset", 0, neurons);
        if (Double.isNaN(r) || Double.isNaN(vth) || Double.isNaN(vReset)) return null;
        double decay, gain, threshold;
        switch (kind) {
            case LIF, CUBA_LIF, LI -> {
                String tauKey = kind == NirKind.CUBA_LIF ? "tau_mem" : "tau";
                double tau = params.uniform(n, tauKey, Double.NaN, neurons);
                if (!(tau > 0)) {
                    report.at(DiagCode.E206, n, "needs a positive " + tauKey, "");
                    return null;
                }
                double dt = dt(n);
                decay = Math.exp(-dt / tau);
                gain = r * (1 - decay);
                if (kind == NirKind.CUBA_LIF) {
                    double wIn = params.uniform(n, "w_in", 1, neurons);
                    double tauSyn = params.uniform(n, "tau_syn", Double.NaN, neurons);
                    if (Double.isNaN(wIn)) return null;
                    gain *= wIn;
                    report.at(DiagCode.W201, n, "the synaptic current filter (tau_syn = " + Fmt.num(tauSyn) + " s) is"
                            + " dropped: the chip's LIF neuron integrates its input directly (w_in = " + Fmt.num(wIn)
                            + " is kept as a gain)", "expect a faster response than the CubaLIF model");
                }
                threshold = kind == NirKind.LI ? Double.POSITIVE_INFINITY : vth / gain;
            }
            case IF -> {
                decay = 1;
                gain = r;
                threshold = vth / gain;
            }
            case INTEGRATOR -> {
                decay = 1;
                gain = r;
                threshold = Double.POSITIVE_INFINITY;
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
        return new NeuronModel.Lif(new LifParams(decay, threshold, LifParams.Reset.ZERO, vReset / gain, 0, 0, 1));
    }

    /** v_leak of an LIF/LI/CubaLIF node enters the rescaled membrane as a constant input v_leak / R per step. */
    float[] leakBias(Node neuronNode, float[] bias, int cols) {
        if (neuronNode == null || !neuronNode.has("v_leak")) return bias;
        double vLeak = params.uniform(neuronNode, "v_leak", 0, cols);
        if (vLeak == 0 || Double.isNaN(vLeak)) return bias;
        double r = params.uniform(neuronNode, "r", 1, cols);
        double wIn = neuronNode.kind() == NirKind.CUBA_LIF ? params.uniform(neuronNode, "w_in", 1, cols) : 1;
        float[] b = bias == null ? new float[cols] : bias.clone();
        for (int i = 0; i < cols; i++) b[i] += (float) (vLeak / (r * wIn));
        report.at(DiagCode.N202, neuronNode, "v_leak " + Fmt.num(vLeak) + " added to the bias as "
                + Fmt.num(vLeak / (r * wIn)) + " per step", "");
        return b;
    }
}
