package io.engram.compiler.frontend;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.emit.ProgramEquality;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.WeightScale;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkYamlTest {
    static final String EXAMPLE = String.join("\n",
            "name: softhebb-mnist",
            "input: { shape: [1, 28, 28] }",
            "layers:",
            "  - type: flatten",
            "  - name: hidden",
            "    type: dense",
            "    units: 2000",
            "    neuron: rate",
            "    activation: { kind: identity }",
            "    competition: { kind: softmax, temperature: 0.0833 }",
            "    rule: { kind: softhebb, eta: 0.045, bias_eta: 0.0, adaptive_power: 0.0, scaling: per-neuron }",
            "    init: { kind: uniform-positive, radius: 35 }",
            "    weight_scale: auto",
            "");

    @Test
    void readsTheDocumentedExample() {
        Network n = NetworkYaml.parse(EXAMPLE, "example.yaml");
        assertEquals("softhebb-mnist", n.name());
        assertEquals(new Shape(1, 28, 28), n.input());
        assertEquals("flatten0", n.layers().get(0).name());
        LayerSpec.Dense d = (LayerSpec.Dense) n.layers().get(1);
        assertEquals(2000, d.units());
        assertEquals(Competition.softmax(0.0833), d.config().competition());
        assertEquals(new LearningRule.SoftHebb(0.045, 0.0833, 0, 0, UpdateScaling.PER_NEURON), d.config().rule(),
                "tau defaults to the competition temperature");
        assertEquals(Init.uniformPositive(35), d.init());
        assertEquals(WeightScale.AUTO, d.weightScale());
        assertEquals("layers[1] `hidden`", d.origin());
        assertTrue(n.allowRowSplit());
    }

    @Test
    void readsEveryKind() {
        String y = String.join("\n",
                "name: kinds",
                "input: { shape: [2, 12, 12] }",
                "partition: { allow_row_split: false }",
                "layers:",
                "  - { name: c, type: conv2d, channels: 8, kernel: 3, stride: 1, padding: 1,",
                "      neuron: { kind: lif, decay: 0.8, threshold: 2, reset: subtract, refractory: 3, theta_plus: 0.05, theta_decay: 0.99 },",
                "      activation: { kind: triangle, power: 0.7 }, competition: { kind: k-wta, k: 2 },",
                "      rule: { kind: stdp, form: triplet, eta_pre: 0.0001, eta_post: 0.01, w_max: 2 }, weight_scale: 1.5 }",
                "  - { type: avgpool, kernel: 2 }",
                "  - { name: m, type: maxpool, kernel: 3, stride: 1 }",
                "  - { type: flatten }",
                "  - { name: a, type: dense, units: 5, activation: { kind: clamp, low: -1, high: 2 }, rule: { kind: hebb, eta: 0.1, decay: 0.01 } }",
                "  - { name: b, type: dense, units: 5, activation: relu, competition: hard-wta,",
                "      rule: { kind: hard-wta, eta: 0.2, variant: softhebb-baseline }, init: { kind: normal, radius: 2 } }",
                "  - { name: o, type: dense, units: 5, rule: { kind: oja, eta: 0.01 } }",
                "  - { name: s, type: dense, units: 5, competition: { kind: softmax, temperature: 0.5 },",
                "      rule: { kind: soft-anti-hebb, eta: 0.03, temperature: 0.5, power: 0.25, scaling: layer } }",
                "");
        Network n = NetworkYaml.parse(y, "kinds.yaml");
        assertFalse(n.allowRowSplit());
        LayerSpec.Conv2d c = (LayerSpec.Conv2d) n.layers().get(0);
        assertEquals(new NeuronModel.Lif(new LifParams(0.8, 2, LifParams.Reset.SUBTRACT, 0, 3, 0.05, 0.99)), c.config().neuron());
        assertEquals(Activation.triangle(0.7), c.config().activation());
        assertEquals(Competition.kWta(2), c.config().competition());
        assertEquals(new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 1e-4, 0.01, 20, 20, 40, 0, 2), c.config().rule());
        assertEquals(WeightScale.of(1.5), c.weightScale());
        LayerSpec.Pool p = (LayerSpec.Pool) n.layers().get(1);
        assertEquals(LayerKind.AVGPOOL, p.kind());
        assertEquals(2, p.stride(), "stride defaults to the kernel");
        assertEquals(1, ((LayerSpec.Pool) n.layers().get(2)).stride());
        assertEquals(Activation.clamp(-1, 2), ((LayerSpec.Dense) n.layers().get(4)).config().activation());
        assertEquals(new LearningRule.Hebb(0.1, 0.01), ((LayerSpec.Dense) n.layers().get(4)).config().rule());
        LayerSpec.Dense b = (LayerSpec.Dense) n.layers().get(5);
        assertEquals(Competition.hardWta(), b.config().competition());
        assertEquals(new LearningRule.HardWta(0.2, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE), b.config().rule());
        assertEquals(Init.normal(2), b.init());
        assertEquals(new LearningRule.Oja(0.01), ((LayerSpec.Dense) n.layers().get(6)).config().rule());
        assertEquals(new LearningRule.SoftAntiHebb(0.03, 0.5, 0.25, UpdateScaling.LAYER), ((LayerSpec.Dense) n.layers().get(7)).config().rule());
    }

    private static SpecException fail(String yaml) {
        return assertThrows(SpecException.class, () -> NetworkYaml.parse(yaml, "bad.yaml"));
    }

    @Test
    void mistakesNameFileFieldValueAndAllowedValues() {
        String head = "name: x\ninput: { shape: [4] }\nlayers:\n";
        SpecException e = fail(head + "  - { name: a, type: dense, units: 3, competition: { kind: softmax, temperature: 0 } }\n");
        assertEquals("bad.yaml", e.file());
        assertEquals("layers[0].competition.temperature", e.fieldPath());
        assertEquals("0", e.value());
        assertTrue(e.allowed().contains("allowed range"), e.allowed());

        e = fail(head + "  - { name: a, type: dense, units: 3, competiton: hard-wta }\n");
        assertEquals("layers[0].competiton", e.fieldPath());
        assertTrue(e.allowed().contains("unknown field"), e.allowed());

        e = fail(head + "  - { name: a, type: dense3, units: 3 }\n");
        assertEquals("layers[0].type", e.fieldPath());
        assertTrue(e.allowed().contains("dense, conv2d, maxpool, avgpool, flatten"), e.allowed());

        e = fail(head + "  - { name: a, type: dense, units: 3, rule: { kind: softhebb, eta: 0.1 } }\n");
        assertEquals("layers[0].rule.tau", e.fieldPath(), "softhebb without softmax needs tau");

        e = fail(head + "  - { name: a, type: dense, units: 0 }\n");
        assertEquals("layers[0].units", e.fieldPath());

        e = fail(head + "  - { name: a, type: dense, units: 3, weight_scale: big }\n");
        assertEquals("layers[0].weight_scale", e.fieldPath());

        e = fail(head + "  - { name: p, type: maxpool, kernel: 2, rule: none }\n");
        assertEquals("layers[0].rule", e.fieldPath(), "pooling layers take no rule");

        e = fail("name: x\ninput: { shape: [1, 2] }\nlayers: []\n");
        assertEquals("input.shape", e.fieldPath());

        e = fail(head + "  - { name: a, type: dense, units: 3, activation: { kind: clamp, low: 1, high: 0 } }\n");
        assertEquals("layers[0].activation.high", e.fieldPath());
    }

    @Test
    void builderAndYamlGiveTheSameProgram() {
        Network built = Network.builder("softhebb-mnist").input(1, 28, 28)
                .flatten("flatten0")
                .dense("hidden", 2000).competition(Competition.softmax(0.0833))
                .rule(new LearningRule.SoftHebb(0.045, 0.0833, 0, 0, UpdateScaling.PER_NEURON))
                .init(Init.uniformPositive(35))
                .build();
        var chip = TestChips.withMesh(TestChips.rram(), 16, 16);
        CompileOptions o = CompileOptions.defaults().withSeed(5);
        CompileResult a = new Compiler().compile(NetworkSource.of(built), chip, o);
        CompileResult b = new Compiler().compile(NetworkSource.of(NetworkYaml.parse(EXAMPLE, "example.yaml")), chip, o);
        assertTrue(a.ok() && b.ok());
        assertTrue(ProgramEquality.equal(a.program(), b.program()), ProgramEquality.difference(a.program(), b.program()));
    }

    @Test
    void builderModifiersNeedAWeightedLayer() {
        assertThrows(IllegalStateException.class, () -> Network.builder("x").input(4).flatten().rule(new LearningRule.Oja(0.1)));
        assertThrows(IllegalStateException.class, () -> Network.builder("x").dense("a", 3).build());
    }

    @Test
    void stdpNormaliseSumIsParsedAndRangeChecked() {
        String head = "name: x\ninput: { shape: [4] }\nlayers:\n";
        String lif = "neuron: { kind: lif, threshold: 1 }, ";
        Network n = NetworkYaml.parse(head + "  - { name: a, type: dense, units: 3, " + lif
                + "rule: { kind: stdp, eta_pre: 0.0001, eta_post: 0.01, normalise_sum: 78 } }\n", "ok.yaml");
        assertEquals(new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 1e-4, 0.01, 20, 20, 40, 0, 1, 78),
                ((LayerSpec.Dense) n.layers().get(0)).config().rule());
        n = NetworkYaml.parse(head + "  - { name: a, type: dense, units: 3, " + lif
                + "rule: { kind: stdp, eta_pre: 0.0001, eta_post: 0.01 } }\n", "ok.yaml");
        assertEquals(0, ((LearningRule.Stdp) ((LayerSpec.Dense) n.layers().get(0)).config().rule()).normaliseSum(), "default off");
        for (String bad : new String[] {"-1", "2e9", "big"}) {
            SpecException e = fail(head + "  - { name: a, type: dense, units: 3, " + lif
                    + "rule: { kind: stdp, eta_pre: 0.0001, eta_post: 0.01, normalise_sum: " + bad + " } }\n");
            assertEquals("layers[0].rule.normalise_sum", e.fieldPath(), bad);
            assertTrue(e.allowed().contains("[0, 1e9]") || e.allowed().contains("[0, 1000000000]"), e.allowed());
            assertTrue(e.getMessage().contains("normalise_sum"), e.getMessage());
        }
    }

    @Test
    void hardWtaInhibitionIsParsedAndRangeChecked() {
        String head = "name: x\ninput: { shape: [4] }\nlayers:\n";
        Network n = NetworkYaml.parse(head + "  - { name: a, type: dense, units: 3, "
                + "competition: { kind: hard-wta, inhibition: 19.8, inhibition_floor: -58.3 } }\n", "ok.yaml");
        assertEquals(Competition.hardWta(19.8, -58.3), ((LayerSpec.Dense) n.layers().get(0)).config().competition());
        SpecException e = fail(head + "  - { name: a, type: dense, units: 3, competition: { kind: hard-wta, inhibition: -1 } }\n");
        assertEquals("layers[0].competition.inhibition", e.fieldPath());
        e = fail(head + "  - { name: a, type: dense, units: 3, competition: { kind: hard-wta, inhibition: 5, inhibition_floor: 2 } }\n");
        assertEquals("layers[0].competition.inhibition_floor", e.fieldPath());
        e = fail(head + "  - { name: a, type: dense, units: 3, competition: { kind: hard-wta, inhibition: 5 } }\n");
        assertEquals("layers[0].competition.inhibition_floor", e.fieldPath(), "the floor is required with inhibition");
    }
}
