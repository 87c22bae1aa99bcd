package io.engram.chip.crossbar;

/**
 * {@link ColumnKernel} in plain Java. The rows are first copied into the scratch rows, so that every array of the
 * inner loops is indexed by the column alone: C2 (JDK 17) vectorises a loop over arrays of one type only when it can
 * see that a store cannot overlap a later load, which same-index accesses guarantee and accesses at offsets into the
 * conductance array do not. Each pass is a small loop of four rows, the shape C2 vectorises wherever it is inlined.
 */
public final class ScalarColumnKernel implements ColumnKernel {
    @Override
    public String name() { return "scalar"; }

    @Override
    public void sumChunk(float[][] acc, float[][] d, int n, float[] g, int off, int stride, int len, int pc,
                         float[][] scratch) {
        for (int k = 0; k < len; k++) System.arraycopy(g, off + k * stride, scratch[k], 0, pc);
        int k = 0;
        for (; k + ROWS <= len; k += ROWS) {
            for (int v = 0; v < n; v++) {
                float[] dv = d[v];
                block(acc[v], dv[k], dv[k + 1], dv[k + 2], dv[k + 3], scratch[k], scratch[k + 1], scratch[k + 2],
                        scratch[k + 3], pc);
            }
        }
        for (; k < len; k++) {
            for (int v = 0; v < n; v++) row(acc[v], d[v][k], scratch[k], pc);
        }
    }

    @Override
    public void sumRows(float[] acc, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                        float[][] scratch) {
        int k = 0;
        for (; k + ROWS <= len; k += ROWS) {
            for (int j = 0; j < ROWS; j++) System.arraycopy(g, rowList[from + k + j] * stride, scratch[j], 0, pc);
            block(acc, d[k], d[k + 1], d[k + 2], d[k + 3], scratch[0], scratch[1], scratch[2], scratch[3], pc);
        }
        for (; k < len; k++) {
            System.arraycopy(g, rowList[from + k] * stride, scratch[0], 0, pc);
            row(acc, d[k], scratch[0], pc);
        }
    }

    @Override
    public void sumSquares(float[] variance, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                           float[][] scratch) {
        float[] row = scratch[0];
        for (int k = 0; k < len; k++) {
            System.arraycopy(g, rowList[from + k] * stride, row, 0, pc);
            squares(variance, d[k] * d[k], row, pc);
        }
    }

    /** variance[c] += a2 g[c] g[c]. */
    static void squares(float[] variance, float a2, float[] g, int pc) {
        for (int c = 0; c < pc; c++) {
            float gc = g[c];
            variance[c] += a2 * gc * gc;
        }
    }

    private static void block(float[] acc, float a0, float a1, float a2, float a3, float[] g0, float[] g1,
                              float[] g2, float[] g3, int pc) {
        for (int c = 0; c < pc; c++) {
            float t = acc[c];
            t += a0 * g0[c];
            t += a1 * g1[c];
            t += a2 * g2[c];
            t += a3 * g3[c];
            acc[c] = t;
        }
    }

    private static void row(float[] acc, float a, float[] g, int pc) {
        for (int c = 0; c < pc; c++) acc[c] += a * g[c];
    }
}
