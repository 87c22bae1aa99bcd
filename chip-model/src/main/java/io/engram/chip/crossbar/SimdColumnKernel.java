package io.engram.chip.crossbar;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColumnKernel} on the JDK's vector API ({@code jdk.incubator.vector}, incubating in JDK 17: the JVM must be
 * started with {@code --add-modules jdk.incubator.vector}, and then prints one warning line). Lane c of a vector
 * computes exactly what the scalar loop computes for column c: a multiplication and an addition per row, in row order,
 * each rounded to float ({@code mul} then {@code add}, never a fused multiply-add). Columns past the last full vector
 * take a scalar loop of the same operations. Batched reads only (one-vector reads take the scalar kernel, see
 * {@link #sumRows}). Vector loads and stores are explicit, so the kernel reads the
 * conductances where they are (no copies), and {@link #sumChunk} keeps four rows in registers for two input vectors
 * at a time, loading each conductance once per two vectors.
 */
public final class SimdColumnKernel implements ColumnKernel {
    /**
     * Input vectors that share each load of a row in {@link #sumChunk}: two, so that their eight drives stay in
     * registers beside the four rows and the two sums (four vectors would need sixteen drives, more than the sixteen
     * registers of AVX2 hold with the rest, and C2 would load them again for every column vector).
     */
    private static final int VECTORS = 2;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /**
     * Vectors per walk over a chunk's rows: 16 vectors' sums of 128 columns (8 KB) and drives stay in a 32 KB
     * first-level cache beside the rows being read.
     */
    private static final int GROUP = 16;
    private final ScalarColumnKernel scalar = new ScalarColumnKernel();

    @Override
    public String name() { return "simd-" + S.vectorBitSize(); }

    /**
     * Vectors in groups of {@link #GROUP}: each group walks every row of the chunk, so a group's sums and drives stay in
     * the first-level cache, and a large batch reads the chunk's conductances from memory once (for its first group)
     * and from the second-level cache after that.
     */
    @Override
    public void sumChunk(float[][] acc, float[][] d, int n, float[] g, int off, int stride, int len, int pc,
                         float[][] scratch) {
        for (int v0 = 0; v0 < n; v0 += GROUP) sumGroup(acc, d, v0, Math.min(n, v0 + GROUP), g, off, stride, len, pc);
    }

    /** The column sums of vectors [v0, v1) over the chunk's rows. */
    private static void sumGroup(float[][] acc, float[][] d, int v0, int v1, float[] g, int off, int stride, int len,
                                 int pc) {
        int k = 0;
        for (; k + ROWS <= len; k += ROWS) {
            int o = off + k * stride;
            int v = v0;
            for (; v + VECTORS <= v1; v += VECTORS) blockPair(acc, d, v, k, g, o, stride, pc);
            for (; v < v1; v++) {
                float[] dv = d[v];
                block(acc[v], dv[k], dv[k + 1], dv[k + 2], dv[k + 3], g, o, o + stride, o + 2 * stride,
                        o + 3 * stride, pc);
            }
        }
        for (; k < len; k++) {
            for (int v = v0; v < v1; v++) row(acc[v], d[v][k], g, off + k * stride, pc);
        }
    }

    /**
     * One-vector reads take the scalar kernel: a read visits each row once (a spike read only a handful), so there is
     * no row to share between vectors, the JIT-vectorised scalar loop does as well, and it cannot drop to the vector
     * API's slow Java fallback (boxed vectors), which happens when C2 does not inline the API's calls into a large
     * caller.
     */
    @Override
    public void sumRows(float[] acc, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                        float[][] scratch) {
        scalar.sumRows(acc, d, rowList, from, len, g, stride, pc, scratch);
    }

    @Override
    public void sumSquares(float[] variance, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                           float[][] scratch) {
        scalar.sumSquares(variance, d, rowList, from, len, g, stride, pc, scratch);
    }

    /** Four rows starting at o0..o3 for one vector with drives a0..a3. */
    private static void block(float[] acc, float a0, float a1, float a2, float a3, float[] g, int o0, int o1, int o2,
                              int o3, int pc) {
        int full = S.loopBound(pc);
        for (int c = 0; c < full; c += S.length()) {
            FloatVector t = FloatVector.fromArray(S, acc, c);
            t = t.add(FloatVector.fromArray(S, g, o0 + c).mul(a0));
            t = t.add(FloatVector.fromArray(S, g, o1 + c).mul(a1));
            t = t.add(FloatVector.fromArray(S, g, o2 + c).mul(a2));
            t = t.add(FloatVector.fromArray(S, g, o3 + c).mul(a3));
            t.intoArray(acc, c);
        }
        for (int c = full; c < pc; c++) {
            float t = acc[c];
            t += a0 * g[o0 + c];
            t += a1 * g[o1 + c];
            t += a2 * g[o2 + c];
            t += a3 * g[o3 + c];
            acc[c] = t;
        }
    }

    /**
     * Four rows (starting at o, o + stride, ...) for the {@link #VECTORS} vectors v0, v0 + 1: each row is loaded once
     * for both, and the eight drives are broadcast into registers once for the whole row of columns.
     */
    private static void blockPair(float[][] acc, float[][] d, int v0, int k, float[] g, int o, int stride, int pc) {
        int o1 = o + stride;
        int o2 = o + 2 * stride;
        int o3 = o + 3 * stride;
        float[] acc0 = acc[v0];
        float[] acc1 = acc[v0 + 1];
        float[] d0 = d[v0];
        float[] d1 = d[v0 + 1];
        FloatVector p0 = FloatVector.broadcast(S, d0[k]);
        FloatVector p1 = FloatVector.broadcast(S, d0[k + 1]);
        FloatVector p2 = FloatVector.broadcast(S, d0[k + 2]);
        FloatVector p3 = FloatVector.broadcast(S, d0[k + 3]);
        FloatVector q0 = FloatVector.broadcast(S, d1[k]);
        FloatVector q1 = FloatVector.broadcast(S, d1[k + 1]);
        FloatVector q2 = FloatVector.broadcast(S, d1[k + 2]);
        FloatVector q3 = FloatVector.broadcast(S, d1[k + 3]);
        int full = S.loopBound(pc);
        for (int c = 0; c < full; c += S.length()) {
            FloatVector x0 = FloatVector.fromArray(S, g, o + c);
            FloatVector x1 = FloatVector.fromArray(S, g, o1 + c);
            FloatVector x2 = FloatVector.fromArray(S, g, o2 + c);
            FloatVector x3 = FloatVector.fromArray(S, g, o3 + c);
            FloatVector t = FloatVector.fromArray(S, acc0, c);
            t = t.add(x0.mul(p0)).add(x1.mul(p1)).add(x2.mul(p2)).add(x3.mul(p3));
            t.intoArray(acc0, c);
            FloatVector u = FloatVector.fromArray(S, acc1, c);
            u = u.add(x0.mul(q0)).add(x1.mul(q1)).add(x2.mul(q2)).add(x3.mul(q3));
            u.intoArray(acc1, c);
        }
        if (full < pc) {
            for (int v = v0; v < v0 + VECTORS; v++) {
                float[] a = acc[v];
                float[] dv = d[v];
                for (int c = full; c < pc; c++) {
                    float t = a[c];
                    t += dv[k] * g[o + c];
                    t += dv[k + 1] * g[o1 + c];
                    t += dv[k + 2] * g[o2 + c];
                    t += dv[k + 3] * g[o3 + c];
                    a[c] = t;
                }
            }
        }
    }

    private static void row(float[] acc, float a, float[] g, int o, int pc) {
        int full = S.loopBound(pc);
        for (int c = 0; c < full; c += S.length()) {
            FloatVector.fromArray(S, acc, c).add(FloatVector.fromArray(S, g, o + c).mul(a)).intoArray(acc, c);
        }
        for (int c = full; c < pc; c++) acc[c] += a * g[o + c];
    }
}
