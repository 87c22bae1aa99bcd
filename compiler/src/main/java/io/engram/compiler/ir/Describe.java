package io.engram.compiler.ir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;

import java.util.Locale;

/** One-line text forms of neuron models, activations, competitions and rules, in the YAML vocabulary. */
public final class Describe {
    private Describe() {}

    public static String lower(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static String neuron(NeuronModel n) {
        if (n instanceof NeuronModel.Lif l) {
            LifParams p = l.params();
            return "lif(decay=" + Fmt.num(p.decay()) + " threshold=" + Fmt.num(p.threshold()) + " reset=" + lower(p.reset())
                    + (p.resetValue() != 0 ? " reset_value=" + Fmt.num(p.resetValue()) : "")
                    + (p.refractorySteps() != 0 ? " refractory=" + p.refractorySteps() : "")
                    + (p.thetaPlus() != 0 ? " theta_plus=" + Fmt.num(p.thetaPlus()) + " theta_decay=" + Fmt.num(p.thetaDecay()) : "")
                    + (l.synapse() != null ? " synapse_decay=" + Fmt.num(l.synapse().decay()) + " synapse_direct="
                    + Fmt.num(l.synapse().direct()) : "")
                    + ")";
        }
        return "rate";
    }

    public static String activation(Activation a) {
        switch (a.kind()) {
            case TRIANGLE: return "triangle(power=" + Fmt.num(a.power()) + ")";
            case CLAMP: return "clamp(" + Fmt.num(a.clampLow()) + ".." + Fmt.num(a.clampHigh()) + ")";
            default: return lower(a.kind());
        }
    }

    public static String competition(Competition c) {
        switch (c.kind()) {
            case K_WTA: return "k-wta(k=" + c.k() + ")";
            case SOFTMAX: return "softmax(temperature=" + Fmt.num(c.temperature()) + ")";
            case HARD_WTA:
                return c.inhibition() > 0 ? "hard-wta(inhibition=" + Fmt.num(c.inhibition()) + " inhibition_floor="
                        + Fmt.num(c.inhibitionFloor()) + ")" : "hard-wta";
            default: return lower(c.kind());
        }
    }

    public static String ruleKind(LearningRule r) {
        return r.kindName();
    }

    public static String rule(LearningRule r) {
        if (r instanceof LearningRule.None) return "none";
        if (r instanceof LearningRule.Hebb h) return "hebb(eta=" + Fmt.num(h.eta()) + " decay=" + Fmt.num(h.decay()) + ")";
        if (r instanceof LearningRule.Oja o) return "oja(eta=" + Fmt.num(o.eta()) + ")";
        if (r instanceof LearningRule.HardWta h) return "hard-wta(eta=" + Fmt.num(h.eta()) + " variant=" + lower(h.variant()) + ")";
        if (r instanceof LearningRule.SoftHebb s) {
            return "softhebb(eta=" + Fmt.num(s.eta()) + " tau=" + Fmt.num(s.tau()) + " bias_eta=" + Fmt.num(s.etaBias())
                    + " adaptive_power=" + Fmt.num(s.adaptivePower()) + " scaling=" + lower(s.scaling()) + ")";
        }
        if (r instanceof LearningRule.SoftAntiHebb s) {
            return "soft-anti-hebb(eta=" + Fmt.num(s.eta()) + " tau=" + Fmt.num(s.tau()) + " power=" + Fmt.num(s.power())
                    + " scaling=" + lower(s.scaling()) + ")";
        }
        LearningRule.Stdp s = (LearningRule.Stdp) r;
        return "stdp(form=" + lower(s.form()) + " eta_pre=" + Fmt.num(s.etaPre()) + " eta_post=" + Fmt.num(s.etaPost())
                + " tau_pre_ms=" + Fmt.num(s.tauPreMs()) + " tau_post_ms=" + Fmt.num(s.tauPostMs())
                + " tau_post2_ms=" + Fmt.num(s.tauPost2Ms()) + " w=[" + Fmt.num(s.wMin()) + "," + Fmt.num(s.wMax()) + "]"
                + (s.normaliseSum() > 0 ? " normalise_sum=" + Fmt.num(s.normaliseSum()) : "") + ")";
    }
}
