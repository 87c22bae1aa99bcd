package io.engram.chip.plasticity;

/**
 * The learning rules the on-core plasticity engine runs. Every rate-coded rule here has the post-factor form
 * <pre>  dw_ik = a_k * x_i - b_k * w_ik  </pre>
 * with per-neuron factors a_k, b_k computed from signals the core holds (y_k, u_k, ||w_k||); see {@link PostFactors}.
 * STDP is event driven and has its own form.
 */
public sealed interface LearningRule {
    /** Base learning rate. */
    double eta();

    /** True when the rule needs w_ik itself (a counted conductance read-back). */
    boolean needsWeights();

    /** No plasticity (inference only). */
    record None() implements LearningRule {
        public double eta() { return 0; }
        public boolean needsWeights() { return false; }
    }

    /** Classic Hebb dw = eta x y, with optional weight decay (dw -= eta*decay*w) to keep it bounded. */
    record Hebb(double eta, double decay) implements LearningRule {
        public boolean needsWeights() { return decay != 0; }
    }

    /** Oja: dw_k = eta y_k (x - y_k w_k), y_k = u_k. */
    record Oja(double eta) implements LearningRule {
        public boolean needsWeights() { return true; }
    }

    /** Hard WTA: only the winner learns, dw = eta (x - w) (INSTAR) or eta (x - u w) (SOFTHEBB_BASELINE). */
    record HardWta(double eta, Variant variant) implements LearningRule {
        public enum Variant { INSTAR, SOFTHEBB_BASELINE }
        public boolean needsWeights() { return true; }
    }

    /**
     * SoftHebb (Moraitis et al.): y = softmax(u/tau), dw = eta y (x - u w); bias db = etaBias (y e^(-b/tau) - 1)
     * (the reference code's rule with the temperature folded in; b starts at tau ln(1/K)).
     * {@code adaptivePower} > 0 enables the norm-dependent rate eta_k = eta |‖w_k‖ - 1|^power.
     */
    record SoftHebb(double eta, double tau, double etaBias, double adaptivePower, UpdateScaling scaling)
            implements LearningRule {
        public boolean needsWeights() { return true; }
    }

    /**
     * Soft anti-Hebbian with adaptive rate (Journé et al.): s = softmax(u/tau), y_k = +s_k for the winner, -s_k
     * otherwise; dw = eta_k y (x - u w), eta_k = eta0 |‖w_k‖ - 1|^power.
     */
    record SoftAntiHebb(double eta, double tau, double power, UpdateScaling scaling) implements LearningRule {
        public boolean needsWeights() { return true; }
    }

    /**
     * Trace-based STDP. PAIR: on pre spike w -= etaPre * postTrace; on post spike w += etaPost * preTrace.
     * TRIPLET (Diehl and Cook): on post spike w += etaPost * preTrace * post2Trace(before the spike).
     * {@code normaliseSum} &gt; 0: before every learning sample the plasticity engines rescale each neuron's input
     * weights to sum to it ({@link WeightNormaliser}; Diehl and Cook's 78); 0 turns it off.
     */
    record Stdp(Form form, double etaPre, double etaPost, double tauPreMs, double tauPostMs, double tauPost2Ms,
                double wMin, double wMax, double normaliseSum) implements LearningRule {
        public enum Form { PAIR, TRIPLET }

        public Stdp {
            if (!(normaliseSum >= 0) || Double.isInfinite(normaliseSum)) {
                throw new IllegalArgumentException("normalise_sum must be a finite number >= 0 (0 = off), got " + normaliseSum);
            }
        }

        /** Without weight normalisation. */
        public Stdp(Form form, double etaPre, double etaPost, double tauPreMs, double tauPostMs, double tauPost2Ms,
                    double wMin, double wMax) {
            this(form, etaPre, etaPost, tauPreMs, tauPostMs, tauPost2Ms, wMin, wMax, 0);
        }

        public double eta() { return etaPost; }
        public boolean needsWeights() { return false; }
    }
}
