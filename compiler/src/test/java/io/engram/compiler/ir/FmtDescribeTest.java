package io.engram.compiler.ir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text forms dumps and reports are built from: exact, locale-independent, in the YAML vocabulary. */
class FmtDescribeTest {
    @Test
    void numbersAreShortestForRoundValuesAndFourSignificantDigitsOtherwise() {
        assertEquals("3", Fmt.num(3.0));
        assertEquals("-12", Fmt.num(-12.0));
        assertEquals("0", Fmt.num(0.0));
        assertEquals("0.1", Fmt.num(0.1));          // %.4g = 0.1000, trailing zeros dropped
        assertEquals("0.08333", Fmt.num(1 / 12.0));  // 4 significant digits
        assertEquals("2.5", Fmt.num(2.5));
        assertEquals("1e-05", Fmt.num(1e-5));        // %.4g = 1.000e-05, mantissa zeros dropped
        assertEquals("1.235e+05", Fmt.num(123456.7));
        assertEquals("999999999999999", Fmt.num(999999999999999.0)); // integers below 1e15 print whole
        assertEquals("1e+15", Fmt.num(1e15));                         // from 1e15 on, four significant digits
        assertEquals("nan", Fmt.num(Double.NaN));
        assertEquals("-inf", Fmt.num(Double.NEGATIVE_INFINITY));
        assertEquals("65,536", Fmt.count(65536));
        assertEquals("42.7%", Fmt.pct(0.4271));
    }

    @Test
    void numbersDoNotFollowTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma, dot as thousands separator
            assertEquals("0.08333", Fmt.num(1 / 12.0));
            assertEquals("65,536", Fmt.count(65536));
            assertEquals("1.50", Fmt.f("%.2f", 1.5));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void neuronsActivationsCompetitionsAndRulesInTheYamlVocabulary() {
        assertEquals("per-neuron", Describe.lower(UpdateScaling.PER_NEURON));
        assertEquals("triangle(power=2)", Describe.activation(Activation.triangle(2)));
        assertEquals("clamp(-1..0.5)", Describe.activation(Activation.clamp(-1, 0.5)));
        assertEquals("relu", Describe.activation(Activation.relu()));
        assertEquals("k-wta(k=3)", Describe.competition(Competition.kWta(3)));
        assertEquals("softmax(temperature=0.08333)", Describe.competition(Competition.softmax(1 / 12.0)));
        assertEquals("hard-wta", Describe.competition(Competition.hardWta()));
        assertEquals("none", Describe.competition(Competition.none()));
        assertEquals("none", Describe.rule(new LearningRule.None()));
        assertEquals("softhebb(eta=0.045 tau=0.08333 bias_eta=0 adaptive_power=0 scaling=per-neuron)",
                Describe.rule(new LearningRule.SoftHebb(0.045, 1 / 12.0, 0, 0, UpdateScaling.PER_NEURON)));
        assertEquals("hebb(eta=0.01 decay=0.5)", Describe.rule(new LearningRule.Hebb(0.01, 0.5)));
        assertEquals("oja(eta=0.2)", Describe.rule(new LearningRule.Oja(0.2)));
        assertEquals("stdp(form=pair eta_pre=0.001 eta_post=0.01 tau_pre_ms=20 tau_post_ms=20 tau_post2_ms=0 w=[0,1])",
                Describe.rule(new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.001, 0.01, 20, 20, 0, 0, 1)));
        assertEquals("rate", Describe.neuron(new io.engram.chip.neuron.NeuronModel.Rate()));
    }
}
