package io.engram.chip.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColumnKernel} on the JDK's vector API ({@code jdk.incubator.vector}, incubating in JDK 17: the JVM must be
 * started with {@code --add-modules jdk.incubator.vector}, and then prints one warning line). Lane c of a vector
 * computes exactly what the scalar loop computes for column c: a multiplication and an addition per row, in row order,
 * each rounded to float ({@code mul} then {@code add}, never a fused multiply-add). Columns past the last full vector
 * take a scalar loop of the same operations. Vector loads and stores are explicit, so the kernel reads the
 * conductances where they are (no copies), and {@link #sumChunk} keeps four rows in registers for four input vectors
 * at a time, loading each conductance once per four vectors.
 */
public final class SimdColumnKernel implements ColumnKernel {
    /** The module this kernel needs. */
    static final String MODULE = "jdk.incubator.vector";
    /** Input vectors that share each load of a row in {@link #sumChunk}. */
    private static final int VECTORS = 4;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() { return "simd-" + S.vectorBitSize(); }

    @Override
    public void sumChunk(float[][] acc, float[][] d, int n, float[] g, int off, int stride, int len, int pc,
                         float[][] scratch) {
        int k = 0;
        for (; k + ROWS <= len; k += ROWS) {
            int o = off + k * stride;
            int v = 0;
            for (; v + VECTORS <= n; v += VECTORS) block4(acc, d, v, k, g, o, stride, pc);
            for (; v < n; v++) {
                float[] dv = d[v];
                block(acc[v], dv[k], dv[k + 1], dv[k + 2], dv[k + 3], g, o, o + stride, o + 2 * stride,
                        o + 3 * stride, pc);
            }
        }
        for (; k < len; k++) {
            for (int v = 0; v < n; v++) row(acc[v], d[v][k], g, off + k * stride, pc);
        }
    }

    @Override
    public void sumRows(float[] acc, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                        float[][] scratch) {
        int k = 0;
        for (; k + ROWS <= len; k += ROWS) {
            block(acc, d[k], d[k + 1], d[k + 2], d[k + 3], g, rowList[from + k] * stride,
                    rowList[from + k + 1] * stride, rowList[from + k + 2] * stride, rowList[from + k + 3] * stride, pc);
        }
        for (; k < len; k++) row(acc, d[k], g, rowList[from + k] * stride, pc);
    }

    @Override
    public void sumSquares(float[] variance, float[] d, int[] rowList, int from, int len, float[] g, int stride, int pc,
                           float[][] scratch) {
        int full = S.loopBound(pc);
        for (int k = 0; k < len; k++) {
            float a2 = d[k] * d[k];
            int o = rowList[from + k] * stride;
            for (int c = 0; c < full; c += S.length()) {
                FloatVector x = FloatVector.fromArray(S, g, o + c);
                FloatVector.fromArray(S, variance, c).add(x.mul(a2).mul(x)).intoArray(variance, c);
            }
            for (int c = full; c < pc; c++) {
                float gc = g[o + c];
                variance[c] += a2 * gc * gc;
            }
        }
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

    /** Four rows (starting at o, o + stride, ...) for the four vectors v0..v0 + 3, each row loaded once. */
    private static void block4(float[][] acc, float[][] d, int v0, int k, float[] g, int o, int stride, int pc) {
        int o1 = o + stride;
        int o2 = o + 2 * stride;
        int o3 = o + 3 * stride;
        float[] acc0 = acc[v0];
        float[] acc1 = acc[v0 + 1];
        float[] acc2 = acc[v0 + 2];
        float[] acc3 = acc[v0 + 3];
        float[] d0 = d[v0];
        float[] d1 = d[v0 + 1];
        float[] d2 = d[v0 + 2];
        float[] d3 = d[v0 + 3];
        int full = S.loopBound(pc);
        for (int c = 0; c < full; c += S.length()) {
            FloatVector x0 = FloatVector.fromArray(S, g, o + c);
            FloatVector x1 = FloatVector.fromArray(S, g, o1 + c);
            FloatVector x2 = FloatVector.fromArray(S, g, o2 + c);
            FloatVector x3 = FloatVector.fromArray(S, g, o3 + c);
            sum4(acc0, c, x0, x1, x2, x3, d0, k);
            sum4(acc1, c, x0, x1, x2, x3, d1, k);
            sum4(acc2, c, x0, x1, x2, x3, d2, k);
            sum4(acc3, c, x0, x1, x2, x3, d3, k);
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

    private static void sum4(float[] acc, int c, FloatVector x0, FloatVector x1, FloatVector x2, FloatVector x3,
                             float[] d, int k) {
        FloatVector t = FloatVector.fromArray(S, acc, c);
        t = t.add(x0.mul(d[k]));
        t = t.add(x1.mul(d[k + 1]));
        t = t.add(x2.mul(d[k + 2]));
        t = t.add(x3.mul(d[k + 3]));
        t.intoArray(acc, c);
    }

    private static void row(float[] acc, float a, float[] g, int o, int pc) {
        int full = S.loopBound(pc);
        for (int c = 0; c < full; c += S.length()) {
            FloatVector.fromArray(S, acc, c).add(FloatVector.fromArray(S, g, o + c).mul(a)).intoArray(acc, c);
        }
        for (int c = full; c < pc; c++) acc[c] += a * g[o + c];
    }
}
