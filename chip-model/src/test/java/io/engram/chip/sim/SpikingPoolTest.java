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
 * A sum pool on spikes, counted by hand: conv (1x3x3 -> 1x2x2, kernel 2, weights 0.5, core 0) -> 2x2 pool (the NIR
 * SumPool2d, compiled as an average pool whose factor 4 is folded into the next weights) -> dense 1 -> 1 (weight 2.0
 * = 4 x the NIR weight 0.5, core 1), on the ideal rram-22nm chip (4x4 mesh, 64-bit flits with a 16-bit header,
 * 32-bit spikes). Input pixels (0,0) and (2,2) spike at every step.
 */
class SpikingPoolTest {
    static final int STEPS = 10;

    @Test
    void aSumPoolCountsEachSpikeOnceAndSendsItAsAnEvent() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        LifParams fire = new LifParams(0.0, 0.01, LifParams.Reset.ZERO, 0, 0, 0, 1);
        LifParams hold = new LifParams(0.0, 100, LifParams.Reset.ZERO, 0, 0, 0, 1);
        float[] wa = {0.5f, 0.5f, 0.5f, 0.5f};
        LayerProgram conv = new LayerProgram("conv", LayerKind.CONV2D, new Shape(1, 3, 3), new Shape(1, 2, 2), 2, 1, 0,
                new NeuronModel.Lif(fire), Activation.identity(), Competition.none(), new LearningRule.None(), 4, 1, wa,
                null, 1.0, List.of(new Tile(0, 0, 4, 0, 1)));
        LayerProgram pool = new LayerProgram("pool", LayerKind.AVGPOOL, new Shape(1, 2, 2), new Shape(1, 1, 1), 2, 2, 0,
                null, Activation.identity(), Competition.none(), new LearningRule.None(), 0, 0, null, null, 0, List.of());
        LayerProgram dense = new LayerProgram("dense", LayerKind.DENSE, Shape.flat(1), Shape.flat(1), 1, 1, 0,
                new NeuronModel.Lif(hold), Activation.identity(), Competition.none(), new LearningRule.None(), 1, 1,
                new float[]{2.0f}, null, 2.0, List.of(new Tile(1, 0, 1, 0, 1)));
        try (Chip c = new Chip(chip, 1)) {
            c.load(TestPrograms.program(chip, conv, pool, dense));
            int[] counts = c.runSpiking((step, x) -> {
                java.util.Arrays.fill(x, 0f);
                x[0] = 1;  // pixel (0,0)
                x[8] = 1;  // pixel (2,2)
            }, STEPS, 1.0, 20, 2, null);
            var core0 = c.cores()[0].counts();
            var core1 = c.cores()[1].counts();
            // conv: the patch at position (0,0) holds pixel (0,0) in row 0, the patch at (1,1) pixel (2,2) in row 3;
            // the patches at (0,1) and (1,0) hold no spike and are not read: 2 reads of 1 driven row per step,
            // 1 column x 2 cells each
            assertEquals(2L * STEPS, core0.get(Action.CROSSBAR_READ_PULSE));
            assertEquals(2L * STEPS, core0.get(Action.ROW_DRIVER_ACTIVATE));
            assertEquals(2L * 2 * STEPS, core0.get(Action.CROSSBAR_CELL_READ));
            // 4 conv neurons per step: the two read ones (u = 0.5 >= 0.01) fire, the other two only leak
            assertEquals(2L * STEPS, core0.get(Action.NEURON_LIF_ACTIVE));
            assertEquals(2L * STEPS, core0.get(Action.NEURON_LIF_IDLE));
            // the pool in core 0's neuron unit: one add per spike in its window, 2 per step
            assertEquals(2L * STEPS, core0.get(Action.NEURON_RATE_UPDATE));
            // the pooled count 2 travels as its 2 address events: one packet per step, 2 x 32 + 16 header = 80 bits
            // = 2 flits of 64, over the 1 link from core 0 (0,0) to core 1 (1,0): 2 flit-hops, 2 x 2 router passes
            assertEquals(STEPS, c.noc().totals().packets());
            assertEquals(2L * STEPS, c.noc().totals().flits());
            assertEquals(2L * STEPS, c.noc().counts().get(Action.LINK_FLIT));
            assertEquals(4L * STEPS, c.noc().counts().get(Action.ROUTER_FLIT));
            assertEquals(STEPS, c.noc().counts().get(Action.BARRIER_SYNC));
            // dense: one graded read of the pool's 2/4 per step; u = 0.5 x 2.0 = 1.0 = 2 spikes x the NIR weight 0.5
            // (sinabs' sum pool), below the threshold 100: no spike, and with decay 0 the membrane holds u
            assertEquals(STEPS, core1.get(Action.CROSSBAR_READ_PULSE));
            assertEquals(STEPS, core1.get(Action.NEURON_LIF_ACTIVE));
            assertArrayEquals(new double[]{1.0}, c.membrane(2), 1e-6);
            assertArrayEquals(new int[]{0}, counts);
        }
    }
}
