package io.engram.chip.neuron;

/** Rate neurons pass a value each sample; LIF neurons integrate spikes over time steps. */
public sealed interface NeuronModel {
    record Rate() implements NeuronModel {}

    /**
     * A LIF neuron, optionally behind a current-based synapse: each step the synaptic current takes the layer's
     * input, i <- synapse.decay i + u, and the membrane receives the current of the step before plus a direct share
     * of the input, v <- decay v + i_before + synapse.direct u (the exact two-state solution of a CubaLIF neuron
     * in rescaled units). Without a synapse the membrane receives u.
     */
    record Lif(LifParams params, Synapse synapse) implements NeuronModel {
        public Lif(LifParams params) { this(params, null); }
    }

    /** Synaptic current filter: decay per step in [0, 1) and the direct share of the input in the same step. */
    record Synapse(double decay, double direct) {
        public Synapse {
            if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("synaptic decay in [0,1)");
            if (!Double.isFinite(direct)) throw new IllegalArgumentException("synaptic direct share finite");
        }
    }
}
