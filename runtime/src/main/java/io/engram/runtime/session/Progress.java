package io.engram.runtime.session;

import java.io.PrintStream;

/** Samples per second and ETA on the terminal; silent when output is not a terminal. */
public final class Progress {
    private static final long REFRESH_NANOS = 500_000_000L;
    private final PrintStream out;
    private final boolean enabled;
    private String label = "";
    private long total;
    private long done;
    private long start;
    private long lastPrint;

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static Progress terminal() { return new Progress(System.err, System.console() != null); }

    public static Progress silent() { return new Progress(System.err, false); }

    public void begin(String label, long total) {
        this.label = label;
        this.total = total;
        this.done = 0;
        this.start = System.nanoTime();
        this.lastPrint = 0;
    }

    public void step() {
        done++;
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - lastPrint < REFRESH_NANOS && done < total) return;
        lastPrint = now;
        double secs = (now - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        double eta = (total - done) / Math.max(rate, 1e-9);
        out.printf("\r%-28s %7d/%-7d %8.1f samples/s  ETA %5.0f s ", label, done, total, rate, eta);
        if (done == total) out.println();
        out.flush();
    }
}
