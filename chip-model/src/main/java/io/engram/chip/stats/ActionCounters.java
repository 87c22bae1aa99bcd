package io.engram.chip.stats;

import io.engram.chip.tech.Action;

import java.util.Arrays;

/**
 * Per-component action counts: one {@code long} per {@link Action}. Hot paths call {@link #add(Action, long)};
 * nothing here knows about energy. Not thread-safe: each component owns its counters and they are merged after.
 */
public final class ActionCounters {
    private final long[] counts = new long[Action.COUNT];

    public void add(Action a, long n) { counts[a.ordinal()] += n; }

    public void inc(Action a) { counts[a.ordinal()]++; }

    public long get(Action a) { return counts[a.ordinal()]; }

    public void addAll(ActionCounters other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
    }

    public void reset() { Arrays.fill(counts, 0); }

    public ActionCounters copy() {
        ActionCounters c = new ActionCounters();
        System.arraycopy(counts, 0, c.counts, 0, counts.length);
        return c;
    }

    /** this - earlier, for per-phase figures. */
    public ActionCounters minus(ActionCounters earlier) {
        ActionCounters c = new ActionCounters();
        for (int i = 0; i < counts.length; i++) c.counts[i] = counts[i] - earlier.counts[i];
        return c;
    }

    public long[] toArray() { return counts.clone(); }

    public static ActionCounters fromArray(long[] a) {
        if (a.length != Action.COUNT) throw new IllegalArgumentException("expected " + Action.COUNT + " counts");
        ActionCounters c = new ActionCounters();
        System.arraycopy(a, 0, c.counts, 0, a.length);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionCounters other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(counts); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Action a : Action.values()) {
            long v = counts[a.ordinal()];
            if (v != 0) sb.append(sb.length() > 1 ? ", " : "").append(a.qualifiedName()).append('=').append(v);
        }
        return sb.append('}').toString();
    }
}
