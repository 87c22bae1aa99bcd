package io.engram.compiler.ir;

import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one-line rule forms of IR dumps, written out by hand from the YAML vocabulary. */
class DescribeTest {
    @Test
    void ruleForms() {
        assertEquals("none", Describe.rule(new LearningRule.None()));
        assertEquals("hebb(eta=0.01 decay=0.001)", Describe.rule(new LearningRule.Hebb(0.01, 0.001)));
        assertEquals("oja(eta=0.05)", Describe.rule(new LearningRule.Oja(0.05)));
        assertEquals("hard-wta(eta=0.05 variant=softhebb-baseline)",
                Describe.rule(new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE)));
        assertEquals("softhebb(eta=0.045 tau=0.1 bias_eta=0.01 adaptive_power=0.5 scaling=per-neuron)",
                Describe.rule(new LearningRule.SoftHebb(0.045, 0.1, 0.01, 0.5, UpdateScaling.PER_NEURON)));
        assertEquals("soft-anti-hebb(eta=0.01 tau=0.5 power=0.5 scaling=layer)",
                Describe.rule(new LearningRule.SoftAntiHebb(0.01, 0.5, 0.5, UpdateScaling.LAYER)));
        // the weight bounds as one range; normalise_sum left out when 0 (off), shown otherwise
        assertEquals("stdp(form=pair eta_pre=0.0001 eta_post=0.01 tau_pre_ms=20 tau_post_ms=20 tau_post2_ms=40 w=[0,1])",
                Describe.rule(new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 1e-4, 1e-2, 20, 20, 40, 0, 1)));
        assertEquals("stdp(form=triplet eta_pre=0.0001 eta_post=0.01 tau_pre_ms=20 tau_post_ms=20 tau_post2_ms=40 w=[0,1]"
                        + " normalise_sum=78)",
                Describe.rule(new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 1e-4, 1e-2, 20, 20, 40, 0, 1, 78)));
    }
}
