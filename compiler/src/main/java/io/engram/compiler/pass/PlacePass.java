package io.engram.compiler.pass;

import io.engram.chip.spec.MeshSpec;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.LoweredIr.Matrix;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.PartitionedIr.Flow;
import io.engram.compiler.ir.PartitionedIr.Grid;
import io.engram.compiler.ir.PlacedIr;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * place: one tile per core, minimising the sum over flows and destinations of payload bits x Manhattan hops.
 * A greedy construction (tiles in order, each on the free core nearest the weighted centroid of its placed partners,
 * best of the first few free cores found) is improved by moves and pairwise swaps within a small neighbourhood,
 * visiting tiles in an order drawn from the stream (seed, "place", purpose). The same improvement also runs from the
 * naive row-major placement (tile i on core i); the better result is kept, so the result is never worse than
 * row-major. Deterministic for a seed.
 */
public final class PlacePass {
    private static final int GREEDY_CANDIDATES = 8;
    private static final int GREEDY_SCAN_CAP = 4096;
    private static final int SWAP_RADIUS = 2;

    private PlacePass() {}

    public static PlacedIr run(PartitionedIr in, PassContext ctx) {
        MeshSpec mesh = ctx.chip().mesh();
        int n = in.tiles().size();
        int cores = mesh.cores();
        if (n > cores) {
            StringBuilder perLayer = new StringBuilder();
            for (Grid g : in.grids()) {
                Matrix m = in.lowered().matrices().get(g.matrix());
                if (perLayer.length() > 0) perLayer.append(", ");
                perLayer.append(m.name()).append(' ').append(g.tiles()).append(" (").append(g.rowBlocks())
                        .append(" row x ").append(g.colBlocks()).append(" column blocks)");
            }
            int side = (int) Math.ceil(Math.sqrt(n));
            ctx.report(DiagCode.E401, "network `" + in.lowered().shaped().network().name() + "`",
                    "the network needs " + n + " cores (one tile per core) but chip `" + ctx.chip().name() + "` has "
                            + cores + " (" + mesh.width() + "x" + mesh.height() + " mesh)",
                    "tiles per layer: " + perLayer + "; use a chip with at least " + n + " cores (e.g. a " + side + "x"
                            + side + " mesh) or larger crossbars, or make the layers smaller");
            return null;
        }
        Graph g = Graph.of(in);
        int w = mesh.width(), h = mesh.height();
        int[] rowMajor = new int[n];
        for (int t = 0; t < n; t++) rowMajor[t] = t;
        long rowMajorObj = g.objective(rowMajor, w);
        int[] greedy = greedy(g, n, w, h);
        long greedyObj = g.objective(greedy, w);

        Result fromGreedy = improve(g, greedy.clone(), w, h, ctx.placementPasses(), ctx.streams().stream("place", "order-greedy"));
        Result fromRowMajor = improve(g, rowMajor.clone(), w, h, ctx.placementPasses(),
                ctx.streams().stream("place", "order-row-major"));
        long objG = g.objective(fromGreedy.core, w);
        long objR = g.objective(fromRowMajor.core, w);
        boolean greedyWins = objG <= objR;
        Result best = greedyWins ? fromGreedy : fromRowMajor;
        long obj = Math.min(objG, objR);
        return new PlacedIr(in, w, h, best.core, new PlacedIr.Stats(n, cores, obj, rowMajorObj, greedyObj, best.moves,
                best.passes, greedyWins ? "greedy" : "row-major"));
    }

    /** Weighted tile graph in compressed-row form; weights are payload bits summed over flows in both directions. */
    static final class Graph {
        final int n;
        final int[] start;
        final int[] other;
        final long[] weight;

        private Graph(int n, int[] start, int[] other, long[] weight) {
            this.n = n;
            this.start = start;
            this.other = other;
            this.weight = weight;
        }

