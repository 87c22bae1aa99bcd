package io.engram.compiler.nir;

import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.SpecException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a chain of dense spiking layers as an NIR graph in the HDF5 layout {@link NirReader} reads (and nir.read
 * writes): {@code /version}, {@code /node/type = NIRGraph}, {@code /node/nodes/NAME/{type, params}},
 * {@code /node/edges/{src, dst}}. Nodes: {@code input} (Input, shape), an optional {@code flatten} (Flatten),
 * per layer {@code NAME} (Affine, weight [out, in] and bias [out]; Linear when the layer has no bias) and
 * {@code NAME_lif} (the neuron node), then {@code output} (Output, shape).
 *
 * <p>The neuron node is chosen so that {@link NirImporter} with the NIR specification's semantics (Dirac spikes,
 * exact discretisation, reset to v_reset) at the same time step gives back the chip's unit v <- decay v + W x + b:
 * <ul>
 *   <li>0 < decay < 1: LIF with tau = -dt / ln(decay) and r = tau, so one input unit adds r / tau = 1 (gain 1);
 *   v_threshold, v_reset as on the chip, v_leak 0;</li>
 *   <li>decay = 1: IF with r = 1 (a Dirac input adds r = 1);</li>
 *   <li>decay = 0: Threshold (memoryless), when the reset value is 0.</li>
 * </ul>
 * A rate layer, a refractory period, an adaptive threshold (theta_plus) or a synaptic current have no such node and
 * are refused (SpecException, exit 2 on the command line) before anything is written.
 */
public final class NirWriter {
    /** The NIR format version written to /version (the version of the nir package whose layout this follows). */
    public static final String NIR_VERSION = "1.0.0";

    private NirWriter() {}

    /**
     * A dense layer: weights row-major with rows = inputs, cols = neurons (as the chip and weights.h5 hold them).
     *
     * @param bias null when the layer has none
     */
    public record Layer(String name, int in, int out, float[] weights, double[] bias, NeuronModel neuron) {
        public Layer {
            if (weights.length != (long) in * out) throw new IllegalArgumentException("weights are not in x out");
            if (bias != null && bias.length != out) throw new IllegalArgumentException("bias is not out long");
        }
    }

    /** One NIR node: name, type and its parameters (float arrays with their dims, or an int64 shape). */
    private record NodeOut(String name, String type, List<P> params) {}

    /** A parameter dataset of a node. */
    private record P(String key, Object value) {}

    private static P p(String key, Object value) { return new P(key, value); }

    /**
     * Checks every layer, then writes the graph to {@code file} (the caller writes to a temporary file and renames).
     *
     * @param source     how messages name the run (a folder or file)
     * @param input      the network's input shape
     * @param flatten    whether the network flattens its input first (an NIR Flatten node is written)
     * @param dtSeconds  the time step the run used (time constants are derived for it)
     * @return a note for the user (the reset convention to import with), or an empty string
     */
    public static String write(Path file, String source, Shape input, boolean flatten, List<Layer> layers, double dtSeconds) {
        List<NodeOut> nodes = nodes(source, input, flatten, layers, dtSeconds);
        try (WritableHdfFile h = HdfFile.write(file)) {
            h.removeAttribute("_jHDF"); // jHDF tags every file with its version; not part of NIR
            h.putDataset("version", NIR_VERSION);
            WritableGroup root = h.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup ng = root.putGroup("nodes");
            for (NodeOut n : nodes) {
                WritableGroup g = ng.putGroup(n.name());
                g.putDataset("type", n.type());
                for (P p : n.params()) g.putDataset(p.key(), p.value());
            }
            WritableGroup edges = root.putGroup("edges");
            String[] src = new String[nodes.size() - 1];
            String[] dst = new String[nodes.size() - 1];
            for (int i = 0; i + 1 < nodes.size(); i++) {
                src[i] = nodes.get(i).name();
                dst[i] = nodes.get(i + 1).name();
            }
            edges.putDataset("src", src);
            edges.putDataset("dst", dst);
        }
        boolean subtract = layers.stream().anyMatch(l -> ((NeuronModel.Lif) l.neuron()).params().reset() == LifParams.Reset.SUBTRACT);
        return subtract ? "neurons reset by subtraction: import with the `subtract` reset (encoding.nir.reset: subtract, or"
                + " --nir-reset subtract); the NIR specification resets to v_reset" : "";
    }

