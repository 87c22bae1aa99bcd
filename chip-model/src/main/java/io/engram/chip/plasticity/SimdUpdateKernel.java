package io.engram.chip.plasticity;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link UpdateKernel} on the JDK's vector API ({@code jdk.incubator.vector}, incubating in JDK 17: the JVM must be
 * started with {@code --add-modules jdk.incubator.vector}). Lane c of a double vector computes exactly what the scalar
 * loop computes for column c, in the same order: the float subtraction of the pair, its widening (exact), the double
 * products and difference ({@code mul}, {@code sub}; never a fused multiply-add), the sum of squares, the narrowing to
 * float and the running maximum (a strict greater-than and a blend, so a NaN never replaces the maximum, as in the
 * scalar {@code if}). Columns past the last full vector take {@link ScalarUpdateKernel}'s loop.
 *
 * <p>The kernel walks a strip of rows a column block at a time, rows in order, so that a block's a, b, sums of squares
 * and maxima stay in registers; two blocks go together so that their dependency chains (sum and maximum) overlap. The
 * conductance pairs are split without a shuffle: a pair (G+, G-) read as one long lane holds G+ in its low 32 bits
 * (the vector API reinterprets lanes in little-endian order on every platform), so narrowing the long to an int keeps
 * G+, and narrowing it after a 32-bit right shift keeps G-.
 */
final class SimdUpdateKernel implements UpdateKernel {
    /** The module this kernel needs. */
    static final String MODULE = "jdk.incubator.vector";
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as D has doubles (the weights before widening, the updates after narrowing). */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, shape(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, shape(D.vectorBitSize() / 2));
    /** Twice as many floats as D has doubles: the conductance pairs of D.length() columns. */
    private static final VectorSpecies<Float> PAIRS = VectorSpecies.of(float.class, shape(D.vectorBitSize()));
    private static final int N = D.length();
    /**
     * Rows per strip: the kernel runs down a strip a column block at a time, then moves to the next strip. Four rows
     * of conductances (2 KiB for 128 physical columns) stay in the L1 cache while every block of the strip reads
     * them, and the strips are read in memory order, which the hardware prefetchers follow. Whole-tile columns (a
     * block's walk down every row) ran no faster than the scalar loop on tiles that come from L3 or memory.
     */
    private static final int STRIP = 4;

    private static VectorShape shape(int bits) { return VectorShape.forBitSize(bits); }

    @Override
    public String name() { return "simd-" + D.vectorBitSize(); }

    @Override
    public void dense(float[] g, int stride, int rows, int cols, double invGPerW, float[] x, int xOff, double[] a,
                      double[] b, int abOff, float[] delta, double[] colMax, double[] colNormSq) {
        int vectors = cols - cols % N; // columns in full vectors
        for (int r0 = 0; r0 < rows; r0 += STRIP) {
            int r1 = Math.min(rows, r0 + STRIP);
            int c = 0;
            for (; c + 2 * N <= vectors; c += 2 * N) {
                twoBlocks(c, r0, r1, g, stride, cols, invGPerW, x, xOff, a, b, abOff, delta, colMax, colNormSq);
            }
            if (c < vectors) {
                oneBlock(c, r0, r1, g, stride, cols, invGPerW, x, xOff, a, b, abOff, delta, colMax, colNormSq);
            }
        }
        if (vectors < cols) {
            ScalarUpdateKernel.denseColumns(vectors, g, stride, rows, cols, invGPerW, x, xOff, a, b, abOff, delta,
                    colMax, colNormSq);
        }
    }

