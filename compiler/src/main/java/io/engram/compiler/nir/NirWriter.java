package io.engram.compiler.nir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Writes a network with the weights and biases its layers hold as an NIR graph, in the HDF5 layout of
 * {@code nir.write} that {@link NirReader} reads: {@code /version}, {@code /node/type = NIRGraph},
 * {@code /node/nodes/NAME/{type, params...}}, {@code /node/edges} (an n x 2 string dataset, source then target).
 *
 * <p>Nodes, in chain order: {@code input} (Input, shape); per layer
 * <ul>
 *   <li>dense: {@code NAME} (Affine with weight [out, in] and bias [out]; Linear without bias; a Flatten node
 *   {@code NAME_flatten} before it when its input is not flat), then its neuron node; a recurrent dense layer
 *   also gets {@code NAME_rec} (Linear [out, units], the rows below its input rows) with the edges neuron ->
 *   {@code NAME_rec} -> neuron (a self loop), or, for feedback from a later layer, that layer's neuron node ->
 *   {@code NAME_rec} -> this layer's neuron node: the loops {@link NirStructure} maps back onto the same rows;</li>
 *   <li>conv2d: {@code NAME} (Conv2d, weight [Cout, Cin, k, k], bias [Cout], stride, padding [p, p], dilation [1, 1],
 *   groups 1, input_shape [H, W]), then its neuron node (parameters per neuron, shape [C, H, W]);</li>
 *   <li>avgpool: AvgPool2d (kernel_size, stride, padding [0, 0]); flatten: Flatten (start_dim 0, end_dim -1);</li>
 * </ul>
 * then {@code output} (Output, shape). The neuron node {@code NAME_neuron} is the one whose parameters
 * {@link NirNeurons} maps, with the given {@link NirSemantics} and time step, back onto the chip's unit exactly
 * (time constants and r are searched among neighbouring doubles until the importer's decay and input gain equal
 * the chip's bit for bit):
 * <ul>
 *   <li>LIF without synapse: 0 < decay < 1 gives LIF (LI when the threshold is infinite), decay 1 IF (I), decay 0
 *   Threshold (reset value 0 only); a synaptic current gives CubaLIF (tau_syn from its decay, w_in 1, r so that
 *   the importer's input gain is 1);</li>
 *   <li>rate neurons with the identity activation: no neuron node (the weight node alone is the layer's linear map,
 *   which the importer reads back as such).</li>
 * </ul>
 * What has no faithful NIR form is refused (SpecException naming the layer and field, exit 2 on the command line)
 * before anything is written: max pooling, an activation other than identity, a competition, an input norm, a
 * refractory period, an adaptive threshold, a synaptic current whose direct share the semantics cannot give.
 */
public final class NirWriter {
    /** The NIR format version written to /version (the version of the nir package whose layout this follows). */
    public static final String NIR_VERSION = "1.0.0";
    /** Neighbouring doubles tried on each side when a parameter is matched to the importer bit for bit. */
    private static final int ULP_SEARCH = 64;

    private NirWriter() {}

    /** What was written: node count, weight layers, weights, and a note for the user (or an empty string). */
    public record Result(int nodes, int weightLayers, long weights, String note) {}

    /**
     * The weights of one weighted layer as the run left them.
     *
     * @param weights     rows x cols row-major, as weights.h5 holds them
     * @param bias        its bias, or null
     * @param weightScale the weight of a full-range differential pair the layer was programmed with (written as the
     *                    weight node's metadata {@code engram_weight_scale}, which {@link NirMapper} honours); NaN when
     *                    unknown (the importer then chooses the largest |w|)
     */
    public record LayerWeights(float[] weights, double[] bias, double weightScale) {}

    /** One NIR node: name, type, its parameters (arrays with their dims, or text) and metadata (may be empty). */
    record NodeOut(String name, String type, List<P> params, List<P> metadata) {
        NodeOut(String name, String type, List<P> params) { this(name, type, params, List.of()); }
    }

    /** A parameter dataset of a node. */
    record P(String key, Object value) {}

    private static P p(String key, Object value) { return new P(key, value); }

    /**
     * Checks every layer, then writes the graph to {@code file} (the caller writes to a temporary file and renames).
     *
     * @param source    how messages name the run (a folder or file)
     * @param net       the network as the run compiled it (layers, neurons in chip units)
     * @param weights   per weighted layer, in order
     * @param dt        the time step (s) the importer discretises with for this run
     * @param semantics how the importer reads the graph (the run's {@code encoding.nir})
     */
    public static Result write(Path file, String source, Network net, List<LayerWeights> weights, double dt,
                               NirSemantics semantics) {
        Graph g = graph(source, net, weights, dt, semantics);
        try (WritableHdfFile h = HdfFile.write(file)) {
            h.removeAttribute("_jHDF"); // jHDF tags every file with its version; not part of NIR
            h.putDataset("version", NIR_VERSION);
            WritableGroup root = h.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup ng = root.putGroup("nodes");
            for (NodeOut n : g.nodes) {
                WritableGroup gr = ng.putGroup(n.name());
                gr.putDataset("type", n.type());
                for (P p : n.params()) gr.putDataset(p.key(), p.value());
                if (!n.metadata().isEmpty()) {
                    WritableGroup meta = gr.putGroup(NirReader.METADATA);
                    for (P p : n.metadata()) meta.putDataset(p.key(), p.value());
                }
            }
            String[][] edges = new String[g.edges.size()][];
            for (int i = 0; i < edges.length; i++) edges[i] = g.edges.get(i).clone();
            root.putDataset("edges", edges);
        }
        return new Result(g.nodes.size(), g.weightLayers, g.weightCount, g.note());
    }

    /** The nodes and edges of a network (package-private for tests). */
    static final class Graph {
        final List<NodeOut> nodes = new ArrayList<>();
        final List<String[]> edges = new ArrayList<>();
        final Set<LifParams.Reset> resets = new HashSet<>();
        final NirSemantics semantics;
        int weightLayers;
        long weightCount;
        private String last;

        Graph(NirSemantics semantics) { this.semantics = semantics; }

        void chain(NodeOut n) {
            nodes.add(n);
            if (last != null) edges.add(new String[]{last, n.name()});
            last = n.name();
        }

        String note() {
            LifParams.Reset wanted = semantics.reset() == NirSemantics.Reset.SUBTRACT ? LifParams.Reset.SUBTRACT : LifParams.Reset.ZERO;
            if (resets.size() > 1) {
                return "layers reset both to v_reset and by subtraction; an import applies one reset to every layer"
                        + " (encoding.nir.reset), so the layers with the other reset differ after their first spike";
            }
            if (resets.size() == 1 && !resets.contains(wanted)) {
                LifParams.Reset r = resets.iterator().next();
                return r == LifParams.Reset.SUBTRACT
                        ? "neurons reset by subtraction: import with the `subtract` reset (encoding.nir.reset: subtract,"
                        + " or --nir-reset subtract); the NIR specification resets to v_reset"
                        : "neurons reset to v_reset: import with encoding.nir.reset: to-v-reset (the NIR specification's)";
            }
            return "";
        }
    }

    static Graph graph(String source, Network net, List<LayerWeights> weights, double dt, NirSemantics semantics) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new SpecException(source, "encoding.dt_ms", String.valueOf(dt * 1e3), "a positive, finite time step");
        }
        Graph g = new Graph(semantics);
        Set<String> names = new HashSet<>(); // layer names are the weight nodes' names; derived nodes avoid them
        for (LayerSpec l : net.layers()) names.add(l.name());
        Shape shape = net.input();
        long[] inShape = shape.height() == 1 && shape.width() == 1 ? new long[]{shape.channels()} : chw(shape);
        g.chain(new NodeOut(unique("input", names), "Input", List.of(p("shape", inShape))));
        int k = 0;
        Map<String, String> neuronOf = new LinkedHashMap<>(); // dense layer name -> its neuron node
        List<String[]> loops = new ArrayList<>(); // source layer, recurrent weight node, target neuron node, layer, rows
        NirNeurons forward = new NirNeurons(new NirReport(new Diagnostics(), source), new NirParams(new NirReport(new Diagnostics(), source)),
                dt, semantics);
        for (LayerSpec l : net.layers()) {
            String layer = "layer `" + l.name() + "`";
            if (l instanceof LayerSpec.Flatten) {
                g.chain(flatten(l.name(), shape));
                shape = Shape.flat(shape.size());
            } else if (l instanceof LayerSpec.Pool pool) {
                if (pool.kind() != LayerKind.AVGPOOL) {
                    throw new SpecException(source, layer + " type", "maxpool", "avgpool, flatten, dense or conv2d: NIR has"
                            + " no max pooling node (AvgPool2d and SumPool2d only)");
                }
                if (shape.height() < pool.kernel() || shape.width() < pool.kernel()) {
                    throw new SpecException(source, layer + " kernel", String.valueOf(pool.kernel()), "at most the input "
                            + shape.height() + "x" + shape.width());
                }
                g.chain(new NodeOut(l.name(), "AvgPool2d", List.of(p("kernel_size", pair(pool.kernel())),
                        p("stride", pair(pool.stride())), p("padding", pair(0)))));
                shape = new Shape(shape.channels(), (shape.height() - pool.kernel()) / pool.stride() + 1,
                        (shape.width() - pool.kernel()) / pool.stride() + 1);
            } else if (l instanceof LayerSpec.Weighted w) {
                if (k >= weights.size()) {
                    throw new SpecException(source, "weights", weights.size() + " weight layers", "one per weighted layer of"
                            + " the network (" + layer + " has none)");
                }
                LayerWeights lw = weights.get(k++);
                float[] wm = lw.weights();
                double[] bias = lw.bias();
                List<P> meta = Double.isNaN(lw.weightScale()) ? List.of()
                        : List.of(p(NirMapper.WEIGHT_SCALE, new double[]{lw.weightScale()}));
                checkConfig(source, layer, w);
                if (bias != null && bias.length != w.neurons()) {
                    throw new SpecException(source, layer + " bias", bias.length + " values", w.neurons() + ", one per neuron");
                }
                String name = l.name();
                if (w instanceof LayerSpec.Dense d) {
                    if (shape.height() != 1 || shape.width() != 1) {
                        g.chain(flatten(unique(l.name() + "_flatten", names), shape));
                        shape = Shape.flat(shape.size());
                    }
                    int in = shape.size(), out = d.units();
                    int back = d.recurrent() ? d.recurrentUnits() : 0; // rows carrying a population's spikes of the step before
                    int rows = in + back;
                    if (wm.length != (long) rows * out) {
                        throw new SpecException(source, layer + " weights", wm.length + " values", rows + " x " + out
                                + " (" + in + " inputs" + (d.recurrent() ? " + " + back + " recurrent rows" : "") + ", " + out
                                + " neurons)");
                    }
                    float[][] m = new float[out][in];
                    for (int i = 0; i < in; i++) for (int o = 0; o < out; o++) m[o][i] = wm[i * out + o];
                    List<P> wp = new ArrayList<>();
                    wp.add(p("weight", m));
                    if (bias != null) wp.add(p("bias", floats(bias)));
                    g.chain(new NodeOut(name, bias == null ? "Linear" : "Affine", wp, meta));
                    g.weightLayers++;
                    g.weightCount += (long) rows * out;
                    shape = Shape.flat(out);
                    NodeOut neuron = neuron(source, layer, d.config().neuron(), unique(l.name() + "_neuron", names),
                            new long[]{out}, out, g, forward, dt);
                    if (neuron != null) {
                        g.chain(neuron);
                        neuronOf.put(l.name(), neuron.name());
                    }
                    if (d.recurrent()) {
                        if (neuron == null) {
                            throw new SpecException(source, layer + " neuron", "rate", "a spiking neuron: a recurrent layer's"
                                    + " feedback arrives as spikes of the step before");
                        }
                        // Linear [out, back] from the source population's neuron node back into this one (a self loop,
                        // or feedback from a later layer, whose neuron node is known once the chain is written)
                        float[][] r = new float[out][back];
                        for (int j = 0; j < back; j++) for (int o = 0; o < out; o++) r[o][j] = wm[(in + j) * out + o];
                        String rec = unique(l.name() + "_rec", names);
                        g.nodes.add(new NodeOut(rec, "Linear", List.of(p("weight", r))));
                        loops.add(new String[]{d.recurrentFrom(), rec, neuron.name(), layer, String.valueOf(back)});
                    }
                } else if (w instanceof LayerSpec.Conv2d c) {
                    int cin = shape.channels(), kk = c.kernel(), cout = c.channels();
                    int rows = cin * kk * kk;
                    if (wm.length != (long) rows * cout) {
                        throw new SpecException(source, layer + " weights", wm.length + " values", rows + " x " + cout
                                + " (" + cin + " channels x " + kk + " x " + kk + " kernel rows, " + cout + " output channels)");
                    }
                    if (shape.height() + 2 * c.padding() < kk || shape.width() + 2 * c.padding() < kk) {
                        throw new SpecException(source, layer + " kernel", String.valueOf(kk), "at most the padded input "
                                + (shape.height() + 2 * c.padding()) + "x" + (shape.width() + 2 * c.padding()));
                    }
                    float[][][][] m = new float[cout][cin][kk][kk];
                    for (int o = 0; o < cout; o++) {
                        for (int ch = 0; ch < cin; ch++) {
                            for (int y = 0; y < kk; y++) {
                                for (int x = 0; x < kk; x++) m[o][ch][y][x] = wm[((ch * kk + y) * kk + x) * cout + o];
                            }
                        }
                    }
                    g.chain(new NodeOut(name, "Conv2d", List.of(p("weight", m), p("bias", bias == null ? new float[cout]
                            : floats(bias)), p("stride", pair(c.stride())), p("padding", pair(c.padding())),
                            p("dilation", pair(1)), p("groups", 1L),
                            p("input_shape", new long[]{shape.height(), shape.width()})), meta));
                    g.weightLayers++;
                    g.weightCount += (long) rows * cout;
                    shape = new Shape(cout, (shape.height() + 2 * c.padding() - kk) / c.stride() + 1,
                            (shape.width() + 2 * c.padding() - kk) / c.stride() + 1);
                    NodeOut neuron = neuron(source, layer, c.config().neuron(), unique(l.name() + "_neuron", names),
                            chw(shape), shape.size(), g, forward, dt);
                    if (neuron != null) g.chain(neuron);
                }
            }
        }
        for (String[] loop : loops) {
            String from = neuronOf.get(loop[0]);
            if (from == null) {
                throw new SpecException(source, loop[3] + " recurrent rows", "from `" + loop[0] + "`", "a spiking dense"
                        + " layer of the network (its spikes return one step later)");
            }
            g.edges.add(new String[]{from, loop[1]});
            g.edges.add(new String[]{loop[1], loop[2]});
        }
        if (k != weights.size()) {
            throw new SpecException(source, "weights", weights.size() + " weight layers", k + ", one per weighted layer"
                    + " of the network");
        }
        if (g.weightLayers == 0) {
            throw new SpecException(source, "layers", "none with weights", "a network with at least one dense or conv2d layer");
        }
        g.chain(new NodeOut(unique("output", names), "Output", List.of(p("shape",
                shape.height() == 1 && shape.width() == 1 ? new long[]{shape.size()} : chw(shape)))));
        return g;
    }

    /** What the neuron units do besides the neuron model must be the identity for an NIR graph to say it. */
    private static void checkConfig(String source, String layer, LayerSpec.Weighted w) {
        var c = w.config();
        if (c.norm().on()) {
            throw new SpecException(source, layer + " norm", c.norm().kind().name().toLowerCase(Locale.ROOT), "none: NIR has"
                    + " no normalisation node");
        }
        if (c.competition().kind() != Competition.Kind.NONE) {
            throw new SpecException(source, layer + " competition", c.competition().kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'), "none: NIR has no competition (winner-take-all) node");
        }
        if (c.neuron() instanceof NeuronModel.Rate && c.activation().kind() != Activation.Kind.IDENTITY) {
            throw new SpecException(source, layer + " activation", c.activation().kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'), "identity: a rate layer is exported as its linear map alone; NIR has no static"
                    + " activation node (relu, clamp, triangle, softmax) that runs once per sample");
        }
    }

    /**
     * The neuron node after a weight node, null for a rate layer (identity activation checked before). Parameters are
     * one value per neuron in the layer's output shape {@code dims}.
     */
    private static NodeOut neuron(String source, String layer, NeuronModel model, String name, long[] dims, int n,
                                  Graph g, NirNeurons forward, double dt) {
        if (model instanceof NeuronModel.Rate) return null;
        NeuronModel.Lif lif = (NeuronModel.Lif) model;
        LifParams p = lif.params();
        String field = layer + " neuron";
        if (p.refractorySteps() != 0) {
            throw new SpecException(source, field + " refractory", String.valueOf(p.refractorySteps()), "0 (NIR has no refractory period)");
        }
        if (p.thetaPlus() != 0) {
            throw new SpecException(source, field + " theta_plus", String.valueOf(p.thetaPlus()), "0 (NIR has no adaptive threshold)");
        }
        if (!Double.isFinite(p.resetValue()) || Double.isNaN(p.threshold())) {
            throw new SpecException(source, field, "threshold " + p.threshold() + ", reset " + p.resetValue(), "finite values");
        }
        boolean spiking = p.threshold() != Double.POSITIVE_INFINITY;
        if (spiking) g.resets.add(p.reset());
        double d = p.decay();
        NirSemantics s = g.semantics;
        Map<String, Double> v = new LinkedHashMap<>();
        String type;
        if (lif.synapse() != null) {
            if (!spiking) {
                throw new SpecException(source, field, "synaptic current without a threshold", "a threshold (CubaLIF);"
                        + " the importer maps no CubaLI node");
            }
            if (!(d > 0 && d < 1) || !(lif.synapse().decay() > 0)) {
                throw new SpecException(source, field + " decay", "membrane " + d + ", synapse " + lif.synapse().decay(),
                        "both in (0, 1): CubaLIF has two finite time constants");
            }
            type = "CubaLIF";
            double want = lif.synapse().direct();
            cubaLif(forward, name, v, lif.synapse().decay(), d, p, dt, s, want);
            NirNeurons.Mapped m = map(forward, name, type, v);
            double direct = ((NeuronModel.Lif) m.model()).synapse().direct();
            if (!near(direct, want, DIRECT_TOLERANCE)) {
                throw new SpecException(source, field + " synapse", "direct share " + want, "the share " + direct
                        + " that CubaLIF gives read as " + s + " (export the run with the encoding.nir it ran with)");
            }
        } else if (d == 0) {
            if (!spiking || p.resetValue() != 0) {
                throw new SpecException(source, field + " decay", "0", "a decay above 0 unless the neuron has a threshold"
                        + " and resets to 0 (NIR Threshold)");
            }
            return new NodeOut(name, "Threshold", List.of(p("threshold", fill(dims, n, p.threshold()))));
        } else if (d == 1) {
            type = spiking ? "IF" : "I";
            double stepDt = s.spike() == NirSemantics.Spike.HELD ? dt : 1;
            v.put("r", match(1 / s.integratorGain(1, stepDt), r -> s.integratorGain(r, stepDt), 1.0));
            if (spiking) {
                v.put("v_threshold", p.threshold());
                v.put("v_reset", p.resetValue());
            }
        } else {
            type = spiking ? "LIF" : "LI";
            double tau = tau(d, dt, s);
            v.put("tau", tau);
            v.put("r", match(1 / s.leakyGain(1, dt, tau), r -> s.leakyGain(r, dt, tau), 1.0));
            v.put("v_leak", 0.0);
            if (spiking) {
                v.put("v_threshold", p.threshold());
                v.put("v_reset", p.resetValue());
            }
        }
        // the importer divides v_threshold and v_reset by its gain: when the gain is not exactly 1, scale them back
        NirNeurons.Mapped m = map(forward, name, type, v);
        if (spiking && m.gain() != 1) {
            double gain = m.gain();
            v.put("v_threshold", match(p.threshold() * gain, x -> x / gain, p.threshold()));
            v.put("v_reset", match(p.resetValue() * gain, x -> x / gain, p.resetValue()));
            m = map(forward, name, type, v);
        }
        LifParams got = ((NeuronModel.Lif) m.model()).params();
        if (!near(got.decay(), d) || spiking && (!near(got.threshold(), p.threshold()) || !near(got.resetValue(), p.resetValue()))) {
            throw new SpecException(source, field, "decay " + d + ", threshold " + p.threshold() + ", reset " + p.resetValue(),
                    "values an NIR " + type + " node gives back at dt " + dt + " s read as " + s + " (it gives decay "
                    + got.decay() + ", threshold " + got.threshold() + ", reset " + got.resetValue() + ")");
        }
        List<P> params = new ArrayList<>();
        for (Map.Entry<String, Double> e : v.entrySet()) params.add(p(e.getKey(), fill(dims, n, e.getValue())));
        return new NodeOut(name, type, params);
    }

    /**
     * Whether the importer's value is the chip's: equal, or within {@link #TOLERANCE} of it where no neighbouring
     * double gives it exactly (a decay near 0 moves by several ulps per ulp of its time constant).
     */
    private static boolean near(double got, double want) { return near(got, want, TOLERANCE); }

    /** Relative difference accepted between the importer's neuron values and the chip's (a few ulps). */
    static final double TOLERANCE = 1e-14;

    /**
     * CubaLIF parameters into {@code v}: w_in 1, v_leak 0, v_threshold and v_reset as on the chip; among the time
     * constants that give the two decays exactly (up to {@link #CANDIDATES} of each), the pair whose direct share
     * (held spikes: a quotient of differences of the time constants, sensitive to their last bits) is the chip's, or
     * the closest; r settled so that the importer's gain is exactly 1.
     */
    private static void cubaLif(NirNeurons forward, String name, Map<String, Double> v, double ds, double dm, LifParams p,
                                double dt, NirSemantics s, double want) {
        List<Double> syn = taus(ds, dt, s), mem = taus(dm, dt, s);
        double best = Double.POSITIVE_INFINITY;
        Map<String, Double> chosen = null;
        for (double ts : syn) {
            for (double tm : mem) {
                Map<String, Double> t = new LinkedHashMap<>();
                t.put("tau_syn", ts);
                t.put("tau_mem", tm);
                t.put("w_in", 1.0);
                t.put("r", 1.0);
                t.put("v_leak", 0.0);
                t.put("v_threshold", p.threshold());
                t.put("v_reset", p.resetValue());
                // the importer's gain is proportional to r: solve for gain 1, then settle on the double that gives it
                t.put("r", 1 / map(forward, name, "CubaLIF", t).gain());
                t.put("r", match(t.get("r"), r -> gainOf(forward, name, "CubaLIF", t, "r", r), 1.0));
                double err = Math.abs(((NeuronModel.Lif) map(forward, name, "CubaLIF", t).model()).synapse().direct() - want);
                if (err < best) {
                    best = err;
                    chosen = t;
                }
                if (err == 0) break;
            }
            if (best == 0) break;
        }
        v.putAll(chosen);
    }

    /** Time constants near -dt / ln(decay) whose decay is exactly {@code decay}, nearest first (at least one). */
    private static List<Double> taus(double decay, double dt, NirSemantics s) {
        double t0 = tau(decay, dt, s);
        List<Double> out = new ArrayList<>();
        out.add(t0);
        double up = t0, down = t0;
        for (int i = 0; i < ULP_SEARCH && out.size() < CANDIDATES; i++) {
            up = Math.nextUp(up);
            if (s.decay(dt, up) == decay) out.add(up);
            down = Math.nextDown(down);
            if (s.decay(dt, down) == decay) out.add(down);
        }
        return out;
    }

    /** Time constants tried per decay for a CubaLIF's direct share. */
    private static final int CANDIDATES = 24;
    /** Relative difference accepted between the chip's direct share of a synaptic current and the importer's. */
    public static final double DIRECT_TOLERANCE = 1e-12;

    private static boolean near(double got, double want, double tolerance) {
        return got == want || Math.abs(got - want) <= tolerance * Math.max(Math.abs(want), Double.MIN_NORMAL);
    }

    /** The importer's mapping of a one-neuron node with parameters {@code v}. */
    private static NirNeurons.Mapped map(NirNeurons forward, String name, String type, Map<String, Double> v) {
        Map<String, NirGraph.Param> params = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : v.entrySet()) {
            params.put(e.getKey(), new NirGraph.Param(e.getKey(), new int[]{1}, new double[]{e.getValue()}, null));
        }
        NirNeurons.Mapped m = forward.neuron(new NirGraph.Node(name, type, params), 1);
        if (m == null) throw new IllegalStateException("the importer refused the exported " + type + " node " + v);
        return m;
    }

    private static double gainOf(NirNeurons forward, String name, String type, Map<String, Double> v, String key, double x) {
        Map<String, Double> t = new LinkedHashMap<>(v);
        t.put(key, x);
        return map(forward, name, type, t).gain();
    }

    /** The time constant whose decay over dt the semantics computes as exactly {@code decay} (or the nearest). */
    private static double tau(double decay, double dt, NirSemantics s) {
        double t0 = s.discretisation() == NirSemantics.Discretisation.EXACT ? -dt / Math.log(decay) : dt / (1 - decay);
        return match(t0, t -> s.decay(dt, t), decay);
    }

    /**
     * The double near {@code x0} for which {@code f} gives exactly {@code target}; x0 itself when none within
     * {@link #ULP_SEARCH} neighbours on either side does.
     */
    static double match(double x0, DoubleUnaryOperator f, double target) {
        if (f.applyAsDouble(x0) == target) return x0;
        double up = x0, down = x0;
        for (int i = 0; i < ULP_SEARCH; i++) {
            up = Math.nextUp(up);
            if (f.applyAsDouble(up) == target) return up;
            down = Math.nextDown(down);
            if (f.applyAsDouble(down) == target) return down;
        }
        return x0;
    }

    private static NodeOut flatten(String name, Shape shape) {
        return new NodeOut(name, "Flatten", List.of(p("start_dim", 0L), p("end_dim", -1L), p("input_type", chw(shape))));
    }

    /** {@code name}, or name_2, name_3, ... when taken; the result is taken from then on. */
    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) n = name + "_" + i;
        taken.add(n);
        return n;
    }

    private static long[] chw(Shape s) { return new long[]{s.channels(), s.height(), s.width()}; }

    private static long[] pair(int v) { return new long[]{v, v}; }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    /** n copies of v, shaped as dims (one value per neuron: [n] or [C, H, W]). */
    private static Object fill(long[] dims, int n, double v) {
        if (dims.length == 1) {
            double[] a = new double[n];
            Arrays.fill(a, v);
            return a;
        }
        double[][][] a = new double[(int) dims[0]][(int) dims[1]][(int) dims[2]];
        for (double[][] x : a) for (double[] y : x) Arrays.fill(y, v);
        return a;
    }
}
