package io.engram.chip.neuron;

/**
 * Function applied by the neuron units to the pre-activation u before it is passed to the next layer.
 * TRIANGLE: max(0, u_k - mean_c u_c)^power (mean over the group at the same position).
 */
public record Activation(Kind kind, double power, double clampLow, double clampHigh) {
    public enum Kind { IDENTITY, RELU, CLAMP, TRIANGLE, SOFTMAX_OUTPUT }

    public static Activation identity() { return new Activation(Kind.IDENTITY, 1, 0, 0); }

    public static Activation relu() { return new Activation(Kind.RELU, 1, 0, 0); }

    public static Activation triangle(double power) { return new Activation(Kind.TRIANGLE, power, 0, 0); }

    public static Activation clamp(double lo, double hi) { return new Activation(Kind.CLAMP, 1, lo, hi); }
}
