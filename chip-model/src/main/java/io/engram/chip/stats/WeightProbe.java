package io.engram.chip.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots of one layer's weight matrix every {@code every} training samples (before training sample 0, every, 2
 * every, ..., and once after the last training sample), in memory bounded by {@code maxValues} (snapshots x rows x
 * cols). When the next snapshot would not fit, every second snapshot is dropped (the interval doubles, the last
 * snapshot stays) and {@link #decimation()} says so; if a single snapshot does not fit, none is kept and
 * {@link #cut()} says why.
 */
public final class WeightProbe {
    private final int layer;
    private final long maxValues;
    private long every;
    private final List<float[]> snapshots = new ArrayList<>();
    private final List<Long> sampleIndex = new ArrayList<>();
    private int rows = -1;
    private int cols = -1;
    private String cut;
    private boolean decimated;

    /**
     * @param layer     layer index in the program
     * @param every     training samples between snapshots (at least 1)
     * @param maxValues bound on snapshots x rows x cols held
     */
    public WeightProbe(int layer, long every, long maxValues) {
        if (every < 1 || maxValues < 1) throw new IllegalArgumentException("weight probe needs every >= 1 and maxValues >= 1");
        this.layer = layer;
        this.every = every;
        this.maxValues = maxValues;
    }

    public int layer() { return layer; }

    /** Whether a snapshot is due before training sample {@code sample} (counted from 0 over the whole training). */
    public boolean due(long sample) { return cut == null && sample % every == 0; }

    /**
     * Keeps the weights {@code w} ([rows x cols], row-major) as they were after {@code sample} training samples (a
     * second snapshot at the same sample is ignored).
     */
    public void add(long sample, float[] w, int rows, int cols) {
        if (cut != null) return;
        if (!sampleIndex.isEmpty() && sampleIndex.get(sampleIndex.size() - 1) == sample) return; // already taken
        if (this.rows < 0) {
            this.rows = rows;
            this.cols = cols;
            if ((long) rows * cols > maxValues) {
                cut = "one snapshot of " + rows + " x " + cols + " weights exceeds the probe's bound of " + maxValues + " values";
                return;
            }
        }
        long size = (long) rows * cols;
        while ((long) (snapshots.size() + 1) * size > maxValues && snapshots.size() > 1) decimate();
        if ((long) (snapshots.size() + 1) * size > maxValues) {
            cut = "sample " + sample + " and later: two snapshots of " + rows + " x " + cols
                    + " weights exceed the probe's bound of " + maxValues + " values";
            return;
        }
        snapshots.add(w.clone());
        sampleIndex.add(sample);
    }

    /** Drops the snapshots off the doubled interval (the last one stays: it may be the end of training). */
    private void decimate() {
        every *= 2;
        List<float[]> s = new ArrayList<>();
        List<Long> idx = new ArrayList<>();
        int n = snapshots.size();
        for (int k = 0; k < n; k++) {
            if (sampleIndex.get(k) % every == 0 || k == n - 1) {
                s.add(snapshots.get(k));
                idx.add(sampleIndex.get(k));
            }
        }
        if (s.size() == n) {
            // nothing fell on the new interval's gaps (only possible with the end snapshot): drop the oldest but one
            s.remove(1);
            idx.remove(1);
        }
        snapshots.clear();
        snapshots.addAll(s);
        sampleIndex.clear();
        sampleIndex.addAll(idx);
        decimated = true;
    }

    public int snapshots() { return snapshots.size(); }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** Snapshot k, [rows x cols] row-major. */
    public float[] weights(int k) { return snapshots.get(k).clone(); }

    /** Training samples presented before snapshot k. */
    public long sampleIndex(int k) { return sampleIndex.get(k); }

    /** The interval between kept snapshots now (the asked one, doubled once per decimation). */
    public long every() { return every; }

    /** Why snapshots were dropped, or null when none was. */
    public String decimation() {
        return decimated ? "snapshots kept every " + every + " training samples (the bound of " + maxValues
                + " values held fewer)" : null;
    }

    /** Why nothing was kept, or null. */
    public String cut() { return cut; }
}
