package io.engram.chip.sim;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hard-WTA lateral inhibition in spiking mode: suppressed spikes and the graded inhibition of the others. */
class SpikingInhibitionTest {
    static Chip chip(Competition comp, float[] w) {
        ChipSpec spec = TestPrograms.idealChip(32, 32);
        LifParams lif = new LifParams(1.0, 1.0, LifParams.Reset.ZERO, 0, 0, 0.5, 1.0);
        LayerProgram d = TestPrograms.dense(spec, "s", 1, 3, new LearningRule.None(), comp, w, null, 1.0);
        LayerProgram lp = new LayerProgram("s", LayerKind.DENSE, Shape.flat(1), Shape.flat(3), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), comp, d.rule(), 1, 3, w, null, 1.0, d.tiles());
        Chip chip = new Chip(spec, 1);
        chip.load(TestPrograms.program(spec, lp));
        return chip;
    }

    static final Chip.SpikeSource ONE = (step, x) -> x[0] = 1f;

    @Test
    void aSuppressedSpikeNeitherRaisesThetaNorCounts() {
        Chip chip = chip(Competition.hardWta(), new float[] {1f, 1f, 0.3f});
        int[] spikes = chip.runSpiking(ONE, 1, 1.0, 20, 0, new boolean[] {true});
        assertArrayEquals(new int[] {1, 0, 0}, spikes, "the tie goes to the first neuron");
        assertArrayEquals(new double[] {0.5, 0, 0}, chip.thresholds(0), 1e-12, "only the winner adapts");
        assertArrayEquals(new double[] {0, 0, 0.3}, chip.membrane(0), 1e-6, "the loser over threshold is reset");
    }

    @Test
    void gradedInhibitionPushesTheOthersTowardTheFloor() {
        Chip chip = chip(Competition.hardWta(2, -4), new float[] {1f, 0.6f, 0.3f});
        ActionCounters before = chip.totalCounts();
        int[] spikes = chip.runSpiking(ONE, 1, 1.0, 20, 0, new boolean[] {false});
        assertArrayEquals(new int[] {1, 0, 0}, spikes);
        // v -= inhibition (v - floor) / (-floor)
        assertArrayEquals(new double[] {0, 0.6 - 2 * 4.6 / 4, 0.3 - 2 * 4.3 / 4}, chip.membrane(0), 1e-6);
        assertEquals(2, chip.totalCounts().get(Action.COMPETITION_NORMALIZE) - before.get(Action.COMPETITION_NORMALIZE),
                "one multiply-add per inhibited neuron");
    }
}
