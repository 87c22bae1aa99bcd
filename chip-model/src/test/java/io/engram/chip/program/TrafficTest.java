package io.engram.chip.program;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.Traffic.Feed;
import io.engram.chip.program.Traffic.Flow;
import io.engram.chip.program.Traffic.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flows of {@link Traffic} against hand counts. The layer: a 160 x 50 matrix split into 2 row blocks (rows 0-99,
 * 100-159) x 2 column blocks (columns 0-29, 30-49), its tiles listed out of order:
 * <pre>
 * index 0: rows 100+60, cols 30+20     index 1: rows 0+100, cols 0+30
 * index 2: rows 0+100,  cols 30+20     index 3: rows 100+60, cols 0+30
 * </pre>
 * so column block 0 is tiles [1, 3] (owner 1), column block 1 is [2, 0] (owner 2).
 */
class TrafficTest {
    private static final List<Span> TILES = List.of(new Span(100, 60, 30, 20), new Span(0, 100, 0, 30),
            new Span(0, 100, 30, 20), new Span(100, 60, 0, 30));
    private static final int FACTOR_BITS = 8;

    private static void flow(Flow f, PacketKind kind, int src, int[] dests, long bits) {
        assertEquals(kind, f.kind(), f.toString());
        assertEquals(src, f.src(), "src of " + f);
        assertArrayEquals(dests, f.dests(), "dests of " + f);
        assertEquals(bits, f.payloadBits(), "bits of " + f);
    }

    @Test
    void blocksAreByColumnStartWithTheRowZeroTileAsOwner() {
        Traffic.Layer l = Traffic.layer(TILES, false, Competition.none(), Activation.identity(), new LearningRule.None(), 8);
        assertArrayEquals(new int[][]{{1, 3}, {2, 0}}, l.blocks());
        assertArrayEquals(new int[]{1, 2}, l.owners());
    }

