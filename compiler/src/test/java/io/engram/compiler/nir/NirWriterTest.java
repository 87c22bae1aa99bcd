package io.engram.compiler.nir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.NeuronConfig;
import io.engram.compiler.ir.WeightScale;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NirWriter against the importer as second reader: a network imported from an NIR file, written and imported again
 * gives the same layers, weights, biases and neuron models; the file read back with {@link NirReader} holds every
 * parameter written.
 */
class NirWriterTest {
    static final NirSemantics SPEC = NirSemantics.specification();
    static final NirSemantics HELD_SUBTRACT = SPEC.withSpike(NirSemantics.Spike.HELD).withReset(NirSemantics.Reset.SUBTRACT);

    /** The layers' weights, biases and (unknown: NaN) weight scales as the importer gave them. */
    private static List<NirWriter.LayerWeights> weightsOf(Network net) {
        List<NirWriter.LayerWeights> out = new ArrayList<>();
        for (LayerSpec l : net.layers()) {
            if (l instanceof LayerSpec.Weighted w) {
                Init.Given g = (Init.Given) w.init();
                double[] b = null;
                if (g.bias() != null) {
                    b = new double[g.bias().length];
                    for (int i = 0; i < b.length; i++) b[i] = g.bias()[i];
                }
                out.add(new NirWriter.LayerWeights(g.weights(), b, Double.NaN));
            }
        }
        return out;
    }

    private static Network importOk(Path file, double dt, NirSemantics s) {
        Diagnostics d = new Diagnostics();
        Network n = NirImporter.importGraph(file, null, dt, s, d);
        assertNotNull(n, file + ": " + d.all());
        return n;
    }

    /** Layer for layer: kind, shape parameters, weights and bias bit for bit, neuron models. */
    private static void assertSameNetwork(Network a, Network b, String what) {
        assertEquals(a.input(), b.input(), what);
        List<LayerSpec> la = a.layers(), lb = b.layers();
        assertEquals(la.size(), lb.size(), what);
        for (int i = 0; i < la.size(); i++) {
            LayerSpec x = la.get(i), y = lb.get(i);
            String at = what + " layer " + x.name();
            assertEquals(x.kind(), y.kind(), at);
            if (x instanceof LayerSpec.Pool p) {
                LayerSpec.Pool q = (LayerSpec.Pool) y;
                assertEquals(p.kernel(), q.kernel(), at);
                assertEquals(p.stride(), q.stride(), at);
            }
            if (!(x instanceof LayerSpec.Weighted wx)) continue;
            LayerSpec.Weighted wy = (LayerSpec.Weighted) y;
            assertEquals(wx.neurons(), wy.neurons(), at);
            if (wx instanceof LayerSpec.Conv2d c) {
                LayerSpec.Conv2d d = (LayerSpec.Conv2d) wy;
                assertEquals(List.of(c.kernel(), c.stride(), c.padding()), List.of(d.kernel(), d.stride(), d.padding()), at);
            }
            if (wx instanceof LayerSpec.Dense d) {
                assertEquals(d.recurrentFrom(), ((LayerSpec.Dense) wy).recurrentFrom(), at);
                assertEquals(d.recurrentUnits(), ((LayerSpec.Dense) wy).recurrentUnits(), at);
            }
            Init.Given gx = (Init.Given) wx.init(), gy = (Init.Given) wy.init();
            assertEquals(gx.rows(), gy.rows(), at);
            assertArrayEquals(gx.weights(), gy.weights(), at);
            assertArrayEquals(gx.bias(), gy.bias(), at);
            assertEquals(wx.config().neuron().getClass(), wy.config().neuron().getClass(), at);
            if (wx.config().neuron() instanceof NeuronModel.Lif nx) {
                NeuronModel.Lif ny = (NeuronModel.Lif) wy.config().neuron();
                assertEquals(nx.params(), ny.params(), at);
                assertEquals(nx.synapse() == null, ny.synapse() == null, at);
                if (nx.synapse() != null) {
                    assertEquals(nx.synapse().decay(), ny.synapse().decay(), at);
                    assertEquals(nx.synapse().direct(), ny.synapse().direct(),
                            NirWriter.DIRECT_TOLERANCE * Math.abs(nx.synapse().direct()), at);
                }
            }
        }
    }

