package io.engram.compiler.ir;

import io.engram.chip.program.LayerKind;

/**
 * One layer as the user described it (YAML, builder or NIR), before shapes are checked. {@code origin} says where it
 * came from for diagnostics, e.g. {@code layers[2] `conv2`} or {@code NIR node `fc1` (Affine)}.
 */
public sealed interface LayerSpec permits LayerSpec.Weighted, LayerSpec.Pool, LayerSpec.Flatten {
    String name();

    LayerKind kind();

    String origin();

    /** A layer with a weight matrix on crossbars: dense or conv2d. */
    sealed interface Weighted extends LayerSpec permits Dense, Conv2d {
        NeuronConfig config();

        Init init();

        WeightScale weightScale();

        /** Output neurons (dense units or conv output channels). */
        int neurons();

        Weighted with(NeuronConfig c, Init i, WeightScale s);
    }

    /**
     * A dense layer; {@code recurrentFrom}: spiking mode, it also receives the spikes of the step before (one-step
     * delay) of layer {@code recurrentFrom} (itself, or a later dense layer; null: none), through
     * {@code recurrentUnits} more rows below the input rows (row in + j carries that layer's neuron j's spike).
     */
    record Dense(String name, int units, NeuronConfig config, Init init, WeightScale weightScale, String origin,
                 String recurrentFrom, int recurrentUnits) implements Weighted {
        public Dense(String name, int units, NeuronConfig config, Init init, WeightScale weightScale, String origin) {
            this(name, units, config, init, weightScale, origin, null, 0);
        }

        /** A dense layer recurrent on itself when {@code recurrent} ({@code units} more rows for its own spikes). */
        public Dense(String name, int units, NeuronConfig config, Init init, WeightScale weightScale, String origin,
                     boolean recurrent) {
            this(name, units, config, init, weightScale, origin, recurrent ? name : null, recurrent ? units : 0);
        }

        public LayerKind kind() { return LayerKind.DENSE; }

        public int neurons() { return units; }

        /** True when the layer has recurrent rows. */
        public boolean recurrent() { return recurrentFrom != null; }

        public Dense with(NeuronConfig c, Init i, WeightScale s) {
            return new Dense(name, units, c, i, s, origin, recurrentFrom, recurrentUnits);
        }

        /** The same layer with its recurrent rows fed by layer {@code from} (after an importer resolved its name). */
        public Dense withRecurrentFrom(String from) {
            return new Dense(name, units, config, init, weightScale, origin, from, recurrentUnits);
        }
    }

    record Conv2d(String name, int channels, int kernel, int stride, int padding, NeuronConfig config, Init init,
                  WeightScale weightScale, String origin) implements Weighted {
        public LayerKind kind() { return LayerKind.CONV2D; }

        public int neurons() { return channels; }

        public Conv2d with(NeuronConfig c, Init i, WeightScale s) {
            return new Conv2d(name, channels, kernel, stride, padding, c, i, s, origin);
        }
    }

    /** Max or average pooling (no padding); runs in the neuron units of the previous weighted layer's cores. */
    record Pool(String name, LayerKind kind, int kernel, int stride, String origin) implements LayerSpec {
        public Pool {
            if (kind != LayerKind.MAXPOOL && kind != LayerKind.AVGPOOL) throw new IllegalArgumentException("pool kind " + kind);
        }
    }

    /** Reinterprets C x H x W as a flat vector, channel-major (index = (c*H + y)*W + x). */
    record Flatten(String name, String origin) implements LayerSpec {
        public LayerKind kind() { return LayerKind.FLATTEN; }
    }
}
