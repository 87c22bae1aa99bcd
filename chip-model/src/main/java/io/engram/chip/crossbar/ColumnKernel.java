package io.engram.chip.crossbar;

/**
 * The inner loops of a crossbar read: column sums {@code acc[c] += d[k] * g[row k, column c]} over rows of
 * conductances, in single precision, each product rounded once and added in row order. Implementations differ in
 * speed only: every one gives the same sums to the last bit, because each column's sum is the same sequence of
 * IEEE-754 float operations (Java forbids fusing a multiply and an add into one rounding).
 *
 * <p>{@link #forThisJvm()} picks the SIMD kernel ({@link SimdColumnKernel}, the JDK's {@code jdk.incubator.vector})
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}, else the scalar one
 * ({@link ScalarColumnKernel}, whose loops the JIT vectorises over one input vector at a time).
 */
public interface ColumnKernel {
    /** Rows per pass over the columns (a column's sum stays in a register between them). */
    int ROWS = 4;

    /** Short name for reports: "simd-256" (the vector width in bits) or "scalar". */
    String name();

    /**
     * The column sums of n input vectors over the rows of one read (weight-stationary: each group of rows is fetched
     * once for all vectors): for v in [0, n), k in [0, len) in order, c in [0, pc):
     * {@code acc[v][c] += d[v][k] * g[off + k * stride + c]}.
     *
     * @param scratch at least {@code len} rows of at least {@code pc} floats the kernel may use
     */
    void sumChunk(float[][] acc, float[][] d, int n, float[] g, int off, int stride, int len, int pc, float[][] scratch);

    /**
     * The column sums of one input vector over listed rows: for k in [0, len) in order, c in [0, pc):
     * {@code acc[c] += d[k] * g[rowList[from + k] * stride + c]}.
     *
     * @param scratch at least {@link #ROWS} rows of at least {@code pc} floats the kernel may use
     */
    void sumRows(float[] acc, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                 float[][] scratch);

    /**
     * Read-noise variances of one input vector over listed rows: for k in [0, len) in order, c in [0, pc):
     * {@code variance[c] += d[k]^2 * g_c * g_c} with {@code g_c = g[rowList[from + k] * stride + c]}, multiplied
     * left to right.
     *
     * @param scratch at least one row of at least {@code pc} floats the kernel may use
     */
    void sumSquares(float[] variance, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                    float[][] scratch);

    /** The fastest kernel this JVM can run (decided once: the JVM's modules do not change while it runs). */
    static ColumnKernel forThisJvm() { return Choice.BEST; }

    /** The kernel of {@link #forThisJvm()}, chosen when first asked for. */
    final class Choice {
        static final ColumnKernel BEST = choose();

        private Choice() {}

        private static ColumnKernel choose() {
            return VectorApi.simdOr("io.engram.chip.crossbar.SimdColumnKernel", ColumnKernel.class, ScalarColumnKernel::new);
        }
    }
}
