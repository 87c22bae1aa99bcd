package io.engram.chip.sim;

import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning hidden behind the pipeline: a learning layer's cores program their cells while the next layer's cores
 * compute (no update locking). Per core, overlap is between 0 and the core's learn cycles; a single core has no other
 * core to overlap with.
 */
class LearnOverlapTest {
    private static float[][] inputs(int n, int dim) {
        SplittableRandom r = new SplittableRandom(4);
        float[][] x = new float[n][dim];
        for (float[] v : x) for (int i = 0; i < dim; i++) v[i] = (float) r.nextDouble();
        return x;
    }

    @Test
    void aLearningLayerOverlapsTheNextLayersCompute() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        var rule = new LearningRule.SoftHebb(0.05, 0.3, 0, 0, UpdateScaling.NONE);
        LayerProgram a = TestPrograms.dense(chip, "a", 20, 16, rule, Competition.softmax(0.3),
                TestPrograms.randomWeights(320, 0.4, 1, false), null, 1.0);
        LayerProgram b = TestPrograms.dense(chip, "b", 16, 8, new LearningRule.None(), Competition.none(),
                TestPrograms.randomWeights(128, 0.4, 2, false), null, 1.0);
        var moved = b.tiles().stream().map(t -> new Tile(t.core() + 1, t.rowStart(), t.rows(), t.colStart(), t.cols())).toList();
        b = new LayerProgram(b.name(), b.kind(), b.in(), b.out(), b.kernel(), b.stride(), b.padding(), b.neuron(),
                b.activation(), b.competition(), b.rule(), b.rows(), b.cols(), b.weights(), b.bias(), b.weightScale(), moved);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, a, b));
        for (float[] x : inputs(30, 20)) c.run(x, 1, new boolean[]{true, false});
        c.settle();
        long[] overlap = c.learnOverlapCycles();
        long learn0 = c.cores()[0].stateCycles(CoreState.BUSY_LEARN);
        assertTrue(learn0 > 0);
        assertTrue(overlap[0] > 0, "layer a learns while layer b computes");
        assertTrue(overlap[0] <= learn0, overlap[0] + " > " + learn0);
        assertEquals(0, overlap[1], "layer b does not learn");
    }

    @Test
    void oneCoreHasNothingToOverlapWith() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        var rule = new LearningRule.SoftHebb(0.05, 0.3, 0, 0, UpdateScaling.NONE);
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "a", 20, 16, rule, Competition.softmax(0.3),
                TestPrograms.randomWeights(320, 0.4, 1, false), null, 1.0)));
        for (float[] x : inputs(30, 20)) c.run(x, 0, new boolean[]{true});
        c.settle();
        assertTrue(c.cores()[0].stateCycles(CoreState.BUSY_LEARN) > 0);
        assertEquals(0, c.learnOverlapCycles()[0]);
    }
}
