package io.engram.compiler.pass;

import io.engram.chip.noc.XyRouting;

import java.util.Arrays;

/**
 * The union of dimension-ordered (X then Y) paths from one source core to several destinations on a 2D mesh.
 * Core index = y * width + x. The paths are {@link XyRouting}'s, the routing function of the chip's NoC.
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
        return new XyTree(src, dests, cores, XyRouting.treeLinks(src, dests, width, cores));
    }

    /** XY path from a to b as the list of cores visited, a and b included ({@link XyRouting#path}). */
    public static int[] path(int a, int b, int width) {
        return XyRouting.path(a, b, width);
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
