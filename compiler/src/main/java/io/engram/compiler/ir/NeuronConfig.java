package io.engram.compiler.ir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;

/**
 * What the neuron units and the plasticity engine do for one weighted layer.
 *
 * @param neuron      rate or LIF
 * @param activation  function of u passed to the next layer
 * @param competition competition among the layer's neurons (per output position for conv)
 * @param rule        learning rule, {@link LearningRule.None} for inference only
 * @param norm        per-channel standardisation of the layer's input (YAML {@code norm}), {@link InputNorm#none()}
 *                    for none
 */
public record NeuronConfig(NeuronModel neuron, Activation activation, Competition competition, LearningRule rule,
                           InputNorm norm) {
    public NeuronConfig {
        if (neuron == null || activation == null || competition == null || rule == null || norm == null) {
            throw new IllegalArgumentException("neuron config fields must not be null");
        }
    }

    /** A configuration without an input norm. */
    public NeuronConfig(NeuronModel neuron, Activation activation, Competition competition, LearningRule rule) {
        this(neuron, activation, competition, rule, InputNorm.none());
    }

    /** Rate neuron, identity activation, no competition, no learning. */
    public static NeuronConfig defaults() {
        return new NeuronConfig(new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None());
    }

    public boolean spiking() { return neuron instanceof NeuronModel.Lif; }

    public boolean learns() { return rule.learns(); }

    public NeuronConfig withNeuron(NeuronModel n) { return new NeuronConfig(n, activation, competition, rule, norm); }

    public NeuronConfig withActivation(Activation a) { return new NeuronConfig(neuron, a, competition, rule, norm); }

    public NeuronConfig withCompetition(Competition c) { return new NeuronConfig(neuron, activation, c, rule, norm); }

    public NeuronConfig withRule(LearningRule r) { return new NeuronConfig(neuron, activation, competition, r, norm); }

    public NeuronConfig withNorm(InputNorm n) { return new NeuronConfig(neuron, activation, competition, rule, n); }
}
