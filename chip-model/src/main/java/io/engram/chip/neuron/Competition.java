package io.engram.chip.neuron;

/**
 * The competition a group of neurons runs in the competition unit.
 *
 * <p>{@code inhibition} (spiking HARD_WTA only; 0 = off): when the winner spikes, every other neuron's membrane is
 * pushed toward {@code inhibitionFloor} by v -= inhibition (v - floor) / (-floor), i.e. by {@code inhibition} at
 * v = 0 and by less as v nears the floor (a shunting, conductance-like inhibition with reversal at the floor; Diehl
 * and Cook's inhibitory population). Without it only the neurons that crossed threshold in the same step are reset.
 */
public record Competition(Kind kind, int k, double temperature, double inhibition, double inhibitionFloor) {
    public enum Kind { NONE, HARD_WTA, K_WTA, SOFTMAX }

    public Competition {
        if (kind == Kind.K_WTA && k < 1) throw new IllegalArgumentException("k >= 1");
        if (kind == Kind.SOFTMAX && !(temperature > 0)) throw new IllegalArgumentException("temperature > 0");
        if (!(inhibition >= 0) || Double.isInfinite(inhibition)) {
            throw new IllegalArgumentException("inhibition must be a finite number >= 0, got " + inhibition);
        }
        if (inhibition > 0 && kind != Kind.HARD_WTA) throw new IllegalArgumentException("inhibition needs hard-wta");
        if (inhibition > 0 && !(inhibitionFloor < 0 && inhibitionFloor > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("inhibition_floor must be a finite number < 0, got " + inhibitionFloor);
        }
    }

    /** Without graded inhibition. */
    public Competition(Kind kind, int k, double temperature) {
        this(kind, k, temperature, 0, 0);
    }

    public static Competition none() { return new Competition(Kind.NONE, 0, 1); }

    public static Competition hardWta() { return new Competition(Kind.HARD_WTA, 1, 1); }

    /** Hard WTA whose winner's spike also inhibits every other neuron (spiking mode; see the class comment). */
    public static Competition hardWta(double inhibition, double inhibitionFloor) {
        return new Competition(Kind.HARD_WTA, 1, 1, inhibition, inhibitionFloor);
    }

    public static Competition kWta(int k) { return new Competition(Kind.K_WTA, k, 1); }

    public static Competition softmax(double temperature) { return new Competition(Kind.SOFTMAX, 0, temperature); }
}
