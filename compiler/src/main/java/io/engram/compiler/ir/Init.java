package io.engram.compiler.ir;

/**
 * How a weighted layer's initial weights are made. For the random families {@code radius} is the target L2 norm of
 * each neuron's weight vector (fan-in N): uniform-positive w ~ U(0, a), uniform-symmetric w ~ U(-a, a) with
 * a = sqrt(3 r^2 / N), normal w ~ N(0, (r / sqrt(N))^2); all give E||w_k||^2 = r^2.
 */
public sealed interface Init {
    record UniformPositive(double radius) implements Init {}

    record Normal(double radius) implements Init {}

    record UniformSymmetric(double radius) implements Init {}

    /**
     * Weights given explicitly (NIR import, or a Java caller), row-major in the chip's orientation: rows = inputs
     * (fan-in), cols = neurons. The arrays are shared, never copied or modified by the compiler.
     *
     * @param bias one value per neuron, or null
     */
    record Given(int rows, int cols, float[] weights, float[] bias) implements Init {
        public Given {
            if (weights == null || weights.length != (long) rows * cols) {
                throw new IllegalArgumentException("given weights must have rows*cols = " + rows + "*" + cols + " values");
            }
            if (bias != null && bias.length != cols) throw new IllegalArgumentException("bias needs " + cols + " values");
        }
    }

    static Init uniformPositive(double radius) { return new UniformPositive(radius); }

    static Init normal(double radius) { return new Normal(radius); }

    static Init uniformSymmetric(double radius) { return new UniformSymmetric(radius); }

    static Init given(int rows, int cols, float[] weights, float[] bias) { return new Given(rows, cols, weights, bias); }

    /** Short text used in dumps and HDF5 attributes. */
    default String describe() {
        if (this instanceof UniformPositive u) return "uniform-positive(r=" + Fmt.num(u.radius()) + ")";
        if (this instanceof Normal n) return "normal(r=" + Fmt.num(n.radius()) + ")";
        if (this instanceof UniformSymmetric s) return "uniform-symmetric(r=" + Fmt.num(s.radius()) + ")";
        Given g = (Given) this;
        return "given(" + g.rows() + "x" + g.cols() + (g.bias() == null ? "" : ", bias") + ")";
    }
}
