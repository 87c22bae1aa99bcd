package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The named step phases partition each sample's critical path: their cycles add up to the serial latency, in rate
 * and spiking mode, with row and column splits, split competition and learning; on a single core with nothing else
 * running, each phase equals the cycles the core spent in the matching state.
 */
class StepPhaseTest {
    private static long phase(Chip c, StepPhase p) { return c.stepPhaseCycles()[p.ordinal()]; }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) s += x;
        return s;
    }

    @Test
    void singleCorePhasesEqualItsStateCycles() {
        ChipSpec chip = TestPrograms.idealChip(16, 16);
        float[] w = TestPrograms.randomWeights(10 * 6, 0.5, 3, false);
        LayerProgram a = TestPrograms.dense(chip, "a", 10, 6, new LearningRule.None(), Competition.softmax(0.5), w, null, 1.0);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, a));
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[10];
        for (int i = 0; i < 10; i++) x[i] = (float) r.nextDouble();
        c.run(x, 0, null);
        // one sample: nothing waits, so each phase is exactly the core's time in the matching state
        Core core = c.cores()[0];
        assertEquals(core.stateCycles(CoreState.BUSY_READ), phase(c, StepPhase.READ) + phase(c, StepPhase.CONVERT));
        // one analog-DAC read: a 10 ns read pulse = 10 cycles on the crossbar, then 6 weight columns on 16 / 8 = 2
        // ADCs = 3 rounds x 9 cycles = 27 on the ADCs
        assertEquals(10, phase(c, StepPhase.READ));
        assertEquals(27, phase(c, StepPhase.CONVERT));
        assertEquals(core.stateCycles(CoreState.BUSY_COMPETE), phase(c, StepPhase.COMPETITION));
        assertEquals(core.stateCycles(CoreState.BUSY_NEURON), phase(c, StepPhase.NEURON));
        assertEquals(0, phase(c, StepPhase.PARTIAL_SUM) + phase(c, StepPhase.REDUCTION) + phase(c, StepPhase.INGRESS));
        assertEquals(c.serialCycles(), sum(c.stepPhaseCycles()));
        // more samples: the next sample's reads wait for the core's competition and activation of the previous one
        // (pipelined input), and that wait is part of its READ phase
        for (int s = 0; s < 3; s++) c.run(x, 0, null);
        assertEquals(c.serialCycles(), sum(c.stepPhaseCycles()));
        assertTrue(phase(c, StepPhase.READ) + phase(c, StepPhase.CONVERT) > core.stateCycles(CoreState.BUSY_READ));
    }

    @Test
    void rateModePhasesAddUpToTheSerialLatencyWithSplitsAndLearning() {
        ChipSpec chip = TestPrograms.idealChip(8, 8).withMesh(new io.engram.chip.spec.MeshSpec(4, 4));
        int in = 20;
        int hidden = 10;
        int out = 3;
        LearningRule rule = new LearningRule.SoftHebb(0.05, 0.3, 0, 0, UpdateScaling.NONE);
        float[] wa = TestPrograms.randomWeights(in * hidden, 0.5, 1, false);
        float[] wb = TestPrograms.randomWeights(hidden * out, 0.5, 2, false);
        LayerProgram a = TestPrograms.dense(chip, "a", in, hidden, rule, Competition.softmax(0.3), wa, null, 1.0);
        int used = a.tiles().size(); // 3 row tiles x 3 column blocks: partial sums and a split softmax
        LayerProgram b0 = TestPrograms.dense(chip, "b", hidden, out, rule, Competition.hardWta(), wb, null, 1.0);
        LayerProgram b = new LayerProgram(b0.name(), b0.kind(), b0.in(), b0.out(), 1, 1, 0, b0.neuron(), b0.activation(),
                b0.competition(), b0.rule(), b0.rows(), b0.cols(), b0.weights(), b0.bias(), b0.weightScale(),
                b0.tiles().stream().map(t -> new Tile(t.core() + used, t.rowStart(), t.rows(), t.colStart(), t.cols())).toList());
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, a, b));
        SplittableRandom r = new SplittableRandom(9);
        for (int s = 0; s < 10; s++) {
            float[] x = new float[in];
            for (int i = 0; i < in; i++) x[i] = (float) r.nextDouble();
            c.run(x, 1, new boolean[]{true, true});
        }
        assertEquals(c.serialCycles(), sum(c.stepPhaseCycles()));
        for (StepPhase p : List.of(StepPhase.INGRESS, StepPhase.READ, StepPhase.CONVERT, StepPhase.PARTIAL_SUM, StepPhase.REDUCTION,
                StepPhase.COMPETITION, StepPhase.NEURON, StepPhase.PLASTICITY)) {
            assertTrue(phase(c, p) > 0, p + " on the critical path");
        }
        assertEquals(0, phase(c, StepPhase.SPIKE_OUT) + phase(c, StepPhase.BARRIER));
    }

    @Test
    void inputNormIsItsOwnPhase() {
        ChipSpec chip = TestPrograms.idealChip(8, 8);
        float[][] x = InputNormTest.data();
        try (Chip c = new Chip(chip, 1)) {
            c.load(InputNormTest.identityConv(chip, io.engram.chip.neuron.InputNorm.batch(InputNormTest.EPS)));
            for (float[] v : x) c.run(v, 0, new boolean[]{true});
            assertTrue(phase(c, StepPhase.NORM) > 0);
            assertEquals(c.serialCycles(), sum(c.stepPhaseCycles()));
        }
    }

    @Test
    void spikingPhasesAddUpAndBarriersCostTheirTechnologyLatency() {
        ChipSpec chip = TestPrograms.idealChip(8, 8);
        LifParams lif = new LifParams(0.9, 0.4, LifParams.Reset.ZERO, 0, 1, 0, 1);
        LayerProgram a = lif("a", 12, 4, lif, 0, 8);
        LayerProgram b = lif("b", 4, 3, lif, 2, 8);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, a, b));
        SplittableRandom r = new SplittableRandom(4);
        int steps = 40;
        c.runSpiking((step, x) -> {
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() < 0.3 ? 1f : 0f;
        }, steps, 1.0, 20, 1, new boolean[]{true, true});
        assertEquals(c.serialCycles(), sum(c.stepPhaseCycles()));
        assertEquals(steps * chip.technology().cycles(Action.BARRIER_SYNC), phase(c, StepPhase.BARRIER));
        assertTrue(phase(c, StepPhase.SPIKE_OUT) > 0, "spikes cross to layer b");
        assertTrue(phase(c, StepPhase.PARTIAL_SUM) > 0, "layer a has two row tiles");
        assertTrue(phase(c, StepPhase.PLASTICITY) > 0, "STDP on the step's path");
        assertEquals(0, phase(c, StepPhase.INGRESS) + phase(c, StepPhase.REDUCTION));
    }

    private static LayerProgram lif(String name, int in, int out, LifParams lif, int firstCore, int tileRows) {
        List<Tile> tiles = new java.util.ArrayList<>();
        int core = firstCore;
        for (int r0 = 0; r0 < in; r0 += tileRows) tiles.add(new Tile(core++, r0, Math.min(tileRows, in - r0), 0, out));
        float[] w = TestPrograms.randomWeights(in * out, 0.6, 11, true);
        return new LayerProgram(name, LayerKind.DENSE, Shape.flat(in), Shape.flat(out), 1, 1, 0, new NeuronModel.Lif(lif),
                Activation.identity(), Competition.hardWta(),
                new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.01, 0.05, 20, 20, 40, 0, 1, 0.3 * in), in, out, w, null, 1.0,
                tiles);
    }
}
