package io.engram.chip.neuron;

/** The competition a group of neurons runs in the competition unit. */
public record Competition(Kind kind, int k, double temperature) {
    public enum Kind { NONE, HARD_WTA, K_WTA, SOFTMAX }

    public Competition {
        if (kind == Kind.K_WTA && k < 1) throw new IllegalArgumentException("k >= 1");
        if (kind == Kind.SOFTMAX && !(temperature > 0)) throw new IllegalArgumentException("temperature > 0");
    }

    public static Competition none() { return new Competition(Kind.NONE, 0, 1); }

    public static Competition hardWta() { return new Competition(Kind.HARD_WTA, 1, 1); }

    public static Competition kWta(int k) { return new Competition(Kind.K_WTA, k, 1); }

    public static Competition softmax(double temperature) { return new Competition(Kind.SOFTMAX, 0, temperature); }
}
