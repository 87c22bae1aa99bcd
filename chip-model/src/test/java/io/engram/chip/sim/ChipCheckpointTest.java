package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.PlasticitySpec;
import io.engram.chip.spec.SmallUpdatePolicy;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A chip that runs N samples, is checkpointed, restored into a fresh chip and runs M more ends exactly (outputs,
 * weights, bias, counters, core states, cell write counts, NoC totals, clocks) where a chip that ran N + M samples
 * straight ends. Uses the noisy rram-22nm device (read noise, write noise, stochastic rounding all drawn) with a layer
 * split over 12 cores, SoftHebb with a learned bias, a learning-rate schedule and a mini-batch open at the checkpoint.
 */
class ChipCheckpointTest {
    private static final int IN = 40;
    private static final int OUT = 30;

    private static ChipSpec chipSpec(SmallUpdatePolicy policy) {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        PlasticitySpec p = base.core().plasticity();
        return base.withCore(base.core().withCrossbar(new CrossbarSpec(16, 16, 2, 16))
                .withPlasticity(new PlasticitySpec(p.lanes(), p.writeParallelism(), policy, p.writeVerify(),
                        p.verifyMaxIterations(), p.verifyTolerance())));
    }

    private static ChipProgram rateProgram(ChipSpec chip) {
        float[] w = TestPrograms.randomWeights(IN * OUT, 0.4, 3, false);
        var rule = new LearningRule.SoftHebb(0.05, 0.2, 0.01, 0.5, UpdateScaling.PER_NEURON);
        return TestPrograms.program(chip, TestPrograms.dense(chip, "l", IN, OUT, rule, Competition.softmax(0.2), w,
                null, 1.0));
    }

    private static float[][] inputs(int n) {
        float[][] xs = new float[n][IN];
        SplittableRandom r = new SplittableRandom(8);
        for (float[] x : xs) for (int i = 0; i < IN; i++) x[i] = (float) r.nextDouble();
        return xs;
    }

    /** Sample s of a run with mini-batches of 4 and a linear learning-rate decay. */
    private static float[] step(Chip c, float[][] xs, int s) {
        c.setRateScale(0, 1.0 - (double) s / xs.length);
        if (s % 4 == 0) c.beginBatch(0);
        float[] out = c.run(xs[s], 0, new boolean[]{true});
        if (s % 4 == 3) c.endBatch(0);
        return out;
    }

    @Test
    void restoredChipContinuesBitIdenticallyInRateMode() {
        for (SmallUpdatePolicy policy : new SmallUpdatePolicy[]{SmallUpdatePolicy.STOCHASTIC_ROUNDING,
                SmallUpdatePolicy.ACCUMULATE}) {
            ChipSpec spec = chipSpec(policy);
            ChipProgram prog = rateProgram(spec);
            float[][] xs = inputs(22);
            int n = 9; // a mini-batch of 4 is open at the checkpoint (samples 8..11)
            Chip straight = new Chip(spec, 99, CycleNocInterconnect::new, 2);
            straight.load(prog);
            float[][] outA = new float[xs.length][];
            ChipState mid = null;
            for (int s = 0; s < xs.length; s++) {
                if (s == n) mid = straight.checkpoint();
                outA[s] = step(straight, xs, s);
            }
            straight.settle();

            Chip resumed = new Chip(spec, 99, CycleNocInterconnect::new, 1);
            resumed.load(prog);
            resumed.restore(mid);
            float[][] outB = new float[xs.length][];
            for (int s = n; s < xs.length; s++) outB[s] = step(resumed, xs, s);
            resumed.settle();

            String label = policy.name();
            for (int s = n; s < xs.length; s++) assertArrayEquals(outA[s], outB[s], label + " output " + s);
            assertSameState(straight, resumed, label);
            straight.close();
            resumed.close();
        }
    }

    @Test
    void checkpointingChangesNothingAndTheStateIsACopy() {
        ChipSpec spec = chipSpec(SmallUpdatePolicy.STOCHASTIC_ROUNDING);
        ChipProgram prog = rateProgram(spec);
        float[][] xs = inputs(8);
        Chip a = new Chip(spec, 5);
        Chip b = new Chip(spec, 5);
        a.load(prog);
        b.load(prog);
        ChipState early = null;
        for (int s = 0; s < xs.length; s++) {
            step(a, xs, s);
            ChipState taken = b.checkpoint();
            if (s == 2) early = taken;
            step(b, xs, s);
        }
        assertSameState(a, b, "checkpoint at every sample");
        // the state taken at sample 2 is not a view of the live chip
        assertEquals(2, early.samples());
        assertFalse(java.util.Arrays.equals(early.cores().get(0).counts(), b.cores()[0].counts().toArray()));
        Chip c = new Chip(spec, 5);
        c.load(prog);
        c.restore(early);
        assertEquals(2, c.samples());
    }