    private static List<NodeOut> nodes(String source, Shape input, boolean flatten, List<Layer> layers, double dt) {
        if (layers.isEmpty()) throw new SpecException(source, "layers", "none", "a network with at least one dense layer");
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new SpecException(source, "encoding.dt_ms", String.valueOf(dt * 1e3), "a positive, finite time step");
        }
        List<NodeOut> out = new ArrayList<>();
        long[] inShape = input.height() == 1 && input.width() == 1 ? new long[]{input.channels()}
                : new long[]{input.channels(), input.height(), input.width()};
        out.add(new NodeOut("input", "Input", List.of(p("shape", inShape))));
        if (flatten) {
            out.add(new NodeOut("flatten", "Flatten", List.of(p("start_dim", 0L), p("end_dim", -1L),
                    p("input_type", inShape.clone()))));
        } else if (inShape.length != 1) {
            throw new SpecException(source, "input.shape", Arrays.toString(inShape), "a flat input, or a flatten layer first");
        }
        int width = input.size();
        for (Layer l : layers) {
            if (l.in() != width) {
                throw new SpecException(source, "layer `" + l.name() + "`", l.in() + " input rows", width
                        + " (the outputs of the layer before); recurrent rows are not exported");
            }
            float[][] w = new float[l.out()][l.in()];
            for (int i = 0; i < l.in(); i++) for (int o = 0; o < l.out(); o++) w[o][i] = l.weights()[i * l.out() + o];
            List<P> wp = new ArrayList<>();
            wp.add(p("weight", w));
            if (l.bias() != null) {
                float[] b = new float[l.out()];
                for (int o = 0; o < b.length; o++) b[o] = (float) l.bias()[o];
                wp.add(p("bias", b));
            }
            out.add(new NodeOut(l.name(), l.bias() == null ? "Linear" : "Affine", wp));
            out.add(neuron(source, l, dt));
            width = l.out();
        }
        out.add(new NodeOut("output", "Output", List.of(p("shape", new long[]{width}))));
        return out;
    }

    private static NodeOut neuron(String source, Layer l, double dt) {
        String field = "layer `" + l.name() + "` neuron";
        if (!(l.neuron() instanceof NeuronModel.Lif lif)) {
            throw new SpecException(source, field, "rate", "neuron: lif; a rate layer has no NIR node (NIR describes"
                    + " spiking and continuous-time neurons, not a rate activation)");
        }
        LifParams p = lif.params();
        if (lif.synapse() != null) throw new SpecException(source, field, "synaptic current", "a LIF neuron without synapse");
        if (p.refractorySteps() != 0) {
            throw new SpecException(source, field + " refractory", String.valueOf(p.refractorySteps()), "0 (NIR has no refractory period)");
        }
        if (p.thetaPlus() != 0) {
            throw new SpecException(source, field + " theta_plus", String.valueOf(p.thetaPlus()), "0 (NIR has no adaptive threshold)");
        }
        int n = l.out();
        String name = l.name() + "_lif";
        double d = p.decay();
        if (d == 1) {
            return new NodeOut(name, "IF", List.of(p("r", fill(n, 1)), p("v_threshold", fill(n, p.threshold())),
                    p("v_reset", fill(n, p.resetValue()))));
        }
        if (d == 0) {
            if (p.resetValue() != 0) {
                throw new SpecException(source, field + " decay", "0", "a decay above 0 when the reset value is not 0");
            }
            return new NodeOut(name, "Threshold", List.of(p("threshold", fill(n, p.threshold()))));
        }
        double tau = -dt / Math.log(d);
        return new NodeOut(name, "LIF", List.of(p("tau", fill(n, tau)), p("r", fill(n, tau)),
                p("v_leak", fill(n, 0)), p("v_threshold", fill(n, p.threshold())),
                p("v_reset", fill(n, p.resetValue()))));
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
