package io.engram.compiler.nir;

import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance of the NIR LIF neuron with the exact solution of its equation, tau dv/dt = (v_leak - v) + R I, for the
 * paper's test neuron: tau = 2.5 ms, R = 1, v_leak = 0, v_threshold = 0.1, 1,000 steps of dt = 0.1 ms, driven by a
 * fixed spike pattern through a 1x1 Linear. The chip runs the compiled graph on an ideal device; the references are
 * computed here from the closed-form solution, not by stepping the chip's recursion v <- decay v + g w x:
 * <ul>
 *   <li>Dirac spikes (the NIR specification): between events v(t) = v(t_e) exp(-(t - t_e) / tau); an input spike at
 *   t_k = k dt adds R w / tau at once. v only rises at an input spike, so the neuron can only cross threshold then,
 *   exactly at t_k: the exact spike times are steps, and the chip must reproduce them step for step.</li>
 *   <li>Held spikes (1 held over [t_k, t_k + dt), Norse's reading), sampled at step ends: v(t) is the convolution of
 *   the input with the kernel (R / tau) exp(-s / tau); a held unit over [a, b) contributes
 *   R (exp(-(t - b) / tau) - exp(-(t - a) / tau)) at t >= b. Threshold checked at step ends, as the chip does.</li>
 * </ul>
 */
class NirLifConformanceTest {
    static final double TAU = 0.0025, R = 1, V_TH = 0.1, DT = 1e-4;
    static final int STEPS = 1000;

    @TempDir
    Path tmp;

    /** The input pattern: a deterministic irregular train, about one step in three on, with two silent stretches. */
    static boolean input(int step) {
        if (step >= 300 && step < 380) return false;
        if (step >= 700 && step < 720) return false;
        return (step * 7919L) % 13 < 4;
    }

    private Path graph(double weight) {
        return new NirFiles()
                .node("in", "Input", "shape", new long[] {1})
                .node("w", "Linear", "weight", new double[][] {{weight}})
                .node("lif", "LIF", "tau", new double[] {TAU}, "r", new double[] {R}, "v_leak", new double[] {0},
                        "v_threshold", new double[] {V_TH})
                .node("out", "Output", "shape", new long[] {1})
                .edge("in", "w").edge("w", "lif").edge("lif", "out")
                .write(tmp.resolve("lif-" + weight + ".nir"), false);
    }

    private static boolean[] chipSpikes(Path nir, NirSemantics sem, double[] vOut) {
        CompileResult r = new Compiler().compile(NetworkSource.nir(nir), TestChips.idealRram(),
                CompileOptions.defaults().withNirDtSeconds(DT).withNirSemantics(sem));
        assertTrue(r.ok(), r.renderDiagnostics());
        ChipProgram p = r.program();
        boolean[] out = new boolean[STEPS];
        try (Chip chip = new Chip(TestChips.idealRram(), 1)) {
            chip.load(p);
            chip.runSpiking((s, x) -> x[0] = input(s) ? 1f : 0f, STEPS, DT * 1000, 20, 0, null,
                    (s, layer, spikes, v) -> {
                        out[s] = spikes[0] != 0;
                        if (vOut != null) vOut[s] = v[0];
                    });
        }
        return out;
    }

    /** Exact event-driven solution with Dirac input of weight w: spike steps; margin[0] = min |v - threshold| at events. */
    static boolean[] exactDirac(double w, boolean subtract, double[] margin) {
        boolean[] s = new boolean[STEPS];
        double vLast = 0, tLast = 0;
        margin[0] = Double.MAX_VALUE;
        for (int k = 0; k < STEPS; k++) {
            if (!input(k)) continue;
            double t = k * DT;
            double v = vLast * Math.exp(-(t - tLast) / TAU) + R * w / TAU;
            margin[0] = Math.min(margin[0], Math.abs(v - V_TH));
            if (v >= V_TH) {
                s[k] = true;
                v = subtract ? v - V_TH : 0;
            }
            vLast = v;
            tLast = t;
        }
        return s;
    }

    /** Exact solution with held input of weight w, sampled at step ends; reset to 0 restarts the convolution. */
    static boolean[] exactHeld(double w, double[] margin) {
        boolean[] s = new boolean[STEPS];
        List<Integer> since = new ArrayList<>(); // input steps since the last reset
        margin[0] = Double.MAX_VALUE;
        for (int n = 0; n < STEPS; n++) {
            if (input(n)) since.add(n);
            double tEnd = (n + 1) * DT;
            double v = 0;
            for (int k : since) v += R * w * (Math.exp(-(tEnd - (k + 1) * DT) / TAU) - Math.exp(-(tEnd - k * DT) / TAU));
            margin[0] = Math.min(margin[0], Math.abs(v - V_TH));
            if (v >= V_TH) {
                s[n] = true;
                since.clear();
            }
        }
        return s;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) if (x) n++;
        return n;
    }

    @Test
    void diracSpikesMatchTheExactSolutionStepForStep() {
        // w = 1e-4: each input spike lifts v by R w / tau = 0.04, a third of the threshold
        double w = 1e-4;
        double[] margin = new double[1];
        boolean[] exact = exactDirac(w, false, margin);
        assertTrue(margin[0] > 1e-9, "no event lands within rounding of the threshold: " + margin[0]);
        boolean[] chip = chipSpikes(graph(w), NirSemantics.specification(), null);
        assertTrue(count(exact) > 50, "the pattern makes the neuron fire often: " + count(exact));
        for (int k = 0; k < STEPS; k++) assertEquals(exact[k], chip[k], "step " + k);
    }

    @Test
    void subtractiveResetMatchesToo() {
        // w = 1.5e-4: a jump of 0.06, so a crossing overshoots by up to 0.02, which subtraction keeps
        double w = 1.5e-4;
        double[] margin = new double[1];
        boolean[] toZero = exactDirac(w, false, margin);
        boolean[] exact = exactDirac(w, true, margin);
        assertTrue(margin[0] > 1e-9, "margin " + margin[0]);
        boolean[] chip = chipSpikes(graph(w), NirSemantics.specification().withReset(NirSemantics.Reset.SUBTRACT), null);
        assertTrue(!java.util.Arrays.equals(toZero, exact), "the two resets give different spike trains");
        for (int k = 0; k < STEPS; k++) assertEquals(exact[k], chip[k], "step " + k);
    }

    @Test
    void heldSpikesOnNorsesExportMatchTheSampledExactSolution() {
        // lif_norse.nir: Linear weight 1, LIF tau 2.5 ms, r 1, v_threshold 0.1 (float32); a held unit adds 1 - e^-0.04
        Path norse = TestChips.resource("nir/lif_norse.nir");
        double[] margin = new double[1];
        boolean[] exact = exactHeld(1, margin);
        assertTrue(margin[0] > 1e-6, "margin " + margin[0]);
        double[] v = new double[STEPS];
        boolean[] chip = chipSpikes(norse, NirSemantics.specification().withSpike(NirSemantics.Spike.HELD), v);
        assertTrue(count(exact) > 50, "spikes " + count(exact));
        for (int k = 0; k < STEPS; k++) assertEquals(exact[k], chip[k], "step " + k);
    }

    @Test
    void conventionsSetDecayGainAndReset() {
        Path f = graph(1);
        double[] expectDecay = {Math.exp(-DT / TAU), 1 - DT / TAU};
        // threshold = v_threshold / g; Dirac g = R / tau, held exact g = R (1 - e^{-dt/tau}), held Euler g = R dt / tau
        NirSemantics[] sems = {NirSemantics.specification(),
                NirSemantics.specification().withSpike(NirSemantics.Spike.HELD),
                NirSemantics.specification().withSpike(NirSemantics.Spike.HELD).withDiscretisation(NirSemantics.Discretisation.EULER)};
        double[] expectTh = {V_TH * TAU / R, V_TH / (R * (1 - Math.exp(-DT / TAU))), V_TH * TAU / (R * DT)};
        for (int i = 0; i < sems.length; i++) {
            CompileResult r = new Compiler().compile(NetworkSource.nir(f), TestChips.rram(),
                    CompileOptions.defaults().withNirDtSeconds(DT).withNirSemantics(sems[i]));
            LifParams p = ((NeuronModel.Lif) r.program().layers().get(0).neuron()).params();
            assertEquals(expectDecay[i == 2 ? 1 : 0], p.decay(), 1e-15, sems[i].toString());
            assertEquals(expectTh[i], p.threshold(), 1e-12 * expectTh[i], sems[i].toString());
            assertEquals(LifParams.Reset.ZERO, p.reset());
        }
    }
}