    /** Columns [c, c + 2N) of rows [r0, r1). */
    private static void twoBlocks(int c, int r0, int r1, float[] g, int stride, int cols, double invGPerW, float[] x,
                                  int xOff, double[] a, double[] b, int abOff, float[] delta, double[] colMax,
                                  double[] colNormSq) {
        int c1 = c + N;
        DoubleVector a0 = DoubleVector.fromArray(D, a, abOff + c);
        DoubleVector b0 = DoubleVector.fromArray(D, b, abOff + c);
        DoubleVector a1 = DoubleVector.fromArray(D, a, abOff + c1);
        DoubleVector b1 = DoubleVector.fromArray(D, b, abOff + c1);
        DoubleVector sq0 = DoubleVector.fromArray(D, colNormSq, c);
        DoubleVector sq1 = DoubleVector.fromArray(D, colNormSq, c1);
        DoubleVector max0 = DoubleVector.fromArray(D, colMax, c);
        DoubleVector max1 = DoubleVector.fromArray(D, colMax, c1);
        for (int r = r0; r < r1; r++) {
            double xr = x[xOff + r];
            int o = r * stride + 2 * c;
            int i = r * cols + c;
            DoubleVector w0 = weights(g, o, invGPerW);
            DoubleVector w1 = weights(g, o + 2 * N, invGPerW);
            DoubleVector d0 = a0.mul(xr).sub(b0.mul(w0));
            DoubleVector d1 = a1.mul(xr).sub(b1.mul(w1));
            sq0 = sq0.add(w0.mul(w0));
            sq1 = sq1.add(w1.mul(w1));
            ((FloatVector) d0.castShape(F, 0)).intoArray(delta, i);
            ((FloatVector) d1.castShape(F, 0)).intoArray(delta, i + N);
            DoubleVector m0 = d0.abs();
            DoubleVector m1 = d1.abs();
            max0 = max0.blend(m0, m0.compare(VectorOperators.GT, max0));
            max1 = max1.blend(m1, m1.compare(VectorOperators.GT, max1));
        }
        sq0.intoArray(colNormSq, c);
        sq1.intoArray(colNormSq, c1);
        max0.intoArray(colMax, c);
        max1.intoArray(colMax, c1);
    }

    /** Columns [c, c + N) of rows [r0, r1). */
    private static void oneBlock(int c, int r0, int r1, float[] g, int stride, int cols, double invGPerW, float[] x,
                                 int xOff, double[] a, double[] b, int abOff, float[] delta, double[] colMax,
                                 double[] colNormSq) {
        DoubleVector a0 = DoubleVector.fromArray(D, a, abOff + c);
        DoubleVector b0 = DoubleVector.fromArray(D, b, abOff + c);
        DoubleVector sq0 = DoubleVector.fromArray(D, colNormSq, c);
        DoubleVector max0 = DoubleVector.fromArray(D, colMax, c);
        for (int r = r0; r < r1; r++) {
            double xr = x[xOff + r];
            DoubleVector w0 = weights(g, r * stride + 2 * c, invGPerW);
            DoubleVector d0 = a0.mul(xr).sub(b0.mul(w0));
            sq0 = sq0.add(w0.mul(w0));
            ((FloatVector) d0.castShape(F, 0)).intoArray(delta, r * cols + c);
            DoubleVector m0 = d0.abs();
            max0 = max0.blend(m0, m0.compare(VectorOperators.GT, max0));
        }
        sq0.intoArray(colNormSq, c);
        max0.intoArray(colMax, c);
    }

    /**
     * The weights of N columns whose pairs start at g[o]: {@code (double) (g+ - g-) * invGPerW}, the subtraction in
     * float.
     */
    private static DoubleVector weights(float[] g, int o, double invGPerW) {
        LongVector pairs = FloatVector.fromArray(PAIRS, g, o).reinterpretAsLongs();
        FloatVector plus = ((IntVector) pairs.castShape(I, 0)).reinterpretAsFloats();
        FloatVector minus = ((IntVector) pairs.lanewise(VectorOperators.LSHR, 32).castShape(I, 0))
                .reinterpretAsFloats();
        return ((DoubleVector) plus.sub(minus).castShape(D, 0)).mul(invGPerW);
    }
}
