package io.engram.chip.sim;

import io.engram.chip.core.CoreState;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Measures, per core, the learn cycles that overlap other cores' compute (read, neuron, competition): the part of
 * on-chip learning hidden behind the pipeline, since local rules need no backward pass. A core never computes and
 * learns at once, so overlap with the union of all cores' compute intervals is overlap with other cores' compute.
 * Intervals are final once the chip's clock has passed them (no later work starts before the clock), so memory stays
 * bounded by the pipeline depth.
 *
 * <p>The compute union is a sorted run of disjoint intervals in two flat arrays: new work almost always starts at or
 * after the last interval (one merge or one append), and settled intervals leave from the front.
 */
final class OverlapTracker {
    private final long[] overlap;
    private static final int INITIAL_INTERVALS = 16;
    /** Compute union: intervals [starts[k], ends[k]) for head <= k < tail, sorted, disjoint and not touching. */
    private long[] starts = new long[INITIAL_INTERVALS];
    private long[] ends = new long[INITIAL_INTERVALS];
    private int head;
    private int tail;
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
        if (tail > head && start > ends[tail - 1]) {
            append(start, end);
            return;
        }
        if (tail > head && start >= starts[tail - 1]) { // overlaps or touches the last interval
            ends[tail - 1] = Math.max(ends[tail - 1], end);
            return;
        }
        // first interval that ends at or after start: the merge begins there
        int lo = firstEndingFrom(start);
        int hi = lo;
        while (hi < tail && starts[hi] <= end) {
            start = Math.min(start, starts[hi]);
            end = Math.max(end, ends[hi]);
            hi++;
        }
        if (hi == lo) { // no overlap: insert at lo
            if (tail == starts.length) lo -= grow();
            System.arraycopy(starts, lo, starts, lo + 1, tail - lo);
            System.arraycopy(ends, lo, ends, lo + 1, tail - lo);
            tail++;
        } else if (hi > lo + 1) { // several merged into one: close the gap
            System.arraycopy(starts, hi, starts, lo + 1, tail - hi);
            System.arraycopy(ends, hi, ends, lo + 1, tail - hi);
            tail -= hi - lo - 1;
        }
        starts[lo] = start;
        ends[lo] = end;
    }

    private void append(long start, long end) {
        if (tail == starts.length) grow();
        starts[tail] = start;
        ends[tail] = end;
        tail++;
    }

    /**
     * Moves the live intervals to the front, doubling the arrays when they are more than half full; returns by how
     * many places the intervals moved down.
     */
    private int grow() {
        int moved = head;
        int n = tail - head;
        int cap = n * 2 >= starts.length ? starts.length * 2 : starts.length;
        long[] s = new long[cap];
        long[] e = new long[cap];
        System.arraycopy(starts, head, s, 0, n);
        System.arraycopy(ends, head, e, 0, n);
        starts = s;
        ends = e;
        head = 0;
        tail = n;
        return moved;
    }

    /** Index of the first live interval whose end is >= t (tail when none). Ends are sorted like starts. */
    private int firstEndingFrom(long t) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
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
        while (head < tail && ends[head] <= keepFrom) head++;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    private long overlapWithCompute(long s, long e) {
        long sum = 0;
        for (int k = firstEndingFrom(s); k < tail && starts[k] < e; k++) {
            long lo = Math.max(s, starts[k]);
            long hi = Math.min(e, ends[k]);
            if (hi > lo) sum += hi - lo;
        }
        return sum;
    }

    long[] overlap() { return overlap.clone(); }

    /** Flat state for checkpoints: overlap per core, pending learn (core, start, end), compute union (start, end). */
    long[] state() {
        long[] s = new long[3 + overlap.length + 3 * learn.size() + 2 * (tail - head)];
        int i = 0;
        s[i++] = overlap.length;
        for (long v : overlap) s[i++] = v;
        s[i++] = learn.size();
        for (long[] l : learn) {
            s[i++] = l[0];
            s[i++] = l[1];
            s[i++] = l[2];
        }
        s[i++] = tail - head;
        for (int k = head; k < tail; k++) {
            s[i++] = starts[k];
            s[i++] = ends[k];
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
        head = 0;
        tail = 0;
        int c = (int) s[i++];
        for (int k = 0; k < c; k++) addCompute(s[i++], s[i++]);
        if (i != s.length) throw new IllegalArgumentException("overlap state has " + s.length + " values, expected " + i);
    }

    @Override
    public String toString() { return "OverlapTracker" + Arrays.toString(overlap); }
}
