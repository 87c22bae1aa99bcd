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

    /**
     * {@code kind(name=value ...)} over the rule's parameters; a choice in lower case, a range as {@code name=[low,high]},
     * a number whose 0 means off left out when it is 0; just the kind for a rule without parameters.
     */
    public static String rule(LearningRule r) {
        StringBuilder s = new StringBuilder(r.kindName());
        String sep = "(";
        for (LearningRule.Parameter p : r.parameters()) {
            String value;
            if (p instanceof LearningRule.Parameter.Real x) {
                if (x.zeroIsOff() && x.value() == 0) continue;
                value = Fmt.num(x.value());
            } else if (p instanceof LearningRule.Parameter.Range x) {
                value = "[" + Fmt.num(x.low()) + "," + Fmt.num(x.high()) + "]";
            } else {
                value = lower(((LearningRule.Parameter.Choice) p).value());
            }
            s.append(sep).append(p.name()).append('=').append(value);
            sep = " ";
        }
        return sep.equals(" ") ? s.append(')').toString() : s.toString();
    }
}
