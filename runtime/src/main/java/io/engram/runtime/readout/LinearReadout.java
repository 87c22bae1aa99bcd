package io.engram.runtime.readout;

import java.util.SplittableRandom;

/**
 * Softmax regression trained OFF-CHIP on the chip's features, as the SoftHebb papers do (a backprop-trained linear
 * classifier on frozen Hebbian features). Features are standardised with training statistics; Adam, mini-batches,
 * a fixed number of epochs, seeded shuffling. Deterministic for a seed.
 */
public final class LinearReadout {
    /** Training settings. */
    public record Settings(int epochs, int batch, double learningRate, double l2, long seed) {
        public static Settings defaults(long seed) { return new Settings(20, 64, 1e-3, 1e-4, seed); }
    }

    private static final double ADAM_B1 = 0.9;
    private static final double ADAM_B2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    private static final double MIN_STD = 1e-6;

    private final int dim;
    private final int classes;
    private final double[] w;
    private final double[] bias;
    private double[] mean;
    private double[] invStd;

    public LinearReadout(int dim, int classes) {
        this.dim = dim;
        this.classes = classes;
        this.w = new double[dim * classes];
        this.bias = new double[classes];
    }

    public void fit(float[][] x, int[] y, Settings s) {
        int n = x.length;
        mean = new double[dim];
        invStd = new double[dim];
        for (float[] v : x) for (int i = 0; i < dim; i++) mean[i] += v[i];
        for (int i = 0; i < dim; i++) mean[i] /= n;
        for (float[] v : x) for (int i = 0; i < dim; i++) invStd[i] += (v[i] - mean[i]) * (v[i] - mean[i]);
        for (int i = 0; i < dim; i++) invStd[i] = 1.0 / Math.max(MIN_STD, Math.sqrt(invStd[i] / n));
        double[] m = new double[w.length];
        double[] v2 = new double[w.length];
        double[] mb = new double[classes];
        double[] vb = new double[classes];
        double[] g = new double[w.length];
        double[] gb = new double[classes];
        double[] z = new double[dim];
        double[] p = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom rnd = new SplittableRandom(s.seed());
        long step = 0;
        for (int e = 0; e < s.epochs(); e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int b0 = 0; b0 < n; b0 += s.batch()) {
                int b1 = Math.min(n, b0 + s.batch());
                java.util.Arrays.fill(g, 0);
                java.util.Arrays.fill(gb, 0);
                for (int q = b0; q < b1; q++) {
                    int idx = order[q];
                    standardise(x[idx], z);
                    probabilities(z, p);
                    p[y[idx]] -= 1;
                    for (int i = 0; i < dim; i++) {
                        double zi = z[i];
                        if (zi == 0) continue;
                        int base = i * classes;
                        for (int k = 0; k < classes; k++) g[base + k] += zi * p[k];
                    }
                    for (int k = 0; k < classes; k++) gb[k] += p[k];
                }
                double inv = 1.0 / (b1 - b0);
                step++;
                double c1 = 1 - Math.pow(ADAM_B1, step);
                double c2 = 1 - Math.pow(ADAM_B2, step);
                for (int i = 0; i < w.length; i++) {
                    double gi = g[i] * inv + s.l2() * w[i];
                    m[i] = ADAM_B1 * m[i] + (1 - ADAM_B1) * gi;
                    v2[i] = ADAM_B2 * v2[i] + (1 - ADAM_B2) * gi * gi;
                    w[i] -= s.learningRate() * (m[i] / c1) / (Math.sqrt(v2[i] / c2) + ADAM_EPS);
                }
                for (int k = 0; k < classes; k++) {
                    double gk = gb[k] * inv;
                    mb[k] = ADAM_B1 * mb[k] + (1 - ADAM_B1) * gk;
                    vb[k] = ADAM_B2 * vb[k] + (1 - ADAM_B2) * gk * gk;
                    bias[k] -= s.learningRate() * (mb[k] / c1) / (Math.sqrt(vb[k] / c2) + ADAM_EPS);
                }
            }
        }
    }

    private void standardise(float[] v, double[] z) {
        for (int i = 0; i < dim; i++) z[i] = (v[i] - mean[i]) * invStd[i];
    }

    private void probabilities(double[] z, double[] p) {
        for (int k = 0; k < classes; k++) p[k] = bias[k];
        for (int i = 0; i < dim; i++) {
            double zi = z[i];
            if (zi == 0) continue;
            int base = i * classes;
            for (int k = 0; k < classes; k++) p[k] += zi * w[base + k];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) max = Math.max(max, v);
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) p[k] /= sum;
    }

    public int predict(float[] v) {
        double[] z = new double[dim];
        double[] p = new double[classes];
        standardise(v, z);
        probabilities(z, p);
        int best = 0;
        for (int k = 1; k < classes; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    /** Fraction of samples classified correctly. */
    public double accuracy(float[][] x, int[] y) {
        int ok = 0;
        for (int i = 0; i < x.length; i++) if (predict(x[i]) == y[i]) ok++;
        return x.length == 0 ? 0 : (double) ok / x.length;
    }
}
