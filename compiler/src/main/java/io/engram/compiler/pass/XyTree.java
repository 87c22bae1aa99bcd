package io.engram.compiler.pass;

import java.util.Arrays;

/**
 * The union of dimension-ordered (X then Y) paths from one source core to several destinations on a 2D mesh.
 * Core index = y * width + x. Public so that the runtime can rebuild the same paths from a program's routes.
 */
public final class XyTree {
    private final int src;
    private final int[] dests;
    private final int cores;
    /** Distinct directed links, encoded {@code from * cores + to}, sorted. */
    private final long[] links;

    private XyTree(int src, int[] dests, int cores, long[] links) {
        this.src = src;
        this.dests = dests;
        this.cores = cores;
        this.links = links;
    }

    public static XyTree build(int src, int[] dests, int width, int cores) {
        int total = 0;
        for (int d : dests) total += PlacePass.dist(src, d, width);
        long[] all = new long[total];
        int n = 0;
        for (int d : dests) {
            int[] p = path(src, d, width);
            for (int i = 0; i + 1 < p.length; i++) all[n++] = (long) p[i] * cores + p[i + 1];
        }
        Arrays.sort(all);
        int u = 0;
        for (int i = 0; i < n; i++) if (u == 0 || all[i] != all[u - 1]) all[u++] = all[i];
        return new XyTree(src, dests, cores, Arrays.copyOf(all, u));
    }

    /** XY path from a to b as the list of cores visited, a and b included. */
    public static int[] path(int a, int b, int width) {
        int x = a % width, y = a / width, tx = b % width, ty = b / width;
        int[] p = new int[Math.abs(tx - x) + Math.abs(ty - y) + 1];
        int i = 0;
        p[i++] = a;
        while (x != tx) { x += Integer.signum(tx - x); p[i++] = y * width + x; }
        while (y != ty) { y += Integer.signum(ty - y); p[i++] = y * width + x; }
        return p;
    }

    /** Directed links encoded {@code from * cores + to}, sorted. */
    public long[] links() { return links.clone(); }

    public int linkCount() { return links.length; }

    /**
     * Adds one entry at every router that does more than forward straight on: the source, each destination, branch
     * points and X-to-Y turns.
     */
    void addTableEntries(int[] entries) {
        long[] byTo = new long[links.length];
        for (int i = 0; i < links.length; i++) byTo[i] = (links[i] % cores) * cores + links[i] / cores;
        Arrays.sort(byTo);
        int[] need = new int[links.length + dests.length + 1];
        int k = 0;
        need[k++] = src;
        for (int d : dests) need[k++] = d;
        for (int i = 0; i < links.length; ) {
            int from = (int) (links[i] / cores);
            int j = i;
            while (j < links.length && links[j] / cores == from) j++;
            if (j - i > 1) {
                need[k++] = from;
            } else {
                int next = (int) (links[i] % cores);
                int idx = Arrays.binarySearch(byTo, (long) from * cores);
                int pos = idx >= 0 ? idx : -idx - 1;
                if (pos < byTo.length && byTo[pos] / cores == from) {
                    int prev = (int) (byTo[pos] % cores);
                    if (next - from != from - prev) need[k++] = from;
                }
            }
            i = j;
        }
        int[] s = Arrays.copyOf(need, k);
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) entries[s[i]]++;
    }
}
