package io.engram.compiler.nir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.diag.Location;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.NeuronConfig;
import io.engram.compiler.ir.WeightScale;
import io.engram.compiler.nir.NirGraph.Edge;
import io.engram.compiler.nir.NirGraph.Node;
import io.engram.compiler.nir.NirGraph.Param;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps an NIR graph onto our layer vocabulary. The graph must be a chain from its Input to its Output:
 * <ul>
 *   <li>Affine / Linear (weight [out, in]) -> dense with these initial weights (transposed to rows = in x cols = out),
 *       Conv2d (weight [Cout, Cin, k, k]) -> conv2d, row index (c*k + ky)*k + kx; a following LIF, CubaLIF, IF, LI,
 *       I/Integrator or Threshold node becomes the layer's neuron; otherwise the layer has rate neurons.</li>
 *   <li>AvgPool2d -> avgpool; SumPool2d -> avgpool with its k*k factor folded into the next weighted layer's
 *       weights; Flatten -> flatten; Scale -> folded into the next weighted layer's rows.</li>
 *   <li>Neuron dynamics tau dv/dt = (v_leak - v) + R I are discretised exactly for a step dt: decay = exp(-dt/tau);
 *       the membrane is rescaled by 1/g with g = R (1 - decay) (IF, I: g = R), so the chip's v <- decay v + W x + b
 *       reproduces it with threshold v_threshold / g, reset v_reset / g and v_leak / R added to the bias.</li>
 * </ul>
 * Weights from NIR become initial weights; the rule is none unless an overlay attaches one. Everything that cannot be
 * mapped is reported with the node's name and type: unknown types (E201), unsupported features such as Delay,
 * dilation, groups or a nested subgraph (E202), recurrent loops (E203), branches and merges (E204), bad parameters
 * (E206).
 */
public final class NirImporter {
    static final Set<String> SUPPORTED = Set.of("Input", "Output", "Affine", "Linear", "Conv2d", "LIF", "CubaLIF", "IF",
            "LI", "I", "Integrator", "SumPool2d", "AvgPool2d", "Flatten", "Scale", "Threshold", "Delay");
    static final Set<String> NEURONS = Set.of("LIF", "CubaLIF", "IF", "LI", "I", "Integrator", "Threshold");
    static final Set<String> WEIGHTED = Set.of("Affine", "Linear", "Conv2d");

    private final NirGraph g;
    private final Map<String, NirOverlay.Entry> overlay;
    private final double dtOverride;
    private final Diagnostics diags;
    private final String file;
    private boolean dtNoted;

    private NirImporter(NirGraph g, Map<String, NirOverlay.Entry> overlay, double dtOverride, Diagnostics diags) {
        this.g = g;
        this.overlay = overlay;
        this.dtOverride = dtOverride;
        this.diags = diags;
        this.file = g.file();
    }

    /**
     * Reads and maps an NIR file; returns null when errors were reported. Overlay file mistakes throw
     * {@link io.engram.chip.spec.SpecException}.
     *
     * @param dtSeconds time step for discretising time constants; NaN = from the file, else 1e-4 s (noted)
     */
    public static Network importGraph(Path nir, Path overlay, double dtSeconds, Diagnostics diags) {
        NirGraph g = NirReader.read(nir, diags);
        if (g == null) return null;
        Map<String, NirOverlay.Entry> ov = overlay == null ? Map.of() : NirOverlay.read(overlay);
        return new NirImporter(g, ov, dtSeconds, diags).run();
    }

    /** Maps an already read graph (tests, tools). */
    public static Network map(NirGraph g, Map<String, NirOverlay.Entry> overlay, double dtSeconds, Diagnostics diags) {
        return new NirImporter(g, overlay, dtSeconds, diags).run();
    }

    private static String label(Node n) { return "NIR node `" + n.name() + "` (" + n.type() + ")"; }

