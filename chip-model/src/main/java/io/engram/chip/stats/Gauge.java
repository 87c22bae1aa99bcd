package io.engram.chip.stats;

/** A level with its peak (buffer occupancy, cells in use, SRAM bytes). */
public final class Gauge {
    private long current;
    private long peak;

    public void set(long v) {
        current = v;
        if (v > peak) peak = v;
    }

    public void add(long d) { set(current + d); }

    public long current() { return current; }

    public long peak() { return peak; }

    public void resetPeak() { peak = current; }

    public void merge(Gauge o) {
        current += o.current;
        peak = Math.max(peak, o.peak);
    }
}
