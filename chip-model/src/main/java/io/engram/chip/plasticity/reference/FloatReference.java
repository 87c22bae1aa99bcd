package io.engram.chip.plasticity.reference;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;

/**
 * The learning rules as plain float algorithms, written directly from their published equations with no hardware
 * model: the yardstick the chip is checked against (tests) and timed against (benchmarks).
 * Weights are W[k][i] (neuron k, input i), u_k = W_k . x + b_k.
 */
public final class FloatReference {
    private final LearningRule rule;
    private final Competition competition;
    private final double[][] w;
    private final double[] bias;
    private final double[][] batchDw;
    private final double[] u;
    private final double[] y;
    private int inBatch;

    public FloatReference(LearningRule rule, Competition competition, double[][] initialW, double[] bias) {
        this.rule = rule;
        this.competition = competition;
        this.w = new double[initialW.length][];
        for (int k = 0; k < w.length; k++) w[k] = initialW[k].clone();
        this.bias = bias == null ? new double[w.length] : bias.clone();
        this.batchDw = new double[w.length][w[0].length];
        this.u = new double[w.length];
        this.y = new double[w.length];
    }

    public double[][] weights() { return w; }

    public double[] bias() { return bias; }

    /** Forward: u = W x + b. */
    public double[] preActivation(double[] x) {
        for (int k = 0; k < w.length; k++) {
            double s = bias[k];
            for (int i = 0; i < x.length; i++) s += w[k][i] * x[i];
            u[k] = s;
        }
        return u;
    }

    /** Online step (batch size 1). */
    public void step(double[] x) {
        accumulate(x);
        applyBatch();
    }

    /** Adds one sample's update to the mini-batch (weights stay fixed until {@link #applyBatch}). */
    public void accumulate(double[] x) {
        int n = x.length;
        preActivation(x);
        int win = 0;
        for (int k = 1; k < w.length; k++) if (u[k] > u[win]) win = k;
        switch (competition.kind()) {
            case SOFTMAX -> {
                double max = u[win];
                double sum = 0;
                for (int k = 0; k < w.length; k++) {
                    y[k] = Math.exp((u[k] - max) / competition.temperature());
                    sum += y[k];
                }
                for (int k = 0; k < w.length; k++) y[k] /= sum;
            }
            case HARD_WTA -> {
                for (int k = 0; k < w.length; k++) y[k] = k == win ? 1 : 0;
            }
            default -> System.arraycopy(u, 0, y, 0, w.length);
        }
        for (int k = 0; k < w.length; k++) {
            double[] wk = w[k];
            double[] dk = batchDw[k];
            if (rule instanceof LearningRule.Hebb h) {
                for (int i = 0; i < n; i++) dk[i] += h.eta() * (x[i] * y[k] - h.decay() * wk[i]);
            } else if (rule instanceof LearningRule.Oja o) {
                double yk = u[k];
                for (int i = 0; i < n; i++) dk[i] += o.eta() * yk * (x[i] - yk * wk[i]);
            } else if (rule instanceof LearningRule.HardWta h) {
                if (k != win) continue;
                double f = h.variant() == LearningRule.HardWta.Variant.INSTAR ? 1 : u[k];
                for (int i = 0; i < n; i++) dk[i] += h.eta() * (x[i] - f * wk[i]);
            } else if (rule instanceof LearningRule.SoftHebb) {
                for (int i = 0; i < n; i++) dk[i] += y[k] * (x[i] - u[k] * wk[i]);
            } else if (rule instanceof LearningRule.SoftAntiHebb) {
                double yk = k == win ? y[k] : -y[k];
                for (int i = 0; i < n; i++) dk[i] += yk * (x[i] - u[k] * wk[i]);
            } else {
                throw new IllegalArgumentException("no float reference for " + rule);
            }
        }
        if (rule instanceof LearningRule.SoftHebb s && s.etaBias() != 0) {
            for (int k = 0; k < w.length; k++) bias[k] += s.etaBias() * (y[k] * Math.exp(-bias[k] / s.tau()) - 1);
        }
        inBatch++;
    }

    /** Applies the accumulated update: eta (or eta_k, and the update scaling) times the summed dw. */
    public void applyBatch() {
        if (inBatch == 0) return;
        double layerMax = 0;
        for (double[] dk : batchDw) for (double d : dk) layerMax = Math.max(layerMax, Math.abs(d));
        for (int k = 0; k < w.length; k++) {
            double[] dk = batchDw[k];
            double scale = 1; // eta already inside dw for the other rules
            if (rule instanceof LearningRule.SoftHebb s) {
                scale = eta(s.eta(), s.adaptivePower(), w[k]) * norm(s.scaling(), dk, layerMax);
            } else if (rule instanceof LearningRule.SoftAntiHebb s) {
                scale = eta(s.eta(), s.power(), w[k]) * norm(s.scaling(), dk, layerMax);
            }
            for (int i = 0; i < dk.length; i++) {
                w[k][i] += scale * dk[i];
                dk[i] = 0;
            }
        }
        inBatch = 0;
    }

    private static double eta(double eta0, double power, double[] wk) {
        if (power == 0) return eta0;
        double s = 0;
        for (double v : wk) s += v * v;
        return eta0 * Math.pow(Math.abs(Math.sqrt(s) - 1) + 1e-10, power);
    }

    private static double norm(UpdateScaling scaling, double[] dk, double layerMax) {
        switch (scaling) {
            case NONE:
                return 1;
            case PER_NEURON: {
                double m = 0;
                for (double d : dk) m = Math.max(m, Math.abs(d));
                return m == 0 ? 0 : 1 / m;
            }
            default:
                return layerMax == 0 ? 0 : 1 / layerMax;
        }
    }
}
