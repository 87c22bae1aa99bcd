package io.engram.compiler.nir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.NeuronConfig;
import io.engram.compiler.ir.WeightScale;
import io.engram.compiler.nir.NirGraph.Node;
import io.engram.compiler.nir.NirGraph.Param;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mapping: walks the chain of nodes and emits our layers. Affine / Linear (weight [out, in]) -> dense (transposed
 * to rows = in x cols = out), Conv2d (weight [Cout, Cin, k, k]) -> conv2d with row index (c*k + ky)*k + kx; a
 * following neuron node becomes the layer's neuron ({@link NirNeurons}), otherwise the layer has rate neurons;
 * AvgPool2d and SumPool2d -> avgpool, Flatten -> flatten; Scale and the sum pool's factor are folded
 * ({@link ScaleFolder}). The overlay then attaches rules by node name.
 */
final class NirMapper {
    private final NirGraph g;
    private final Map<String, NirOverlay.Entry> overlay;
    private final NirReport report;
    private final NirParams params;
    private final NirNeurons neurons;
    private final ScaleFolder folder;
    private Shape shape;

    NirMapper(NirGraph g, Map<String, NirOverlay.Entry> overlay, double dtOverride, NirSemantics semantics, NirReport report) {
        this.g = g;
        this.overlay = overlay;
        this.report = report;
        this.params = new NirParams(report);
        this.neurons = new NirNeurons(report, params, dtOverride, semantics);
        this.folder = new ScaleFolder(report);
    }

    private Map<String, NirStructure.Recurrence> recurrent = Map.of();
    /** Neuron node name -> the layer it became (the weighted node before it). */
    private final Map<String, String> layerOfNeuron = new LinkedHashMap<>();
    /** Index of a layer whose recurrent rows come from a later neuron node -> that node's name (resolved after the walk). */
    private final Map<Integer, String> feedbackFrom = new LinkedHashMap<>();

    /**
     * @param recurrent neuron node name -> its recurrent weight node and the neuron node whose spikes it carries back
     *                  (stacked below the layer's input rows)
     */
    Network walk(List<Node> chain, Map<String, NirStructure.Recurrence> recurrent) {
        this.recurrent = recurrent;
        Node input = chain.get(0);
        shape = inputShape(input);
        if (shape == null) return null;
        List<LayerSpec> layers = new ArrayList<>();
        Map<String, Integer> overlayKeys = new LinkedHashMap<>();
        for (int i = 1; i < chain.size(); i++) {
            Node n = chain.get(i);
            NirKind kind = n.kind();
            switch (kind.role()) {
                case WEIGHTED -> {
                    Node neuronNode = i + 1 < chain.size() && chain.get(i + 1).kind().role() == NirKind.Role.NEURON
                            ? chain.get(i + 1) : null;
                    LayerSpec.Weighted layer = kind == NirKind.CONV2D ? conv(n, neuronNode) : dense(n, neuronNode);
                    if (layer == null) return null;
                    overlayKeys.put(n.name(), layers.size());
                    if (neuronNode != null) {
                        overlayKeys.put(neuronNode.name(), layers.size());
                        if (recurrent.containsKey(neuronNode.name())) {
                            NirStructure.Recurrence rec = recurrent.get(neuronNode.name());
                            overlayKeys.put(rec.weight().name(), layers.size());
                            if (!rec.source().equals(neuronNode.name())) feedbackFrom.put(layers.size(), rec.source());
                        }
                        layerOfNeuron.put(neuronNode.name(), n.name());
                        i++;
                    }
                    layers.add(layer);
                }
                case NEURON -> {
                    report.at(DiagCode.E202, n, "node `" + n.name() + "` (" + n.type() + ") does not follow an Affine,"
                            + " Linear or Conv2d node; a neuron population needs its input weights on a crossbar",
                            "insert an identity Affine node before it, or merge it into the layer before");
                    return null;
                }
                case POOL -> {
                    LayerSpec.Pool p = pool(n);
                    if (p == null) return null;
                    layers.add(p);
                }
                case RESHAPE -> {
                    layers.add(new LayerSpec.Flatten(n.name(), n.label()));
                    shape = Shape.flat(shape.size());
                }
                case SCALE -> {
                    if (!folder.scale(n, shape)) return null;
                }
                case OUTPUT -> {
                    Param s = n.param("shape");
                    if (s != null && s.numeric() && NirParams.prod(s.values()) != shape.size()) {
                        report.at(DiagCode.E206, n, "Output shape " + Arrays.toString(NirParams.toInts(s.values()))
                                + " has " + NirParams.prod(s.values()) + " values but the layer before it produces "
                                + shape + " = " + shape.size(), "");
                        return null;
                    }
                }
                default -> throw new IllegalStateException("node kind " + kind + " in a checked chain");
            }
        }
        folder.finish();
        for (Map.Entry<Integer, String> e : feedbackFrom.entrySet()) {
            // feedback to an earlier layer: its recurrent rows take the later population's spikes
            LayerSpec.Dense d = (LayerSpec.Dense) layers.get(e.getKey());
            String src = layerOfNeuron.get(e.getValue());
            Node w = recurrent.get(chainNeuron(chain, d.name())).weight();
            LayerSpec source = src == null ? null : layers.stream().filter(l -> l.name().equals(src)).findFirst().orElse(null);
            if (!(source instanceof LayerSpec.Dense sd) || sd.units() != d.recurrentUnits()) {
                report.at(DiagCode.E206, w, "recurrent weight is [" + d.units() + ", " + d.recurrentUnits() + "] but `"
                        + e.getValue() + "` " + (source == null ? "is not a neuron population after a weighted node"
                        : "has " + (source instanceof LayerSpec.Dense sd2 ? sd2.units() : source.kind()) + " neurons"), "");
                return null;
            }
            layers.set(e.getKey(), d.withRecurrentFrom(src));
        }
        for (NirOverlay.Entry e : overlay.values()) {
            Integer idx = overlayKeys.get(e.key());
            if (idx == null) {
                report.at(DiagCode.E205, "overlay " + e.path(), "the overlay names `" + e.key() + "`, which is not a"
                        + " weighted NIR node or the neuron node after one",
                        "layers you can name: " + String.join(", ", overlayKeys.keySet()));
                continue;
            }
            LayerSpec.Weighted w = (LayerSpec.Weighted) layers.get(idx);
            NeuronConfig c = w.config();
            if (e.activation() != null) c = c.withActivation(e.activation());
            if (e.competition() != null) c = c.withCompetition(e.competition());
            if (e.rule() != null) c = c.withRule(e.rule());
            layers.set(idx, w.with(c, w.init(), w.weightScale()));
        }
        String name = g.file() == null ? "nir" : Path.of(g.file()).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new Network(name, inputShape(input), layers, true, report.file());
    }

