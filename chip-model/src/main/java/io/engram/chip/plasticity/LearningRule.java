package io.engram.chip.plasticity;

import java.util.Arrays;
import java.util.List;

/**
 * The learning rules the on-core plasticity engine runs. Every rate-coded rule here has the post-factor form
 * <pre>  dw_ik = a_k * x_i - b_k * w_ik  </pre>
 * with per-neuron factors a_k, b_k computed from signals the core holds (y_k, u_k, ||w_k||); see {@link PostFactors}.
 * STDP is event driven and has its own form.
 *
 * <p>What the chip and the compiler need to know about a rule (whether and when it learns, its post factors, its
 * scaling, its bias rate, its weight bounds and normalisation, how it learns on spikes, its parameters as files and
 * descriptions name them) is declared here, on the rule, so that a new rule touches this family only.
 */
public sealed interface LearningRule {
    /** Base learning rate. */
    double eta();

    /** True when the rule needs w_ik itself (a counted conductance read-back). */
    boolean needsWeights();

    /** The rule's name in network files and reports ({@code none}, {@code hebb}, {@code oja}, ...). */
    String kindName();

    /** True when the rule changes weights at all (every rule but {@link None}). */
    default boolean learns() { return true; }

    /**
     * True when the rule learns in rate mode, from post factors a, b ({@link PostFactors}); STDP learns on spikes
     * only, {@link None} never.
     */
    default boolean learnsInRateMode() { return learns(); }

    /** How each neuron's update is scaled ({@link UpdateScaling#NONE} unless the rule has a choice). */
    default UpdateScaling scaling() { return UpdateScaling.NONE; }

    /** Power q of the norm-dependent rate eta_k = eta |‖w_k‖ - 1|^q; 0 for a fixed rate. */
    default double adaptivePower() { return 0; }

    /** True when the rate depends on the neuron's weight norm (the engine reduces norms across row tiles). */
    default boolean adaptive() { return adaptivePower() != 0; }

    /** True when the rule learns from the competition's softmax(u / tau) (the SoftHebb family). */
    default boolean learnsFromSoftmax() { return false; }

    /** True when only the competition's winner learns (hard WTA). */
    default boolean learnsWinnerOnly() { return false; }

    /** Post-synaptic traces per neuron the rule keeps on spikes (16-bit each; STDP 1, its triplet form 2). */
    default int postTraces() { return 0; }

    /** Softmax temperature of the rule's post activity (SoftHebb family); NaN for a rule without one. */
    default double tau() { return Double.NaN; }

    /** Learning rate of the bias (SoftHebb's db = etaBias (y e^(-b/tau) - 1)); 0: the bias does not learn. */
    default double etaBias() { return 0; }

    /** Lower weight bound an update is clipped to (NaN: unbounded; a bound needs w read back). */
    default double weightLow() { return Double.NaN; }

    /** Upper weight bound an update is clipped to (NaN: unbounded). */
    default double weightHigh() { return Double.NaN; }

    /** Sum each neuron's input weights are rescaled to before every learning sample (0: no normalisation). */
    default double normaliseSum() { return 0; }

    /**
     * On spikes, whether a neuron that did not spike in a step keeps its post factors (a rule whose factors depend on
     * the synaptic input u rather than on the post spike, as Oja's) or learns nothing in that step.
     */
    default boolean learnsWithoutPostSpike() { return false; }

    /** The factor a spiking step's update dw is multiplied by (eta; 1 for a rule whose factors carry their rates). */
    default double spikeUpdateScale() { return eta(); }

