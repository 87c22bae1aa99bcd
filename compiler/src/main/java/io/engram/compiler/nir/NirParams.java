package io.engram.compiler.nir;

import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.nir.NirGraph.Node;
import io.engram.compiler.nir.NirGraph.Param;

/**
 * Every number the importer takes from an NIR node passes through here: shapes and ranges are checked once, in this
 * class, and a bad value is reported (E206, or W201 for an approximation) with the node's name and the field. A
 * method returns a sentinel after reporting (NaN, -1, {@link #UNSET}, null) and the caller stops.
 */
final class NirParams {
    /** Returned by {@link #bias} after an error (null means: the node has no bias). */
    static final float[] UNSET = new float[0];

    private final NirReport report;

    NirParams(NirReport report) { this.report = report; }

    /** A numeric tensor of the given rank, or null after E206 (the message names the expected layout). */
    Param tensor(Node n, String key, int rank, String layout) {
        Param w = n.param(key);
        if (w == null || !w.numeric() || w.dims().length != rank) {
            report.at(DiagCode.E206, n, "needs a " + rank + "-D " + key + " " + layout + "; found "
                    + (w == null ? "none" : w.shapeText()), "");
            return null;
        }
        return w;
    }

    /** The bias of a weighted node: null when it has none (Linear never has), {@link #UNSET} after an error. */
    float[] bias(Node n, int out) {
        Param b = n.param("bias");
        if (b == null || n.kind() == NirKind.LINEAR) return null;
        if (!b.numeric() || b.size() != out) {
            report.at(DiagCode.E206, n, "bias has " + b.size() + " values; expected " + out, "");
            return UNSET;
        }
        float[] f = new float[out];
        for (int i = 0; i < out; i++) f[i] = (float) b.values()[i];
        return f;
    }

    /** One value for a per-neuron parameter: the common value, or the mean with a W201 warning; NaN after an error. */
    double uniform(Node n, String key, double dflt, long neurons) {
        Param p = n.param(key);
        if (p == null) return dflt;
        if (!p.numeric() || p.size() == 0) {
            report.at(DiagCode.E206, n, "parameter " + key + " is not numeric", "");
            return Double.NaN;
        }
        if (p.size() != 1 && p.size() != neurons) {
            report.at(DiagCode.E206, n, "parameter " + key + " has " + p.size() + " values for " + neurons + " neurons", "");
            return Double.NaN;
        }
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
        for (double v : p.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        if (min != max) {
            double mean = sum / p.size();
            report.at(DiagCode.W201, n, "per-neuron values of " + key + " range from " + Fmt.num(min) + " to "
                    + Fmt.num(max) + "; a layer has one value, the mean " + Fmt.num(mean) + " is used", "");
            return mean;
        }
        return min;
    }

    /** A square pair parameter (stride, padding, kernel_size) given as 1 or 2 equal values; -1 after an error. */
    int pair(Node n, String key, int dflt) {
        Param p = n.param(key);
        if (p == null) {
            if (dflt < 0) report.at(DiagCode.E206, n, "needs " + key, "");
            return dflt;
        }
        if (!p.numeric() || p.size() < 1 || p.size() > 2) {
            report.at(DiagCode.E206, n, key + " must be 1 or 2 numbers; found " + (p.numeric() ? p.shapeText() : p.text()), "");
            return -1;
        }
        int a = (int) p.values()[0];
        int b = (int) p.values()[p.size() - 1];
        if (a != b) {
            report.at(DiagCode.E202, n, key + " " + a + "x" + b + " differs between height and width; a layer has one " + key,
                    "use equal values");
            return -1;
        }
        if (a < 0 || (a == 0 && !key.equals("padding"))) {
            report.at(DiagCode.E206, n, key + " = " + a + " is out of range", "");
            return -1;
        }
        return a;
    }

    static int[] toInts(double[] v) {
        int[] o = new int[v.length];
        for (int i = 0; i < v.length; i++) o[i] = (int) v[i];
        return o;
    }

    static long prod(double[] v) {
        long p = 1;
        for (double d : v) p *= (long) d;
        return p;
    }
}
