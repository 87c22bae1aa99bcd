package io.engram.chip.stats;

import java.util.Arrays;

/** Counts of non-negative integer values (hops, latency cycles, writes per cell); the last bucket collects overflow. */
public final class Histogram {
    private final long[] buckets;
    private long count;
    private long sum;
    private long max;

    public Histogram(int buckets) {
        if (buckets < 1) throw new IllegalArgumentException();
        this.buckets = new long[buckets];
    }

    public void record(long v) { record(v, 1); }

    public void record(long v, long times) {
        if (v < 0) throw new IllegalArgumentException("negative value " + v);
        int b = (int) Math.min(v, buckets.length - 1);
        buckets[b] += times;
        count += times;
        sum += v * times;
        if (times > 0 && v > max) max = v;
    }

    public long count() { return count; }
    public long sum() { return sum; }
    public long max() { return max; }
    public double mean() { return count == 0 ? 0 : (double) sum / count; }
    public long bucket(int i) { return buckets[i]; }
    public int size() { return buckets.length; }
    public long[] buckets() { return buckets.clone(); }

    public void merge(Histogram o) {
        if (o.buckets.length != buckets.length) throw new IllegalArgumentException("bucket count differs");
        for (int i = 0; i < buckets.length; i++) buckets[i] += o.buckets[i];
        count += o.count;
        sum += o.sum;
        max = Math.max(max, o.max);
    }

    public void reset() {
        Arrays.fill(buckets, 0);
        count = sum = max = 0;
    }
}
