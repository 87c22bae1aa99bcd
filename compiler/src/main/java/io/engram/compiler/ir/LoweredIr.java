package io.engram.compiler.ir;

import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;

import java.util.List;

/**
 * After lower: every weighted layer is a crossbar matrix (dense: in x out; conv2d: k*k*Cin x Cout applied at every
 * output position, the patch schedule), and pooling/flatten layers are neuron-unit operations attached to the matrix
 * before them. Flatten layers before the first matrix only reinterpret the input ({@code inputOps}).
 */
public record LoweredIr(ShapedIr shaped, List<Matrix> matrices, List<NeuronOp> inputOps, Stats stats) implements Ir {
    public LoweredIr {
        matrices = List.copyOf(matrices);
        inputOps = List.copyOf(inputOps);
    }

    /**
     * A weight matrix with its initial values.
     *
     * @param id          matrix number (order of weighted layers)
     * @param layer       index of the layer in the network
     * @param rows        fan-in (conv row index = (c*k + ky)*k + kx, matching the PyTorch/NIR [Cout,Cin,kH,kW] layout)
     * @param cols        neurons (dense units or conv output channels)
     * @param positions   output positions the matrix is applied at (1 for dense)
     * @param weights     row-major rows x cols, shared and never modified
     * @param bias        per column, or null
     * @param ops         neuron-unit operations that follow on the same cores
     * @param outAfterOps output shape after the pooling ops (before any flatten): channels = cols
     * @param recurrentFrom the layer whose spikes of the step before drive the rows below the inputs (null: none)
     */
    public record Matrix(int id, int layer, String name, LayerKind kind, Shape in, Shape out, int rows, int cols,
                         int positions, float[] weights, float[] bias, double weightScale, NeuronConfig config,
                         String init, List<NeuronOp> ops, Shape outAfterOps, String origin, int kernel, int stride,
                         int padding, String recurrentFrom) {
        public Matrix {
            ops = List.copyOf(ops);
        }

        public long synapses() { return (long) rows * cols; }

        /** Values per output channel after pooling (height x width). */
        public int spatialAfterOps() { return outAfterOps.height() * outAfterOps.width(); }
    }

    /** A pooling or flatten layer run by the neuron units. */
    public record NeuronOp(int layer, String name, LayerKind kind, Shape in, Shape out, int kernel, int stride) {}

    /**
     * @param macsPerSample multiply-accumulates per sample: rows x cols x positions summed over matrices
     */
    public record Stats(int matrices, int neuronOps, long synapses, long macsPerSample) {}

    @Override
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append("; lower\n");
        for (NeuronOp op : inputOps) appendOp(sb, "input op", op);
        for (Matrix m : matrices) {
            sb.append("matrix m").append(m.id).append(" = %").append(m.layer).append(' ').append(m.name).append(' ')
                    .append(Describe.lower(m.kind)).append(": ").append(m.rows).append(" rows x ").append(m.cols)
                    .append(" cols");
            if (m.kind == LayerKind.CONV2D) {
                int k = m.kernel;
                sb.append(" (").append(k).append('x').append(k).append('x').append(m.in.channels()).append(')')
                        .append(", patch schedule ").append(m.positions).append(" positions (")
                        .append(m.out.height()).append('x').append(m.out.width()).append(')');
            }
            sb.append('\n');
            sb.append("    init ").append(m.init).append(", weight_scale ").append(Fmt.num(m.weightScale))
                    .append(", bias ").append(m.bias == null ? "none" : "yes").append('\n');
            double[] n = columnNorms(m);
            sb.append("    column norm mean ").append(Fmt.num(n[0])).append(" min ").append(Fmt.num(n[1]))
                    .append(" max ").append(Fmt.num(n[2])).append(", max |w| ").append(Fmt.num(n[3])).append('\n');
            for (NeuronOp op : m.ops) appendOp(sb, "    op", op);
            sb.append("    out ").append(m.outAfterOps).append('\n');
        }
        sb.append(Fmt.f("; stats: matrices %d, neuron ops %d, synapses %d, MACs/sample %d%n",
                stats.matrices, stats.neuronOps, stats.synapses, stats.macsPerSample));
        return sb.toString();
    }

    private static void appendOp(StringBuilder sb, String prefix, NeuronOp op) {
        sb.append(prefix).append(" %").append(op.layer).append(' ').append(op.name).append(' ')
                .append(Describe.lower(op.kind)).append(' ').append(op.in).append(" -> ").append(op.out);
        if (op.kind == LayerKind.MAXPOOL || op.kind == LayerKind.AVGPOOL) {
            sb.append(" kernel ").append(op.kernel).append(" stride ").append(op.stride);
        }
        sb.append('\n');
    }

    /** Mean, min and max of the per-neuron L2 norms, and the largest |w|. */
    public static double[] columnNorms(Matrix m) {
        double[] sq = new double[m.cols];
        double maxAbs = 0;
        float[] w = m.weights;
        for (int i = 0; i < m.rows; i++) {
            int base = i * m.cols;
            for (int j = 0; j < m.cols; j++) {
                double v = w[base + j];
                sq[j] += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double sum = 0, min = Double.MAX_VALUE, max = 0;
        for (double s : sq) {
            double n = Math.sqrt(s);
            sum += n;
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        return new double[] {sum / m.cols, min, max, maxAbs};
    }
}
