package io.engram.chip.plasticity;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The properties each rule declares about itself: its post factors and its parameters. */
class LearningRuleTest {
    // three neurons, u = (0.5, 2, -1), y = (0.2, 0.7, 0.1): the winner (largest u) is neuron 1
    private static final double[] U = {0.5, 2, -1};
    private static final double[] Y = {0.2, 0.7, 0.1};

    private static double[][] factors(LearningRule r) {
        double[] a = {9, 9, 9, 9};
        double[] b = {9, 9, 9, 9}; // the fourth entry is past n and must stay untouched
        r.postFactors(U, Y, 3, a, b);
        return new double[][] {a, b};
    }

    @Test
    void postFactorsOfEachRuleByHand() {
        // Hebb: a = y, b = decay
        double[][] f = factors(new LearningRule.Hebb(0.1, 0.25));
        assertArrayEquals(new double[] {0.2, 0.7, 0.1, 9}, f[0]);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 9}, f[1]);
        // Oja: a = u, b = u^2 = (0.25, 4, 1)
        f = factors(new LearningRule.Oja(0.1));
        assertArrayEquals(new double[] {0.5, 2, -1, 9}, f[0]);
        assertArrayEquals(new double[] {0.25, 4, 1, 9}, f[1]);
        // hard WTA: only the winner (1): a = 1, b = 1 (instar) or u_1 = 2 (SoftHebb baseline)
        f = factors(new LearningRule.HardWta(0.1, LearningRule.HardWta.Variant.INSTAR));
        assertArrayEquals(new double[] {0, 1, 0, 9}, f[0]);
        assertArrayEquals(new double[] {0, 1, 0, 9}, f[1]);
        f = factors(new LearningRule.HardWta(0.1, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE));
        assertArrayEquals(new double[] {0, 2, 0, 9}, f[1]);
        // SoftHebb: a = y, b = y u = (0.1, 1.4, -0.1)
        f = factors(new LearningRule.SoftHebb(0.1, 1, 0, 0, UpdateScaling.NONE));
        assertArrayEquals(new double[] {0.2, 0.7, 0.1, 9}, f[0]);
        assertArrayEquals(new double[] {0.5 * 0.2, 0.7 * 2, 0.1 * -1, 9}, f[1]);
        // soft anti-Hebb: y = (-0.2, +0.7, -0.1) (winner positive), b = y u = (-0.1, 1.4, 0.1)
        f = factors(new LearningRule.SoftAntiHebb(0.1, 1, 1, UpdateScaling.NONE));
        assertArrayEquals(new double[] {-0.2, 0.7, -0.1, 9}, f[0]);
        assertArrayEquals(new double[] {-0.2 * 0.5, 0.7 * 2, -0.1 * -1, 9}, f[1]);
        // none: zeros; STDP learns on spikes and refuses
        f = factors(new LearningRule.None());
        assertArrayEquals(new double[] {0, 0, 0, 9}, f[0]);
        assertArrayEquals(new double[] {0, 0, 0, 9}, f[1]);
        assertThrows(IllegalArgumentException.class, () -> factors(stdp(0)));
    }

    private static LearningRule.Stdp stdp(double normaliseSum) {
        return new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 1e-4, 1e-2, 20, 20, 40, 0, 1, normaliseSum);
    }

    @Test
    void parametersNameEveryField() {
        assertEquals(List.of(), new LearningRule.None().parameters());
        assertEquals(List.of(new LearningRule.Parameter.Real("eta", 0.1), new LearningRule.Parameter.Real("decay", 0.25)),
                new LearningRule.Hebb(0.1, 0.25).parameters());
        assertEquals(List.of(new LearningRule.Parameter.Real("eta", 0.05),
                        new LearningRule.Parameter.Choice("variant", LearningRule.HardWta.Variant.INSTAR)),
                new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR).parameters());
        assertEquals(List.of(new LearningRule.Parameter.Real("eta", 0.045), new LearningRule.Parameter.Real("tau", 0.1),
                        new LearningRule.Parameter.Real("bias_eta", 0.01), new LearningRule.Parameter.Real("adaptive_power", 0.5),
                        new LearningRule.Parameter.Choice("scaling", UpdateScaling.PER_NEURON)),
                new LearningRule.SoftHebb(0.045, 0.1, 0.01, 0.5, UpdateScaling.PER_NEURON).parameters());
        assertEquals(List.of(new LearningRule.Parameter.Real("eta", 0.01), new LearningRule.Parameter.Real("tau", 0.5),
                        new LearningRule.Parameter.Real("power", 0.75), new LearningRule.Parameter.Choice("scaling", UpdateScaling.LAYER)),
                new LearningRule.SoftAntiHebb(0.01, 0.5, 0.75, UpdateScaling.LAYER).parameters());
        assertEquals(List.of(new LearningRule.Parameter.Choice("form", LearningRule.Stdp.Form.TRIPLET),
                        new LearningRule.Parameter.Real("eta_pre", 1e-4), new LearningRule.Parameter.Real("eta_post", 1e-2),
                        new LearningRule.Parameter.Real("tau_pre_ms", 20), new LearningRule.Parameter.Real("tau_post_ms", 20),
                        new LearningRule.Parameter.Real("tau_post2_ms", 40), new LearningRule.Parameter.Range("w", 0, 1),
                        new LearningRule.Parameter.Real("normalise_sum", 78, true)),
                stdp(78).parameters());
    }

    /** A source that answers from a rule's own parameters, minus the names in {@code missing}. */
    private static LearningRule.ParameterSource from(LearningRule rule, String... missing) {
        Map<String, LearningRule.Parameter> byName = new HashMap<>();
        for (LearningRule.Parameter p : rule.parameters()) byName.put(p.name(), p);
        for (String m : missing) byName.remove(m);
        return new LearningRule.ParameterSource() {
            @Override
            public double real(String name) { return ((LearningRule.Parameter.Real) byName.get(name)).value(); }

            @Override
            public double real(String name, double absent) { return byName.containsKey(name) ? real(name) : absent; }

            @Override
            public double[] range(String name) {
                LearningRule.Parameter.Range r = (LearningRule.Parameter.Range) byName.get(name);
                return new double[] {r.low(), r.high()};
            }

            @Override
            public <E extends Enum<E>> E choice(String name, Class<E> type) {
                return type.cast(((LearningRule.Parameter.Choice) byName.get(name)).value());
            }
        };
    }

    @Test
    void everyRuleReadsBackFromItsParameters() {
        List<LearningRule> rules = List.of(new LearningRule.None(), new LearningRule.Hebb(0.1, 0.25), new LearningRule.Oja(0.05),
                new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE),
                new LearningRule.SoftHebb(0.045, 0.1, 0.01, 0.5, UpdateScaling.PER_NEURON),
                new LearningRule.SoftAntiHebb(0.01, 0.5, 0.75, UpdateScaling.LAYER), stdp(78));
        for (LearningRule r : rules) assertEquals(r, LearningRule.read(r.kindName(), from(r)), r.kindName());
        // a file written before normalise_sum existed: off
        assertEquals(stdp(0), LearningRule.read("stdp", from(stdp(78), "normalise_sum")));
        assertNull(LearningRule.read("bcm", from(new LearningRule.None())));
    }
}
