package io.engram.chip.sim;

/**
 * The named phases of one step, in their fixed order, as segments of a sample's critical path. The chip adds each
 * segment's cycles (waiting for a busy core included, in the phase that waited) to {@link Chip#stepPhaseCycles()},
 * so that the phases of a run add up exactly to {@link Chip#serialCycles()}.
 *
 * <p>Rate mode, per weight layer: {@link #NORM} (only for a layer with an input norm), {@link #INGRESS}, then per
 * input vector (once for a dense layer, per position for a convolution) {@link #READ}, {@link #CONVERT},
 * {@link #PARTIAL_SUM},
 * {@link #REDUCTION}, {@link #COMPETITION}, {@link #NEURON}; after the last layer,
 * {@link #PLASTICITY} holds the learning that ends after the forward pass (learning that overlaps the forward pass of
 * later layers is off the critical path: no update locking).
 *
 * <p>Spiking mode, per time step and weight layer: {@link #SPIKE_OUT} (the address events of the layer before reach
 * the layer's tiles), {@link #READ}, {@link #CONVERT}, {@link #PARTIAL_SUM}, {@link #NEURON} (LIF update),
 * {@link #COMPETITION} (lateral inhibition), {@link #PLASTICITY} (the step's STDP or rule update), {@link #SPIKE_OUT}
 * (its spikes back to the recurrent rows of itself or an earlier layer); a pool between weight layers is
 * {@link #NEURON} (its adds in the neuron unit); then one {@link #BARRIER} per step.
 */
public enum StepPhase {
    /** The input norm of a layer that has one (per-channel standardisation in the producing core's neuron unit). */
    NORM("neuron"),
    /** Activations from the previous layer's owner cores reach every tile of the layer. */
    INGRESS("noc"),
    /** Crossbar reads of every tile: the read pulses (row drivers, cells; waits for a busy core included). */
    READ("crossbar"),
    /** The ADC conversion rounds of the reads on the critical path (shift-and-add is pipelined behind them). */
    CONVERT("adc"),
    /** Partial sums of row tiles reach the owner core of their column block over the NoC. */
    PARTIAL_SUM("noc"),
    /** A column-split competition group exchanges partial max / sum-of-exp with its root and gets the result back. */
    REDUCTION("noc"),
    /** The competition unit (WTA, k-WTA, softmax, lateral inhibition). */
    COMPETITION("competition"),
    /** The neuron units (activation, or LIF integration). */
    NEURON("neuron"),
    /** Learning on the critical path (see the class comment). */
    PLASTICITY("plasticity"),
    /** Output spikes travel to the next layer's cores. */
    SPIKE_OUT("noc"),
    /** The end-of-step barrier of spiking mode. */
    BARRIER("barrier");

    private final String component;

    StepPhase(String component) { this.component = component; }

    /**
     * The component class whose time this phase is, as named in the energy breakdown ({@code crossbar}, {@code adc},
     * {@code neuron}, {@code competition}, {@code plasticity}, {@code barrier}), or {@code noc} for the routers and
     * links together (a flit's hop is router pipeline and link in series).
     */
    public String component() { return component; }
}