    private void error(DiagCode code, Node n, String message, String hint) {
        diags.report(code, Location.of(file, n == null ? "graph" : label(n)), message, hint);
    }

    private Network run() {
        int before = diags.errorCount();
        for (Node n : g.nodes().values()) {
            if (n.type().equals("NIRGraph")) {
                error(DiagCode.E202, n, "node `" + n.name() + "` is a nested NIR subgraph; only flat graphs are mapped",
                        "flatten the graph before export (nir.NIRGraph flattening) so that its nodes appear at the top level");
            } else if (n.type().equals("Delay")) {
                error(DiagCode.E202, n, "node `" + n.name() + "` (Delay) delays its input in time; the chip has no"
                        + " axonal or synaptic delay lines", "export the network without delays");
            } else if (!SUPPORTED.contains(n.type())) {
                error(DiagCode.E201, n, "node `" + n.name() + "` has type " + n.type() + ", which the compiler does not map",
                        "supported types: " + String.join(", ", new TreeSet<>(SUPPORTED)));
            }
        }
        Map<String, TreeSet<String>> succ = new TreeMap<>();
        Map<String, TreeSet<String>> pred = new TreeMap<>();
        for (String n : g.nodes().keySet()) {
            succ.put(n, new TreeSet<>());
            pred.put(n, new TreeSet<>());
        }
        for (Edge e : g.edges()) {
            if (!g.nodes().containsKey(e.src()) || !g.nodes().containsKey(e.dst())) {
                diags.report(DiagCode.E200, Location.of(file, "/node/edges"), "edge " + e.src() + " -> " + e.dst()
                        + " names a node that does not exist", "");
                continue;
            }
            succ.get(e.src()).add(e.dst());
            pred.get(e.dst()).add(e.src());
        }
        List<Node> inputs = new ArrayList<>();
        for (Node n : g.nodes().values()) if (n.type().equals("Input")) inputs.add(n);
        if (inputs.size() != 1) {
            error(DiagCode.E204, null, "the graph has " + inputs.size() + " Input nodes; exactly one is needed",
                    "a layer chain has one input");
            return null;
        }
        Node input = inputs.get(0);
        Set<String> loopOnly = new HashSet<>();
        Set<String> reachable = removeBackEdges(input.name(), succ, pred, loopOnly);
        for (Node n : g.nodes().values()) {
            if (loopOnly.contains(n.name())) continue;
            if (!reachable.contains(n.name())) {
                error(DiagCode.E204, n, "node `" + n.name() + "` is not reachable from the Input node `" + input.name() + "`",
                        "remove unconnected nodes before export");
                continue;
            }
            if (succ.get(n.name()).size() > 1) {
                error(DiagCode.E204, n, "node `" + n.name() + "` feeds " + succ.get(n.name()).size() + " nodes ("
                        + String.join(", ", succ.get(n.name())) + "); branching graphs (skip connections) cannot be"
                        + " mapped to a chain of layers", "export a sequential network");
            }
            if (pred.get(n.name()).size() > 1) {
                error(DiagCode.E204, n, "node `" + n.name() + "` sums the outputs of " + pred.get(n.name()).size()
                        + " nodes (" + String.join(", ", pred.get(n.name())) + "); merging graphs cannot be mapped to a"
                        + " chain of layers", "export a sequential network");
            }
            if (succ.get(n.name()).isEmpty() && !n.type().equals("Output")) {
                error(DiagCode.E204, n, "node `" + n.name() + "` leads nowhere: it is not connected to an Output node", "");
            }
        }
        if (diags.errorCount() > before) return null;

        List<Node> chain = new ArrayList<>();
        Node cur = input;
        while (true) {
            chain.add(cur);
            if (succ.get(cur.name()).isEmpty()) break;
            cur = g.nodes().get(succ.get(cur.name()).first());
        }
        Network net = walk(chain);
        return diags.errorCount() > before ? null : net;
    }

