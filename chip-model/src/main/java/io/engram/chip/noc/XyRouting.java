package io.engram.chip.noc;

import java.util.Arrays;

/**
 * Dimension-ordered (X, then Y) routing on a 2D mesh, core index = y * width + x: the one routing function of the
 * network's routers ({@link Noc}), the fast engine's closed forms and the compiler's route plan.
 */
public final class XyRouting {
    private XyRouting() {}

    /** The output port a router {@code at} sends a flit towards {@code dest} on (LOCAL when it is there). */
    public static Port output(int at, int dest, int width) {
        int dx = dest % width - at % width;
        if (dx > 0) return Port.EAST;
        if (dx < 0) return Port.WEST;
        int dy = dest / width - at / width;
        if (dy > 0) return Port.SOUTH;
        if (dy < 0) return Port.NORTH;
        return Port.LOCAL;
    }

    /** Links a packet crosses from a to b (Manhattan distance). */
    public static int hops(int a, int b, int width) {
        return Math.abs(a % width - b % width) + Math.abs(a / width - b / width);
    }

    /** The path from a to b as the cores visited, a and b included, following {@link #output}. */
    public static int[] path(int a, int b, int width) {
        int[] p = new int[hops(a, b, width) + 1];
        int at = a;
        p[0] = a;
        for (int i = 1; i < p.length; i++) {
            Port o = output(at, b, width);
            at += o.dx() + o.dy() * width;
            p[i] = at;
        }
        return p;
    }

    /**
     * The distinct directed links of the union of the paths from src to every destination (a tree-multicast packet
     * crosses each once), encoded {@code from * cores + to}, sorted.
     */
    public static long[] treeLinks(int src, int[] dests, int width, int cores) {
        int total = 0;
        for (int d : dests) total += hops(src, d, width);
        long[] all = new long[total];
        int n = 0;
        for (int d : dests) {
            int[] p = path(src, d, width);
            for (int i = 0; i + 1 < p.length; i++) all[n++] = (long) p[i] * cores + p[i + 1];
        }
        Arrays.sort(all);
        int u = 0;
        for (int i = 0; i < n; i++) if (u == 0 || all[i] != all[u - 1]) all[u++] = all[i];
        return Arrays.copyOf(all, u);
    }
}
