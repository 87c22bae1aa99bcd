package io.engram.chip.plasticity;

/** {@link UpdateKernel} in plain Java: a straight pass over each row, as the engine always computed it. */
final class ScalarUpdateKernel implements UpdateKernel {
    @Override
    public String name() { return "scalar"; }

    @Override
    public void dense(float[] g, int stride, int rows, int cols, double invGPerW, float[] x, int xOff, double[] a,
                      double[] b, int abOff, float[] delta, double[] colMax, double[] colNormSq) {
        denseColumns(0, g, stride, rows, cols, invGPerW, x, xOff, a, b, abOff, delta, colMax, colNormSq);
    }

    /** {@link #dense} over the columns from {@code from} on (the SIMD kernel's columns past its last vector). */
    static void denseColumns(int from, float[] g, int stride, int rows, int cols, double invGPerW, float[] x, int xOff,
                             double[] a, double[] b, int abOff, float[] delta, double[] colMax, double[] colNormSq) {
        for (int r = 0; r < rows; r++) {
            double xr = x[xOff + r];
            int base = r * cols;
            int gb = r * stride;
            for (int c = from; c < cols; c++) {
                double w = (g[gb + 2 * c] - g[gb + 2 * c + 1]) * invGPerW;
                double d = a[abOff + c] * xr;
                d -= b[abOff + c] * w;
                colNormSq[c] += w * w;
                delta[base + c] = (float) d;
                double m = Math.abs(d);
                if (m > colMax[c]) colMax[c] = m;
            }
        }
    }
}