    /** The neuron node that follows weighted node {@code layer} in the chain. */
    private static String chainNeuron(List<Node> chain, String layer) {
        for (int i = 0; i + 1 < chain.size(); i++) if (chain.get(i).name().equals(layer)) return chain.get(i + 1).name();
        throw new IllegalStateException("layer " + layer + " has no neuron node");
    }

    private Shape inputShape(Node input) {
        Param s = input.param("shape");
        if (s == null || !s.numeric() || s.size() < 1 || s.size() > 3) {
            report.at(DiagCode.E206, input, "Input node needs a shape of 1 to 3 dimensions; found "
                    + (s == null ? "none" : s.numeric() ? s.size() + " dimensions" : "text"), "");
            return null;
        }
        int[] d = NirParams.toInts(s.values());
        for (int v : d) {
            if (v < 1) {
                report.at(DiagCode.E206, input, "Input shape " + Arrays.toString(d) + " has a non-positive size", "");
                return null;
            }
        }
        if (d.length == 1) return Shape.flat(d[0]);
        if (d.length == 2) return new Shape(1, d[0], d[1]);
        return new Shape(d[0], d[1], d[2]);
    }

    private static NeuronConfig inference(NeuronModel neuron) {
        return new NeuronConfig(neuron, Activation.identity(), Competition.none(), new LearningRule.None());
    }

