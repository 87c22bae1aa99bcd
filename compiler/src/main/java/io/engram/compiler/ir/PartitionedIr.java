package io.engram.compiler.ir;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.program.ChipProgram.Route;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * After partition: each matrix cut into tiles no larger than a crossbar (a grid of row blocks x column blocks, one
 * tile per core), and the per-sample data flows between tiles: activations to the next layer, partial sums of row
 * splits to the column block's accumulator (its row-block-0 tile), the post-activity broadcast back to the other row
 * tiles when the layer learns, and the competition reductions between column blocks.
 */
public record PartitionedIr(LoweredIr lowered, int crossbarRows, int crossbarWeightCols, int cellsPerWeight,
                            List<TilePlan> tiles, List<Grid> grids, List<Flow> flows, Stats stats) implements Ir {
    public PartitionedIr {
        tiles = List.copyOf(tiles);
        grids = List.copyOf(grids);
        flows = List.copyOf(flows);
    }

    /** One block of a matrix, destined for one core. */
    public record TilePlan(int id, int matrix, int layer, int rowBlock, int colBlock, int rowStart, int rows,
                           int colStart, int cols) {
        public long cells(int cellsPerWeight) { return (long) rows * cols * cellsPerWeight; }
    }

    /** The tile grid of one matrix; tile ids are row-major over (row block, column block). */
    public record Grid(int matrix, int rowBlocks, int colBlocks, int firstTile) {
        public int tile(int rowBlock, int colBlock) { return firstTile + rowBlock * colBlocks + colBlock; }

        public int tiles() { return rowBlocks * colBlocks; }
    }

    /**
     * Data moved per sample (per time step for SPIKE flows) from one tile to others.
     *
     * @param layer       network layer index the flow belongs to (the producing layer)
     * @param payloadBits bits of one packet, delivered to each destination ({@link io.engram.chip.program.Traffic})
     * @param repeats     packets per sample: the positions of a convolution, 1 for a dense layer (per time step for
     *                    a spiking layer)
     * @param what        short description for dumps
     * @param feedsBackTo spiking recurrence: the layer whose recurrent rows the spikes reach one step later (the
     *                    producing layer itself, or an earlier one); -1 for any other flow
     */
    public record Flow(int id, PacketKind kind, int layer, int src, int[] dests, long payloadBits, int repeats,
                       String what, int feedsBackTo) {
        /** A flow that is not recurrent. */
        public Flow(int id, PacketKind kind, int layer, int src, int[] dests, long payloadBits, int repeats, String what) {
            this(id, kind, layer, src, dests, payloadBits, repeats, what, -1);
        }

        /** True for spikes returning to recurrent rows. */
        public boolean recurrent() { return feedsBackTo >= 0; }

        /** Bits per sample (per time step for a spiking layer): payload x repeats. */
        public long bitsPerSample() { return payloadBits * repeats; }
    }

    /**
     * @param rowSplitMatrices matrices taller than a crossbar
     * @param colSplitMatrices matrices wider than a crossbar's weight columns
     * @param cellsUsed        physical cells holding weights (rows x cols x cells per weight)
     */
    public record Stats(int tiles, int rowSplitMatrices, int colSplitMatrices, int flows, Map<PacketKind, Integer> flowsByKind,
                        long cellsUsed) {
        public Stats {
            flowsByKind = Map.copyOf(flowsByKind);
        }
    }

    @Override
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append("; partition: crossbar ").append(crossbarRows).append(" rows x ").append(crossbarWeightCols)
                .append(" weight columns (").append(cellsPerWeight).append(" cells per weight)\n");
        long crossbarCells = (long) crossbarRows * crossbarWeightCols * cellsPerWeight;
        for (Grid g : grids) {
            LoweredIr.Matrix m = lowered.matrices().get(g.matrix());
            sb.append("matrix m").append(m.id()).append(' ').append(m.name()).append(' ').append(m.rows()).append('x')
                    .append(m.cols()).append(": ").append(g.rowBlocks()).append(" row blocks x ").append(g.colBlocks())
                    .append(" column blocks\n");
            for (int t = g.firstTile(); t < g.firstTile() + g.tiles(); t++) {
                TilePlan tp = tiles.get(t);
                sb.append(Fmt.f("  t%d r%d c%d rows [%d,%d) cols [%d,%d) cells %d/%d%n", tp.id, tp.rowBlock, tp.colBlock,
                        tp.rowStart, tp.rowStart + tp.rows, tp.colStart, tp.colStart + tp.cols, tp.cells(cellsPerWeight),
                        crossbarCells));
            }
        }
        for (Flow f : flows) {
            sb.append("flow f").append(f.id).append(' ').append(f.kind).append(" %").append(f.layer).append(" t").append(f.src)
                    .append(" -> ");
            appendTiles(sb, f.dests);
            sb.append(" bits ").append(f.payloadBits);
            if (f.repeats != 1) sb.append(" x").append(f.repeats);
            sb.append(" (").append(f.what).append(")\n");
        }
        Map<PacketKind, Integer> byKind = new EnumMap<>(PacketKind.class);
        byKind.putAll(stats.flowsByKind);
        sb.append(Fmt.f("; stats: tiles %d, row-split matrices %d, column-split matrices %d, flows %d %s, cells used %d%n",
                stats.tiles, stats.rowSplitMatrices, stats.colSplitMatrices, stats.flows, byKind, stats.cellsUsed));
        return sb.toString();
    }

    static void appendTiles(StringBuilder sb, int[] ids) {
        int[] s = ids.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('t').append(s[i]);
        }
    }
}
