package io.engram.chip.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's timeline: what the chip did in each step (spiking runs) or each sample (rate runs), as differences of its
 * cumulative counters between consecutive readings: action counts (priced later by the same cost table as the
 * report), NoC packets and flits, and the cycles its used cores spent in each {@code CoreState}. Nothing is priced or
 * lost here: the rows, what came {@link #before()} the first reading and what came {@link #after()} the last one add
 * up to the run's totals.
 *
 * <p>Memory stays bounded: at most {@code maxRows} rows are held. When they are full, neighbouring rows are added
 * pairwise and each later row covers twice as many points (steps or samples); {@link #decimation()} says so. A row
 * records the first point it covers and how many it covers.
 */
public final class TimelineProbe {
    /**
     * The chip's cumulative counters at one moment.
     *
     * @param counts      every core's and the NoC's action counts so far
     * @param cycle       chip cycle of the reading
     * @param packets     NoC packets so far
     * @param flits       NoC flits so far
     * @param stateCycles cycles charged so far to each core state, summed over the used cores
     */
    public record Reading(ActionCounters counts, long cycle, long packets, long flits, long[] stateCycles) {
        public Reading {
            counts = counts.copy();
            stateCycles = stateCycles.clone();
        }

        /** The counters before anything ran: all zero at cycle 0. */
        public static Reading zero(int states) {
            return new Reading(new ActionCounters(), 0, 0, 0, new long[states]);
        }
    }

    /**
     * One row: the difference of the counters over {@code points} consecutive steps or samples.
     *
     * @param firstSample sample (in run order, from 0) of the first point
     * @param firstStep   step (in that sample) of the first point; 0 in rate runs
     */
    public record Row(long firstSample, int firstStep, long points, long cycleStart, long cycleEnd,
                      ActionCounters counts, long packets, long flits, long[] stateCycles) {
        Row plus(Row o) {
            ActionCounters c = counts.copy();
            c.addAll(o.counts);
            long[] s = stateCycles.clone();
            for (int i = 0; i < s.length; i++) s[i] += o.stateCycles[i];
            return new Row(firstSample, firstStep, points + o.points, cycleStart, o.cycleEnd, c, packets + o.packets,
                    flits + o.flits, s);
        }
    }

    /** A phase of the run (train, features of the test set, ...) and the first run sample it presented. */
    public record Phase(String name, long firstSample) {}

    private final int maxRows;
    private final List<Phase> phases = new ArrayList<>();
    private final boolean perStep;
    private final List<Row> rows = new ArrayList<>();
    private final Reading origin;
    private Reading start;
    private Reading last;
    private Reading end;
    private Row pending;
    private long stride = 1;

    /**
     * @param maxRows bound on the rows held (at least 2)
     * @param perStep whether a point is a time step (spiking run) or a sample (rate run)
     * @param origin  the counters when the chip was made (all zero)
     */
    public TimelineProbe(int maxRows, boolean perStep, Reading origin) {
        if (maxRows < 2) throw new IllegalArgumentException("a timeline needs maxRows >= 2, got " + maxRows);
        this.maxRows = maxRows;
        this.perStep = perStep;
        this.origin = origin;
    }

    /** The counters just before the first recorded point (what loading the program did lies before it). */
    public void start(Reading r) {
        if (start != null) throw new IllegalStateException("timeline already started");
        start = r;
        last = r;
    }

    /** Run sample {@code sample} belongs to phase {@code name}; a new phase starts when the name changes. */
    public void phase(String name, long sample) {
        if (phases.isEmpty() || !phases.get(phases.size() - 1).name().equals(name)) phases.add(new Phase(name, sample));
    }

    /** The phases in run order. */
    public List<Phase> phases() { return List.copyOf(phases); }

    /** The counters at the end of one point: step {@code step} of run sample {@code sample}. */
    public void record(long sample, int step, Reading r) {
        if (start == null || end != null) throw new IllegalStateException("timeline not started or already finished");
        Row d = new Row(sample, step, 1, last.cycle(), r.cycle(), r.counts().minus(last.counts()),
                r.packets() - last.packets(), r.flits() - last.flits(), minus(r.stateCycles(), last.stateCycles()));
        last = r;
        pending = pending == null ? d : pending.plus(d);
        if (pending.points() < stride) return;
        rows.add(pending);
        pending = null;
        if (rows.size() < maxRows) return;
        List<Row> merged = new ArrayList<>(maxRows / 2 + 1);
        for (int i = 0; i < rows.size(); i += 2) merged.add(i + 1 < rows.size() ? rows.get(i).plus(rows.get(i + 1)) : rows.get(i));
        rows.clear();
        rows.addAll(merged);
        stride *= 2;
    }

    /** The counters when the run's report was made (the chip settled): what came after the last point. */
    public void finish(Reading r) {
        if (start == null || end != null) throw new IllegalStateException("timeline not started or already finished");
        if (pending != null) {
            rows.add(pending);
            pending = null;
        }
        end = r;
    }

    private static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    public boolean perStep() { return perStep; }

    public List<Row> rows() { return List.copyOf(rows); }

    /** From the chip's making to the first point: counts and cycles (loading the program, before any sample). */
    public Row before() {
        return new Row(0, 0, 0, origin.cycle(), start.cycle(), start.counts().minus(origin.counts()),
                start.packets() - origin.packets(), start.flits() - origin.flits(),
                minus(start.stateCycles(), origin.stateCycles()));
    }

    /** From the last point to {@link #finish}: the drain of the last work and the idle time to the run's end. */
    public Row after() {
        if (end == null) throw new IllegalStateException("timeline not finished");
        return new Row(0, 0, 0, last.cycle(), end.cycle(), end.counts().minus(last.counts()),
                end.packets() - last.packets(), end.flits() - last.flits(), minus(end.stateCycles(), last.stateCycles()));
    }

    /** Points (steps or samples) each full row covers: 1 until the rows were merged. */
    public long stride() { return stride; }

    /** Why rows cover more than one point, or null when each row is one step or sample. */
    public String decimation() {
        if (stride == 1) return null;
        return "each row adds " + stride + " consecutive " + (perStep ? "steps" : "samples") + " (the timeline holds at"
                + " most " + maxRows + " rows; raise probes.timeline_rows for finer rows)";
    }

    @Override
    public String toString() {
        return "timeline: " + rows.size() + " rows of up to " + stride + (perStep ? " step(s)" : " sample(s)");
    }
}
