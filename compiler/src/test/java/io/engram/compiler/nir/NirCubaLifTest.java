package io.engram.compiler.nir;

import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CubaLIF keeps its synaptic current; nested NIR graphs are flattened on import. */
class NirCubaLifTest {
    // the braille network's first layer: tau_syn 0.222 ms, tau_mem 1 ms, R 10, w_in 2.22, v_threshold 1
    static final double TS = 2.2222222e-4, TM = 1e-3, R = 10, W_IN = 2.2222222, V_TH = 1, DT = 1e-4;
    static final int STEPS = 1000;

    @TempDir
    Path tmp;

    private Path graph(double w) {
        return new NirFiles()
                .node("in", "Input", "shape", new long[] {1})
                .node("w", "Linear", "weight", new double[][] {{w}})
                .node("lif", "CubaLIF", "tau_syn", new double[] {TS}, "tau_mem", new double[] {TM}, "r", new double[] {R},
                        "w_in", new double[] {W_IN}, "v_leak", new double[] {0}, "v_threshold", new double[] {V_TH})
                .node("out", "Output", "shape", new long[] {1})
                .edge("in", "w").edge("w", "lif").edge("lif", "out")
                .write(tmp.resolve("cuba.nir"), false);
    }

    /**
     * Exact CubaLIF with Dirac input, sampled at every step: from the last sample, over D = t - t_last,
     * I(t) = I e^{-D/ts} and v(t) = v e^{-D/tm} + R I ts / (ts - tm) (e^{-D/ts} - e^{-D/tm}) (the solution of
     * tm dv/dt = -v + R I with I decaying from I); an input spike then adds w_in w / ts to I (v is continuous).
     */
    static boolean[] exact(double w, double[] margin) {
        boolean[] s = new boolean[STEPS];
        double v = 0, i = 0, tLast = 0;
        margin[0] = Double.MAX_VALUE;
        for (int k = 0; k < STEPS; k++) {
            double t = k * DT, d = t - tLast;
            v = v * Math.exp(-d / TM) + R * i * TS / (TS - TM) * (Math.exp(-d / TS) - Math.exp(-d / TM));
            i = i * Math.exp(-d / TS);
            tLast = t;
            if (NirLifConformanceTest.input(k)) i += W_IN * w / TS;
            margin[0] = Math.min(margin[0], Math.abs(v - V_TH));
            if (v >= V_TH) {
                s[k] = true;
                v = 0;
            }
        }
        return s;
    }

    @Test
    void synapticCurrentIsKeptAndMatchesTheExactSolution() {
        double w = 3e-5; // a spike adds w_in w / ts = 0.3 to I; a few close spikes make the neuron fire
        CompileResult r = new Compiler().compile(NetworkSource.nir(graph(w)), TestChips.idealRram(),
                CompileOptions.defaults().withNirDtSeconds(DT));
        assertTrue(r.ok(), r.renderDiagnostics());
        assertFalse(r.has(DiagCode.W201), "nothing dropped: " + r.renderDiagnostics());
        LayerProgram l = r.program().layers().get(0);
        NeuronModel.Synapse syn = ((NeuronModel.Lif) l.neuron()).synapse();
        assertNotNull(syn);
        assertEquals(Math.exp(-DT / TS), syn.decay(), 1e-15);
        assertEquals(0, syn.direct(), "Dirac input reaches v only through I");
        double[] margin = new double[1];
        boolean[] ref = exact(w, margin);
        assertTrue(margin[0] > 1e-6, "margin " + margin[0]);
        int n = 0;
        boolean[] chip = new boolean[STEPS];
        ChipProgram p = r.program();
        try (Chip c = new Chip(TestChips.idealRram(), 1)) {
            c.load(p);
            c.runSpiking((s, x) -> x[0] = NirLifConformanceTest.input(s) ? 1f : 0f, STEPS, DT * 1000, 20, 0, null,
                    (s, layer, spikes, v) -> chip[s] = spikes[0] != 0);
        }
        for (int k = 0; k < STEPS; k++) {
            assertEquals(ref[k], chip[k], "step " + k);
            if (ref[k]) n++;
        }
        assertTrue(n > 100, "the neuron fires often enough to test: " + n);
    }

    @Test
    void nestedSubgraphsAreFlattenedIntoTheSameGraph() {
        Diagnostics2 flat = new Diagnostics2("nir/braille_noDelay_noBias_subtract.nir");
        Diagnostics2 nested = new Diagnostics2("nir/braille_noDelay_noBias_subtract_subgraph.nir");
        io.engram.compiler.diag.Diagnostics d = new io.engram.compiler.diag.Diagnostics();
        NirGraph g = NirFlattener.flatten(nested.graph, new NirReport(d, "x"));
        // the file's inner edges name `lif` for the node `lif1`: resolved with a warning
        assertEquals(1, d.all().size(), "one W201 for the name `lif`: " + d.all());
        assertTrue(d.all().get(0).message().contains("taken as `lif1`"), d.all().get(0).message());
        // lif1 = {input, lif1 (CubaLIF), lin (Linear), output}: its ports are dropped, the rest renamed lif1.*
        assertEquals(java.util.Set.of("input", "fc1", "lif1.lif1", "lif1.lin", "fc2", "lif2", "output"), g.nodes().keySet());
        assertTrue(g.edges().contains(new NirGraph.Edge("fc1", "lif1.lif1")));
        assertTrue(g.edges().contains(new NirGraph.Edge("lif1.lif1", "lif1.lin")));
        assertTrue(g.edges().contains(new NirGraph.Edge("lif1.lin", "lif1.lif1")));
        assertTrue(g.edges().contains(new NirGraph.Edge("lif1.lif1", "fc2")));
        assertEquals(flat.graph.edges().size(), g.edges().size());
        // same parameters as the flat file's recurrent weight
        assertEquals(flat.graph.nodes().values().stream().filter(n -> n.name().contains("lin") || n.name().contains("rec"))
                .findFirst().orElseThrow().param("weight").size(), g.nodes().get("lif1.lin").param("weight").size());
    }

    /** A graph read from the test resources. */
    private static final class Diagnostics2 {
        final NirGraph graph;

        Diagnostics2(String resource) {
            io.engram.compiler.diag.Diagnostics d = new io.engram.compiler.diag.Diagnostics();
            graph = NirReader.read(TestChips.resource(resource), d);
            assertNotNull(graph, d.toString());
        }
    }
}
