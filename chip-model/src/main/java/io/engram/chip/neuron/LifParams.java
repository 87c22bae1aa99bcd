package io.engram.chip.neuron;

/**
 * Leaky integrate-and-fire neuron, discrete time: v <- v * decay + I; spike when v >= threshold + theta;
 * reset to {@code resetValue} (ZERO) or by subtracting the threshold (SUBTRACT); refractory steps without
 * integration; adaptive threshold theta += thetaPlus per spike, theta *= thetaDecay per step.
 */
public record LifParams(double decay, double threshold, Reset reset, double resetValue, int refractorySteps,
                        double thetaPlus, double thetaDecay) {
    public enum Reset { ZERO, SUBTRACT }

    public LifParams {
        if (!(decay >= 0 && decay <= 1)) throw new IllegalArgumentException("decay in [0,1]");
        if (refractorySteps < 0) throw new IllegalArgumentException("refractory");
    }
}
