package io.engram.chip.plasticity;

import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD update kernel gives, bit for bit, the scalar kernel's delta, colMax and colNormSq, and the engine gives the
 * delta, maxima and norms of its original per-weight loop in every branch (dense, b partly zero, weight bounds).
 *
 * <p>The comparisons are sharp enough to catch a changed operation order. Mutations tried in {@link SimdUpdateKernel},
 * one at a time, each of which made both {@link #simdKernelMatchesScalarBitForBit} and
 * {@link #engineMatchesItsPerWeightLoopInEveryBranch} fail (first mismatch in brackets), then reverted:
 * <ul>
 *   <li>the pair subtracted in double instead of float, {@code plus.convertShape(F2D, D, 0).sub(minus.convertShape(F2D,
 *       D, 0))} (colMax of a 1x4 tile; delta in the engine test);</li>
 *   <li>the sum of squares fused, {@code w.fma(w, sums)} for {@code sums.add(w.mul(w))} (colNormSq of a 3x4
 *       tile);</li>
 *   <li>the update fused, {@code bv.neg().fma(w, av.mul(xr))} for {@code av.mul(xr).sub(bv.mul(w))} (colMax of a
 *       1x4 tile).</li>
 * </ul>
 */
class UpdateKernelTest {
    private static final int[] ROWS = {1, 3, 4, 5, 16, 17, 128};
    private static final int[] COLS = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 23, 24, 31, 33, 64, 65};

    @Test
    void thisJvmRunsTheSimdKernel() {
        // surefire starts the JVM with the vector API (see the root pom), so the SIMD kernel is the one the engine uses
        assertTrue(UpdateKernel.forThisJvm() instanceof SimdUpdateKernel,
                "expected the SIMD update kernel, got " + UpdateKernel.forThisJvm().name());
    }

    @Test
    void simdKernelMatchesScalarBitForBit() {
        UpdateKernel scalar = new ScalarUpdateKernel();
        UpdateKernel simd = new SimdUpdateKernel();
        SplittableRandom r = new SplittableRandom(11);
        for (int rows : ROWS) {
            for (int cols : COLS) {
                for (int variant = 0; variant < 3; variant++) {
                    check(scalar, simd, rows, cols, variant, r);
                }
            }
        }
    }

    /**
     * One random tile: conductances in [gMin, gMax] (some pairs equal, some at the rails, some far apart in exponent),
     * inputs with zeros, a with zeros, every b non-zero (the kernel's precondition) and of either sign. Variant 1 puts
     * the tile at offsets into longer x, a and b; variant 2 makes every |d| tie or vanish in some columns.
     */
    private static void check(UpdateKernel scalar, UpdateKernel simd, int rows, int cols, int variant,
                              SplittableRandom r) {
        int stride = 2 * cols + (variant == 1 ? 6 : 0);
        int xOff = variant == 1 ? 5 : 0;
        int abOff = variant == 1 ? 3 : 0;
        float gMin = 1f;
        float gMax = 100f;
        float[] g = new float[rows * stride + 2];
        for (int i = 0; i < g.length; i++) {
            double u = r.nextDouble();
            g[i] = u < 0.05 ? gMin : u < 0.1 ? gMax : u < 0.15 ? gMin + 1e-5f * (float) r.nextDouble()
                    : (float) (gMin + (gMax - gMin) * r.nextDouble());
        }
        for (int i = 0; i + 1 < g.length; i += 2) if (r.nextDouble() < 0.05) g[i + 1] = g[i];
        float[] x = new float[xOff + rows + 2];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() < 0.3 ? 0f : (float) r.nextDouble();
        double[] a = new double[abOff + cols + 2];
        double[] b = new double[abOff + cols + 2];
        for (int c = 0; c < a.length; c++) {
            a[c] = r.nextDouble() < 0.2 ? 0 : r.nextDouble() * 2 - 1;
            do {
                b[c] = r.nextDouble() * 2 - 1;
            } while (b[c] == 0);
        }
        if (variant == 2) {
            for (int c = 0; c < a.length; c += 3) a[c] = 0; // d = -b w: columns where pairs tie give |d| = 0
            for (int i = 0; i + 1 < g.length; i += 4) g[i + 1] = g[i];
        }
        double invGPerW = 1.0 / ((gMax - gMin) / 1.0);
        float[] d1 = new float[rows * cols];
        float[] d2 = new float[rows * cols];
        double[] max1 = new double[cols];
        double[] max2 = new double[cols];
        double[] sq1 = new double[cols];
        double[] sq2 = new double[cols];
        scalar.dense(g, stride, rows, cols, invGPerW, x, xOff, a, b, abOff, d1, max1, sq1);
        simd.dense(g, stride, rows, cols, invGPerW, x, xOff, a, b, abOff, d2, max2, sq2);
        String where = rows + "x" + cols + " variant " + variant;
        assertSameBits(d1, d2, where + " delta");
        assertSameBits(max1, max2, where + " colMax");
        assertSameBits(sq1, sq2, where + " colNormSq");
    }

    @Test
    void engineMatchesItsPerWeightLoopInEveryBranch() {
        CoreSpec rram = ChipSpec.preset("rram-22nm").core();
        for (CoreSpec spec : new CoreSpec[] {rram, rram.withDevice(DeviceSpec.ideal())}) {
            for (int[] shape : new int[][] {{40, 24}, {17, 13}, {128, 64}, {5, 1}}) {
                engineCase(spec, shape[0], shape[1]);
            }
        }
    }

    /** Every b non-zero (the kernel), b partly zero, b all zero, and bounds (with b all non-zero and partly zero). */
    private static void engineCase(CoreSpec spec, int rows, int cols) {
        RandomStreams streams = new RandomStreams(3);
        SplittableRandom r = new SplittableRandom(rows * 1000L + cols);
        float[] w0 = new float[rows * cols];
        for (int i = 0; i < w0.length; i++) w0[i] = (float) (r.nextDouble() * 2 - 1);
        CellArray cells = new CellArray(spec.device(), spec.crossbar().rows(), spec.crossbar().cols(), streams, "c");
        SynapseBlock block = new SynapseBlock(cells, spec, rows, cols, 1.0);
        block.load(w0, cols, 0, 0);
        var tech = ChipSpec.preset("rram-22nm").technology();
        PlasticityEngine engine = new PlasticityEngine(spec, tech, streams, "c",
                new io.engram.chip.crossbar.CrossbarReader(spec, tech, streams, "c"));
        ActionCounters counts = new ActionCounters();
        for (int step = 0; step < 10; step++) {
            int bKind = step % 3; // 0: every b non-zero, 1: b partly zero, 2: b all zero
            boolean bounded = step >= 6;
            float[] x = new float[rows + 4];
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() < 0.3 ? 0f : (float) r.nextDouble();
            double[] a = new double[cols + 3];
            double[] b = new double[cols + 3];
            for (int c = 0; c < a.length; c++) {
                a[c] = r.nextDouble() < 0.2 ? 0 : r.nextDouble() * 2 - 1;
                b[c] = bKind == 2 || (bKind == 1 && r.nextDouble() < 0.4) ? 0 : r.nextDouble() + 0.01;
            }
            int xOff = step % 2 == 0 ? 0 : 4;
            int abOff = step % 2 == 0 ? 0 : 3;
            double wLo = bounded ? -0.3 : Double.NaN;
            double wHi = bounded ? 0.4 : Double.NaN;
            double[] max = new double[cols];
            double[] sq = new double[cols];
            engine.compute(block, x, xOff, a, b, abOff, max, sq, wLo, wHi, counts);
            float[] dRef = new float[rows * cols];
            double[] maxRef = new double[cols];
            double[] sqRef = new double[cols];
            perWeight(block, x, xOff, a, b, abOff, wLo, wHi, dRef, maxRef, sqRef);
            String where = spec.device().kind() + " " + rows + "x" + cols + " step " + step;
            float[] d = new float[rows * cols];
            System.arraycopy(engine.lastDelta(), 0, d, 0, d.length);
            assertSameBits(dRef, d, where + " delta");
            assertSameBits(maxRef, max, where + " colMax");
            assertSameBits(sqRef, sq, where + " colNormSq");
            // move the weights, so that the next step reads other conductances
            double[] scale = new double[cols];
            for (int c = 0; c < cols; c++) scale[c] = r.nextDouble();
            engine.apply(block, scale, 0, counts);
        }
    }

    /** The engine's update as written before the kernels: one weight at a time, every entry of the tile. */
    private static void perWeight(SynapseBlock block, float[] x, int xOff, double[] a, double[] b, int abOff,
                                  double wLo, double wHi, float[] delta, double[] colMax, double[] colNormSq) {
        float[] g = block.cells().conductances();
        double invGPerW = 1.0 / block.gPerWeight();
        boolean bounded = !Double.isNaN(wLo);
        boolean anyB = false;
        for (int c = 0; c < block.cols(); c++) anyB |= b[abOff + c] != 0;
        for (int r = 0; r < block.rows(); r++) {
            double xr = x[xOff + r];
            if (!anyB && xr == 0) continue;
            for (int c = 0; c < block.cols(); c++) {
                double bc = b[abOff + c];
                if (a[abOff + c] == 0 && bc == 0) continue;
                double d = a[abOff + c] * xr;
                if (bc != 0 || bounded) {
                    double w = (g[block.plusCell(r, c)] - g[block.minusCell(r, c)]) * invGPerW;
                    if (bc != 0) {
                        d -= bc * w;
                        colNormSq[c] += w * w;
                    }
                    if (bounded) d = Math.min(wHi, Math.max(wLo, w + d)) - w;
                }
                delta[r * block.cols() + c] = (float) d;
                double m = Math.abs(d);
                if (m > colMax[c]) colMax[c] = m;
            }
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + " [" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + " [" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }
}
