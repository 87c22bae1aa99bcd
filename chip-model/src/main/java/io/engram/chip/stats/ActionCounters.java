package io.engram.chip.stats;

import io.engram.chip.tech.Action;

import java.util.Arrays;

/**
 * Per-component action counts: one {@code long} per {@link Action}, then one per unpriced {@link Event}. Hot paths call
 * {@link #add(Action, long)}; nothing here knows about energy. Not thread-safe: each component owns its counters and
 * they are merged after.
 */
public final class ActionCounters {
    /** Length of {@link #toArray()}: the actions, then the events. */
    public static final int SIZE = Action.COUNT + Event.COUNT;

    private final long[] counts = new long[SIZE];

    public void add(Action a, long n) { counts[a.ordinal()] += n; }

    public void inc(Action a) { counts[a.ordinal()]++; }

    public long get(Action a) { return counts[a.ordinal()]; }

    public void add(Event e, long n) { counts[Action.COUNT + e.ordinal()] += n; }

    public long get(Event e) { return counts[Action.COUNT + e.ordinal()]; }

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

    /** The actions in {@link Action} order, then the events in {@link Event} order ({@link #SIZE} values). */
    public long[] toArray() { return counts.clone(); }

    /** Name of each position of {@link #toArray()}: qualified action names, then event names. */
    public static String[] names() {
        String[] n = new String[SIZE];
        for (Action a : Action.values()) n[a.ordinal()] = a.qualifiedName();
        for (Event e : Event.values()) n[Action.COUNT + e.ordinal()] = e.key();
        return n;
    }

    public static ActionCounters fromArray(long[] a) {
        if (a.length != SIZE) throw new IllegalArgumentException("expected " + SIZE + " counts, got " + a.length);
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
        String[] names = names();
        for (int i = 0; i < SIZE; i++) {
            long v = counts[i];
            if (v != 0) sb.append(sb.length() > 1 ? ", " : "").append(names[i]).append('=').append(v);
        }
        return sb.append('}').toString();
    }
}
