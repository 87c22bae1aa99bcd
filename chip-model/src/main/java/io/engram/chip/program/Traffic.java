package io.engram.chip.program;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DacSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The network-on-chip traffic of a mapped network, described once: which tiles exchange which packets and how many
 * payload bits each carries. The compiler's route plan (packets, flits and flit-hops per kind) and the chip's runtime
 * (the packets it hands to the NoC and counts) are both built from this class, so the plan and the counts agree by
 * construction; a test checks it on every golden case.
 *
 * <p>A weight layer's tiles form a grid of row blocks x column blocks; the tile at row 0 of a column block is its
 * owner (it accumulates partial sums and runs the neurons). Per input vector (a sample of a dense layer, each position
 * of a convolution, each time step of a spiking layer):
 * <ul>
 * <li>{@link PacketKind#PARTIAL_SUM}: every other row tile sends its columns' sums to the owner
 *     ({@link #SUM_BITS} each in rate mode, {@link #SPIKE_SUM_BITS} per time step in spiking mode);</li>
 * <li>{@link PacketKind#REDUCTION}: a competition or group mean split over column blocks sends its partial values
 *     ({@link #reductionUpValues}) from each owner to block 0's owner, which sends the result
 *     ({@link #reductionDownValues}) back to the other owners;</li>
 * <li>{@link PacketKind#ACTIVATION} / {@link PacketKind#SPIKE}: each owner sends the values of its columns to the next
 *     layer's tiles that hold the rows they feed, one packet per (column block, next row block) pair, so that a
 *     value reaches only the tiles that use it.</li>
 * </ul>
 * Per rate-mode learning step (a sample, or a position of a convolution):
 * <ul>
 * <li>{@link PacketKind#POST_BROADCAST}: the owner sends the post factors a and b of its neurons
 *     ({@link io.engram.chip.spec.PlasticitySpec#factorBits()} each) to its row tiles (a spiking layer's
 *     row tiles learn without post traffic: the model sends none, a known gap);</li>
 * <li>{@link PacketKind#REDUCTION} for update scaling: with per-neuron or layer scaling or an adaptive rate, each
 *     row tile sends its columns' largest |dw| and squared weight norm to the owner; with layer scaling the owners
 *     then exchange one maximum with block 0's owner.</li>
 * </ul>
 */
public final class Traffic {
    /** Bits of one partial sum or reduction value in rate mode (the owners' 32-bit accumulator word). */
    public static final int SUM_BITS = 32;
    /** Bits of one neuron's partial input current per spiking time step (16-bit fixed point). */
    public static final int SPIKE_SUM_BITS = 16;
    /** Post factors a row tile needs per neuron to learn: a and b of dw = a x - b w. */
    public static final int POST_FACTORS = 2;
    /** Values per column a row tile sends for update scaling: its largest |dw| and its squared weight norm. */
    public static final int SCALE_VALUES = 2;

    private Traffic() {}

    /** A tile's block of a weight layer's matrix: rows [rowStart, rowStart + rows), columns [colStart, colStart + cols). */
    public record Span(int rowStart, int rows, int colStart, int cols) {
        public static Span of(Tile t) { return new Span(t.rowStart(), t.rows(), t.colStart(), t.cols()); }
    }

    /**
     * Packets from tile {@code src} to tiles {@code dests}, {@code payloadBits} each. Within a layer both index the
     * layer's tiles; for {@link #activations} src indexes the source layer's tiles and dests the next layer's.
     */
    public record Flow(PacketKind kind, int src, int[] dests, long payloadBits) {
        public Flow {
            dests = dests.clone();
        }

        @Override
        public int[] dests() { return dests.clone(); }
    }

    /** Bits of one activation value on the NoC and in input buffers: the DAC's bits, or 32 for an analog DAC. */
    public static int valueBits(ChipSpec chip) {
        return chip.core().dac().mode() == DacSpec.Mode.ANALOG ? SUM_BITS : chip.core().dac().bits();
    }

    /** 32-bit words a tile's input buffer is written with for {@code values} input values. */
    public static long inputWords(long values, int valueBits) {
        return (values * valueBits + SUM_BITS - 1) / SUM_BITS;
    }

    /** 32-bit values per position a column block sends to the leader: max+argmax, top-k pairs, max+sum-exp, sum. */
    public static int reductionUpValues(Competition c, Activation a) {
        int v = switch (c.kind()) {
            case HARD_WTA, SOFTMAX -> 2;
            case K_WTA -> 2 * c.k();
            default -> 0;
        };
        return a.kind() == Activation.Kind.TRIANGLE ? v + 1 : v;
    }

    /** 32-bit values per position the leader sends back: winner+value, k-th threshold, max+sum, mean. */
    public static int reductionDownValues(Competition c, Activation a) {
        int v = switch (c.kind()) {
            case HARD_WTA, SOFTMAX -> 2;
            case K_WTA -> 1;
            default -> 0;
        };
        return a.kind() == Activation.Kind.TRIANGLE ? v + 1 : v;
    }

    /**
     * The traffic of one weight layer over its tiles.
     *
     * @param tiles      the layer's tiles (any order; flows index this list)
     * @param spiking    LIF neurons (partial sums per time step, {@link #SPIKE_SUM_BITS})
     * @param comp       the layer's competition
     * @param act        the layer's activation
     * @param rule       the layer's learning rule
     * @param factorBits bits of one post factor ({@link io.engram.chip.spec.PlasticitySpec#factorBits()})
     */
    public static Layer layer(List<Span> tiles, boolean spiking, Competition comp, Activation act, LearningRule rule,
                              int factorBits) {
        return new Layer(tiles, spiking, comp, act, rule, factorBits);
    }

    /** The flows of one weight layer; see the class comment for when each runs. */
    public static final class Layer {
        private final int[][] blocks;
        private final List<Flow> partialSums = new ArrayList<>();
        private final List<Flow> reductionUp = new ArrayList<>();
        private final Flow reductionDown;
        private final List<Flow> postBroadcast = new ArrayList<>();
        private final List<Flow> scaleUp = new ArrayList<>();
        private final List<Flow> layerMaxUp = new ArrayList<>();
        private final Flow layerMaxDown;

        private Layer(List<Span> tiles, boolean spiking, Competition comp, Activation act, LearningRule rule,
                      int factorBits) {
            TreeMap<Integer, List<Integer>> byCol = new TreeMap<>();
            for (int t = 0; t < tiles.size(); t++) byCol.computeIfAbsent(tiles.get(t).colStart(), k -> new ArrayList<>()).add(t);
            blocks = new int[byCol.size()][];
            int bi = 0;
            for (List<Integer> ts : byCol.values()) {
                ts.sort((p, q) -> Integer.compare(tiles.get(p).rowStart(), tiles.get(q).rowStart()));
                blocks[bi++] = ts.stream().mapToInt(Integer::intValue).toArray();
            }
            int sumBits = spiking ? SPIKE_SUM_BITS : SUM_BITS;
            boolean learns = !spiking && rule.learnsInRateMode();
            UpdateScaling scaling = rule.scaling();
            boolean scaled = learns && (rule.adaptive() || scaling != UpdateScaling.NONE);
            for (int[] blk : blocks) {
                int owner = blk[0];
                int cols = tiles.get(owner).cols();
                for (int k = 1; k < blk.length; k++) {
                    partialSums.add(new Flow(PacketKind.PARTIAL_SUM, blk[k], new int[]{owner}, (long) cols * sumBits));
                    if (scaled) {
                        scaleUp.add(new Flow(PacketKind.REDUCTION, blk[k], new int[]{owner},
                                (long) cols * SCALE_VALUES * SUM_BITS));
                    }
                }
                if (learns && blk.length > 1) {
                    postBroadcast.add(new Flow(PacketKind.POST_BROADCAST, owner, Arrays.copyOfRange(blk, 1, blk.length),
                            (long) cols * POST_FACTORS * factorBits));
                }
            }
            int[] owners = owners();
            int[] others = Arrays.copyOfRange(owners, 1, owners.length);
            int up = spiking ? 0 : reductionUpValues(comp, act);
            if (owners.length > 1 && up > 0) {
                for (int o : others) reductionUp.add(new Flow(PacketKind.REDUCTION, o, new int[]{owners[0]}, (long) up * SUM_BITS));
                reductionDown = new Flow(PacketKind.REDUCTION, owners[0], others,
                        (long) reductionDownValues(comp, act) * SUM_BITS);
            } else {
                reductionDown = null;
            }
            if (learns && scaling == UpdateScaling.LAYER && owners.length > 1) {
                for (int o : others) layerMaxUp.add(new Flow(PacketKind.REDUCTION, o, new int[]{owners[0]}, SUM_BITS));
                layerMaxDown = new Flow(PacketKind.REDUCTION, owners[0], others, SUM_BITS);
            } else {
                layerMaxDown = null;
            }
        }

        /** Column blocks: the tiles of each (by column start), sorted by row start, the owner first. */
        public int[][] blocks() {
            int[][] b = new int[blocks.length][];
            for (int i = 0; i < b.length; i++) b[i] = blocks[i].clone();
            return b;
        }

        /** The owner tile of each column block. */
        public int[] owners() {
            int[] o = new int[blocks.length];
            for (int i = 0; i < o.length; i++) o[i] = blocks[i][0];
            return o;
        }

        /** Row tiles' partial sums to their owner, per input vector. */
        public List<Flow> partialSums() { return List.copyOf(partialSums); }

        /** Owners' partial competition / mean values to block 0's owner, per input vector. */
        public List<Flow> reductionUp() { return List.copyOf(reductionUp); }

        /** Block 0's owner's result back to the other owners, per input vector (null when there is none). */
        public Flow reductionDown() { return reductionDown; }

        /** Post factors from each owner to its row tiles, per learning step. */
        public List<Flow> postBroadcast() { return List.copyOf(postBroadcast); }

        /** Row tiles' largest |dw| and squared norms to their owner, per learning step (scaled or adaptive rules). */
        public List<Flow> scaleUp() { return List.copyOf(scaleUp); }

        /** Owners' largest |dw| to block 0's owner, per learning step (layer scaling). */
        public List<Flow> layerMaxUp() { return List.copyOf(layerMaxUp); }

        /** The layer's largest |dw| back to the other owners (null when there is none). */
        public Flow layerMaxDown() { return layerMaxDown; }

        /** Every flow of one input vector, in the order the chip sends them. */
        public List<Flow> forward() {
            List<Flow> f = new ArrayList<>(partialSums);
            f.addAll(reductionUp);
            if (reductionDown != null) f.add(reductionDown);
            return f;
        }

        /** Every flow of one learning step, in the order the chip sends them. */
        public List<Flow> learning() {
            List<Flow> f = new ArrayList<>(postBroadcast);
            f.addAll(scaleUp);
            f.addAll(layerMaxUp);
            if (layerMaxDown != null) f.add(layerMaxDown);
            return f;
        }
    }

    /**
     * Values of a source layer that one packet carries to the next layer: the source's output values
     * [firstValue, firstValue + values) from tile src (its column block's owner) to the next layer's tiles dests.
     */
    public record Feed(int src, int[] dests, long firstValue, long values) {
        public Feed {
            dests = dests.clone();
        }

        @Override
        public int[] dests() { return dests.clone(); }

        /** The packet, {@code bitsPerValue} per value. */
        public Flow flow(PacketKind kind, long bitsPerValue) { return new Flow(kind, src, dests, values * bitsPerValue); }
    }

    /**
     * The values a weight layer's column blocks send to the next weight layer, one packet per (column block,
     * next-layer row block) pair whose values and rows meet: src is the source layer's owner tile, dests the next
     * layer's tiles of that row block (every column block), and the values that row block uses.
     *
     * @param src        the source layer's tiles
     * @param spatial    values per source column after the neuron operations in between (pooling), 1 for dense
     * @param next       the next weight layer's tiles
     * @param nextConv   the next layer is a convolution (its rows are channel-major kernel patches)
     * @param nextKernel the next layer's kernel size (convolution)
     */
    public static List<Feed> activations(List<Span> src, int spatial, List<Span> next, boolean nextConv, int nextKernel) {
        Layer s = new Layer(src, true, Competition.none(), Activation.identity(), new LearningRule.None(), 1);
        TreeMap<Integer, List<Integer>> byRow = new TreeMap<>();
        for (int t = 0; t < next.size(); t++) byRow.computeIfAbsent(next.get(t).rowStart(), k -> new ArrayList<>()).add(t);
        long kk = (long) nextKernel * nextKernel;
        List<Feed> out = new ArrayList<>();
        for (int owner : s.owners()) {
            Span o = src.get(owner);
            long v0 = (long) o.colStart() * spatial;
            long v1 = (long) (o.colStart() + o.cols()) * spatial;
            for (List<Integer> rowBlock : byRow.values()) {
                Span first = next.get(rowBlock.get(0));
                long r0 = first.rowStart();
                long r1 = first.rowStart() + first.rows();
                long lo, hi;
                if (nextConv) {
                    lo = Math.max(v0, r0 / kk * spatial);
                    hi = Math.min(v1, (r1 + kk - 1) / kk * spatial);
                } else {
                    lo = Math.max(v0, r0);
                    hi = Math.min(v1, r1);
                }
                if (hi <= lo) continue;
                out.add(new Feed(owner, rowBlock.stream().mapToInt(Integer::intValue).toArray(), lo, hi - lo));
            }
        }
        return out;
    }

    /**
     * The spikes a dense layer sends back to recurrent rows (its own, or an earlier layer's; one step later): one
     * packet per column block of the source, from its owner tile to every tile of the target whose rows hold that
     * block's neurons (rows {@code rowOffset + column}; {@code rowOffset} is the target's input size), carrying the
     * block's values (at most one address event each per step). A layer's own owner tile keeps the spikes its rows
     * take (no packet to itself); a block whose rows lie only there sends none.
     *
     * @param src    the source layer's tiles
     * @param target the target layer's tiles
     * @param self   the source and the target are the same layer (the same tiles)
     */
    public static List<Feed> recurrent(List<Span> src, List<Span> target, int rowOffset, boolean self) {
        Layer s = new Layer(src, true, Competition.none(), Activation.identity(), new LearningRule.None(), 1);
        List<Feed> out = new ArrayList<>();
        for (int owner : s.owners()) {
            Span o = src.get(owner);
            long lo = (long) rowOffset + o.colStart(), hi = lo + o.cols();
            List<Integer> dests = new ArrayList<>();
            for (int t = 0; t < target.size(); t++) {
                if (self && t == owner) continue;
                Span d = target.get(t);
                if (d.rowStart() < hi && d.rowStart() + d.rows() > lo) dests.add(t);
            }
            if (!dests.isEmpty()) {
                out.add(new Feed(owner, dests.stream().mapToInt(Integer::intValue).toArray(), o.colStart(), o.cols()));
            }
        }
        return out;
    }

    /**
     * Input values a tile's input buffer holds: its rows for a dense layer; for a convolution, the feature maps of the
     * channels its rows read ({@code inH x inW} values each).
     */
    public static long tileInputValues(Span t, boolean conv, int kernel, int inChannelsValues) {
        if (!conv) return t.rows();
        long kk = (long) kernel * kernel;
        long c0 = t.rowStart() / kk;
        long c1 = (t.rowStart() + t.rows() + kk - 1) / kk;
        return (c1 - c0) * inChannelsValues;
    }
}