    @Test
    void restoredChipContinuesBitIdenticallyInSpikingModeWithSoftWta() {
        ChipSpec spec = chipSpec(SmallUpdatePolicy.STOCHASTIC_ROUNDING);
        LifParams lif = new LifParams(0.9, 0.3, LifParams.Reset.ZERO, 0, 1, 0.05, 0.99);
        float[] w = TestPrograms.randomWeights(IN * OUT, 0.3, 4, true);
        LayerProgram dense = TestPrograms.dense(spec, "s", IN, OUT, new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR,
                0.01, 0.02, 20, 20, 40, 0, 1), Competition.softmax(0.1), w, null, 1.0);
        LayerProgram lp = new LayerProgram("s", LayerKind.DENSE, Shape.flat(IN), Shape.flat(OUT), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), dense.competition(), dense.rule(), IN, OUT, w, null,
                1.0, dense.tiles());
        ChipProgram prog = TestPrograms.program(spec, lp);
        int samples = 6;
        int n = 3;
        Chip.SpikeSource[] src = new Chip.SpikeSource[samples];
        for (int s = 0; s < samples; s++) {
            long seed = s;
            src[s] = (step, x) -> {
                SplittableRandom r = new SplittableRandom(seed * 1000 + step);
                for (int i = 0; i < IN; i++) x[i] = r.nextDouble() < 0.15 ? 1f : 0f;
            };
        }
        Chip straight = new Chip(spec, 17);
        straight.load(prog);
        int[][] outA = new int[samples][];
        ChipState mid = null;
        for (int s = 0; s < samples; s++) {
            if (s == n) mid = straight.checkpoint();
            outA[s] = straight.runSpiking(src[s], 30, 1.0, 20, 0, new boolean[]{true});
        }
        straight.settle();
        Chip resumed = new Chip(spec, 17);
        resumed.load(prog);
        resumed.restore(mid);
        for (int s = n; s < samples; s++) {
            assertArrayEquals(outA[s], resumed.runSpiking(src[s], 30, 1.0, 20, 0, new boolean[]{true}), "sample " + s);
        }
        resumed.settle();
        assertArrayEquals(straight.thresholds(0), resumed.thresholds(0), "adaptive thresholds");
        assertSameState(straight, resumed, "spiking");
    }

    @Test
    void aStateFromAnotherChipIsRefused() {
        ChipSpec spec = chipSpec(SmallUpdatePolicy.STOCHASTIC_ROUNDING);
        Chip a = new Chip(spec, 1);
        a.load(rateProgram(spec));
        ChipState s = a.checkpoint();
        ChipSpec other = ChipSpec.preset("rram-22nm");
        Chip b = new Chip(other, 1);
        float[] w = TestPrograms.randomWeights(IN * OUT, 0.4, 3, false);
        b.load(TestPrograms.program(other, TestPrograms.dense(other, "l", IN, OUT, new LearningRule.None(),
                Competition.none(), w, null, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> b.restore(s));
    }

    private static void assertSameState(Chip x, Chip y, String label) {
        assertArrayEquals(x.weights(0), y.weights(0), label + " weights");
        assertArrayEquals(x.bias(0), y.bias(0), label + " bias");
        assertEquals(x.totalCounts(), y.totalCounts(), label + " counters");
        assertEquals(x.now(), y.now(), label + " now");
        assertEquals(x.samples(), y.samples(), label + " samples");
        assertEquals(x.serialCycles(), y.serialCycles(), label + " serial cycles");
        assertEquals(x.noc().totals(), y.noc().totals(), label + " NoC totals");
        for (int i = 0; i < x.cores().length; i++) {
            Core a = x.cores()[i];
            Core b = y.cores()[i];
            assertArrayEquals(a.stateCyclesArray(), b.stateCyclesArray(), label + " core " + i + " states");
            assertEquals(a.counts(), b.counts(), label + " core " + i + " counters");
            assertEquals(a.freeAt(), b.freeAt(), label + " core " + i + " clock");
            if (a.used()) {
                assertArrayEquals(a.block().cells().conductances(), b.block().cells().conductances(), label + " g " + i);
                for (int c = 0; c < a.block().cells().cells(); c++) {
                    assertEquals(a.block().cells().writeCount(c), b.block().cells().writeCount(c), label + " writes " + i);
                }
                assertEquals(a.reader().clippedConversions(), b.reader().clippedConversions(), label + " clipped " + i);
            }
        }
    }
}
