package io.engram.compiler.nir;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostic;
import io.engram.compiler.diag.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static io.engram.compiler.TestChips.compileFile;
import static io.engram.compiler.TestChips.resource;
import static io.engram.compiler.TestChips.rram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three real NIR exports in shared/nir (Norse, Sinabs, snnTorch) compile or get a precise diagnostic. */
class NirImportTest {
    @TempDir
    Path tmp;

    @Test
    void norseLifCompilesWithDiscretisedTimeConstant() {
        CompileResult r = compileFile("nir/lif_norse.nir", rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        LayerProgram l = r.program().layers().get(0);
        assertEquals("0", l.name());
        assertEquals(LayerKind.DENSE, l.kind());
        LifParams p = ((NeuronModel.Lif) l.neuron()).params();
        double tau = (float) 0.0025; // stored as float32 in the file
        double decay = Math.exp(-1e-4 / tau);
        assertEquals(decay, p.decay(), 1e-15);
        // NIR's Dirac spike adds R w / tau to v: the membrane is rescaled by 1/g, g = R / tau, threshold 0.1 tau / R
        assertEquals((float) 0.1 * tau, p.threshold(), 1e-15, "v_threshold tau / r");
        assertInstanceOf(LearningRule.None.class, l.rule());
        assertEquals(1.0f, l.weights()[0]);
        Diagnostic dt = r.withCode(DiagCode.N201).get(0);
        assertTrue(dt.message().contains("dt = 0.0001"), dt.message());
    }

    @Test
    void explicitTimeStepReplacesTheDefault() {
        CompileResult r = new Compiler().compile(NetworkSource.nir(resource("nir/lif_norse.nir")), rram(),
                CompileOptions.defaults().withNirDtSeconds(1e-3));
        assertFalse(r.has(DiagCode.N201));
        assertEquals(Math.exp(-1e-3 / (float) 0.0025), ((NeuronModel.Lif) r.program().layers().get(0).neuron()).params().decay(), 1e-12);
    }

    @Test
    void sinabsCnnCompilesToElevenTiles() {
        CompileResult r = compileFile("nir/cnn_sinabs.nir", rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        ChipProgram p = r.program();
        assertEquals(List.of("0", "2", "4", "5", "7", "8", "9", "11"),
                p.layers().stream().map(LayerProgram::name).collect(Collectors.toList()));
        assertEquals(List.of(LayerKind.CONV2D, LayerKind.CONV2D, LayerKind.AVGPOOL, LayerKind.CONV2D, LayerKind.AVGPOOL,
                LayerKind.FLATTEN, LayerKind.DENSE, LayerKind.DENSE),
                p.layers().stream().map(LayerProgram::kind).collect(Collectors.toList()));
        LayerProgram c0 = p.layers().get(0);
        assertEquals(50, c0.rows()); // 5 x 5 x 2
        assertEquals(16, c0.cols());
        assertEquals(2, c0.stride());
        assertEquals(1, c0.padding());
        assertEquals("16x16x16", c0.out().toString());
        assertEquals(256, c0.positions());
        assertEquals(11, p.coresUsed()); // 1 + 2 + 2 + 4 + 2
        assertEquals(List.of(1, 2, 2, 4, 2), p.layers().stream().filter(LayerProgram::hasWeights)
                .map(l -> l.tiles().size()).collect(Collectors.toList()));
        LifParams ifp = ((NeuronModel.Lif) c0.neuron()).params();
        assertEquals(1.0, ifp.decay(), "IF does not leak");
        assertEquals(1.0, ifp.threshold());
        assertEquals(List.of("NIR node `5` (Conv2d)", "NIR node `9` (Affine)"),
                r.withCode(DiagCode.N202).stream().map(d -> d.location().element()).collect(Collectors.toList()));
    }

    @Test
    void sinabsWeightsAreTransposedReorderedAndFolded() {
        Diagnostics d = new Diagnostics();
        NirGraph g = NirReader.read(resource("nir/cnn_sinabs.nir"), d);
        ChipProgram p = compileFile("nir/cnn_sinabs.nir", rram()).program();
        // conv 0: NIR weight [Cout=16][Cin=2][5][5]; our row = (c*5 + ky)*5 + kx, column = output channel
        double[] w0 = g.nodes().get("0").param("weight").values();
        LayerProgram c0 = p.layers().get(0);
        int o = 3, c = 1, ky = 2, kx = 4;
        assertEquals((float) w0[((o * 2 + c) * 5 + ky) * 5 + kx], c0.weights()[((c * 5 + ky) * 5 + kx) * 16 + o]);
        // conv 5 follows SumPool2d 4 (2x2): its weights carry the factor 4
        double[] w5 = g.nodes().get("5").param("weight").values();
        LayerProgram c5 = p.layers().get(3);
        assertEquals((float) (w5[((2 * 16 + 7) * 3 + 1) * 3 + 0] * 4), c5.weights()[((7 * 3 + 1) * 3 + 0) * 8 + 2]);
        // affine 11: NIR [out=10][in=256] -> rows = in, cols = out
        double[] w11 = g.nodes().get("11").param("weight").values();
        LayerProgram d11 = p.layers().get(7);
        assertEquals((float) w11[4 * 256 + 100], d11.weights()[100 * 10 + 4]);
    }

    @Test
    void overlayAttachesRulesByWeightedOrNeuronNodeName() {
        CompileResult r = new Compiler().compile(NetworkSource.nir(resource("nir/cnn_sinabs.nir"),
                resource("networks/overlay-sinabs.yaml")), rram(), CompileOptions.defaults());
        assertTrue(r.ok(), r.renderDiagnostics());
        LayerProgram l9 = r.program().layers().get(6);
        assertEquals(new LearningRule.Hebb(0.01, 0.001), l9.rule());
        assertEquals(Competition.kWta(5), l9.competition());
        assertEquals(new LearningRule.Oja(0.001), r.program().layers().get(7).rule());
        assertInstanceOf(LearningRule.None.class, r.program().layers().get(0).rule());
        // learning layer 11 is row-split (256 rows) but spiking: the chip sends no post traffic in spiking mode, and
        // the plan, built from the same traffic model, plans none
        assertTrue(r.program().routes().stream().noneMatch(x -> x.kind() == PacketKind.POST_BROADCAST && x.layer() == 7));
    }

    @Test
    void overlayMistakesAreReported() {
        CompileResult r = new Compiler().compile(NetworkSource.nir(resource("nir/lif_norse.nir"),
                resource("diag/overlay-bad.yaml")), rram(), CompileOptions.defaults());
        Diagnostic d = r.withCode(DiagCode.E100).get(0);
        assertTrue(d.render().contains("layers.0.rule.eta"), d.render());
    }

    @Test
    void scaleNodesAndPerNeuronParametersAreHandled() {
        Path f = new NirFiles()
                .node("in", "Input", "shape", new long[] {3})
                .node("s", "Scale", "scale", new float[] {1, 2, 3})
                .node("fc", "Linear", "weight", NirFiles.weight(2, 3))
                .node("lif", "LIF", "tau", new double[] {0.01, 0.03}, "r", new double[] {1, 1}, "v_leak", new double[] {0.5, 0.5},
                        "v_threshold", new double[] {1, 1})
                .node("out", "Output", "shape", new long[] {2})
                .edge("in", "s").edge("s", "fc").edge("fc", "lif").edge("lif", "out")
                .write(tmp.resolve("scaled.nir"), true);
        CompileResult r = TestChips.compile(NetworkSource.nir(f), rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        LayerProgram l = r.program().layers().get(0);
        // w[o][i] = (o+1)*0.1 + i*0.01, scaled by s[i]; our layout rows = in
        assertEquals((float) ((2 * 0.1 + 2 * 0.01) * 3), l.weights()[2 * 2 + 1], 1e-6);
        assertTrue(r.has(DiagCode.W201), "tau differs per neuron -> mean");
        double decay = Math.exp(-1e-4 / 0.02);
        assertEquals(decay, ((NeuronModel.Lif) l.neuron()).params().decay(), 1e-12);
        assertNotNull(l.bias());
        // v_leak held over a step adds v_leak (1 - decay) to v; rescaled by g = R / tau (Dirac), tau = 0.02 (the mean)
        assertEquals((float) (0.5 * (1 - decay) * 0.02), l.bias()[0], 1e-10, "v_leak (1 - decay) tau / r enters the bias");
    }
}
