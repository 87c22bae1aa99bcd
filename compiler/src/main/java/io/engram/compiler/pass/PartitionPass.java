package io.engram.compiler.pass;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Traffic;
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
 * left, the last block of a dimension takes the rest) and derives the per-sample flows between tiles from
 * {@link Traffic}, the description the chip's runtime sends its packets by (partial sums, competition and scaling
 * reductions, post factors, activations or spikes to the tiles whose rows take them).
 * Input from off-chip and the last layer's output leave no flows.
 */
public final class PartitionPass {

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
        int factorBits = ctx.chip().core().plasticity().factorBits();
        List<List<Traffic.Span>> spans = new ArrayList<>();
        for (Matrix m : in.matrices()) {
            Grid g = grids.get(m.id());
            List<Traffic.Span> sp = new ArrayList<>();
            for (int t = g.firstTile(); t < g.firstTile() + g.tiles(); t++) {
                TilePlan tp = tiles.get(t);
                sp.add(new Traffic.Span(tp.rowStart(), tp.rows(), tp.colStart(), tp.cols()));
            }
            spans.add(sp);
        }
        for (Matrix m : in.matrices()) {
            Grid g = grids.get(m.id());
            NeuronConfig cfg = m.config();
            int first = g.firstTile();
            int reps = m.positions();
            Traffic.Layer tr = Traffic.layer(spans.get(m.id()), cfg.spiking(), cfg.competition(), cfg.activation(),
                    cfg.rule(), factorBits);
            for (Traffic.Flow f : tr.partialSums()) {
                flows.add(f, first, first, m.layer(), reps, "partial sums of m" + m.id() + " t" + (first + f.src()));
            }
            for (Traffic.Flow f : tr.reductionUp()) {
                flows.add(f, first, first, m.layer(), reps, "partial " + reductionWhat(cfg) + " of m" + m.id() + " t" + (first + f.src()));
            }
            if (tr.reductionDown() != null) {
                flows.add(tr.reductionDown(), first, first, m.layer(), reps, "global " + reductionWhat(cfg) + " of m" + m.id());
            }
            for (Traffic.Flow f : tr.postBroadcast()) {
                flows.add(f, first, first, m.layer(), reps, "post factors a, b of m" + m.id() + " t" + (first + f.src())
                        + " for " + Describe.ruleKind(cfg.rule()));
            }
            for (Traffic.Flow f : tr.scaleUp()) {
                flows.add(f, first, first, m.layer(), reps, "max |dw| and norms of m" + m.id() + " t" + (first + f.src()));
            }
            if (tr.layerMaxDown() != null) {
                ctx.report(DiagCode.N301, m.origin(), "layer `" + m.name() + "` uses scaling: layer, which divides"
                                + " updates by the largest |dw| of the whole layer; its " + g.colBlocks() + " column blocks"
                                + " exchange one 32-bit maximum per update (a reduction over the NoC)",
                        "scaling: per-neuron is local and needs no reduction");
                for (Traffic.Flow f : tr.layerMaxUp()) {
                    flows.add(f, first, first, m.layer(), reps, "partial max |dw| of m" + m.id() + " t" + (first + f.src()));
                }
                flows.add(tr.layerMaxDown(), first, first, m.layer(), reps, "layer max |dw| of m" + m.id());
            }
        }
        for (int i = 0; i + 1 < in.matrices().size(); i++) {
            Matrix m = in.matrices().get(i);
            Matrix n = in.matrices().get(i + 1);
            boolean spiking = m.config().spiking();
            long bits = spiking ? ctx.chip().noc().spikeBits() : valueBits;
            PacketKind kind = spiking ? PacketKind.SPIKE : PacketKind.ACTIVATION;
            for (Traffic.Feed f : Traffic.activations(spans.get(m.id()), m.spatialAfterOps(), spans.get(n.id()),
                    n.kind() == LayerKind.CONV2D, n.kernel())) {
                flows.add(f.flow(kind, bits), grids.get(m.id()).firstTile(), grids.get(n.id()).firstTile(), m.layer(), 1,
                        f.values() + (spiking ? " values (at most one " + bits + "-bit address event each per step)" : " values")
                                + " of m" + m.id() + " to m" + n.id());
            }
        }
        for (Matrix m : in.matrices()) {
            if (m.recurrentFrom() == null) continue;
            // spiking recurrence: the source's spikes of a step reach m's recurrent rows for the next step
            Matrix src = in.matrices().stream().filter(x -> x.name().equals(m.recurrentFrom())).findFirst().orElseThrow(
                    () -> new IllegalStateException("recurrent source " + m.recurrentFrom() + " of " + m.name()));
            long bits = ctx.chip().noc().spikeBits();
            for (Traffic.Feed f : Traffic.recurrent(spans.get(src.id()), spans.get(m.id()), m.in().size(), src == m)) {
                flows.addRecurrent(f.flow(PacketKind.SPIKE, bits), grids.get(src.id()).firstTile(),
                        grids.get(m.id()).firstTile(), src.layer(), m.layer(), f.values() + " values (at most one " + bits
                                + "-bit address event each per step) of m" + src.id() + " back to the recurrent rows of m"
                                + m.id() + " (one step later)");
            }
        }
        Map<PacketKind, Integer> byKind = new EnumMap<>(PacketKind.class);
        for (Flow f : flows.list) byKind.merge(f.kind(), 1, Integer::sum);
        return new PartitionedIr(in, maxRows, maxCols, xb.cellsPerWeight(), tiles, grids, flows.list,
                new PartitionedIr.Stats(tiles.size(), rowSplit, colSplit, flows.list.size(), byKind, cells));
    }

    private static final class FlowList {
        final List<Flow> list = new ArrayList<>();

        /** A flow of {@link Traffic} whose tiles are numbered from srcFirst (source) and destFirst (destinations). */
        void add(Traffic.Flow f, int srcFirst, int destFirst, int layer, int repeats, String what) {
            int[] d = f.dests();
            for (int k = 0; k < d.length; k++) d[k] += destFirst;
            list.add(new Flow(list.size(), f.kind(), layer, srcFirst + f.src(), d, f.payloadBits(), repeats, what));
        }

        /** Spikes of layer {@code layer} returning to the recurrent rows of layer {@code target}, once per step. */
        void addRecurrent(Traffic.Flow f, int srcFirst, int destFirst, int layer, int target, String what) {
            int[] d = f.dests();
            for (int k = 0; k < d.length; k++) d[k] += destFirst;
            list.add(new Flow(list.size(), f.kind(), layer, srcFirst + f.src(), d, f.payloadBits(), 1, what, target));
        }
    }

    static int ceilDiv(int a, int b) { return (a + b - 1) / b; }






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
