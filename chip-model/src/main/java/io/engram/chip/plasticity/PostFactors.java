package io.engram.chip.plasticity;

/**
 * Per-neuron factors of the post-factor form dw_ik = eta_k * (a_k x_i - b_k w_ik), computed by the plasticity engine
 * from the post-synaptic signals the core holds: u (pre-activation) and y (the competition unit's output).
 */
public final class PostFactors {
    /** Guard added to |‖w‖ - 1| before the power, as in the SoftHebb reference code (hebbconv.py). */
    public static final double NORM_EPSILON = 1e-10;

    private PostFactors() {}

    /**
     * @param rule learning rule (not STDP)
     * @param u    pre-activations of the group
     * @param y    competition output: softmax probabilities, one-hot winners, or the activation when no competition
     * @param a    out: factor of x
     * @param b    out: factor of w
     */
    public static void compute(LearningRule rule, double[] u, double[] y, int n, double[] a, double[] b) {
        if (rule instanceof LearningRule.Hebb h) {
            for (int k = 0; k < n; k++) {
                a[k] = y[k];
                b[k] = h.decay();
            }
        } else if (rule instanceof LearningRule.Oja) {
            for (int k = 0; k < n; k++) {
                a[k] = u[k];
                b[k] = u[k] * u[k];
            }
        } else if (rule instanceof LearningRule.HardWta h) {
            int win = argmax(u, n);
            fill(a, b, n);
            a[win] = 1;
            b[win] = h.variant() == LearningRule.HardWta.Variant.INSTAR ? 1 : u[win];
        } else if (rule instanceof LearningRule.SoftHebb) {
            for (int k = 0; k < n; k++) {
                a[k] = y[k];
                b[k] = y[k] * u[k];
            }
        } else if (rule instanceof LearningRule.SoftAntiHebb) {
            int win = argmax(u, n);
            for (int k = 0; k < n; k++) {
                double yk = k == win ? y[k] : -y[k];
                a[k] = yk;
                b[k] = yk * u[k];
            }
        } else if (rule instanceof LearningRule.Stdp) {
            throw new IllegalArgumentException("STDP is event driven; use StdpEngine");
        } else {
            fill(a, b, n);
        }
    }

    /** Per-neuron learning rate: eta, or eta |‖w_k‖ - 1|^power for the norm-dependent adaptive rules. */
    public static double rate(LearningRule rule, double normSq) {
        double power = rule.adaptivePower();
        if (power == 0) return rule.eta();
        return rule.eta() * Math.pow(Math.abs(Math.sqrt(normSq) - 1) + NORM_EPSILON, power);
    }

    private static void fill(double[] a, double[] b, int n) {
        java.util.Arrays.fill(a, 0, n, 0.0);
        java.util.Arrays.fill(b, 0, n, 0.0);
    }

    static int argmax(double[] u, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (u[i] > u[best]) best = i;
        return best;
    }
}
