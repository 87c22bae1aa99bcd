package io.engram.compiler.ir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A network as described by the user: what every frontend (YAML, Java builder, NIR) produces and the validate pass
 * consumes. Nothing here is checked yet; the validate pass reports problems as diagnostics.
 *
 * @param name          network name
 * @param input         input shape (channels, height, width); a vector is (n, 1, 1)
 * @param layers        layers in order
 * @param allowRowSplit whether a matrix taller than a crossbar may be split over several cores (partial sums)
 * @param file          file the network came from (null for the builder), for diagnostics
 */
public record Network(String name, Shape input, List<LayerSpec> layers, boolean allowRowSplit, String file) {
    public Network {
        layers = List.copyOf(layers);
    }

    public static Builder builder(String name) { return new Builder(name); }

    /**
     * Java builder with the YAML vocabulary. Layer methods append a layer; the modifiers ({@link #neuron},
     * {@link #activation}, {@link #competition}, {@link #rule}, {@link #init}, {@link #weightScale}) apply to the
     * last layer added, which must be dense or conv2d.
     * <pre>{@code
     * Network net = Network.builder("softhebb-mnist").input(1, 28, 28)
     *     .flatten()
     *     .dense("hidden", 2000).competition(Competition.softmax(1 / 12.0))
     *         .rule(new LearningRule.SoftHebb(0.045, 1 / 12.0, 0, 0, UpdateScaling.PER_NEURON))
     *         .init(Init.uniformPositive(35))
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private final String name;
        private Shape input;
        private final List<LayerSpec> layers = new ArrayList<>();
        private boolean allowRowSplit = true;

        private Builder(String name) { this.name = name; }

        public Builder input(int channels, int height, int width) {
            this.input = new Shape(channels, height, width);
            return this;
        }

        public Builder input(Shape shape) {
            this.input = shape;
            return this;
        }

        /** A vector input of n values. */
        public Builder input(int n) { return input(n, 1, 1); }

        public Builder allowRowSplit(boolean allow) {
            this.allowRowSplit = allow;
            return this;
        }

        public Builder dense(String layerName, int units) {
            layers.add(new LayerSpec.Dense(layerName, units, NeuronConfig.defaults(), Init.normal(1), WeightScale.AUTO,
                    origin(layerName)));
            return this;
        }

        public Builder conv2d(String layerName, int channels, int kernel) { return conv2d(layerName, channels, kernel, 1, 0); }

        public Builder conv2d(String layerName, int channels, int kernel, int stride, int padding) {
            layers.add(new LayerSpec.Conv2d(layerName, channels, kernel, stride, padding, NeuronConfig.defaults(),
                    Init.normal(1), WeightScale.AUTO, origin(layerName)));
            return this;
        }

        public Builder maxpool(int kernel) { return maxpool(kernel, kernel); }

        public Builder maxpool(int kernel, int stride) { return maxpool("maxpool" + layers.size(), kernel, stride); }

        public Builder maxpool(String layerName, int kernel, int stride) {
            layers.add(new LayerSpec.Pool(layerName, LayerKind.MAXPOOL, kernel, stride, origin(layerName)));
            return this;
        }

        public Builder avgpool(int kernel) { return avgpool(kernel, kernel); }

        public Builder avgpool(int kernel, int stride) { return avgpool("avgpool" + layers.size(), kernel, stride); }

        public Builder avgpool(String layerName, int kernel, int stride) {
            layers.add(new LayerSpec.Pool(layerName, LayerKind.AVGPOOL, kernel, stride, origin(layerName)));
            return this;
        }

        public Builder flatten() { return flatten("flatten" + layers.size()); }

        public Builder flatten(String layerName) {
            layers.add(new LayerSpec.Flatten(layerName, origin(layerName)));
            return this;
        }

        public Builder neuron(NeuronModel n) { return modify("neuron", w -> w.with(w.config().withNeuron(n), w.init(), w.weightScale())); }

        public Builder activation(Activation a) {
            return modify("activation", w -> w.with(w.config().withActivation(a), w.init(), w.weightScale()));
        }

        public Builder competition(Competition c) {
            return modify("competition", w -> w.with(w.config().withCompetition(c), w.init(), w.weightScale()));
        }

        public Builder rule(LearningRule r) { return modify("rule", w -> w.with(w.config().withRule(r), w.init(), w.weightScale())); }

        /** Per-channel standardisation of the layer's input, statistics gathered in its training pass. */
        public Builder norm(InputNorm n) { return modify("norm", w -> w.with(w.config().withNorm(n), w.init(), w.weightScale())); }

        public Builder init(Init i) { return modify("init", w -> w.with(w.config(), i, w.weightScale())); }

        public Builder weightScale(double v) { return modify("weightScale", w -> w.with(w.config(), w.init(), WeightScale.of(v))); }

        public Builder weightScaleAuto() { return modify("weightScaleAuto", w -> w.with(w.config(), w.init(), WeightScale.AUTO)); }

        /** Explicit initial weights, rows = fan-in x cols = neurons, row-major; bias may be null. */
        public Builder weights(int rows, int cols, float[] w, float[] bias) { return init(Init.given(rows, cols, w, bias)); }

        private Builder modify(String what, java.util.function.UnaryOperator<LayerSpec.Weighted> f) {
            if (layers.isEmpty()) throw new IllegalStateException(what + "() needs a dense or conv2d layer before it");
            LayerSpec last = layers.get(layers.size() - 1);
            if (!(last instanceof LayerSpec.Weighted w)) {
                throw new IllegalStateException(what + "() applies to a dense or conv2d layer; the last layer `"
                        + last.name() + "` is " + Describe.lower(last.kind()));
            }
            layers.set(layers.size() - 1, f.apply(w));
            return this;
        }

        private static String origin(String layerName) { return "layer `" + layerName + "`"; }

        public Network build() {
            if (input == null) throw new IllegalStateException("input(...) must be set before build()");
            return new Network(name, input, layers, allowRowSplit, null);
        }
    }
}
