package io.engram.chip.sim;

import io.engram.chip.program.LayerProgram;

/**
 * A layer as the chip runs it (its process model): a weight layer on its tiles ({@link MappedLayer}, with its
 * spiking process model {@link SpikingLayer}), or a digital operation in the neuron units of the previous layer's
 * cores ({@link DigitalOpLayer}). In rate mode the chip hands each layer a sample's {@link SampleStep}; in spiking
 * mode each time step's {@link SpikeStep}, layer after layer. Each layer runs its step phases in their fixed order
 * ({@link StepPhase}), charging the critical path to them.
 */
sealed interface ChipLayer permits MappedLayer, DigitalOpLayer {
    /** The layer as compiled. */
    LayerProgram program();

    /** Runs one sample's rate-mode pass through this layer: returns the layer's output and advances the step. */
    float[] runRate(SampleStep step, float[] x, boolean learn);

    /**
     * Spiking mode: puts the layer at rest before a sample (membranes, synaptic currents and traces cleared), building
     * its spiking state on first use.
     *
     * @throws IllegalArgumentException when the layer cannot run on spikes (rate neurons)
     */
    void restSpiking(SpikeStep step);

    /**
     * Spiking mode: one time step of this layer on the values x (spikes, or a pool's spike counts): returns the
     * layer's output of the step and advances the step.
     */
    float[] stepSpiking(SpikeStep step, float[] x, boolean learn);
}
