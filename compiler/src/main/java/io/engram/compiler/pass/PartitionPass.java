package io.engram.compiler.pass;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.program.LayerKind;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.Describe;
import io.engram.compiler.ir.LoweredIr;
import io.engram.compiler.ir.LoweredIr.Matrix;
import io.engram.compiler.ir.NeuronConfig;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.PartitionedIr.Flow;
import io.engram.compiler.ir.PartitionedIr.Grid;
import io.engram.compiler.ir.PartitionedIr.TilePlan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * partition: cuts each matrix into tiles of at most crossbar-rows x weight-columns (fixed-size blocks from the top
 * left, the last block of a dimension takes the rest) and derives the per-sample flows between tiles.
 * <ul>
 *   <li>PARTIAL_SUM: every row tile but the first sends cols x 32-bit sums (per position) to the column block's
 *       accumulator, its row-block-0 tile.</li>
 *   <li>POST_BROADCAST: when the layer learns and is row-split, the accumulator sends post activity (y, and u for
 *       SoftHebb-type rules) back to every other row tile of its column block.</li>
 *   <li>REDUCTION: when a competition (or the triangle activation's group mean) spans several column blocks, each
 *       block's accumulator sends its partial (max, sum of exp, top-k, sum) to block 0's accumulator, which
 *       broadcasts the result back; likewise for layer-wide update scaling (one 32-bit max per tile).</li>
 *   <li>ACTIVATION (SPIKE for LIF layers): each column block's accumulator sends its outputs, after pooling, to every
 *       tile of the next matrix whose rows take them.</li>
 * </ul>
 * Input from off-chip and the last layer's output leave no flows.
 */
public final class PartitionPass {
    static final int SUM_BITS = 32;

    private PartitionPass() {}

    public static PartitionedIr run(LoweredIr in, PassContext ctx) {
        CrossbarSpec xb = ctx.chip().core().crossbar();
        int maxRows = xb.rows();
        int maxCols = xb.weightCols();
        for (Matrix m : in.matrices()) {
            if (m.rows() > maxRows && !ctx.allowRowSplit()) {
                String detail = m.kind() == LayerKind.CONV2D
                        ? " (" + m.kernel() + "x" + m.kernel() + "x" + m.in().channels() + ")" : "";
                ctx.report(DiagCode.E301, m.origin(), "layer `" + m.name() + "` needs " + m.rows() + " rows" + detail
                                + " but a crossbar has " + maxRows,
                        "allow row splitting (partition: {allow_row_split: true}) or choose a chip whose crossbars have"
                                + " at least " + m.rows() + " rows");
            }
        }
        if (ctx.diags().hasErrors()) return null;

        List<TilePlan> tiles = new ArrayList<>();
        List<Grid> grids = new ArrayList<>();
        int rowSplit = 0, colSplit = 0;
        long cells = 0;
        for (Matrix m : in.matrices()) {
            int rb = ceilDiv(m.rows(), maxRows);
            int cb = ceilDiv(m.cols(), maxCols);
            if (rb > 1) rowSplit++;
            if (cb > 1) colSplit++;
            Grid g = new Grid(m.id(), rb, cb, tiles.size());
            grids.add(g);
            for (int r = 0; r < rb; r++) {
                for (int c = 0; c < cb; c++) {
                    int r0 = r * maxRows, c0 = c * maxCols;
                    TilePlan t = new TilePlan(tiles.size(), m.id(), m.layer(), r, c, r0, Math.min(maxRows, m.rows() - r0),
                            c0, Math.min(maxCols, m.cols() - c0));
                    tiles.add(t);
                    cells += t.cells(xb.cellsPerWeight());
                }
            }
        }

        FlowList flows = new FlowList();
        int valueBits = ctx.valueBits();
        for (Matrix m : in.matrices()) {
            Grid g = grids.get(m.id());
            NeuronConfig cfg = m.config();
            int postBits = cfg.spiking() ? 1 : valueBits;
            int postValues = postValues(cfg.rule());
            for (int c = 0; c < g.colBlocks(); c++) {
                int acc = g.tile(0, c);
                int cols = tiles.get(acc).cols();
                if (g.rowBlocks() > 1) {
                    for (int r = 1; r < g.rowBlocks(); r++) {
                        flows.add(Route.Kind.PARTIAL_SUM, m.layer(), g.tile(r, c), new int[] {acc},
                                (long) cols * SUM_BITS * m.positions(), "partial sums of m" + m.id() + " r" + r + " c" + c);
                    }
                    if (postValues > 0) {
                        int[] dests = new int[g.rowBlocks() - 1];
                        for (int r = 1; r < g.rowBlocks(); r++) dests[r - 1] = g.tile(r, c);
                        flows.add(Route.Kind.POST_BROADCAST, m.layer(), acc, dests,
                                (long) cols * postValues * postBits * m.positions(),
                                "post activity of m" + m.id() + " c" + c + " for " + Describe.ruleKind(cfg.rule()));
                    }
                }
            }
            int up = reductionUpValues(cfg.competition(), cfg.activation());
            if (g.colBlocks() > 1 && up > 0) {
                int leader = g.tile(0, 0);
                int down = reductionDownValues(cfg.competition(), cfg.activation());
                String what = reductionWhat(cfg);
                int[] others = new int[g.colBlocks() - 1];
                for (int c = 1; c < g.colBlocks(); c++) {
                    others[c - 1] = g.tile(0, c);
                    flows.add(Route.Kind.REDUCTION, m.layer(), g.tile(0, c), new int[] {leader},
                            (long) up * SUM_BITS * m.positions(), "partial " + what + " of m" + m.id() + " c" + c);
                }
                flows.add(Route.Kind.REDUCTION, m.layer(), leader, others, (long) down * SUM_BITS * m.positions(),
                        "global " + what + " of m" + m.id());
            }
            if (scaling(cfg.rule()) == UpdateScaling.LAYER && g.tiles() > 1) {
                ctx.report(DiagCode.N301, m.origin(), "layer `" + m.name() + "` uses scaling: layer, which divides"
                                + " updates by the largest |dw| of the whole layer; its " + g.tiles() + " tiles exchange"
                                + " one 32-bit maximum per update (a reduction over the NoC)",
                        "scaling: per-neuron is local and needs no reduction");
                int leader = g.tile(0, 0);
                int[] others = new int[g.tiles() - 1];
                for (int t = 1; t < g.tiles(); t++) {
                    others[t - 1] = g.firstTile() + t;
                    flows.add(Route.Kind.REDUCTION, m.layer(), g.firstTile() + t, new int[] {leader}, SUM_BITS,
                            "partial max |dw| of m" + m.id());
                }
                flows.add(Route.Kind.REDUCTION, m.layer(), leader, others, SUM_BITS, "layer max |dw| of m" + m.id());
            }
        }
        for (int i = 0; i + 1 < in.matrices().size(); i++) {
            Matrix m = in.matrices().get(i);
            Matrix n = in.matrices().get(i + 1);
            Grid gm = grids.get(m.id());
            Grid gn = grids.get(n.id());
            int spatial = m.spatialAfterOps();
            boolean spiking = m.config().spiking();
            int spikeBits = spikeBits(m);
            for (int c = 0; c < gm.colBlocks(); c++) {
                TilePlan src = tiles.get(gm.tile(0, c));
                long a = (long) src.colStart() * spatial;
                long b = (long) (src.colStart() + src.cols()) * spatial;
                long rowLo, rowHi;
                if (n.kind() == LayerKind.CONV2D) {
                    long hw = (long) n.in().height() * n.in().width();
                    long kk = (long) n.kernel() * n.kernel();
                    rowLo = (a / hw) * kk;
                    rowHi = ((b + hw - 1) / hw) * kk;
                } else {
                    rowLo = a;
                    rowHi = b;
                }
                List<Integer> dests = new ArrayList<>();
                for (int r = 0; r < gn.rowBlocks(); r++) {
                    TilePlan first = tiles.get(gn.tile(r, 0));
                    if (first.rowStart() < rowHi && first.rowStart() + first.rows() > rowLo) {
                        for (int cc = 0; cc < gn.colBlocks(); cc++) dests.add(gn.tile(r, cc));
                    }
                }
                if (dests.isEmpty()) throw new IllegalStateException("no destination for m" + m.id() + " c" + c);
                long values = (long) src.cols() * spatial;
                flows.add(spiking ? Route.Kind.SPIKE : Route.Kind.ACTIVATION, m.layer(), src.id(),
                        dests.stream().mapToInt(Integer::intValue).toArray(), values * (spiking ? spikeBits : valueBits),
                        values + " " + (spiking ? (spikeBits == 1 ? "spike bits" : spikeBits + "-bit spike counts") : "values")
                                + " of m" + m.id() + " c" + c + " to m" + n.id());
            }
        }
        Map<Route.Kind, Integer> byKind = new EnumMap<>(Route.Kind.class);
        for (Flow f : flows.list) byKind.merge(f.kind(), 1, Integer::sum);
        return new PartitionedIr(in, maxRows, maxCols, xb.cellsPerWeight(), tiles, grids, flows.list,
                new PartitionedIr.Stats(tiles.size(), rowSplit, colSplit, flows.list.size(), byKind, cells));
    }

    private static final class FlowList {
        final List<Flow> list = new ArrayList<>();

        void add(Route.Kind kind, int layer, int src, int[] dests, long bits, String what) {
            list.add(new Flow(list.size(), kind, layer, src, dests, bits, what));
        }
    }

    static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /**
     * Bits per value a spiking layer sends per time step: 1 for a spike, or enough for a spike count when average
     * (sum) pooling of k*k neurons follows; max pooling of spikes stays 1 bit.
     */
    static int spikeBits(Matrix m) {
        long maxCount = 1;
        for (LoweredIr.NeuronOp op : m.ops()) if (op.kind() == LayerKind.AVGPOOL) maxCount *= (long) op.kernel() * op.kernel();
        return 64 - Long.numberOfLeadingZeros(maxCount);
    }

    /** Post-synaptic values per neuron a row tile needs to learn: y, plus u for the SoftHebb family. */
    static int postValues(LearningRule r) {
        if (r instanceof LearningRule.None) return 0;
        if (r instanceof LearningRule.SoftHebb || r instanceof LearningRule.SoftAntiHebb) return 2;
        return 1;
    }

    static UpdateScaling scaling(LearningRule r) {
        if (r instanceof LearningRule.SoftHebb s) return s.scaling();
        if (r instanceof LearningRule.SoftAntiHebb s) return s.scaling();
        return UpdateScaling.NONE;
    }

    /** 32-bit values per position a column block sends to the leader: max+argmax, top-k pairs, max+sum-exp, sum. */
    static int reductionUpValues(Competition c, Activation a) {
        int v;
        switch (c.kind()) {
            case HARD_WTA: v = 2; break;
            case K_WTA: v = 2 * c.k(); break;
            case SOFTMAX: v = 2; break;
            default: v = 0;
        }
        if (a.kind() == Activation.Kind.TRIANGLE) v += 1;
        return v;
    }

    /** 32-bit values per position the leader broadcasts: winner+value, k-th threshold, max+sum, mean. */
    static int reductionDownValues(Competition c, Activation a) {
        int v;
        switch (c.kind()) {
            case HARD_WTA: v = 2; break;
            case K_WTA: v = 1; break;
            case SOFTMAX: v = 2; break;
            default: v = 0;
        }
        if (a.kind() == Activation.Kind.TRIANGLE) v += 1;
        return v;
    }

    private static String reductionWhat(NeuronConfig cfg) {
        String s = cfg.competition().kind() == Competition.Kind.NONE ? "" : Describe.competition(cfg.competition());
        if (cfg.activation().kind() == Activation.Kind.TRIANGLE) s = s.isEmpty() ? "triangle mean" : s + " + triangle mean";
        return s;
    }

    /** Verifier: tiles cover every matrix exactly, fit a crossbar, and flows name real tiles. */
    public static void verify(PartitionedIr ir) {
        for (Grid g : ir.grids()) {
            Matrix m = ir.lowered().matrices().get(g.matrix());
            long area = 0;
            for (int t = g.firstTile(); t < g.firstTile() + g.tiles(); t++) {
                TilePlan tp = ir.tiles().get(t);
                if (tp.matrix() != m.id() || tp.id() != t) throw new IllegalStateException("tile " + t + " misfiled");
                if (tp.rows() > ir.crossbarRows() || tp.cols() > ir.crossbarWeightCols()) {
                    throw new IllegalStateException("tile " + t + " exceeds the crossbar");
                }
                if (tp.rowStart() + tp.rows() > m.rows() || tp.colStart() + tp.cols() > m.cols()) {
                    throw new IllegalStateException("tile " + t + " outside matrix " + m.name());
                }
                TilePlan rowHead = ir.tiles().get(g.tile(tp.rowBlock(), 0));
                TilePlan colHead = ir.tiles().get(g.tile(0, tp.colBlock()));
                if (rowHead.rowStart() != tp.rowStart() || colHead.colStart() != tp.colStart()) {
                    throw new IllegalStateException("tile " + t + " not on its grid");
                }
                area += (long) tp.rows() * tp.cols();
            }
            if (area != m.synapses()) throw new IllegalStateException("tiles of " + m.name() + " cover " + area + " cells");
        }
        for (Flow f : ir.flows()) {
            Set<Integer> seen = new HashSet<>();
            if (f.src() < 0 || f.src() >= ir.tiles().size() || f.dests().length == 0) throw new IllegalStateException("flow " + f.id());
            for (int d : f.dests()) {
                if (d < 0 || d >= ir.tiles().size() || d == f.src() || !seen.add(d)) {
                    throw new IllegalStateException("flow " + f.id() + " bad destination t" + d);
                }
            }
        }
    }
}
