package io.engram.chip.program;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;

import java.util.List;

/**
 * One layer as it runs on the chip. For DENSE the weight matrix is in.size() rows x out.size() columns; for CONV2D it
 * is the lowered matrix of kernel*kernel*in.channels rows x out.channels columns, applied at every output position
 * (patch schedule). Pooling and flatten layers have no weights and no tiles; they run in the neuron units of the
 * cores of the previous layer.
 *
 * @param weights     initial weights, row-major rows x cols, in weight units (null when the layer has no weights)
 * @param bias        initial bias per column (null = no bias)
 * @param weightScale weight value of a full-range differential pair (|w| <= weightScale maps into the device range)
 * @param norm        per-channel standardisation of the layer's input ({@link InputNorm#none()} for none; weighted
 *                    layers only), run by the neuron unit of the core that produces the input
 * @param recurrentFrom spiking mode: the name of the layer (this one, or a later one) whose spikes of the step before
 *                    drive the rows below this dense layer's {@code in.size()} input rows, one row per neuron of that
 *                    layer (a one-step delay, as Loihi's recurrent axons); null for a feed-forward layer
 */
public record LayerProgram(String name, LayerKind kind, Shape in, Shape out, int kernel, int stride, int padding,
                           NeuronModel neuron, Activation activation, Competition competition, LearningRule rule,
                           int rows, int cols, float[] weights, float[] bias, double weightScale, List<Tile> tiles,
                           InputNorm norm, String recurrentFrom) {
    public LayerProgram {
        tiles = List.copyOf(tiles);
        if (recurrentFrom != null && (kind != LayerKind.DENSE || rows <= in.size())) {
            throw new IllegalArgumentException("layer " + name + ": recurrent rows from " + recurrentFrom + " need a dense"
                    + " layer with more rows than its " + in.size() + " inputs, not " + kind + " with " + rows + " rows");
        }
        if (norm == null) norm = InputNorm.none();
        if (norm.on() && !(kind == LayerKind.DENSE || kind == LayerKind.CONV2D)) {
            throw new IllegalArgumentException("layer " + name + ": an input norm needs a weighted layer, not " + kind);
        }
        if (weights != null && weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("layer " + name + ": weights length " + weights.length + " != " + rows + "x" + cols);
        }
    }

    /**
     * A layer without recurrence from another layer: a dense layer with {@code in.size() + cols} rows is recurrent on
     * itself (its own spikes of the step before drive the last {@code cols} rows).
     */
    public LayerProgram(String name, LayerKind kind, Shape in, Shape out, int kernel, int stride, int padding,
                        NeuronModel neuron, Activation activation, Competition competition, LearningRule rule,
                        int rows, int cols, float[] weights, float[] bias, double weightScale, List<Tile> tiles,
                        InputNorm norm) {
        this(name, kind, in, out, kernel, stride, padding, neuron, activation, competition, rule, rows, cols, weights,
                bias, weightScale, tiles, norm, kind == LayerKind.DENSE && rows == in.size() + cols ? name : null);
    }

    /** A layer without an input norm. */
    public LayerProgram(String name, LayerKind kind, Shape in, Shape out, int kernel, int stride, int padding,
                        NeuronModel neuron, Activation activation, Competition competition, LearningRule rule,
                        int rows, int cols, float[] weights, float[] bias, double weightScale, List<Tile> tiles) {
        this(name, kind, in, out, kernel, stride, padding, neuron, activation, competition, rule, rows, cols, weights,
                bias, weightScale, tiles, InputNorm.none());
    }

    /** The same layer with another input norm. */
    public LayerProgram withNorm(InputNorm n) {
        return new LayerProgram(name, kind, in, out, kernel, stride, padding, neuron, activation, competition, rule, rows,
                cols, weights, bias, weightScale, tiles, n, recurrentFrom);
    }

    /**
     * A recurrent dense layer: below its {@code in.size()} input rows come {@link #recurrentRows()} rows that carry the
     * spikes of the step before of layer {@link #recurrentFrom()}, itself or a later one (spiking mode only).
     */
    public boolean recurrent() { return recurrentFrom != null; }

    /** Rows that carry returning spikes (0 for a feed-forward layer). */
    public int recurrentRows() { return recurrent() ? rows - in.size() : 0; }

    public boolean hasWeights() { return kind == LayerKind.DENSE || kind == LayerKind.CONV2D; }

    /** Output positions the lowered matrix is applied at (1 for dense). */
    public int positions() { return kind == LayerKind.CONV2D ? out.height() * out.width() : 1; }
}