    @Test
    void rateModeSoftHebbWithSoftmaxSplitOverTwoColumnBlocks() {
        Traffic.Layer l = Traffic.layer(TILES, false, Competition.softmax(0.1), Activation.identity(),
                new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.PER_NEURON), FACTOR_BITS);
        // per input vector: the row-1 tile of each column block sends its columns' 32-bit sums to the owner:
        // 30 x 32 = 960 and 20 x 32 = 640 bits
        List<Flow> f = l.forward();
        assertEquals(4, f.size());
        flow(f.get(0), PacketKind.PARTIAL_SUM, 3, new int[]{1}, 960);
        flow(f.get(1), PacketKind.PARTIAL_SUM, 0, new int[]{2}, 640);
        // softmax split over 2 column blocks: owner 2 sends max + sum-exp (2 x 32 bits) to block 0's owner 1, which
        // sends max + sum (2 x 32) back
        flow(f.get(2), PacketKind.REDUCTION, 2, new int[]{1}, 64);
        flow(f.get(3), PacketKind.REDUCTION, 1, new int[]{2}, 64);
        // per learning step: post factors a, b (2 x 8 bits per neuron) from each owner to its row tile:
        // 30 x 16 = 480 and 20 x 16 = 320; per-neuron scaling: largest |dw| and squared norm (2 x 32 bits per
        // column) from each row tile to its owner: 30 x 64 = 1920 and 20 x 64 = 1280; no layer maximum
        List<Flow> g = l.learning();
        assertEquals(4, g.size());
        flow(g.get(0), PacketKind.POST_BROADCAST, 1, new int[]{3}, 480);
        flow(g.get(1), PacketKind.POST_BROADCAST, 2, new int[]{0}, 320);
        flow(g.get(2), PacketKind.REDUCTION, 3, new int[]{1}, 1920);
        flow(g.get(3), PacketKind.REDUCTION, 0, new int[]{2}, 1280);
        assertTrue(l.layerMaxUp().isEmpty());
        assertNull(l.layerMaxDown());
    }

    @Test
    void layerScalingExchangesOneMaximumBetweenOwners() {
        Traffic.Layer l = Traffic.layer(TILES, false, Competition.none(), Activation.identity(),
                new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.LAYER), FACTOR_BITS);
        // no competition: no forward reduction
        assertEquals(2, l.forward().size());
        assertTrue(l.reductionUp().isEmpty());
        assertNull(l.reductionDown());
        // learning: 2 post broadcasts, 2 scale-ups, then owner 2 -> owner 1 and back, one 32-bit value each way
        List<Flow> g = l.learning();
        assertEquals(6, g.size());
        flow(g.get(4), PacketKind.REDUCTION, 2, new int[]{1}, 32);
        flow(g.get(5), PacketKind.REDUCTION, 1, new int[]{2}, 32);
    }

    @Test
    void spikingLayersSendSixteenBitSumsAndNoLearningOrReductionTraffic() {
        Traffic.Layer l = Traffic.layer(TILES, true, Competition.softmax(0.1), Activation.identity(),
                new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.LAYER), FACTOR_BITS);
        // 30 x 16 = 480 and 20 x 16 = 320 bits per time step
        List<Flow> f = l.forward();
        assertEquals(2, f.size());
        flow(f.get(0), PacketKind.PARTIAL_SUM, 3, new int[]{1}, 480);
        flow(f.get(1), PacketKind.PARTIAL_SUM, 0, new int[]{2}, 320);
        assertTrue(l.learning().isEmpty());
    }

    @Test
    void rulesThatDoNotLearnInRateModeSendNoLearningTraffic() {
        for (LearningRule r : List.of(new LearningRule.None(), new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR,
                0.01, 0.01, 20, 20, 0, 0, 1, 0))) {
            Traffic.Layer l = Traffic.layer(TILES, false, Competition.none(), Activation.identity(), r, FACTOR_BITS);
            assertTrue(l.learning().isEmpty(), r.toString());
        }
        // Hebb learns without scaling: post factors only
        Traffic.Layer h = Traffic.layer(TILES, false, Competition.none(), Activation.identity(),
                new LearningRule.Hebb(0.01, 0), FACTOR_BITS);
        assertEquals(2, h.learning().size());
        assertTrue(h.scaleUp().isEmpty());
    }

    @Test
    void aSingleTileLayerHasNoTraffic() {
        Traffic.Layer l = Traffic.layer(List.of(new Span(0, 10, 0, 10)), false, Competition.kWta(3),
                Activation.triangle(1), new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.LAYER), FACTOR_BITS);
        assertTrue(l.forward().isEmpty());
        assertTrue(l.learning().isEmpty());
    }

    @Test
    void reductionValuesPerCompetition() {
        // up: max+argmax (2), k (value, index) pairs (2k), max+sum-exp (2); down: winner+value (2), k-th threshold
        // (1), max+sum (2); a triangle activation adds its group mean (1) each way
        Activation id = Activation.identity();
        Activation tri = Activation.triangle(1);
        assertEquals(2, Traffic.reductionUpValues(Competition.hardWta(), id));
        assertEquals(2, Traffic.reductionDownValues(Competition.hardWta(), id));
        assertEquals(6, Traffic.reductionUpValues(Competition.kWta(3), id));
        assertEquals(1, Traffic.reductionDownValues(Competition.kWta(3), id));
        assertEquals(2, Traffic.reductionUpValues(Competition.softmax(1), id));
        assertEquals(2, Traffic.reductionDownValues(Competition.softmax(1), id));
        assertEquals(0, Traffic.reductionUpValues(Competition.none(), id));
        assertEquals(1, Traffic.reductionUpValues(Competition.none(), tri));
        assertEquals(1, Traffic.reductionDownValues(Competition.none(), tri));
        assertEquals(7, Traffic.reductionUpValues(Competition.kWta(3), tri));
        assertEquals(2, Traffic.reductionDownValues(Competition.kWta(3), tri));
    }

    @Test
    void denseActivationsReachOnlyTheRowBlocksThatUseThem() {
        // source: 10 outputs in 2 column blocks (0-4, 5-9); next dense layer: row blocks 0-3 and 4-9, each split
        // into 2 column tiles (next indices 0, 2 and 1, 3)
        List<Span> src = List.of(new Span(0, 10, 0, 5), new Span(0, 10, 5, 5));
        List<Span> next = List.of(new Span(0, 4, 0, 3), new Span(4, 6, 0, 3), new Span(0, 4, 3, 3), new Span(4, 6, 3, 3));
        List<Feed> feeds = Traffic.activations(src, 1, next, false, 1);
        // values 0-3 to row block 0; value 4 to row block 1; values 5-9 to row block 1; nothing from block 1 to
        // row block 0 (they do not meet)
        assertEquals(3, feeds.size());
        feed(feeds.get(0), 0, new int[]{0, 2}, 0, 4);
        feed(feeds.get(1), 0, new int[]{1, 3}, 4, 1);
        feed(feeds.get(2), 1, new int[]{1, 3}, 5, 5);
        // every value reaches its row block exactly once
        long[] covered = new long[10];
        for (Feed f : feeds) for (long v = f.firstValue(); v < f.firstValue() + f.values(); v++) covered[(int) v]++;
        for (long c : covered) assertEquals(1, c);
        flow(feeds.get(2).flow(PacketKind.ACTIVATION, 8), PacketKind.ACTIVATION, 1, new int[]{1, 3}, 40);
    }

    @Test
    void convolutionActivationsCarryTheChannelsARowBlockReads() {
        // source: 4 channels in 2 column blocks (channels 0-1, 2-3), 9 values per channel after pooling (3x3), so
        // block 0 holds values 0-17 and block 1 values 18-35. Next: a 2x2 convolution (4 rows per channel, 16 rows)
        // in row blocks 0-5 (channels 0..1, since row 5 / 4 = 1) and 6-15 (channels 1..3)
        List<Span> src = List.of(new Span(0, 8, 0, 2), new Span(0, 8, 2, 2));
        List<Span> next = List.of(new Span(0, 6, 0, 5), new Span(6, 10, 0, 5));
        List<Feed> feeds = Traffic.activations(src, 9, next, true, 2);
        assertEquals(3, feeds.size());
        feed(feeds.get(0), 0, new int[]{0}, 0, 18);   // channels 0-1 to row block 0
        feed(feeds.get(1), 0, new int[]{1}, 9, 9);    // channel 1 to row block 1
        feed(feeds.get(2), 1, new int[]{1}, 18, 18);  // channels 2-3 to row block 1
    }

    private static void feed(Feed f, int src, int[] dests, long first, long values) {
        assertEquals(src, f.src(), f.toString());
        assertArrayEquals(dests, f.dests());
        assertEquals(first, f.firstValue());
        assertEquals(values, f.values());
    }

    @Test
    void inputBuffersAndWords() {
        // dense: a tile holds its rows
        assertEquals(6, Traffic.tileInputValues(new Span(4, 6, 0, 3), false, 1, 0));
        // 2x2 convolution rows 6-15 read channels 1..3 (6/4 = 1, ceil(16/4) = 4): 3 channels x 9 values
        assertEquals(27, Traffic.tileInputValues(new Span(6, 10, 0, 5), true, 2, 9));
        // rows 4-7 are exactly channel 1: 1 x 9
        assertEquals(9, Traffic.tileInputValues(new Span(4, 4, 0, 5), true, 2, 9));
        // words of 32 bits: 10 x 8 = 80 bits -> 3 words; 4 x 32 -> 4; 1 x 1 -> 1; none -> 0
        assertEquals(3, Traffic.inputWords(10, 8));
        assertEquals(4, Traffic.inputWords(4, 32));
        assertEquals(1, Traffic.inputWords(1, 1));
        assertEquals(0, Traffic.inputWords(0, 8));
    }

    @Test
    void flowsCopyTheirDestinations() {
        int[] d = {1, 2};
        Flow f = new Flow(PacketKind.SPIKE, 0, d, 8);
        d[0] = 9;
        assertArrayEquals(new int[]{1, 2}, f.dests());
        f.dests()[1] = 9;
        assertArrayEquals(new int[]{1, 2}, f.dests());
    }
}