        static Graph of(PartitionedIr in) {
            int n = in.tiles().size();
            int pairs = 0;
            for (Flow f : in.flows()) pairs += f.dests().length;
            long[] keys = new long[2 * pairs];
            long[] ws = new long[2 * pairs];
            int k = 0;
            for (Flow f : in.flows()) {
                for (int d : f.dests()) {
                    keys[k] = (long) f.src() * n + d;
                    ws[k++] = f.bitsPerSample();
                    keys[k] = (long) d * n + f.src();
                    ws[k++] = f.bitsPerSample();
                }
            }
            int[] idx = sortedIndex(keys, k, (long) n * n);
            int[] start = new int[n + 1];
            int[] other = new int[k];
            long[] weight = new long[k];
            int m = 0;
            long last = -1;
            for (int i = 0; i < k; i++) {
                long key = keys[idx[i]];
                if (key == last) {
                    weight[m - 1] += ws[idx[i]];
                } else {
                    other[m] = (int) (key % n);
                    weight[m] = ws[idx[i]];
                    start[(int) (key / n) + 1]++;
                    m++;
                    last = key;
                }
            }
            for (int t = 0; t < n; t++) start[t + 1] += start[t];
            return new Graph(n, start, Arrays.copyOf(other, m), Arrays.copyOf(weight, m));
        }

        /** Indices of keys[0..k) in ascending key order (stable), without boxing when the packed form fits a long. */
        private static int[] sortedIndex(long[] keys, int k, long keyRange) {
            int[] idx = new int[k];
            if (k == 0) return idx;
            if (keyRange < Long.MAX_VALUE / Math.max(1, k)) {
                long[] packed = new long[k];
                for (int i = 0; i < k; i++) packed[i] = keys[i] * k + i;
                Arrays.sort(packed);
                for (int i = 0; i < k; i++) idx[i] = (int) (packed[i] % k);
                return idx;
            }
            Integer[] boxed = new Integer[k];
            for (int i = 0; i < k; i++) boxed[i] = i;
            Arrays.sort(boxed, (x, y) -> Long.compare(keys[x], keys[y]));
            for (int i = 0; i < k; i++) idx[i] = boxed[i];
            return idx;
        }

        long objective(int[] core, int w) {
            long sum = 0;
            for (int t = 0; t < n; t++) {
                for (int e = start[t]; e < start[t + 1]; e++) sum += weight[e] * dist(core[t], core[other[e]], w);
            }
            return sum / 2;
        }
    }

    static int dist(int a, int b, int w) { return io.engram.chip.noc.XyRouting.hops(a, b, w); }

