package io.engram.compiler.ir;

/**
 * After place: the core of every tile (core index = y * meshWidth + x). The objective is the sum over flows and
 * destinations of payload bits x Manhattan hops, per sample.
 */
public record PlacedIr(PartitionedIr partitioned, int meshWidth, int meshHeight, int[] coreOfTile, Stats stats)
        implements Ir {

    public int cores() { return meshWidth * meshHeight; }

    /**
     * @param objective          bit-hops per sample of the chosen placement
     * @param rowMajorObjective  bit-hops per sample of the naive placement tile i on core i
     * @param greedyObjective    bit-hops after the greedy construction, before swaps
     * @param moves              accepted moves and swaps during improvement
     * @param passes             improvement passes run
     * @param start              which start won: "greedy" or "row-major"
     */
    public record Stats(int tiles, int cores, long objective, long rowMajorObjective, long greedyObjective, int moves,
                        int passes, String start) {
        /** Objective relative to row-major (1.0 = equal; smaller is better). */
        public double ratioToRowMajor() { return rowMajorObjective == 0 ? 1.0 : objective / (double) rowMajorObjective; }
    }

    @Override
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append(Fmt.f("; place: %d tiles on %d cores (%dx%d mesh)%n", stats.tiles, stats.cores, meshWidth, meshHeight));
        for (int t = 0; t < coreOfTile.length; t++) {
            int c = coreOfTile[t];
            sb.append(Fmt.f("t%d -> core %d (%d,%d)%n", t, c, c % meshWidth, c / meshWidth));
        }
        if (meshWidth <= 32 && meshHeight <= 32) {
            int[] tileAt = new int[cores()];
            java.util.Arrays.fill(tileAt, -1);
            for (int t = 0; t < coreOfTile.length; t++) tileAt[coreOfTile[t]] = t;
            sb.append("mesh (y down, x right):\n");
            for (int y = 0; y < meshHeight; y++) {
                sb.append(' ');
                for (int x = 0; x < meshWidth; x++) {
                    int t = tileAt[y * meshWidth + x];
                    sb.append(Fmt.f(" %5s", t < 0 ? "." : "t" + t));
                }
                sb.append('\n');
            }
        }
        sb.append(Fmt.f("; stats: objective %d bit-hops/sample, row-major %d (ratio %.3f), greedy %d, start %s, moves %d, passes %d%n",
                stats.objective, stats.rowMajorObjective, stats.ratioToRowMajor(), stats.greedyObjective, stats.start,
                stats.moves, stats.passes));
        return sb.toString();
    }
}
