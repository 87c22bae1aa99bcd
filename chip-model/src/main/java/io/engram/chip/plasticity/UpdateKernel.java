package io.engram.chip.plasticity;

import io.engram.chip.crossbar.VectorApi;

/**
 * The inner loop of {@link PlasticityEngine#compute} for its common case: differential pairs, every column reading its
 * weights back (all b_c != 0), no weight bounds, every row active. Implementations differ in speed only: every one
 * gives the same delta, colMax and colNormSq to the last bit, because each value is the same sequence of IEEE-754
 * operations (Java forbids fusing a multiplication and an addition into one rounding, and widening a float to a
 * double is exact).
 *
 * <p>{@link #forThisJvm()} picks the SIMD kernel ({@link SimdUpdateKernel}, the JDK's {@code jdk.incubator.vector})
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}, else the scalar one
 * ({@link ScalarUpdateKernel}).
 */
interface UpdateKernel {
    /** Short name for reports: "simd-256" (the double vector width in bits) or "scalar". */
    String name();

    /**
     * For r in [0, rows) in order, c in [0, cols), with {@code gb = r * stride}, {@code xr = (double) x[xOff + r]}:
     * <pre>
     * double w = (g[gb + 2c] - g[gb + 2c + 1]) * invGPerW;   // float subtraction, then a double product
     * double d = a[abOff + c] * xr;
     * d -= b[abOff + c] * w;
     * colNormSq[c] += w * w;
     * delta[r * cols + c] = (float) d;
     * if (|d| > colMax[c]) colMax[c] = |d|;
     * </pre>
     * colMax and colNormSq hold their starting values (the engine clears them) on entry.
     */
    void dense(float[] g, int stride, int rows, int cols, double invGPerW, float[] x, int xOff, double[] a,
               double[] b, int abOff, float[] delta, double[] colMax, double[] colNormSq);

    /** The fastest kernel this JVM can run (decided once: the JVM's modules do not change while it runs). */
    static UpdateKernel forThisJvm() { return Choice.BEST; }

    /** The kernel of {@link #forThisJvm()}, chosen when first asked for. */
    final class Choice {
        static final UpdateKernel BEST = choose();

        private Choice() {}

        private static UpdateKernel choose() {
            return VectorApi.simdOr("io.engram.chip.plasticity.SimdUpdateKernel", UpdateKernel.class,
                    ScalarUpdateKernel::new);
        }
    }
}
