package io.engram.compiler.ir;

import io.engram.chip.program.Shape;

import java.util.List;

/** After validate: every layer with its input and output shape. */
public record ShapedIr(Network network, List<ShapedLayer> layers, Stats stats) implements Ir {
    public ShapedIr {
        layers = List.copyOf(layers);
    }

    /** A layer with resolved shapes; {@code index} is its position in the network (and in the program). */
    public record ShapedLayer(int index, LayerSpec spec, Shape in, Shape out) {
        /** Rows of the (lowered) weight matrix: fan-in of one neuron; 0 for layers without weights. */
        public int rows() {
            if (spec instanceof LayerSpec.Dense d) return in.size() + d.recurrentUnits();
            if (spec instanceof LayerSpec.Conv2d c) return c.kernel() * c.kernel() * in.channels();
            return 0;
        }

        public int cols() { return spec instanceof LayerSpec.Weighted w ? w.neurons() : 0; }

        public long synapses() { return (long) rows() * cols(); }
    }

    /**
     * @param layers          all layers
     * @param weightedLayers  dense and conv2d layers
     * @param synapses        weights (matrix cells) over all layers
     * @param neurons         output values of weighted layers per sample (conv: channels x positions)
     */
    public record Stats(int layers, int weightedLayers, long synapses, long neurons) {}

    @Override
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append("; validate: network `").append(network.name()).append("` input ").append(network.input())
                .append(", allow_row_split ").append(network.allowRowSplit()).append('\n');
        for (ShapedLayer l : layers) {
            sb.append('%').append(l.index()).append(' ').append(l.spec().name()).append(" = ")
                    .append(Describe.lower(l.spec().kind())).append(' ').append(l.in()).append(" -> ").append(l.out());
            LayerSpec s = l.spec();
            if (s instanceof LayerSpec.Conv2d c) {
                sb.append(" kernel ").append(c.kernel()).append(" stride ").append(c.stride()).append(" padding ").append(c.padding());
            } else if (s instanceof LayerSpec.Pool p) {
                sb.append(" kernel ").append(p.kernel()).append(" stride ").append(p.stride());
            }
            if (s instanceof LayerSpec.Weighted w) {
                NeuronConfig c = w.config();
                sb.append("\n    neuron ").append(Describe.neuron(c.neuron()))
                        .append(" activation ").append(Describe.activation(c.activation()))
                        .append(" competition ").append(Describe.competition(c.competition()))
                        .append("\n    rule ").append(Describe.rule(c.rule()))
                        .append("\n    init ").append(w.init().describe()).append(" weight_scale ").append(w.weightScale().describe());
                if (c.norm().on()) sb.append("\n    norm ").append(Describe.lower(c.norm().kind())).append(" eps ").append(Fmt.num(c.norm().eps()));
            }
            sb.append('\n');
        }
        sb.append(Fmt.f("; stats: layers %d, weighted %d, synapses %d, neurons %d%n",
                stats.layers, stats.weightedLayers, stats.synapses, stats.neurons));
        return sb.toString();
    }
}