    /**
     * Every shared NIR graph (eight, from five frameworks; the nested-subgraph variants included) under the NIR
     * specification's reading and under the held/subtract reading, at dt 0.1 ms: import, write, import again gives the
     * same network. cnn_sinabs's SumPool2d factor, folded into the next layer's weights on the first import, comes
     * back as AvgPool2d with the same weights.
     */
    @Test
    void everySharedGraphRoundTripsThroughTheWriter(@TempDir Path dir) {
        String[] names = {"lif_norse", "lif_rockpool", "two_lif_neurons", "cnn_sinabs", "braille_noDelay_bias_zero",
                "braille_noDelay_bias_zero_subgraph", "braille_noDelay_noBias_subtract", "braille_noDelay_noBias_subtract_subgraph"};
        for (String name : names) {
            for (NirSemantics s : new NirSemantics[]{SPEC, HELD_SUBTRACT}) {
                Network a = importOk(TestChips.resource("nir/" + name + ".nir"), 1e-4, s);
                Path out = dir.resolve(name + "-" + s.spike() + ".nir");
                NirWriter.write(out, name, a, weightsOf(a), 1e-4, s);
                Network b = importOk(out, 1e-4, s);
                assertSameNetwork(a, b, name + " (" + s + ")");
            }
        }
    }

    /**
     * Feedback to an earlier layer (NirRecurrenceTest's graph: in -> w1 -> if1 -> w2 -> if2 (3 neurons) -> out, and
     * if2 -> fb [1, 3] -> if1): written as w1_rec, a Linear [1, 3] on the edges w2_neuron -> w1_rec -> w1_neuron, and
     * imported again as the same network (w1's 1 + 3 rows, its recurrent rows from layer w2).
     */
    @Test
    void feedbackToAnEarlierLayerRoundTrips(@TempDir Path dir) {
        Path f = new NirFiles()
                .node("in", "Input", "shape", new long[]{1})
                .node("w1", "Linear", "weight", new double[][]{{1}})
                .node("if1", "IF", "r", new double[]{1}, "v_threshold", new double[]{1}, "v_reset", new double[]{0})
                .node("w2", "Linear", "weight", new double[][]{{1}, {0.5}, {0.25}})
                .node("if2", "IF", "r", new double[]{1, 1, 1}, "v_threshold", new double[]{2, 2, 2}, "v_reset", new double[]{0, 0, 0})
                .node("fb", "Linear", "weight", new double[][]{{0.75, -0.5, 0.125}})
                .node("out", "Output", "shape", new long[]{3})
                .edge("in", "w1").edge("w1", "if1").edge("if1", "w2").edge("w2", "if2").edge("if2", "fb")
                .edge("fb", "if1").edge("if2", "out")
                .write(dir.resolve("feedback.nir"), false);
        Network a = importOk(f, 1e-3, SPEC);
        LayerSpec.Dense w1 = (LayerSpec.Dense) a.layers().get(0);
        assertEquals("w2", w1.recurrentFrom());
        assertEquals(3, w1.recurrentUnits());
        Path out = dir.resolve("written.nir");
        NirWriter.write(out, "feedback", a, weightsOf(a), 1e-3, SPEC);
        Diagnostics d = new Diagnostics();
        NirGraph g = NirReader.read(out, d);
        assertNotNull(g, d.all().toString());
        assertArrayEquals(new double[]{0.75, -0.5, 0.125}, g.nodes().get("w1_rec").param("weight").values());
        assertArrayEquals(new int[]{1, 3}, g.nodes().get("w1_rec").param("weight").dims());
        assertTrue(g.edges().contains(new NirGraph.Edge("w2_neuron", "w1_rec")), g.edges().toString());
        assertTrue(g.edges().contains(new NirGraph.Edge("w1_rec", "w1_neuron")), g.edges().toString());
        assertSameNetwork(a, importOk(out, 1e-3, SPEC), "feedback");
    }