    private static int[] greedy(Graph g, int n, int w, int h) {
        int cores = w * h;
        int[] core = new int[n];
        Arrays.fill(core, -1);
        boolean[] used = new boolean[cores];
        int cursor = 0;
        for (int t = 0; t < n; t++) {
            double sw = 0, sx = 0, sy = 0;
            for (int e = g.start[t]; e < g.start[t + 1]; e++) {
                int c = core[g.other[e]];
                if (c < 0) continue;
                sw += g.weight[e];
                sx += (double) g.weight[e] * (c % w);
                sy += (double) g.weight[e] * (c / w);
            }
            int chosen = -1;
            if (sw > 0) {
                int cx = (int) Math.round(sx / sw), cy = (int) Math.round(sy / sw);
                long bestCost = Long.MAX_VALUE;
                int found = 0, scanned = 0;
                for (int r = 0; r <= w + h && found < GREEDY_CANDIDATES && scanned < GREEDY_SCAN_CAP; r++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int dy = r - Math.abs(dx);
                        for (int sgn = 0; sgn < (dy == 0 ? 1 : 2); sgn++) {
                            int x = cx + dx, y = cy + (sgn == 0 ? dy : -dy);
                            scanned++;
                            if (x < 0 || y < 0 || x >= w || y >= h) continue;
                            int c = y * w + x;
                            if (used[c]) continue;
                            found++;
                            long cost = 0;
                            for (int e = g.start[t]; e < g.start[t + 1]; e++) {
                                int oc = core[g.other[e]];
                                if (oc >= 0) cost += g.weight[e] * dist(c, oc, w);
                            }
                            if (cost < bestCost || (cost == bestCost && c < chosen)) {
                                bestCost = cost;
                                chosen = c;
                            }
                        }
                    }
                }
            }
            if (chosen < 0) {
                while (used[snake(cursor, w)]) cursor++;
                chosen = snake(cursor, w);
            }
            core[t] = chosen;
            used[chosen] = true;
        }
        return core;
    }

    /** Boustrophedon order: row 0 left to right, row 1 right to left, ... so consecutive cores are neighbours. */
    private static int snake(int i, int w) {
        int y = i / w, x = i % w;
        return y * w + (y % 2 == 0 ? x : w - 1 - x);
    }

    private record Result(int[] core, int moves, int passes) {}

    private static Result improve(Graph g, int[] core, int w, int h, int maxPasses, SplittableRandom rnd) {
        int n = core.length;
        int[] tileAt = new int[w * h];
        Arrays.fill(tileAt, -1);
        for (int t = 0; t < n; t++) tileAt[core[t]] = t;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int[] cand = new int[64];
        int moves = 0, passes = 0;
        for (int pass = 0; pass < maxPasses; pass++) {
            passes++;
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            int accepted = 0;
            for (int a : order) {
                if (g.start[a] == g.start[a + 1]) continue;
                int pa = core[a];
                int nc = 0;
                int ax = pa % w, ay = pa / w;
                for (int dy = -SWAP_RADIUS; dy <= SWAP_RADIUS; dy++) {
                    for (int dx = -SWAP_RADIUS; dx <= SWAP_RADIUS; dx++) {
                        if (Math.abs(dx) + Math.abs(dy) > SWAP_RADIUS || (dx == 0 && dy == 0)) continue;
                        int x = ax + dx, y = ay + dy;
                        if (x >= 0 && y >= 0 && x < w && y < h) cand[nc++] = y * w + x;
                    }
                }
                double sw = 0, sx = 0, sy = 0;
                for (int e = g.start[a]; e < g.start[a + 1]; e++) {
                    int c = core[g.other[e]];
                    sw += g.weight[e];
                    sx += (double) g.weight[e] * (c % w);
                    sy += (double) g.weight[e] * (c / w);
                }
                int cx = (int) Math.round(sx / sw), cy = (int) Math.round(sy / sw);
                for (int[] d : new int[][] {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                    int x = cx + d[0], y = cy + d[1];
                    if (x >= 0 && y >= 0 && x < w && y < h && y * w + x != pa) cand[nc++] = y * w + x;
                }
                long bestDelta = 0;
                int bestQ = -1;
                for (int ci = 0; ci < nc; ci++) {
                    int q = cand[ci];
                    int b = tileAt[q];
                    long delta = moveDelta(g, core, a, pa, q, b, w);
                    if (b >= 0) delta += moveDelta(g, core, b, q, pa, a, w);
                    if (delta < bestDelta) {
                        bestDelta = delta;
                        bestQ = q;
                    }
                }
                if (bestQ >= 0) {
                    int b = tileAt[bestQ];
                    core[a] = bestQ;
                    tileAt[bestQ] = a;
                    tileAt[pa] = b;
                    if (b >= 0) core[b] = pa;
                    accepted++;
                }
            }
            moves += accepted;
            if (accepted == 0) break;
        }
        return new Result(core, moves, passes);
    }

    /** Change of the objective when tile t moves from core {@code from} to {@code to}, ignoring its pair with {@code skip}. */
    private static long moveDelta(Graph g, int[] core, int t, int from, int to, int skip, int w) {
        long d = 0;
        for (int e = g.start[t]; e < g.start[t + 1]; e++) {
            int o = g.other[e];
            if (o == skip) continue;
            int oc = core[o];
            d += g.weight[e] * (dist(to, oc, w) - dist(from, oc, w));
        }
        return d;
    }

    /** Verifier: every tile on a distinct core of the mesh. */
    public static void verify(PlacedIr ir) {
        boolean[] used = new boolean[ir.cores()];
        for (int t = 0; t < ir.coreOfTile().length; t++) {
            int c = ir.coreOfTile()[t];
            if (c < 0 || c >= used.length || used[c]) throw new IllegalStateException("tile " + t + " on bad core " + c);
            used[c] = true;
        }
        if (ir.stats().objective() > ir.stats().rowMajorObjective()) throw new IllegalStateException("placement worse than row-major");
    }
}
