package io.engram.chip.plasticity;

/**
 * Per-neuron factors of the post-factor form dw_ik = eta_k * (a_k x_i - b_k w_ik), computed by the plasticity engine
 * from the post-synaptic signals the core holds: u (pre-activation) and y (the competition unit's output). Each rule
 * declares its own factors ({@link LearningRule#postFactors}); this class holds the per-neuron rate and the winner
 * search they share.
 */
public final class PostFactors {
    /** Guard added to |‖w‖ - 1| before the power, as in the SoftHebb reference code (hebbconv.py). */
    public static final double NORM_EPSILON = 1e-10;

    private PostFactors() {}

    /**
     * The rule's post factors ({@link LearningRule#postFactors}).
     *
     * @param rule learning rule (not STDP)
     * @param u    pre-activations of the group
     * @param y    competition output: softmax probabilities, one-hot winners, or the activation when no competition
     * @param a    out: factor of x
     * @param b    out: factor of w
     */
    public static void compute(LearningRule rule, double[] u, double[] y, int n, double[] a, double[] b) {
        rule.postFactors(u, y, n, a, b);
    }

    /** Per-neuron learning rate: eta, or eta |‖w_k‖ - 1|^power for the norm-dependent adaptive rules. */
    public static double rate(LearningRule rule, double normSq) {
        double power = rule.adaptivePower();
        if (power == 0) return rule.eta();
        return rule.eta() * Math.pow(Math.abs(Math.sqrt(normSq) - 1) + NORM_EPSILON, power);
    }

    static int argmax(double[] u, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (u[i] > u[best]) best = i;
        return best;
    }
}
