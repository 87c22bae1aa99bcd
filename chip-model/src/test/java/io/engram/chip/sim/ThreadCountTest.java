package io.engram.chip.sim;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seed gives bit-identical outputs, weights, counters and core states with 1, 2 and 8 threads evaluating
 * tiles, on the noisy nonlinear rram-22nm device (read noise, write noise, stochastic rounding all drawn) with a layer
 * split over 12 cores by rows and columns.
 */
class ThreadCountTest {
    @Test
    void oneTwoAndEightThreadsGiveIdenticalResults() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        ChipSpec chip = base.withCore(base.core().withCrossbar(new CrossbarSpec(16, 16, 2, 16)));
        int in = 40;
        int out = 30;
        float[] w = TestPrograms.randomWeights(in * out, 0.4, 3, false);
        var rule = new LearningRule.SoftHebb(0.05, 0.2, 0, 0.5, UpdateScaling.PER_NEURON);
        float[][] xs = new float[25][in];
        SplittableRandom r = new SplittableRandom(8);
        for (float[] x : xs) for (int i = 0; i < in; i++) x[i] = (float) r.nextDouble();
        Chip[] chips = new Chip[3];
        float[][] outs = new float[3][];
        int[] threads = {1, 2, 8};
        for (int k = 0; k < 3; k++) {
            Chip c = new Chip(chip, 99, CycleNocInterconnect::new, threads[k]);
            c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "l", in, out, rule, Competition.softmax(0.2),
                    w, null, 1.0)));
            assertEquals(12, c.program().layers().get(0).tiles().size());
            for (float[] x : xs) outs[k] = c.run(x, 0, new boolean[]{true});
            c.settle();
            chips[k] = c;
        }
        for (int k = 1; k < 3; k++) {
            String label = threads[k] + " threads";
            assertArrayEquals(outs[0], outs[k], label);
            assertArrayEquals(chips[0].weights(0), chips[k].weights(0), label);
            assertEquals(chips[0].totalCounts(), chips[k].totalCounts(), label);
            assertEquals(chips[0].now(), chips[k].now(), label);
            for (int i = 0; i < chips[0].cores().length; i++) {
                assertArrayEquals(chips[0].cores()[i].stateCyclesArray(), chips[k].cores()[i].stateCyclesArray(), label);
            }
            chips[k].close();
        }
    }
}
