package io.engram.chip.sim;

import io.engram.chip.core.CoreState;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures, per core, the learn cycles that overlap other cores' compute (read, neuron, competition): the part of
 * on-chip learning hidden behind the pipeline, since local rules need no backward pass. A core never computes and
 * learns at once, so overlap with the union of all cores' compute intervals is overlap with other cores' compute.
 * Intervals are final once the chip's clock has passed them (no later work starts before the clock), so memory stays
 * bounded by the pipeline depth.
 */
final class OverlapTracker {
    private final long[] overlap;
    private final TreeMap<Long, Long> compute = new TreeMap<>();
    private final ArrayDeque<long[]> learn = new ArrayDeque<>();

    OverlapTracker(int cores) { this.overlap = new long[cores]; }

    void busy(int core, long start, long end, CoreState state) {
        if (end <= start) return;
        switch (state) {
            case BUSY_READ, BUSY_NEURON, BUSY_COMPETE -> addCompute(start, end);
            case BUSY_LEARN -> learn.add(new long[]{core, start, end});
            default -> { }
        }
    }

    private void addCompute(long start, long end) {
        Map.Entry<Long, Long> before = compute.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = compute.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            compute.remove(next.getKey());
            next = compute.ceilingEntry(start);
        }
        compute.put(start, end);
    }

    /** Settles every learn interval that ends by {@code watermark} (no later work can start before it). */
    void finalizeBefore(long watermark) {
        long oldestPending = Long.MAX_VALUE;
        for (Iterator<long[]> it = learn.iterator(); it.hasNext(); ) {
            long[] l = it.next();
            if (l[2] <= watermark) {
                overlap[(int) l[0]] += overlapWithCompute(l[1], l[2]);
                it.remove();
            } else {
                oldestPending = Math.min(oldestPending, l[1]);
            }
        }
        long keepFrom = Math.min(watermark, oldestPending);
        while (!compute.isEmpty() && compute.firstEntry().getValue() <= keepFrom) compute.pollFirstEntry();
    }

    private long overlapWithCompute(long s, long e) {
        long sum = 0;
        Long from = compute.floorKey(s);
        for (Map.Entry<Long, Long> c : compute.tailMap(from == null ? s : from, true).entrySet()) {
            if (c.getKey() >= e) break;
            long lo = Math.max(s, c.getKey());
            long hi = Math.min(e, c.getValue());
            if (hi > lo) sum += hi - lo;
        }
        return sum;
    }

    long[] overlap() { return overlap.clone(); }

    /** Flat state for checkpoints: overlap per core, pending learn (core, start, end), compute union (start, end). */
    long[] state() {
        long[] s = new long[3 + overlap.length + 3 * learn.size() + 2 * compute.size()];
        int i = 0;
        s[i++] = overlap.length;
        for (long v : overlap) s[i++] = v;
        s[i++] = learn.size();
        for (long[] l : learn) {
            s[i++] = l[0];
            s[i++] = l[1];
            s[i++] = l[2];
        }
        s[i++] = compute.size();
        for (Map.Entry<Long, Long> c : compute.entrySet()) {
            s[i++] = c.getKey();
            s[i++] = c.getValue();
        }
        return s;
    }

    void restore(long[] s) {
        int i = 0;
        int n = (int) s[i++];
        if (n != overlap.length) throw new IllegalArgumentException("overlap state for " + n + " cores, chip has " + overlap.length);
        for (int k = 0; k < n; k++) overlap[k] = s[i++];
        learn.clear();
        int p = (int) s[i++];
        for (int k = 0; k < p; k++) learn.add(new long[]{s[i++], s[i++], s[i++]});
        compute.clear();
        int c = (int) s[i++];
        for (int k = 0; k < c; k++) compute.put(s[i++], s[i++]);
        if (i != s.length) throw new IllegalArgumentException("overlap state has " + s.length + " values, expected " + i);
    }

    @Override
    public String toString() { return "OverlapTracker" + Arrays.toString(overlap); }
}
