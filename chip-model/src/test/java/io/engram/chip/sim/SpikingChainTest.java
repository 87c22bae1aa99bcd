package io.engram.chip.sim;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two spiking layers of different widths (2 -> 3 -> 2) driven so that every neuron fires at every step: the spike
 * counts of the last layer add up over the whole sample, and every step sends one address-event packet of 3 spikes
 * from layer 0's core to layer 1's core and ends with one barrier.
 */
class SpikingChainTest {
    @Test
    void countsAccumulateOverStepsThroughTwoLayers() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        LifParams fireAlways = new LifParams(0.0, 0.01, LifParams.Reset.ZERO, 0, 0, 0, 1);
        LayerProgram a = layer("a", 2, 3, fireAlways, 0);
        LayerProgram b = layer("b", 3, 2, fireAlways, 1);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, a, b));
        int steps = 25;
        int[] counts = c.runSpiking((step, x) -> {
            x[0] = 1;
            x[1] = 1;
        }, steps, 1.0, 20, 1, null);
        assertArrayEquals(new int[]{steps, steps}, counts);
        assertEquals(steps, c.noc().counts().get(Action.BARRIER_SYNC));
        assertEquals(steps, c.noc().totals().packets(), "one spike packet per step from core 0 to core 1");
    }

    private static LayerProgram layer(String name, int in, int out, LifParams lif, int core) {
        float[] w = new float[in * out];
        java.util.Arrays.fill(w, 0.5f);
        return new LayerProgram(name, LayerKind.DENSE, Shape.flat(in), Shape.flat(out), 1, 1, 0, new NeuronModel.Lif(lif),
                Activation.identity(), Competition.none(), new LearningRule.None(), in, out, w, null, 1.0,
                List.of(new Tile(core, 0, in, 0, out)));
    }
}
