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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link Chip.StepObserver} sees of a CubaLIF layer: its synaptic current after every step, and the end of every
 * step with the chip cycle it ended at.
 */
class StepObserverTest {
    private static final int STEPS = 6;
    private static final double DECAY = 0.5;

    @Test
    void cubaLifCurrentDecaysByItsFactorAndEveryStepEndIsReported() {
        // one input, one CubaLIF neuron (synaptic decay 0.5, no direct share), threshold out of reach: the input spikes
        // at step 0 only, so the current is I0 = u after step 0 (u: the crossbar's output for one spike) and then
        // I_t = I_{t-1} x 0.5 with no input: I_t / I0 = 0.5^t exactly (powers of two), whatever the crossbar gain.
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        LifParams lif = new LifParams(1.0, 1e9, LifParams.Reset.ZERO, 0, 0, 0, 1);
        LayerProgram l = new LayerProgram("cuba", LayerKind.DENSE, Shape.flat(1), Shape.flat(1), 1, 1, 0,
                new NeuronModel.Lif(lif, new NeuronModel.Synapse(DECAY, 0)), Activation.identity(), Competition.none(),
                new LearningRule.None(), 1, 1, new float[]{0.5f}, null, 1.0, List.of(new Tile(0, 0, 1, 0, 1)));
        double[] current = new double[STEPS];
        List<long[]> ends = new ArrayList<>();
        try (Chip c = new Chip(chip, 1)) {
            c.load(TestPrograms.program(chip, l));
            long start = c.now();
            c.runSpiking((step, x) -> x[0] = step == 0 ? 1f : 0f, STEPS, 1.0, 20, 0, null, new Chip.StepObserver() {
                @Override
                public void step(int step, int layer, byte[] spikes, double[] v) {}

                @Override
                public void current(int step, int layer, double[] cur) {
                    assertEquals(0, layer);
                    current[step] = cur[0];
                }

                @Override
                public void stepEnd(int step, long cycle) {
                    ends.add(new long[]{step, cycle});
                }
            });
            assertTrue(current[0] > 0, "the input spike reaches the current: " + current[0]);
            for (int t = 1; t < STEPS; t++) assertEquals(Math.pow(DECAY, t), current[t] / current[0], 0, "step " + t);
            assertEquals(STEPS, ends.size());
            long prev = start;
            for (int t = 0; t < STEPS; t++) {
                assertEquals(t, ends.get(t)[0]);
                assertTrue(ends.get(t)[1] > prev, "each step takes cycles (at least its barrier)");
                prev = ends.get(t)[1];
            }
            assertEquals(c.now(), prev, "the last step ends when the sample does");
        }
    }

    @Test
    void plainLifLayersHaveNoCurrent() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        LifParams lif = new LifParams(1.0, 1e9, LifParams.Reset.ZERO, 0, 0, 0, 1);
        LayerProgram l = new LayerProgram("lif", LayerKind.DENSE, Shape.flat(1), Shape.flat(1), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), Competition.none(), new LearningRule.None(), 1, 1,
                new float[]{0.5f}, null, 1.0, List.of(new Tile(0, 0, 1, 0, 1)));
        double[][] seen = new double[1][];
        try (Chip c = new Chip(chip, 1)) {
            c.load(TestPrograms.program(chip, l));
            c.runSpiking((step, x) -> x[0] = 1f, 3, 1.0, 20, 0, null, new Chip.StepObserver() {
                @Override
                public void step(int step, int layer, byte[] spikes, double[] v) {}

                @Override
                public void current(int step, int layer, double[] cur) { seen[0] = cur; }
            });
        }
        assertNull(seen[0], "a LIF layer without a synapse reports no current");
    }
}
