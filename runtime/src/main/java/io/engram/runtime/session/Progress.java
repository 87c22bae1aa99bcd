package io.engram.runtime.session;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Samples per second and ETA while a session runs. On a terminal: one line rewritten in place twice a second. When
 * the output is not a terminal (nohup, a scheduler, a pipe): a plain line at a steady interval, so a long run shows
 * it is alive and how far it is without flooding a log. Silent with {@code --quiet}.
 */
public final class Progress {
    /** How output is shown. */
    public enum Mode { TERMINAL, LINES, SILENT }

    /** Refresh period of the terminal line. */
    static final long TERMINAL_NANOS = 500_000_000L;
    /** Period of the plain lines when the output is not a terminal. */
    static final long LINE_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final Mode mode;
    private final LongSupplier clock;
    private String label = "";
    private long total;
    private long done;
    private long start;
    private long lastPrint;

    public Progress(PrintStream out, boolean enabled) {
        this(out, enabled ? Mode.TERMINAL : Mode.SILENT, System::nanoTime);
    }

    Progress(PrintStream out, Mode mode, LongSupplier clock) {
        this.out = out;
        this.mode = mode;
        this.clock = clock;
    }

    /** A terminal line when stderr is a terminal, else plain lines at a steady interval. */
    public static Progress terminal() {
        return new Progress(System.err, System.console() != null ? Mode.TERMINAL : Mode.LINES, System::nanoTime);
    }

    public static Progress silent() { return new Progress(System.err, Mode.SILENT, System::nanoTime); }

    public Mode mode() { return mode; }

    public void begin(String label, long total) {
        this.label = label;
        this.total = total;
        this.done = 0;
        this.start = clock.getAsLong();
        if (mode == Mode.TERMINAL) this.lastPrint = 0;
        // LINES: the interval runs on across phases, so short phases do not each print a line
        else if (lastPrint == 0) this.lastPrint = start;
    }

    public void step() {
        done++;
        if (mode == Mode.SILENT) return;
        long now = clock.getAsLong();
        if (mode == Mode.TERMINAL) {
            if (now - lastPrint < TERMINAL_NANOS && done < total) return;
            lastPrint = now;
            out.printf(Locale.ROOT, "\r%-28s %7d/%-7d %8.1f samples/s  ETA %5.0f s ", label, done, total, rate(now), eta(now));
            if (done == total) out.println();
        } else {
            if (now - lastPrint < LINE_NANOS) return;
            lastPrint = now;
            out.printf(Locale.ROOT, "progress: %s %d/%d samples, %.1f samples/s, ETA %.0f s%n", label, done, total,
                    rate(now), eta(now));
        }
        out.flush();
    }

    private double rate(long now) { return done / Math.max((now - start) / 1e9, 1e-9); }

    private double eta(long now) { return (total - done) / Math.max(rate(now), 1e-9); }
}
