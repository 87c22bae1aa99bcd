package io.engram.chip.neuron;

/**
 * Per-channel standardisation of a weighted layer's input, the chip's counterpart of the reference SoftHebb
 * {@code BatchNorm2d(affine=False)} in front of every Hebbian block: y = (x - mean_c) / sqrt(var_c + eps), with
 * mean_c and var_c (population variance) measured on the chip from the layer's own inputs while the layer's
 * training pass runs, then frozen. Channels are the input's channels (conv) or its features (a flat input).
 *
 * @param kind NONE (the input passes unchanged) or BATCH
 * @param eps  added to the variance before the square root, in (0, 1] (PyTorch's default 1e-5)
 */
public record InputNorm(Kind kind, double eps) {
    public enum Kind { NONE, BATCH }

    public static final double DEFAULT_EPS = 1e-5;

    public InputNorm {
        if (kind == null) throw new IllegalArgumentException("input norm kind must not be null");
        if (kind == Kind.BATCH && !(eps > 0 && eps <= 1)) {
            throw new IllegalArgumentException("input norm eps " + eps + " outside (0, 1]");
        }
    }

    public static InputNorm none() { return new InputNorm(Kind.NONE, 0); }

    public static InputNorm batch(double eps) { return new InputNorm(Kind.BATCH, eps); }

    public static InputNorm batch() { return batch(DEFAULT_EPS); }

    public boolean on() { return kind != Kind.NONE; }
}
