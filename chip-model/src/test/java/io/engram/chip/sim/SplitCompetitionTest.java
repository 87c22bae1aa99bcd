package io.engram.chip.sim;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A softmax group of 16 neurons split over 4 cores (4 neurons per crossbar) in a row of the 4x4 mesh gives exactly
 * the single-core result, and costs the reduction traffic computed by hand: partial max / sum-of-exp from cores 1, 2
 * and 3 to core 0 (1, 2 and 3 hops), then one tree multicast back along the row. A reduction packet carries 64 bits
 * of payload plus a 16-bit header: 2 flits of 64 bits.
 * Links: up (1 + 2 + 3) x 2 = 12, back 3 links x 2 = 6: 18. Router passes: up (2 + 3 + 4) x 2 = 18; back: router 0
 * forwards (1), routers 1 and 2 eject and forward (2 each), router 3 ejects (1): 6 x 2 = 12: 30.
 */
class SplitCompetitionTest {
    static final io.engram.chip.neuron.Activation SOFTMAX =
            new io.engram.chip.neuron.Activation(io.engram.chip.neuron.Activation.Kind.SOFTMAX_OUTPUT, 1, 0, 0);

    @Test
    void softmaxSplitOverFourCoresEqualsOneCoreAndCostsTheHandCountedReduction() {
        int in = 8;
        int out = 16;
        float[] w = TestPrograms.randomWeights(in * out, 1.0, 3, false);
        float[] x = {0.1f, -0.4f, 0.8f, 0.3f, 0f, -0.2f, 0.5f, 0.9f};
        LearningRule none = new LearningRule.None();
        Competition soft = Competition.softmax(0.3);

        ChipSpec one = TestPrograms.idealChip(64, 64);
        Chip a = new Chip(one, 1);
        a.load(TestPrograms.program(one, TestPrograms.withActivation(
                TestPrograms.dense(one, "l", in, out, none, soft, w, null, 2.0), SOFTMAX)));
        float[] ya = a.run(x, 0, null);

        ChipSpec four = TestPrograms.idealChip(64, 8); // 4 neurons per crossbar
        Chip b = new Chip(four, 1);
        ChipProgram p = TestPrograms.program(four, TestPrograms.withActivation(
                TestPrograms.dense(four, "l", in, out, none, soft, w, null, 2.0), SOFTMAX));
        assertEquals(4, p.layers().get(0).tiles().size());
        b.load(p);
        float[] yb = b.run(x, 0, null);
        assertArrayEquals(ya, yb, 1e-6f);
        float sum = 0;
        for (float v : yb) sum += v;
        assertEquals(1.0, sum, 1e-5, "softmax outputs sum to one");

        ActionCounters noc = b.noc().counts();
        assertEquals(18, noc.get(Action.LINK_FLIT));
        assertEquals(30, noc.get(Action.ROUTER_FLIT));
        assertEquals(0, a.noc().counts().get(Action.LINK_FLIT));
        // the reduction shows as its own traffic: all of it here, 3 packets up and 1 multicast back
        long[] k = b.noc().byKind();
        int r = PacketKind.REDUCTION.ordinal() * Interconnect.KIND_FIELDS;
        assertEquals(4, k[r]);
        assertEquals(30, k[r + 1]);
        assertEquals(18, k[r + 2]);
    }
}
