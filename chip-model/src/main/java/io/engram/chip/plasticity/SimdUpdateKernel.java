package io.engram.chip.plasticity;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
 * <p>The kernel walks the tile row by row, as the scalar loop does (the conductances and updates stream through the
 * cache in memory order, which the hardware prefetchers follow; tiles usually come from L3 or memory). Each step reads
 * a, b and the column's running sum and maximum from their arrays and writes the sum and maximum back, so that no
 * vector lives from one step to the next (a vector alive at a loop's safepoint is one more thing C2 may have to box).
 * Species and conversions are named explicitly ({@code reinterpretShape(L, 0)}, {@code convertShape(L2I, I, 0)}, ...)
 * rather than looked up ({@code reinterpretAsLongs()}, {@code castShape}), so that C2 sees constants. Even so, C2 has
 * been seen to recompile the kernel with some vector stores not intrinsified (boxing, several times slower) after a
 * JFR recording was started in a running JVM; a recording started with the JVM does not do this.
 *
 * <p>The conductance pairs are split without a shuffle: a pair (G+, G-) read as one long lane holds G+ in its low 32
 * bits (the vector API reinterprets lanes in little-endian order on every platform), so narrowing the long to an int
 * keeps G+, and narrowing it after a 32-bit right shift keeps G-.
 */
final class SimdUpdateKernel implements UpdateKernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as D has doubles (the weights before widening, the updates after narrowing). */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, shape(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, shape(D.vectorBitSize() / 2));
    /** Twice as many floats as D has doubles: the conductance pairs of D.length() columns. */
    private static final VectorSpecies<Float> PAIRS = VectorSpecies.of(float.class, shape(D.vectorBitSize()));
    /** The pairs seen as one long each. */
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, shape(D.vectorBitSize()));
    private static final int N = D.length();

    private static VectorShape shape(int bits) { return VectorShape.forBitSize(bits); }

    @Override
    public String name() { return "simd-" + D.vectorBitSize(); }

    @Override
    public void dense(float[] g, int stride, int rows, int cols, double invGPerW, float[] x, int xOff, double[] a,
                      double[] b, int abOff, float[] delta, double[] colMax, double[] colNormSq) {
        int vectors = cols - cols % N; // columns in full vectors
        int pairs = cols - cols % (2 * N); // columns in pairs of full vectors
        for (int r = 0; r < rows; r++) {
            double xr = x[xOff + r];
            int gb = r * stride;
            int base = r * cols;
            for (int c = 0; c < pairs; c += 2 * N) {
                step(c, xr, g, gb, invGPerW, a, b, abOff, delta, base, colMax, colNormSq);
                step(c + N, xr, g, gb, invGPerW, a, b, abOff, delta, base, colMax, colNormSq);
            }
            if (pairs < vectors) step(pairs, xr, g, gb, invGPerW, a, b, abOff, delta, base, colMax, colNormSq);
        }
        if (vectors < cols) {
            ScalarUpdateKernel.denseColumns(vectors, g, stride, rows, cols, invGPerW, x, xOff, a, b, abOff, delta,
                    colMax, colNormSq);
        }
    }

    /** Columns [c, c + N) of the row whose pairs start at g[gb] and whose updates start at delta[base]. */
    private static void step(int c, double xr, float[] g, int gb, double invGPerW, double[] a, double[] b, int abOff,
                             float[] delta, int base, double[] colMax, double[] colNormSq) {
        // (double) (g+ - g-) * invGPerW, the subtraction in float
        LongVector pairs = (LongVector) FloatVector.fromArray(PAIRS, g, gb + 2 * c).reinterpretShape(L, 0);
        FloatVector plus = (FloatVector) pairs.convertShape(VectorOperators.L2I, I, 0).reinterpretShape(F, 0);
        FloatVector minus = (FloatVector) pairs.lanewise(VectorOperators.LSHR, 32)
                .convertShape(VectorOperators.L2I, I, 0).reinterpretShape(F, 0);
        DoubleVector w = ((DoubleVector) plus.sub(minus).convertShape(VectorOperators.F2D, D, 0)).mul(invGPerW);
        DoubleVector d = DoubleVector.fromArray(D, a, abOff + c).mul(xr)
                .sub(DoubleVector.fromArray(D, b, abOff + c).mul(w));
        DoubleVector.fromArray(D, colNormSq, c).add(w.mul(w)).intoArray(colNormSq, c);
        ((FloatVector) d.convertShape(VectorOperators.D2F, F, 0)).intoArray(delta, base + c);
        DoubleVector m = d.abs();
        DoubleVector max = DoubleVector.fromArray(D, colMax, c);
        max.blend(m, m.compare(VectorOperators.GT, max)).intoArray(colMax, c);
    }
}
