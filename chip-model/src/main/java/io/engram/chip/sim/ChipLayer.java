package io.engram.chip.sim;

import io.engram.chip.program.LayerProgram;

/**
 * A layer as the chip runs it (its process model): a weight layer on its tiles ({@link MappedLayer}), or a digital
 * operation in the neuron units of the previous layer's cores ({@link DigitalOpLayer}). In rate mode the chip hands
 * each layer a sample's {@link SampleStep} and the layer runs its step phases in their fixed order
 * ({@link StepPhase}), charging the critical path to them.
 */
sealed interface ChipLayer permits MappedLayer, DigitalOpLayer {
    /** The layer as compiled. */
    LayerProgram program();

    /** Runs one sample's rate-mode pass through this layer: returns the layer's output and advances the step. */
    float[] runRate(SampleStep step, float[] x, boolean learn);

    /** True when the layer passes spikes through unchanged in spiking mode (flatten). */
    boolean passesSpikes();
}
