package io.engram.chip.neuron;

import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

/** Digital neuron lanes: rate activations and LIF dynamics, time-multiplexed over {@code lanes} units. */
public final class NeuronUnit {
    private final int lanes;
    private final Technology tech;

    public NeuronUnit(int lanes, Technology tech) {
        this.lanes = lanes;
        this.tech = tech;
    }

    /** Applies a rate activation to u[from..from+n) into out; returns cycles. */
    public long activate(Activation a, double[] u, int from, int n, double[] out, ActionCounters counts) {
        switch (a.kind()) {
            case IDENTITY, SOFTMAX_OUTPUT -> System.arraycopy(u, from, out, from, n);
            case RELU -> {
                for (int i = from; i < from + n; i++) out[i] = Math.max(0, u[i]);
            }
            case CLAMP -> {
                for (int i = from; i < from + n; i++) out[i] = Math.min(a.clampHigh(), Math.max(a.clampLow(), u[i]));
            }
            case TRIANGLE -> {
                double mean = 0;
                for (int i = from; i < from + n; i++) mean += u[i];
                mean /= n;
                double p = a.power();
                for (int i = from; i < from + n; i++) {
                    double d = u[i] - mean;
                    out[i] = d <= 0 ? 0 : (p == 1 ? d : Math.pow(d, p));
                }
            }
            default -> throw new IllegalStateException(a.kind().toString());
        }
        counts.add(Action.NEURON_RATE_UPDATE, n);
        return ((long) n + lanes - 1) / lanes * tech.cycles(Action.NEURON_RATE_UPDATE);
    }

    /**
     * One LIF time step for n neurons: v = v*decay + input (unless refractory); spike when v >= threshold + theta.
     *
     * @param v          membrane potentials (updated)
     * @param theta      adaptive threshold offsets (updated; may be null when thetaPlus == 0)
     * @param refractory remaining refractory steps (updated)
     * @param input      synaptic input this step
     * @param spikes     out: 1 where the neuron spiked, else 0
     * @param adapt      whether the adaptive threshold learns (training) or is frozen (evaluation)
     * @return cycles spent
     */
    public long lifStep(LifParams p, double[] v, double[] theta, int[] refractory, double[] input, byte[] spikes,
                        int n, boolean adapt, ActionCounters counts) {
        long active = 0;
        for (int i = 0; i < n; i++) {
            spikes[i] = 0;
            boolean hasInput = input[i] != 0;
            if (refractory[i] > 0) {
                refractory[i]--;
                v[i] *= p.decay();
                continue;
            }
            v[i] = v[i] * p.decay() + input[i];
            double th = p.threshold() + (theta == null ? 0 : theta[i]);
            if (v[i] >= th) {
                spikes[i] = 1;
                v[i] = p.reset() == LifParams.Reset.ZERO ? p.resetValue() : v[i] - th;
                refractory[i] = p.refractorySteps();
                if (theta != null && adapt) theta[i] += p.thetaPlus();
                hasInput = true;
            }
            if (hasInput) active++;
        }
        if (theta != null && adapt && p.thetaDecay() != 1.0) {
            for (int i = 0; i < n; i++) theta[i] *= p.thetaDecay();
        }
        counts.add(Action.NEURON_LIF_ACTIVE, active);
        counts.add(Action.NEURON_LIF_IDLE, n - active);
        return ((long) n + lanes - 1) / lanes * Math.max(tech.cycles(Action.NEURON_LIF_ACTIVE), tech.cycles(Action.NEURON_LIF_IDLE));
    }

    /**
     * One step of current-based synapses: cur = i, i <- decay i + u, u <- cur + direct u (u becomes the membrane's
     * input). The same multiply-add as a membrane update, counted as a LIF update per neuron (active when it carries
     * current) and timed like one.
     */
    public long synapseStep(NeuronModel.Synapse syn, double[] current, double[] u, int n, ActionCounters counts) {
        long active = 0;
        for (int i = 0; i < n; i++) {
            double cur = current[i];
            current[i] = cur * syn.decay() + u[i];
            u[i] = cur + syn.direct() * u[i];
            if (cur != 0 || current[i] != 0) active++;
        }
        counts.add(Action.NEURON_LIF_ACTIVE, active);
        counts.add(Action.NEURON_LIF_IDLE, n - active);
        return ((long) n + lanes - 1) / lanes * Math.max(tech.cycles(Action.NEURON_LIF_ACTIVE), tech.cycles(Action.NEURON_LIF_IDLE));
    }
}
