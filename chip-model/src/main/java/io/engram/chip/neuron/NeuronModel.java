package io.engram.chip.neuron;

/** Rate neurons pass a value each sample; LIF neurons integrate spikes over time steps. */
public sealed interface NeuronModel {
    record Rate() implements NeuronModel {}

    record Lif(LifParams params) implements NeuronModel {}
}