    /**
     * Depth-first search from the input in name order; every edge that closes a loop is reported (E203) and
     * removed from succ/pred so that the remaining structure can be checked too. Returns the reachable nodes.
     */
    private Set<String> removeBackEdges(String start, Map<String, TreeSet<String>> succ, Map<String, TreeSet<String>> pred,
                                        Set<String> loopOnly) {
        Set<String> done = new HashSet<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new HashSet<>();
        Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
        List<Edge> back = new ArrayList<>();
        stack.add(start);
        onStack.add(start);
        its.push(new ArrayList<>(succ.get(start)).iterator());
        while (!its.isEmpty()) {
            java.util.Iterator<String> it = its.peek();
            if (it.hasNext()) {
                String v = it.next();
                String u = stack.get(stack.size() - 1);
                if (onStack.contains(v)) {
                    back.add(new Edge(u, v));
                    List<String> loop = new ArrayList<>(stack.subList(stack.indexOf(v), stack.size()));
                    loop.add(v);
                    Set<String> inLoop = new HashSet<>(loop);
                    for (String x : loop) {
                        if (!x.equals(v) && inLoop.containsAll(succ.get(x))) loopOnly.add(x);
                    }
                    Node un = g.nodes().get(u), vn = g.nodes().get(v);
                    error(DiagCode.E203, un, "node `" + u + "` (" + un.type() + ") feeds back into `" + v + "` ("
                                    + vn.type() + "), closing the loop " + String.join(" -> ", loop) + "; recurrent"
                                    + " connections cannot be mapped: a layer's crossbar holds feed-forward weights from"
                                    + " the layer before it only",
                            "export a feed-forward network (no recurrent weights), or unroll the recurrence in time"
                                    + " into separate layers");
                } else if (!done.contains(v)) {
                    stack.add(v);
                    onStack.add(v);
                    its.push(new ArrayList<>(succ.get(v)).iterator());
                }
            } else {
                its.pop();
                String u = stack.remove(stack.size() - 1);
                onStack.remove(u);
                done.add(u);
            }
        }
        for (Edge e : back) {
            succ.get(e.src()).remove(e.dst());
            pred.get(e.dst()).remove(e.src());
        }
        // Nodes that exist only to close a reported loop (e.g. a recurrent weight) are left out of the structure checks,
        // so that the loop is reported once, as E203, and not again as a branch.
        for (String x : loopOnly) {
            for (String s : succ.get(x)) pred.get(s).remove(x);
            for (String p : pred.get(x)) succ.get(p).remove(x);
            succ.get(x).clear();
            pred.get(x).clear();
        }
        return done;
    }

    // ---- chain walk

    private Shape shape;
    /** Factor per feature of the current tensor still to be multiplied into the next weighted layer's rows. */
    private double[] pendingScale;
    private final List<String> pendingSources = new ArrayList<>();

