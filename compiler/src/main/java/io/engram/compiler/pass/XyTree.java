package io.engram.compiler.pass;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The union of dimension-ordered (X then Y) paths from one source core to several destinations on a 2D mesh.
 * Core index = y * width + x. Public so that the runtime can rebuild the same paths from a program's routes.
 */
public final class XyTree {
    private final int src;
    private final int[] dests;
    private final int cores;
    /** Outgoing links per core, as the next core, sorted. */
    private final TreeMap<Integer, TreeSet<Integer>> out = new TreeMap<>();

    private XyTree(int src, int[] dests, int cores) {
        this.src = src;
        this.dests = dests;
        this.cores = cores;
    }

    public static XyTree build(int src, int[] dests, int width, int cores) {
        XyTree t = new XyTree(src, dests, cores);
        for (int d : dests) {
            int x = src % width, y = src / width;
            int dx = d % width, dy = d / width;
            while (x != dx) {
                int nx = x + Integer.signum(dx - x);
                t.link(y * width + x, y * width + nx);
                x = nx;
            }
            while (y != dy) {
                int ny = y + Integer.signum(dy - y);
                t.link(y * width + x, ny * width + x);
                y = ny;
            }
        }
        return t;
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

    private void link(int a, int b) { out.computeIfAbsent(a, k -> new TreeSet<>()).add(b); }

    /** Directed links encoded {@code from * cores + to}, sorted. */
    public long[] links() {
        int n = 0;
        for (TreeSet<Integer> s : out.values()) n += s.size();
        long[] l = new long[n];
        int i = 0;
        for (var e : out.entrySet()) for (int b : e.getValue()) l[i++] = (long) e.getKey() * cores + b;
        Arrays.sort(l);
        return l;
    }

    /**
     * Adds one entry at every router that does more than forward straight on: the source, each destination, branch
     * points and X-to-Y turns.
     */
    void addTableEntries(int[] entries, int width) {
        java.util.Set<Integer> need = new java.util.TreeSet<>();
        need.add(src);
        for (int d : dests) need.add(d);
        TreeMap<Integer, Integer> inFrom = new TreeMap<>();
        for (var e : out.entrySet()) for (int b : e.getValue()) inFrom.put(b, e.getKey());
        for (var e : out.entrySet()) {
            int c = e.getKey();
            if (e.getValue().size() > 1) {
                need.add(c);
                continue;
            }
            Integer prev = inFrom.get(c);
            int next = e.getValue().first();
            if (prev != null && (next - c) != (c - prev)) need.add(c);
        }
        for (int c : need) entries[c]++;
    }
}
