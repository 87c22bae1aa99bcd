package io.engram.compiler.pass;

import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;
import io.engram.chip.random.RandomStreams;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.LoweredIr;
import io.engram.compiler.ir.LoweredIr.Matrix;
import io.engram.compiler.ir.LoweredIr.NeuronOp;
import io.engram.compiler.ir.ShapedIr;
import io.engram.compiler.ir.ShapedIr.ShapedLayer;
import io.engram.compiler.ir.WeightScale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * lower: weighted layers become crossbar matrices with their initial weights (conv2d: the k*k*Cin x Cout matrix
 * applied at each of outH*outW positions, time-multiplexed); pooling and flatten layers become neuron-unit ops of the
 * matrix before them. Random initial weights come from the stream (seed, layer name, "init").
 */
public final class LowerPass {
    private LowerPass() {}

    public static LoweredIr run(ShapedIr in, PassContext ctx) {
        List<MatrixDraft> drafts = new ArrayList<>();
        List<NeuronOp> inputOps = new ArrayList<>();
        for (ShapedLayer l : in.layers()) {
            LayerSpec s = l.spec();
            if (s instanceof LayerSpec.Weighted w) {
                drafts.add(new MatrixDraft(l, w, drafts.size(), ctx.streams()));
            } else {
                int kernel = s instanceof LayerSpec.Pool p ? p.kernel() : 0;
                int stride = s instanceof LayerSpec.Pool p ? p.stride() : 0;
                NeuronOp op = new NeuronOp(l.index(), s.name(), s.kind(), l.in(), l.out(), kernel, stride);
                if (drafts.isEmpty()) inputOps.add(op);
                else drafts.get(drafts.size() - 1).ops.add(op);
            }
        }
        List<Matrix> matrices = new ArrayList<>();
        long synapses = 0, macs = 0;
        int ops = inputOps.size();
        for (MatrixDraft d : drafts) {
            Matrix m = d.build();
            matrices.add(m);
            synapses += m.synapses();
            macs += m.synapses() * m.positions();
            ops += m.ops().size();
        }
        return new LoweredIr(in, matrices, inputOps, new LoweredIr.Stats(matrices.size(), ops, synapses, macs));
    }

    private static final class MatrixDraft {
        final ShapedLayer layer;
        final LayerSpec.Weighted spec;
        final int id;
        final RandomStreams streams;
        final List<NeuronOp> ops = new ArrayList<>();

        MatrixDraft(ShapedLayer layer, LayerSpec.Weighted spec, int id, RandomStreams streams) {
            this.layer = layer;
            this.spec = spec;
            this.id = id;
            this.streams = streams;
        }

        Matrix build() {
            int rows = layer.rows();
            int cols = layer.cols();
            float[] w;
            float[] bias = null;
            if (spec.init() instanceof Init.Given g) {
                w = g.weights();
                bias = g.bias();
            } else {
                w = initWeights(spec.init(), rows, cols, streams.stream(spec.name(), "init"));
            }
            LearningRule sh = spec.config().rule();
            if (bias == null && sh.etaBias() != 0) {
                // With bias learning on, SoftHebb starts every bias at tau ln(1/K) (K = neurons) so that the softmax
                // sees the uniform log-prior ln(1/K), as in the reference implementation (ln(1/K) / t_invert).
                bias = new float[cols];
                Arrays.fill(bias, (float) (sh.tau() * Math.log(1.0 / cols)));
            }
            double scale;
            WeightScale ws = spec.weightScale();
            if (ws.auto()) {
                double max = 0;
                for (float v : w) max = Math.max(max, Math.abs(v));
                scale = Math.max(WeightScale.MIN_AUTO, max);
            } else {
                scale = ws.value();
            }
            Shape after = layer.out();
            for (NeuronOp op : ops) if (op.kind() != LayerKind.FLATTEN) after = op.out();
            int kernel = 0, stride = 0, padding = 0;
            if (spec instanceof LayerSpec.Conv2d c) {
                kernel = c.kernel();
                stride = c.stride();
                padding = c.padding();
            }
            int positions = spec.kind() == LayerKind.CONV2D ? layer.out().height() * layer.out().width() : 1;
            return new Matrix(id, layer.index(), spec.name(), spec.kind(), layer.in(), layer.out(), rows, cols, positions,
                    w, bias, scale, spec.config(), spec.init().describe(), ops, after, spec.origin(), kernel, stride, padding,
                    spec instanceof LayerSpec.Dense d ? d.recurrentFrom() : null);
        }
    }

    /** Random initial weights, row-major rows x cols, drawn in row-major order from one stream. */
    static float[] initWeights(Init init, int rows, int cols, SplittableRandom rnd) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException("matrix too large for one array: " + rows + "x" + cols);
        float[] w = new float[(int) n];
        if (init instanceof Init.UniformPositive u) {
            double a = Math.sqrt(3 * u.radius() * u.radius() / rows);
            for (int i = 0; i < w.length; i++) w[i] = (float) (a * rnd.nextDouble());
        } else if (init instanceof Init.UniformSymmetric u) {
            double a = Math.sqrt(3 * u.radius() * u.radius() / rows);
            for (int i = 0; i < w.length; i++) w[i] = (float) (a * (2 * rnd.nextDouble() - 1));
        } else if (init instanceof Init.Normal nrm) {
            double sd = nrm.radius() / Math.sqrt(rows);
            for (int i = 0; i < w.length; i++) w[i] = (float) (sd * RandomStreams.gaussian(rnd));
        } else {
            throw new IllegalStateException("not a random init: " + init);
        }
        return w;
    }

    /** Verifier: one matrix per weighted layer, consistent sizes, every layer accounted for once. */
    public static void verify(LoweredIr ir) {
        int accounted = ir.inputOps().size();
        for (Matrix m : ir.matrices()) {
            if (m.weights().length != (long) m.rows() * m.cols()) throw new IllegalStateException("matrix " + m.name() + " size");
            if (m.bias() != null && m.bias().length != m.cols()) throw new IllegalStateException("bias " + m.name());
            if (!(m.weightScale() > 0)) throw new IllegalStateException("weight scale " + m.name());
            if (m.outAfterOps().channels() != m.cols()) throw new IllegalStateException("channels after ops " + m.name());
            accounted += 1 + m.ops().size();
        }
        if (accounted != ir.shaped().layers().size()) {
            throw new IllegalStateException("lower accounted for " + accounted + " of " + ir.shaped().layers().size() + " layers");
        }
    }
}
