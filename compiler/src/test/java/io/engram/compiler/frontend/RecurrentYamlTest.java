package io.engram.compiler.frontend;

import io.engram.chip.program.LayerProgram;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code recurrent_from} in a network file: a dense layer's rows below its inputs take a layer's spikes of the step before. */
class RecurrentYamlTest {
    static final String HEAD = "name: n\ninput: { shape: [6] }\nlayers:\n";

    @Test
    void feedbackFromALaterLayerAddsItsNeuronsAsRowsAndIsRouted() {
        String yaml = HEAD + "  - { name: a, type: dense, units: 5, neuron: lif, recurrent_from: b }\n"
                + "  - { name: b, type: dense, units: 3, neuron: lif }\n";
        CompileResult r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(yaml, "rec.yaml")), TestChips.rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        LayerProgram a = r.program().layers().get(0);
        assertEquals("b", a.recurrentFrom());
        assertEquals(6 + 3, a.rows(), "6 inputs + b's 3 neurons");
        assertEquals(3, a.recurrentRows());
        // one tile each: b's owner sends its 3 neurons' spikes back to a's core
        assertEquals(1, r.report().recurrentRoutes().size());
        assertEquals(r.program().layers().get(1).tiles().get(0).core(), r.report().recurrentRoutes().get(0).srcCore());
        assertTrue(r.report().toMap().containsKey("recurrent_routes"));
    }

    @Test
    void aLayerRecurrentOnItselfOnOneTileNeedsNoRoute() {
        String yaml = HEAD + "  - { name: a, type: dense, units: 5, neuron: lif, recurrent_from: a }\n";
        CompileResult r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(yaml, "self.yaml")), TestChips.rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        assertEquals(11, r.program().layers().get(0).rows());
        assertTrue(r.report().recurrentRoutes().isEmpty(), "its spikes stay in its core");
        assertFalse(r.report().toMap().containsKey("recurrent_routes"), "no key without recurrent routes");
    }

    @Test
    void mistakesAreNamed() {
        SpecException e = assertThrows(SpecException.class, () -> NetworkYaml.parse(HEAD
                + "  - { name: a, type: dense, units: 5, neuron: lif, recurrent_from: nosuch }\n", "bad.yaml"));
        assertEquals("layers[0].recurrent_from", e.fieldPath());
        // an earlier layer is not a recurrence (spikes flow forward), and rate neurons cannot carry spikes
        String earlier = HEAD + "  - { name: a, type: dense, units: 5, neuron: lif }\n"
                + "  - { name: b, type: dense, units: 3, neuron: lif, recurrent_from: a }\n";
        CompileResult r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(earlier, "e.yaml")), TestChips.rram());
        assertTrue(r.has(DiagCode.E109), r.renderDiagnostics());
        assertTrue(r.renderDiagnostics().contains("comes before it"), r.renderDiagnostics());
        String rate = HEAD + "  - { name: a, type: dense, units: 5, recurrent_from: a }\n";
        r = TestChips.compile(NetworkSource.of(NetworkYaml.parse(rate, "r.yaml")), TestChips.rram());
        assertTrue(r.has(DiagCode.E109), r.renderDiagnostics());
    }
}