    /**
     * The post factors of the form dw_ik = a_k x_i - b_k w_ik for neurons 0..n-1 of a group, from the signals the core
     * holds: u (pre-activations) and y (the competition's output: softmax probabilities, one-hot winners, or the
     * activation when there is no competition). A rule that does not learn leaves a and b zero; STDP, which learns on
     * spikes, refuses.
     *
     * @param a out: factor of x
     * @param b out: factor of w
     */
    default void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
        Arrays.fill(a, 0, n, 0.0);
        Arrays.fill(b, 0, n, 0.0);
    }

    /**
     * The rule's parameters under the names the network and program files give them, in file order; empty for a rule
     * without any. Serialisers and descriptions walk this list and so never ask which rule they hold.
     */
    List<Parameter> parameters();

    /**
     * The rule of kind {@code kind} ({@link #kindName()}) with the parameters {@code in} gives under the names of
     * {@link #parameters()}, read in that order; null for a kind no rule has.
     */
    static LearningRule read(String kind, ParameterSource in) {
        switch (kind) {
            case "none": return new None();
            case "hebb": return new Hebb(in.real("eta"), in.real("decay"));
            case "oja": return new Oja(in.real("eta"));
            case "hard-wta": return new HardWta(in.real("eta"), in.choice("variant", HardWta.Variant.class));
            case "softhebb":
                return new SoftHebb(in.real("eta"), in.real("tau"), in.real("bias_eta"), in.real("adaptive_power"),
                        in.choice("scaling", UpdateScaling.class));
            case "soft-anti-hebb":
                return new SoftAntiHebb(in.real("eta"), in.real("tau"), in.real("power"), in.choice("scaling", UpdateScaling.class));
            case "stdp": {
                Stdp.Form form = in.choice("form", Stdp.Form.class);
                double etaPre = in.real("eta_pre");
                double etaPost = in.real("eta_post");
                double tauPre = in.real("tau_pre_ms");
                double tauPost = in.real("tau_post_ms");
                double tauPost2 = in.real("tau_post2_ms");
                double[] w = in.range("w");
                // absent in files written before the option existed: off
                return new Stdp(form, etaPre, etaPost, tauPre, tauPost, tauPost2, w[0], w[1], in.real("normalise_sum", 0));
            }
            default: return null;
        }
    }

    /** Where {@link #read} takes a rule's parameters from (a file's attributes, say). */
    interface ParameterSource {
        /** The number named {@code name}. */
        double real(String name);

        /** The number named {@code name}, or {@code absent} when the source lacks it (written before it existed). */
        double real(String name, double absent);

        /** The range named {@code name}: {low, high}. */
        double[] range(String name);

        /** The constant of {@code type} named {@code name}. */
        <E extends Enum<E>> E choice(String name, Class<E> type);
    }

    /** One parameter of a rule: a number, a range of two numbers, or a choice among an enum's constants. */
    sealed interface Parameter {
        /** The name in the network file's vocabulary ({@code eta}, {@code tau_pre_ms}, ...). */
        String name();

        /**
         * A number; {@code zeroIsOff}: 0 turns a feature off (a description may then leave it out, files still hold it).
         */
        record Real(String name, double value, boolean zeroIsOff) implements Parameter {
            public Real(String name, double value) { this(name, value, false); }
        }

        /** Two numbers; files hold them as {@code NAME_min} and {@code NAME_max}, a description as {@code NAME=[low,high]}. */
        record Range(String name, double low, double high) implements Parameter {}

        /** One constant of an enum; files and descriptions write it in lower case with hyphens. */
        record Choice(String name, Enum<?> value) implements Parameter {}
    }

    /**
     * How the rule learns from spike timing (STDP's traces and its updates on a pre or a post spike); null for a rule
     * that learns on spikes from rates (its pre-synaptic trace then decays with the run's trace time constant).
     */
    default SpikeTiming spikeTiming() { return null; }

    /**
     * Spike-timing dependence: trace time constants, the depression on a pre spike (w -= depression x post trace),
     * the potentiation on a post spike (w += potentiation x pre trace, x the second post trace when {@code triplet}),
     * and the weight bounds.
     */
    record SpikeTiming(double tauPreMs, double tauPostMs, double tauPost2Ms, double depression, double potentiation,
                       boolean triplet, double wMin, double wMax) {}

    /** No plasticity (inference only). */
    record None() implements LearningRule {
        public double eta() { return 0; }
        public boolean needsWeights() { return false; }
        public String kindName() { return "none"; }
        @Override public boolean learns() { return false; }
        public List<Parameter> parameters() { return List.of(); }
    }

    /** Classic Hebb dw = eta x y, with optional weight decay (dw -= eta*decay*w) to keep it bounded. */
    record Hebb(double eta, double decay) implements LearningRule {
        public boolean needsWeights() { return decay != 0; }
        public String kindName() { return "hebb"; }

        /** a_k = y_k, b_k = decay. */
        @Override public void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
            for (int k = 0; k < n; k++) {
                a[k] = y[k];
                b[k] = decay;
            }
        }

        public List<Parameter> parameters() { return List.of(new Parameter.Real("eta", eta), new Parameter.Real("decay", decay)); }
    }

    /** Oja: dw_k = eta y_k (x - y_k w_k), y_k = u_k. */
    record Oja(double eta) implements LearningRule {
        public boolean needsWeights() { return true; }
        public String kindName() { return "oja"; }
        @Override public boolean learnsWithoutPostSpike() { return true; }

        /** a_k = u_k, b_k = u_k^2. */
        @Override public void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
            for (int k = 0; k < n; k++) {
                a[k] = u[k];
                b[k] = u[k] * u[k];
            }
        }

        public List<Parameter> parameters() { return List.of(new Parameter.Real("eta", eta)); }
    }

    /** Hard WTA: only the winner learns, dw = eta (x - w) (INSTAR) or eta (x - u w) (SOFTHEBB_BASELINE). */
    record HardWta(double eta, Variant variant) implements LearningRule {
        public enum Variant { INSTAR, SOFTHEBB_BASELINE }
        public boolean needsWeights() { return true; }
        public String kindName() { return "hard-wta"; }
        @Override public boolean learnsWinnerOnly() { return true; }

        /** The winner (largest u, first on ties): a = 1, b = 1 (INSTAR) or u (SOFTHEBB_BASELINE); the others 0. */
        @Override public void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
            int win = PostFactors.argmax(u, n);
            Arrays.fill(a, 0, n, 0.0);
            Arrays.fill(b, 0, n, 0.0);
            a[win] = 1;
            b[win] = variant == Variant.INSTAR ? 1 : u[win];
        }

        public List<Parameter> parameters() {
            return List.of(new Parameter.Real("eta", eta), new Parameter.Choice("variant", variant));
        }
    }

    /**
     * SoftHebb (Moraitis et al.): y = softmax(u/tau), dw = eta y (x - u w); bias db = etaBias (y e^(-b/tau) - 1)
     * (the reference code's rule with the temperature folded in; b starts at tau ln(1/K)).
     * {@code adaptivePower} > 0 enables the norm-dependent rate eta_k = eta |‖w_k‖ - 1|^power.
     */
    record SoftHebb(double eta, double tau, double etaBias, double adaptivePower, UpdateScaling scaling)
            implements LearningRule {
        public boolean needsWeights() { return true; }
        public String kindName() { return "softhebb"; }
        @Override public boolean learnsFromSoftmax() { return true; }

        /** a_k = y_k, b_k = y_k u_k. */
        @Override public void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
            for (int k = 0; k < n; k++) {
                a[k] = y[k];
                b[k] = y[k] * u[k];
            }
        }

        public List<Parameter> parameters() {
            return List.of(new Parameter.Real("eta", eta), new Parameter.Real("tau", tau), new Parameter.Real("bias_eta", etaBias),
                    new Parameter.Real("adaptive_power", adaptivePower), new Parameter.Choice("scaling", scaling));
        }
    }

    /**
     * Soft anti-Hebbian with adaptive rate (Journé et al.): s = softmax(u/tau), y_k = +s_k for the winner, -s_k
     * otherwise; dw = eta_k y (x - u w), eta_k = eta0 |‖w_k‖ - 1|^power.
     */
    record SoftAntiHebb(double eta, double tau, double power, UpdateScaling scaling) implements LearningRule {
        public boolean needsWeights() { return true; }
        public String kindName() { return "soft-anti-hebb"; }
        @Override public boolean learnsFromSoftmax() { return true; }
        @Override public double adaptivePower() { return power; }

        /** y_k = +s_k for the winner (largest u, first on ties), -s_k otherwise; a_k = y_k, b_k = y_k u_k. */
        @Override public void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
            int win = PostFactors.argmax(u, n);
            for (int k = 0; k < n; k++) {
                double yk = k == win ? y[k] : -y[k];
                a[k] = yk;
                b[k] = yk * u[k];
            }
        }

        public List<Parameter> parameters() {
            return List.of(new Parameter.Real("eta", eta), new Parameter.Real("tau", tau), new Parameter.Real("power", power),
                    new Parameter.Choice("scaling", scaling));
        }
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
        public String kindName() { return "stdp"; }
        @Override public boolean learnsInRateMode() { return false; }
        @Override public double weightLow() { return wMin; }
        @Override public double weightHigh() { return wMax; }
        @Override public double spikeUpdateScale() { return 1.0; }
        @Override public int postTraces() { return form == Form.TRIPLET ? 2 : 1; }

        /** STDP learns on spikes (StdpEngine), never from rate-mode post factors. */
        @Override public void postFactors(double[] u, double[] y, int n, double[] a, double[] b) {
            throw new IllegalArgumentException("STDP is event driven; use StdpEngine");
        }

        public List<Parameter> parameters() {
            return List.of(new Parameter.Choice("form", form), new Parameter.Real("eta_pre", etaPre),
                    new Parameter.Real("eta_post", etaPost), new Parameter.Real("tau_pre_ms", tauPreMs),
                    new Parameter.Real("tau_post_ms", tauPostMs), new Parameter.Real("tau_post2_ms", tauPost2Ms),
                    new Parameter.Range("w", wMin, wMax), new Parameter.Real("normalise_sum", normaliseSum, true));
        }

        @Override public SpikeTiming spikeTiming() {
            return new SpikeTiming(tauPreMs, tauPostMs, tauPost2Ms, etaPre, etaPost, form == Form.TRIPLET, wMin, wMax);
        }
    }
}