    /**
     * A hand-made network read back with NirReader, every parameter compared: a conv2d (2 -> 3 channels, kernel 3,
     * stride 2, padding 1) on a 2x7x7 input with LIF neurons (decay 0.75, threshold 0.5, reset 0.125), an average pool
     * (2), a recurrent dense layer of 4 CubaLIF-like neurons (synapse decay 0.5) and a rate dense layer of 2 (identity).
     * Shapes by hand: conv (7 + 2 - 3) / 2 + 1 = 4 -> 3x4x4, pool -> 3x2x2 = 12 flat inputs (a Flatten node is added
     * before the dense layer), dense 12 + 4 recurrent rows.
     */
    @Test
    void everyParameterIsReadBackByNirReader(@TempDir Path dir) throws Exception {
        NeuronConfig lif = new NeuronConfig(new NeuronModel.Lif(new LifParams(0.75, 0.5, LifParams.Reset.ZERO, 0.125, 0, 0, 1)),
                Activation.identity(), Competition.none(), new LearningRule.None());
        NeuronConfig cuba = new NeuronConfig(new NeuronModel.Lif(new LifParams(0.875, 1.5, LifParams.Reset.ZERO, 0, 0, 0, 1),
                new NeuronModel.Synapse(0.5, 0)), Activation.identity(), Competition.none(), new LearningRule.None());
        float[] cw = new float[18 * 3], dw = new float[16 * 4], ow = new float[4 * 2];
        for (int i = 0; i < cw.length; i++) cw[i] = (i % 7 - 3) / 8f;
        for (int i = 0; i < dw.length; i++) dw[i] = (i % 5 - 2) / 4f;
        for (int i = 0; i < ow.length; i++) ow[i] = i / 16f;
        Network net = new Network("hand", new Shape(2, 7, 7), List.of(
                new LayerSpec.Conv2d("c", 3, 3, 2, 1, lif, Init.given(18, 3, cw, null), WeightScale.AUTO, "c"),
                new LayerSpec.Pool("p", io.engram.chip.program.LayerKind.AVGPOOL, 2, 2, "p"),
                new LayerSpec.Dense("d", 4, cuba, Init.given(16, 4, dw, null), WeightScale.AUTO, "d", true),
                new LayerSpec.Dense("o", 2, NeuronConfig.defaults(), Init.given(4, 2, ow, null), WeightScale.AUTO, "o")),
                true, null);
        Path file = dir.resolve("hand.nir");
        double[] bias = {0.25, -0.5, 0.75};
        NirWriter.Result r = NirWriter.write(file, "hand", net, List.of(new NirWriter.LayerWeights(cw, bias, 0.5),
                new NirWriter.LayerWeights(dw, null, Double.NaN), new NirWriter.LayerWeights(ow, null, 0.25)), 1e-3, SPEC);
        assertEquals(3, r.weightLayers());
        assertEquals(18 * 3 + 16 * 4 + 4 * 2, r.weights());
        assertEquals("", r.note());
        Diagnostics d = new Diagnostics();
        NirGraph g = NirReader.read(file, d);
        assertNotNull(g, d.all().toString());
        assertEquals(NirWriter.NIR_VERSION, g.version());
        NirGraph.Node c = g.nodes().get("c");
        assertEquals("Conv2d", c.type());
        assertArrayEquals(new int[]{3, 2, 3, 3}, c.param("weight").dims());
        for (int o = 0; o < 3; o++) for (int ch = 0; ch < 2; ch++) for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) {
            assertEquals(cw[((ch * 3 + y) * 3 + x) * 3 + o], c.param("weight").values()[((o * 2 + ch) * 3 + y) * 3 + x]);
        }
        assertArrayEquals(new double[]{0.25, -0.5, 0.75}, c.param("bias").values());
        assertArrayEquals(new double[]{2, 2}, c.param("stride").values());
        assertArrayEquals(new double[]{1, 1}, c.param("padding").values());
        assertArrayEquals(new double[]{1, 1}, c.param("dilation").values());
        assertArrayEquals(new double[]{1}, c.param("groups").values());
        assertArrayEquals(new double[]{7, 7}, c.param("input_shape").values());
        assertArrayEquals(new double[]{0.5}, c.param("metadata/engram_weight_scale").values());
        // LIF after the conv: one value per neuron of the 3x4x4 output; tau = -dt / ln 0.75, r = tau (gain 1)
        NirGraph.Node cn = g.nodes().get("c_neuron");
        assertEquals("LIF", cn.type());
        assertArrayEquals(new int[]{3, 4, 4}, cn.param("tau").dims());
        double tau = cn.param("tau").values()[0];
        assertEquals(-1e-3 / Math.log(0.75), tau, 1e-15);
        assertEquals(0.75, Math.exp(-1e-3 / tau));
        for (int i = 0; i < 48; i++) {
            assertEquals(tau, cn.param("tau").values()[i]);
            assertEquals(tau, cn.param("r").values()[i]);
            assertEquals(0.5, cn.param("v_threshold").values()[i]);
            assertEquals(0.125, cn.param("v_reset").values()[i]);
            assertEquals(0.0, cn.param("v_leak").values()[i]);
        }
        NirGraph.Node p = g.nodes().get("p");
        assertEquals("AvgPool2d", p.type());
        assertArrayEquals(new double[]{2, 2}, p.param("kernel_size").values());
        assertArrayEquals(new double[]{2, 2}, p.param("stride").values());
        assertArrayEquals(new double[]{0, 0}, p.param("padding").values());
        NirGraph.Node fl = g.nodes().get("d_flatten");
        assertEquals("Flatten", fl.type());
        assertArrayEquals(new double[]{3, 2, 2}, fl.param("input_type").values());
        NirGraph.Node dn = g.nodes().get("d");
        assertEquals("Linear", dn.type());
        assertArrayEquals(new int[]{4, 12}, dn.param("weight").dims());
        NirGraph.Node rec = g.nodes().get("d_rec");
        assertArrayEquals(new int[]{4, 4}, rec.param("weight").dims());
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 12; i++) assertEquals(dw[i * 4 + o], dn.param("weight").values()[o * 12 + i]);
            for (int j = 0; j < 4; j++) assertEquals(dw[(12 + j) * 4 + o], rec.param("weight").values()[o * 4 + j]);
        }
        assertNull(dn.param("metadata/engram_weight_scale"));
        // CubaLIF, Dirac reading: ds = exp(-dt/tau_syn) = 0.5, dm = 0.875; w_in 1 and r such that the gain a c is 1
        NirGraph.Node cl = g.nodes().get("d_neuron");
        assertEquals("CubaLIF", cl.type());
        double ts = cl.param("tau_syn").values()[0], tm = cl.param("tau_mem").values()[0];
        assertEquals(0.5, Math.exp(-1e-3 / ts));
        assertEquals(0.875, Math.exp(-1e-3 / tm));
        assertEquals(1.0, cl.param("w_in").values()[0]);
        double rr = cl.param("r").values()[0];
        assertEquals(1.0, (1 / ts) * (rr * ts * (0.5 - 0.875) / (ts - tm)), 1e-15); // a c, NirNeurons' formula
        assertEquals(1.5, cl.param("v_threshold").values()[0]);
        assertTrue(g.edges().contains(new NirGraph.Edge("d_neuron", "d_rec")));
        assertTrue(g.edges().contains(new NirGraph.Edge("d_rec", "d_neuron")));
        assertTrue(g.edges().contains(new NirGraph.Edge("d_neuron", "o")));
        assertNull(g.nodes().get("o_neuron"), "a rate layer has no neuron node");
        assertArrayEquals(new double[]{2}, g.nodes().get("output").param("shape").values());
        assertEquals(10, g.nodes().size()); // input c c_neuron p d_flatten d d_neuron d_rec o output
        // and the importer takes the recorded weight scales
        Network back = importOk(file, 1e-3, SPEC);
        assertEquals(WeightScale.of(0.5), ((LayerSpec.Weighted) back.layers().get(0)).weightScale());
        assertEquals(WeightScale.AUTO, ((LayerSpec.Weighted) back.layers().get(3)).weightScale());
        assertEquals(WeightScale.of(0.25), ((LayerSpec.Weighted) back.layers().get(4)).weightScale());
        try (HdfFile h = new HdfFile(file)) {
            assertEquals("NIRGraph", h.getDatasetByPath("node/type").getData());
            assertEquals(10, ((String[][]) h.getDatasetByPath("node/edges").getData()).length); // 8 chain + 2 loop
        }
    }

    /** A weight scale that is not one positive number in the metadata is E206 naming the node. */
    @Test
    void badWeightScaleMetadataIsAnError() {
        NirGraph.Param w = new NirGraph.Param("weight", new int[]{1, 1}, new double[]{1}, null);
        NirGraph.Param bad = new NirGraph.Param("metadata/engram_weight_scale", new int[]{1}, new double[]{-1}, null);
        NirGraph g = new NirGraph("mem", "1.0.0", new java.util.TreeMap<>(java.util.Map.of(
                "in", new NirGraph.Node("in", "Input", java.util.Map.of("shape", new NirGraph.Param("shape", new int[]{1}, new double[]{1}, null))),
                "fc", new NirGraph.Node("fc", "Linear", java.util.Map.of("weight", w, bad.name(), bad)),
                "out", new NirGraph.Node("out", "Output", java.util.Map.of()))),
                List.of(new NirGraph.Edge("in", "fc"), new NirGraph.Edge("fc", "out")));
        Diagnostics d = new Diagnostics();
        assertNull(NirImporter.map(g, java.util.Map.of(), 1e-3, SPEC, d));
        assertTrue(d.all().stream().anyMatch(x -> x.code() == DiagCode.E206 && x.render().contains("engram_weight_scale")
                && x.render().contains("fc")), d.all().toString());
    }

    /**
     * Decays 0.01, 0.02, ..., 0.99 at dt 1 ms under the four exact/Euler x Dirac/held readings: the writer's LIF node
     * gives the importer's threshold back exactly (its input gain is exactly 1) and its decay to a few ulps; bit for
     * bit where a time constant gives the decay exactly, which the search finds for every decay of at least 0.5
     * (exact reading) or 0.6 (Euler). Below, one ulp of tau moves the importer's decay by more than one ulp of the
     * decay (exact: by about -ln d ulps; Euler: 1 - dt/tau has the spacing of dt/tau, coarser than d's below 0.5).
     */
    @Test
    void lifParametersComeBackForEveryDecay() {
        for (NirSemantics s : new NirSemantics[]{SPEC, SPEC.withSpike(NirSemantics.Spike.HELD),
                SPEC.withDiscretisation(NirSemantics.Discretisation.EULER),
                SPEC.withDiscretisation(NirSemantics.Discretisation.EULER).withSpike(NirSemantics.Spike.HELD)}) {
            boolean euler = s.discretisation() == NirSemantics.Discretisation.EULER;
            for (int i = 1; i < 100; i++) {
                double decay = i / 100.0;
                NeuronConfig c = new NeuronConfig(new NeuronModel.Lif(new LifParams(decay, 0.7, LifParams.Reset.ZERO, 0, 0, 0, 1)),
                        Activation.identity(), Competition.none(), new LearningRule.None());
                Network net = new Network("one", Shape.flat(1), List.of(new LayerSpec.Dense("fc", 1, c,
                        Init.given(1, 1, new float[]{1}, null), WeightScale.AUTO, "fc")), true, null);
                NirWriter.Graph g = NirWriter.graph("one", net, List.of(new NirWriter.LayerWeights(new float[]{1}, null, Double.NaN)),
                        1e-3, s);
                NirWriter.NodeOut n = g.nodes.get(2);
                NirNeurons forward = new NirNeurons(new NirReport(new Diagnostics(), "t"), new NirParams(new NirReport(new Diagnostics(), "t")), 1e-3, s);
                java.util.Map<String, NirGraph.Param> params = new java.util.LinkedHashMap<>();
                for (NirWriter.P p : n.params()) params.put(p.key(), new NirGraph.Param(p.key(), new int[]{1}, new double[]{((double[]) p.value())[0]}, null));
                LifParams got = ((NeuronModel.Lif) forward.neuron(new NirGraph.Node("fc_neuron", n.type(), params), 1).model()).params();
                String at = s + " decay " + decay;
                assertEquals(0.7, got.threshold(), at);
                assertEquals(decay, got.decay(), NirWriter.TOLERANCE * decay, at);
                if (decay >= (euler ? 0.6 : 0.5)) assertEquals(decay, got.decay(), at);
            }
        }
    }

    /** What NIR cannot say is refused naming the layer and field: max pooling, a competition, a refractory period. */
    @Test
    void layersWithoutAnNirFormAreRefused() {
        NeuronConfig lif = new NeuronConfig(new NeuronModel.Lif(new LifParams(0.5, 1, LifParams.Reset.ZERO, 0, 0, 0, 1)),
                Activation.identity(), Competition.none(), new LearningRule.None());
        float[] w = new float[4];
        List<NirWriter.LayerWeights> lw = List.of(new NirWriter.LayerWeights(w, null, Double.NaN));
        Network pool = new Network("m", new Shape(1, 2, 2), List.of(new LayerSpec.Pool("mp", io.engram.chip.program.LayerKind.MAXPOOL, 2, 2, "mp"),
                new LayerSpec.Dense("fc", 4, lif, Init.given(1, 4, w, null), WeightScale.AUTO, "fc")), true, null);
        SpecException e = assertThrows(SpecException.class, () -> NirWriter.graph("m", pool, lw, 1e-3, SPEC));
        assertTrue(e.getMessage().contains("layer `mp` type") && e.getMessage().contains("maxpool"), e.getMessage());
        Network wta = new Network("w", Shape.flat(1), List.of(new LayerSpec.Dense("fc", 4, lif.withCompetition(Competition.kWta(1)),
                Init.given(1, 4, w, null), WeightScale.AUTO, "fc")), true, null);
        e = assertThrows(SpecException.class, () -> NirWriter.graph("w", wta, lw, 1e-3, SPEC));
        assertTrue(e.getMessage().contains("layer `fc` competition") && e.getMessage().contains("k-wta"), e.getMessage());
        Network refr = new Network("r", Shape.flat(1), List.of(new LayerSpec.Dense("fc", 4, lif.withNeuron(new NeuronModel.Lif(
                new LifParams(0.5, 1, LifParams.Reset.ZERO, 0, 2, 0, 1))), Init.given(1, 4, w, null), WeightScale.AUTO, "fc")), true, null);
        e = assertThrows(SpecException.class, () -> NirWriter.graph("r", refr, lw, 1e-3, SPEC));
        assertTrue(e.getMessage().contains("layer `fc` neuron refractory"), e.getMessage());
        assertInstanceOf(SpecException.class, e);
    }
}