    private Network walk(List<Node> chain) {
        Node input = chain.get(0);
        shape = inputShape(input);
        if (shape == null) return null;
        List<LayerSpec> layers = new ArrayList<>();
        Map<String, Integer> overlayKeys = new LinkedHashMap<>();
        for (int i = 1; i < chain.size(); i++) {
            Node n = chain.get(i);
            String t = n.type();
            if (WEIGHTED.contains(t)) {
                Node neuronNode = i + 1 < chain.size() && NEURONS.contains(chain.get(i + 1).type()) ? chain.get(i + 1) : null;
                LayerSpec.Weighted layer = t.equals("Conv2d") ? conv(n, neuronNode) : dense(n, neuronNode);
                if (layer == null) return null;
                overlayKeys.put(n.name(), layers.size());
                if (neuronNode != null) {
                    overlayKeys.put(neuronNode.name(), layers.size());
                    i++;
                }
                layers.add(layer);
            } else if (NEURONS.contains(t)) {
                error(DiagCode.E202, n, "node `" + n.name() + "` (" + t + ") does not follow an Affine, Linear or Conv2d"
                        + " node; a neuron population needs its input weights on a crossbar",
                        "insert an identity Affine node before it, or merge it into the layer before");
                return null;
            } else if (t.equals("SumPool2d") || t.equals("AvgPool2d")) {
                LayerSpec.Pool p = pool(n);
                if (p == null) return null;
                layers.add(p);
            } else if (t.equals("Flatten")) {
                layers.add(new LayerSpec.Flatten(n.name(), label(n)));
                shape = Shape.flat(shape.size());
            } else if (t.equals("Scale")) {
                if (!scale(n)) return null;
            } else if (t.equals("Output")) {
                Param s = n.param("shape");
                if (s != null && s.numeric() && prod(s.values()) != shape.size()) {
                    error(DiagCode.E206, n, "Output shape " + java.util.Arrays.toString(toInts(s.values())) + " has "
                            + prod(s.values()) + " values but the layer before it produces " + shape + " = " + shape.size(), "");
                    return null;
                }
            }
        }
        if (pendingScale != null) {
            diags.report(DiagCode.W201, Location.of(file, "NIR node " + String.join(", ", pendingSources)),
                    "the scaling by " + String.join(", ", pendingSources) + " after the last weighted layer is not applied"
                            + " on chip: there is no later weight matrix to fold it into", "apply it to the outputs off-chip");
        }
        for (NirOverlay.Entry e : overlay.values()) {
            Integer idx = overlayKeys.get(e.key());
            if (idx == null) {
                diags.report(DiagCode.E205, Location.of(file, "overlay " + e.path()), "the overlay names `" + e.key()
                        + "`, which is not a weighted NIR node or the neuron node after one",
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
        return new Network(name, inputShape(input), layers, true, file);
    }

    private Shape inputShape(Node input) {
        Param s = input.param("shape");
        if (s == null || !s.numeric() || s.size() < 1 || s.size() > 3) {
            error(DiagCode.E206, input, "Input node needs a shape of 1 to 3 dimensions; found "
                    + (s == null ? "none" : s.numeric() ? s.size() + " dimensions" : "text"), "");
            return null;
        }
        int[] d = toInts(s.values());
        for (int v : d) {
            if (v < 1) {
                error(DiagCode.E206, input, "Input shape " + java.util.Arrays.toString(d) + " has a non-positive size", "");
                return null;
            }
        }
        if (d.length == 1) return Shape.flat(d[0]);
        if (d.length == 2) return new Shape(1, d[0], d[1]);
        return new Shape(d[0], d[1], d[2]);
    }

    private LayerSpec.Dense dense(Node n, Node neuronNode) {
        Param w = n.param("weight");
        if (w == null || !w.numeric() || w.dims().length != 2) {
            error(DiagCode.E206, n, "needs a 2-D weight [out, in]; found " + (w == null ? "none" : w.shapeText()), "");
            return null;
        }
        int out = w.dims()[0], in = w.dims()[1];
        if (shape.height() != 1 || shape.width() != 1 || shape.size() != in) {
            error(DiagCode.E206, n, "weight is [" + out + ", " + in + "] so it expects " + in + " flat inputs, but it"
                    + " receives a " + shape + " tensor", shape.size() == in ? "add a Flatten node before it" : "");
            return null;
        }
        float[] m = new float[in * out];
        double[] wv = w.values();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) m[i * out + o] = (float) (wv[o * in + i] * rowScale(i));
        }
        float[] bias = bias(n, out);
        if (bias == UNSET) return null;
        NeuronModel neuron = neuronNode == null ? new NeuronModel.Rate() : neuron(neuronNode, out);
        if (neuron == null) return null;
        bias = leakBias(neuronNode, bias, out);
        consumeScale(n);
        shape = Shape.flat(out);
        return new LayerSpec.Dense(n.name(), out, new NeuronConfig(neuron, Activation.identity(), Competition.none(),
                new LearningRule.None()), Init.given(in, out, m, bias), WeightScale.AUTO, label(n));
    }

    private LayerSpec.Conv2d conv(Node n, Node neuronNode) {
        Param w = n.param("weight");
        if (w == null || !w.numeric() || w.dims().length != 4) {
            error(DiagCode.E206, n, "needs a 4-D weight [Cout, Cin, kH, kW]; found " + (w == null ? "none" : w.shapeText()), "");
            return null;
        }
        int cout = w.dims()[0], cin = w.dims()[1], kh = w.dims()[2], kw = w.dims()[3];
        if (kh != kw) {
            error(DiagCode.E202, n, "kernel " + kh + "x" + kw + " is not square; a layer has one kernel size", "");
            return null;
        }
        Param groups = n.param("groups");
        if (groups != null && groups.numeric() && groups.values()[0] != 1) {
            error(DiagCode.E202, n, "groups = " + (long) groups.values()[0] + "; grouped and depthwise convolutions are not"
                    + " mapped", "use groups = 1");
            return null;
        }
        Param dil = n.param("dilation");
        if (dil != null && dil.numeric()) {
            for (double d : dil.values()) {
                if (d != 1) {
                    error(DiagCode.E202, n, "dilation " + java.util.Arrays.toString(toInts(dil.values())) + " is not mapped",
                            "use dilation 1");
                    return null;
                }
            }
        }
        int stride = pair(n, "stride", 1);
        if (stride < 0) return null;
        int padding;
        Param pad = n.param("padding");
        if (pad != null && !pad.numeric()) {
            if (pad.text().equalsIgnoreCase("valid")) padding = 0;
            else if (pad.text().equalsIgnoreCase("same") && stride == 1 && kh % 2 == 1) padding = kh / 2;
            else {
                error(DiagCode.E202, n, "padding '" + pad.text() + "' is not mapped", "use numeric padding");
                return null;
            }
        } else {
            padding = pair(n, "padding", 0);
            if (padding < 0) return null;
        }
        if (cin != shape.channels()) {
            error(DiagCode.E206, n, "weight expects " + cin + " input channels but the input is " + shape, "");
            return null;
        }
        Param ins = n.param("input_shape");
        if (ins != null && ins.numeric() && ins.size() == 2
                && (ins.values()[0] != shape.height() || ins.values()[1] != shape.width())) {
            error(DiagCode.E206, n, "input_shape " + java.util.Arrays.toString(toInts(ins.values())) + " does not match the"
                    + " incoming " + shape.height() + "x" + shape.width(), "");
            return null;
        }
        int k = kh;
        int oh = (shape.height() + 2 * padding - k) / stride + 1;
        int ow = (shape.width() + 2 * padding - k) / stride + 1;
        if (shape.height() + 2 * padding < k || shape.width() + 2 * padding < k) {
            error(DiagCode.E206, n, "kernel " + k + " does not fit the input " + shape + " with padding " + padding, "");
            return null;
        }
        double[] chScale = channelScale(n);
        if (chScale == null && pendingScale != null) return null;
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
        float[] bias = bias(n, cout);
        if (bias == UNSET) return null;
        NeuronModel neuron = neuronNode == null ? new NeuronModel.Rate() : neuron(neuronNode, (long) cout * oh * ow);
        if (neuron == null) return null;
        bias = leakBias(neuronNode, bias, cout);
        consumeScale(n);
        shape = new Shape(cout, oh, ow);
        return new LayerSpec.Conv2d(n.name(), cout, k, stride, padding, new NeuronConfig(neuron, Activation.identity(),
                Competition.none(), new LearningRule.None()), Init.given(rows, cout, m, bias), WeightScale.AUTO, label(n));
    }

    private LayerSpec.Pool pool(Node n) {
        Param ks = n.param("kernel_size");
        if (ks == null || !ks.numeric()) {
            error(DiagCode.E206, n, "needs kernel_size", "");
            return null;
        }
        int k = pair(n, "kernel_size", -1);
        if (k < 0) return null;
        int stride = n.has("stride") ? pair(n, "stride", k) : k;
        if (stride < 0) return null;
        int padding = pair(n, "padding", 0);
        if (padding < 0) return null;
        if (padding != 0) {
            error(DiagCode.E202, n, "pooling with padding " + padding + " is not mapped", "use padding 0");
            return null;
        }
        if (shape.height() < k || shape.width() < k) {
            error(DiagCode.E206, n, "kernel " + k + " is larger than the input " + shape, "");
            return null;
        }
        Shape out = new Shape(shape.channels(), (shape.height() - k) / stride + 1, (shape.width() - k) / stride + 1);
        if (pendingScale != null) {
            double[] ch = channelScale(n);
            if (ch == null) return null;
            pendingScale = new double[out.size()];
            int hw = out.height() * out.width();
            for (int i = 0; i < pendingScale.length; i++) pendingScale[i] = ch[i / hw];
        }
        if (n.type().equals("SumPool2d")) {
            if (pendingScale == null) {
                pendingScale = new double[out.size()];
                java.util.Arrays.fill(pendingScale, 1);
            }
            for (int i = 0; i < pendingScale.length; i++) pendingScale[i] *= k * k;
            pendingSources.add("`" + n.name() + "` (SumPool2d, factor " + (k * k) + ")");
        }
        shape = out;
        return new LayerSpec.Pool(n.name(), LayerKind.AVGPOOL, k, stride, label(n));
    }

    private boolean scale(Node n) {
        Param s = n.param("scale");
        if (s == null || !s.numeric()) {
            error(DiagCode.E206, n, "needs a numeric scale", "");
            return false;
        }
        double[] v = s.values();
        int size = shape.size();
        if (pendingScale == null) {
            pendingScale = new double[size];
            java.util.Arrays.fill(pendingScale, 1);
        }
        if (v.length == 1) {
            for (int i = 0; i < size; i++) pendingScale[i] *= v[0];
        } else if (v.length == size) {
            for (int i = 0; i < size; i++) pendingScale[i] *= v[i];
        } else if (v.length == shape.channels()) {
            int hw = shape.height() * shape.width();
            for (int i = 0; i < size; i++) pendingScale[i] *= v[i / hw];
        } else {
            error(DiagCode.E206, n, "scale has " + v.length + " values; the input " + shape + " needs 1, "
                    + shape.channels() + " or " + size, "");
            return false;
        }
        pendingSources.add("`" + n.name() + "` (Scale)");
        return true;
    }

    private double rowScale(int i) { return pendingScale == null ? 1 : pendingScale[i]; }

    /** Pending scale as one factor per channel; reports E202 when it varies within a channel. */
    private double[] channelScale(Node n) {
        if (pendingScale == null) return null;
        int hw = shape.height() * shape.width();
        double[] ch = new double[shape.channels()];
        for (int c = 0; c < ch.length; c++) {
            ch[c] = pendingScale[c * hw];
            for (int j = 1; j < hw; j++) {
                if (pendingScale[c * hw + j] != ch[c]) {
                    error(DiagCode.E202, n, "the scaling by " + String.join(", ", pendingSources) + " varies within a"
                            + " channel, so it cannot be folded into `" + n.name() + "`", "use a per-channel scale");
                    return null;
                }
            }
        }
        return ch;
    }

    private void consumeScale(Node into) {
        if (pendingScale == null) return;
        diags.report(DiagCode.N202, Location.of(file, label(into)), String.join(", ", pendingSources)
                + " folded into the weights of `" + into.name() + "`" + (pendingSources.stream().anyMatch(s -> s.contains("SumPool"))
                ? "; sum pooling runs as average pooling on chip" : ""), "");
        pendingScale = null;
        pendingSources.clear();
    }

    private static final float[] UNSET = new float[0];

    private float[] bias(Node n, int out) {
        Param b = n.param("bias");
        if (b == null || n.type().equals("Linear")) return null;
        if (!b.numeric() || b.size() != out) {
            error(DiagCode.E206, n, "bias has " + b.size() + " values; expected " + out, "");
            return UNSET;
        }
        float[] f = new float[out];
        for (int i = 0; i < out; i++) f[i] = (float) b.values()[i];
        return f;
    }

    // ---- neurons

    private double dt(Node n) {
        if (!Double.isNaN(dtOverride)) return dtOverride;
        Param p = n.param("dt");
        if (p != null && p.numeric() && p.size() >= 1 && p.values()[0] > 0) return p.values()[0];
        if (!dtNoted) {
            dtNoted = true;
            diags.report(DiagCode.N201, Location.of(file, label(n)), "the graph gives no time step; time constants are"
                    + " discretised with dt = " + Fmt.num(io.engram.compiler.CompileOptions.DEFAULT_NIR_DT_SECONDS)
                    + " s (decay = exp(-dt/tau))", "pass --nir-dt SECONDS (CompileOptions.withNirDtSeconds) with the simulator's step");
        }
        return io.engram.compiler.CompileOptions.DEFAULT_NIR_DT_SECONDS;
    }

    /** One value for a per-neuron parameter: the common value, or the mean with a W201 warning. */
    private double uniform(Node n, String key, double dflt, long neurons) {
        Param p = n.param(key);
        if (p == null) return dflt;
        if (!p.numeric() || p.size() == 0) {
            error(DiagCode.E206, n, "parameter " + key + " is not numeric", "");
            return Double.NaN;
        }
        if (p.size() != 1 && p.size() != neurons) {
            error(DiagCode.E206, n, "parameter " + key + " has " + p.size() + " values for " + neurons + " neurons", "");
            return Double.NaN;
        }
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
        for (double v : p.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        if (min != max) {
            double mean = sum / p.size();
            diags.report(DiagCode.W201, Location.of(file, label(n)), "per-neuron values of " + key + " range from "
                    + Fmt.num(min) + " to " + Fmt.num(max) + "; a layer has one value, the mean " + Fmt.num(mean) + " is used", "");
            return mean;
        }
        return min;
    }

    private NeuronModel neuron(Node n, long neurons) {
        String t = n.type();
        double r = uniform(n, "r", 1, neurons);
        double vth = uniform(n, "v_threshold", 1, neurons);
        double vReset = uniform(n, "v_reset", 0, neurons);
        if (Double.isNaN(r) || Double.isNaN(vth) || Double.isNaN(vReset)) return null;
        double decay, gain, threshold;
        switch (t) {
            case "LIF":
            case "CubaLIF":
            case "LI": {
                double tau = uniform(n, t.equals("CubaLIF") ? "tau_mem" : "tau", Double.NaN, neurons);
                if (!(tau > 0)) {
                    error(DiagCode.E206, n, "needs a positive " + (t.equals("CubaLIF") ? "tau_mem" : "tau"), "");
                    return null;
                }
                double dt = dt(n);
                decay = Math.exp(-dt / tau);
                gain = r * (1 - decay);
                if (t.equals("CubaLIF")) {
                    double wIn = uniform(n, "w_in", 1, neurons);
                    double tauSyn = uniform(n, "tau_syn", Double.NaN, neurons);
                    if (Double.isNaN(wIn)) return null;
                    gain *= wIn;
                    diags.report(DiagCode.W201, Location.of(file, label(n)), "the synaptic current filter (tau_syn = "
                            + Fmt.num(tauSyn) + " s) is dropped: the chip's LIF neuron integrates its input directly"
                            + " (w_in = " + Fmt.num(wIn) + " is kept as a gain)", "expect a faster response than the CubaLIF model");
                }
                threshold = t.equals("LI") ? Double.POSITIVE_INFINITY : vth / gain;
                break;
            }
            case "IF":
                decay = 1;
                gain = r;
                threshold = vth / gain;
                break;
            case "I":
            case "Integrator":
                decay = 1;
                gain = r;
                threshold = Double.POSITIVE_INFINITY;
                break;
            case "Threshold": {
                double th = uniform(n, "threshold", Double.NaN, neurons);
                if (Double.isNaN(th)) {
                    error(DiagCode.E206, n, "needs a threshold", "");
                    return null;
                }
                decay = 0;
                gain = 1;
                threshold = th;
                break;
            }
            default:
                throw new IllegalStateException("not a neuron type: " + t);
        }
        if (!(gain > 0) || Double.isInfinite(gain)) {
            error(DiagCode.E206, n, "input gain " + Fmt.num(gain) + " (from r and tau) must be positive and finite", "");
            return null;
        }
        if (gain != 1) {
            diags.report(DiagCode.N202, Location.of(file, label(n)), "membrane rescaled by 1/" + Fmt.num(gain)
                    + " so the layer's weights drive it unchanged: threshold " + Fmt.num(vth) + " -> " + Fmt.num(threshold)
                    + ", decay " + Fmt.num(decay), "");
        }
        return new NeuronModel.Lif(new LifParams(decay, threshold, LifParams.Reset.ZERO, vReset / gain, 0, 0, 1));
    }

    /** v_leak of an LIF/LI/CubaLIF node enters the rescaled membrane as a constant input v_leak / R per step. */
    private float[] leakBias(Node neuronNode, float[] bias, int cols) {
        if (neuronNode == null || !neuronNode.has("v_leak")) return bias;
        double vLeak = uniform(neuronNode, "v_leak", 0, cols);
        if (vLeak == 0 || Double.isNaN(vLeak)) return bias;
        double r = uniform(neuronNode, "r", 1, cols);
        double wIn = neuronNode.type().equals("CubaLIF") ? uniform(neuronNode, "w_in", 1, cols) : 1;
        float[] b = bias == null ? new float[cols] : bias.clone();
        for (int i = 0; i < cols; i++) b[i] += (float) (vLeak / (r * wIn));
        diags.report(DiagCode.N202, Location.of(file, label(neuronNode)), "v_leak " + Fmt.num(vLeak)
                + " added to the bias as " + Fmt.num(vLeak / (r * wIn)) + " per step", "");
        return b;
    }

    /** A square pair parameter (stride, padding, kernel_size) given as 1 or 2 equal values; -1 after an error. */
    private int pair(Node n, String key, int dflt) {
        Param p = n.param(key);
        if (p == null) {
            if (dflt < 0) error(DiagCode.E206, n, "needs " + key, "");
            return dflt;
        }
        if (!p.numeric() || p.size() < 1 || p.size() > 2) {
            error(DiagCode.E206, n, key + " must be 1 or 2 numbers; found " + (p.numeric() ? p.shapeText() : p.text()), "");
            return -1;
        }
        int a = (int) p.values()[0];
        int b = (int) p.values()[p.size() - 1];
        if (a != b) {
            error(DiagCode.E202, n, key + " " + a + "x" + b + " differs between height and width; a layer has one " + key,
                    "use equal values");
            return -1;
        }
        if (a < 0 || (a == 0 && !key.equals("padding"))) {
            error(DiagCode.E206, n, key + " = " + a + " is out of range", "");
            return -1;
        }
        return a;
    }

    private static int[] toInts(double[] v) {
        int[] o = new int[v.length];
        for (int i = 0; i < v.length; i++) o[i] = (int) v[i];
        return o;
    }

    private static long prod(double[] v) {
        long p = 1;
        for (double d : v) p *= (long) d;
        return p;
    }

}