    private LayerSpec.Dense dense(Node n, Node neuronNode) {
        Param w = params.tensor(n, "weight", 2, "[out, in]");
        if (w == null) return null;
        int out = w.dims()[0], in = w.dims()[1];
        if (shape.height() != 1 || shape.width() != 1 || shape.size() != in) {
            report.at(DiagCode.E206, n, "weight is [" + out + ", " + in + "] so it expects " + in + " flat inputs, but it"
                    + " receives a " + shape + " tensor", shape.size() == in ? "add a Flatten node before it" : "");
            return null;
        }
        NirStructure.Recurrence recurrence = neuronNode == null ? null : recurrent.get(neuronNode.name());
        Node rec = recurrence == null ? null : recurrence.weight();
        boolean self = recurrence != null && recurrence.source().equals(neuronNode.name());
        Param wr = null;
        int back = 0; // recurrent rows: neurons of the population whose spikes return
        if (rec != null) {
            wr = params.tensor(rec, "weight", 2, self ? "[out, out]" : "[out, neurons of " + recurrence.source() + "]");
            if (wr == null) return null;
            back = wr.dims()[1];
            if (wr.dims()[0] != out || (self && back != out)) {
                report.at(DiagCode.E206, rec, "recurrent weight is " + wr.shapeText() + "; `" + neuronNode.name() + "` has "
                        + out + " neurons, so it must be [" + out + ", " + (self ? out : "neurons of `"
                        + recurrence.source() + "`") + "]", "");
                return null;
            }
        }
        int rows = in + back;
        float[] m = new float[rows * out];
        double[] wv = w.values();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) m[i * out + o] = (float) (wv[o * in + i] * folder.rowScale(i));
        }
        if (rec != null) {
            // row in + j carries the source's neuron j's spike of the step before: weight w_rec[o][j] onto neuron o
            double[] rv = wr.values();
            for (int o = 0; o < out; o++) for (int j = 0; j < back; j++) m[(in + j) * out + o] = (float) rv[o * back + j];
        }
        float[] bias = params.bias(n, out);
        if (bias == NirParams.UNSET) return null;
        if (rec != null) {
            float[] rb = params.bias(rec, out);
            if (rb == NirParams.UNSET) return null;
            if (rb != null) {
                float[] b = bias == null ? new float[out] : bias.clone();
                for (int o = 0; o < out; o++) b[o] += rb[o];
                bias = b;
            }
            report.at(DiagCode.N202, rec, (self ? "recurrent weight of `" + neuronNode.name() + "`" : "recurrent weight from `"
                    + recurrence.source() + "` to `" + neuronNode.name() + "`") + " placed as " + back + " more rows"
                    + " of `" + n.name() + "`'s crossbar (" + (self ? "its" : "`" + recurrence.source() + "`'s") + " spikes"
                    + " return one step later)" + (rb != null ? "; its bias added to the layer's" : ""), "");
        }
        NirNeurons.Mapped mapped = neuronNode == null ? null : neurons.neuron(neuronNode, out);
        if (neuronNode != null && mapped == null) return null;
        NeuronModel neuron = mapped == null ? new NeuronModel.Rate() : mapped.model();
        if (mapped != null) bias = neurons.leakBias(neuronNode, mapped, bias, out, out);
        folder.consume(n);
        shape = Shape.flat(out);
        WeightScale ws = weightScale(n);
        if (ws == null) return null;
        // a later population's name is resolved to its layer after the walk
        return new LayerSpec.Dense(n.name(), out, inference(neuron), Init.given(rows, out, m, bias), ws, n.label(),
                rec == null ? null : self ? n.name() : recurrence.source(), back);
    }

    private LayerSpec.Conv2d conv(Node n, Node neuronNode) {
        if (neuronNode != null && recurrent.containsKey(neuronNode.name())) {
            report.at(DiagCode.E203, recurrent.get(neuronNode.name()).weight(), "recurrent weights are mapped for dense layers only;"
                    + " `" + neuronNode.name() + "` follows the convolution `" + n.name() + "`", "");
            return null;
        }
        Param w = params.tensor(n, "weight", 4, "[Cout, Cin, kH, kW]");
        if (w == null) return null;
        int cout = w.dims()[0], cin = w.dims()[1], kh = w.dims()[2], kw = w.dims()[3];
        if (kh != kw) {
            report.at(DiagCode.E202, n, "kernel " + kh + "x" + kw + " is not square; a layer has one kernel size", "");
            return null;
        }
        Param groups = n.param("groups");
        if (groups != null && groups.numeric() && groups.values()[0] != 1) {
            report.at(DiagCode.E202, n, "groups = " + (long) groups.values()[0] + "; grouped and depthwise convolutions"
                    + " are not mapped", "use groups = 1");
            return null;
        }
        Param dil = n.param("dilation");
        if (dil != null && dil.numeric()) {
            for (double d : dil.values()) {
                if (d != 1) {
                    report.at(DiagCode.E202, n, "dilation " + Arrays.toString(NirParams.toInts(dil.values()))
                            + " is not mapped", "use dilation 1");
                    return null;
                }
            }
        }
        int stride = params.pair(n, "stride", 1);
        if (stride < 0) return null;
        int padding;
        Param pad = n.param("padding");
        if (pad != null && !pad.numeric()) {
            if (pad.text().equalsIgnoreCase("valid")) padding = 0;
            else if (pad.text().equalsIgnoreCase("same") && stride == 1 && kh % 2 == 1) padding = kh / 2;
            else {
                report.at(DiagCode.E202, n, "padding '" + pad.text() + "' is not mapped", "use numeric padding");
                return null;
            }
        } else {
            padding = params.pair(n, "padding", 0);
            if (padding < 0) return null;
        }
        if (cin != shape.channels()) {
            report.at(DiagCode.E206, n, "weight expects " + cin + " input channels but the input is " + shape, "");
            return null;
        }
        Param ins = n.param("input_shape");
        if (ins != null && ins.numeric() && ins.size() == 2
                && (ins.values()[0] != shape.height() || ins.values()[1] != shape.width())) {
            report.at(DiagCode.E206, n, "input_shape " + Arrays.toString(NirParams.toInts(ins.values())) + " does not"
                    + " match the incoming " + shape.height() + "x" + shape.width(), "");
            return null;
        }
        int k = kh;
        int oh = (shape.height() + 2 * padding - k) / stride + 1;
        int ow = (shape.width() + 2 * padding - k) / stride + 1;
        if (shape.height() + 2 * padding < k || shape.width() + 2 * padding < k) {
            report.at(DiagCode.E206, n, "kernel " + k + " does not fit the input " + shape + " with padding " + padding, "");
            return null;
        }
        double[] chScale = folder.channelScale(n, shape);
        if (chScale == null && folder.pending()) return null;
        int rows = cin * k * k;
        float[] m = new float[rows * cout];
        double[] wv = w.values();
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                double s = chScale == null ? 1 : chScale[c];
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        int row = (c * k + y) * k + x;
                        m[row * cout + o] = (float) (wv[((o * cin + c) * k + y) * k + x] * s);
                    }
                }
            }
        }
        float[] bias = params.bias(n, cout);
        if (bias == NirParams.UNSET) return null;
        NirNeurons.Mapped mapped = neuronNode == null ? null : neurons.neuron(neuronNode, (long) cout * oh * ow);
        if (neuronNode != null && mapped == null) return null;
        NeuronModel neuron = mapped == null ? new NeuronModel.Rate() : mapped.model();
        if (mapped != null) bias = neurons.leakBias(neuronNode, mapped, bias, cout, (long) cout * oh * ow);
        folder.consume(n);
        shape = new Shape(cout, oh, ow);
        WeightScale ws = weightScale(n);
        if (ws == null) return null;
        return new LayerSpec.Conv2d(n.name(), cout, k, stride, padding, inference(neuron), Init.given(rows, cout, m, bias),
                ws, n.label());
    }

    /**
     * The weight value of a full-range differential pair: {@code metadata/engram_weight_scale} when the node has it
     * (engram export writes the scale a run's layer was programmed with, so that the graph maps onto the same
     * conductances), else auto (the largest |w|); null after E206.
     */
    private WeightScale weightScale(Node n) {
        Param p = n.param(NirReader.METADATA + "/" + WEIGHT_SCALE);
        if (p == null) return WeightScale.AUTO;
        if (!p.numeric() || p.size() != 1 || !(p.values()[0] > 0)) {
            report.at(DiagCode.E206, n, "metadata " + WEIGHT_SCALE + " must be one positive number; found "
                    + (p.numeric() ? Arrays.toString(p.values()) : "text"), "remove it to let the compiler choose");
            return null;
        }
        return WeightScale.of(p.values()[0]);
    }

    /** Metadata key of a weight node: the weight scale its layer was programmed with. */
    static final String WEIGHT_SCALE = "engram_weight_scale";

    private LayerSpec.Pool pool(Node n) {
        Param ks = n.param("kernel_size");
        if (ks == null || !ks.numeric()) {
            report.at(DiagCode.E206, n, "needs kernel_size", "");
            return null;
        }
        int k = params.pair(n, "kernel_size", -1);
        if (k < 0) return null;
        int stride = n.has("stride") ? params.pair(n, "stride", k) : k;
        if (stride < 0) return null;
        int padding = params.pair(n, "padding", 0);
        if (padding < 0) return null;
        if (padding != 0) {
            report.at(DiagCode.E202, n, "pooling with padding " + padding + " is not mapped", "use padding 0");
            return null;
        }
        if (shape.height() < k || shape.width() < k) {
            report.at(DiagCode.E206, n, "kernel " + k + " is larger than the input " + shape, "");
            return null;
        }
        Shape out = new Shape(shape.channels(), (shape.height() - k) / stride + 1, (shape.width() - k) / stride + 1);
        if (!folder.pool(n, shape, out, k)) return null;
        shape = out;
        return new LayerSpec.Pool(n.name(), LayerKind.AVGPOOL, k, stride, n.label());
    }
}
