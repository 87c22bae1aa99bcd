package io.engram.runtime.report;

import io.engram.chip.stats.SpikeProbe;
import io.engram.chip.stats.TimelineProbe;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The probes' pictures beyond the raster and membrane traces: the energy timeline ({@value #ENERGY}, energy per step or
 * sample stacked by component class, linear axis) and the synaptic current traces of a CubaLIF layer ({@value #CURRENT}).
 */
public final class ProbePlots {
    public static final String ENERGY = "probe_energy.png";
    public static final String CURRENT = "probe_current.png";
    private static final int WIDTH = 900, HEIGHT = 500;
    /** Current traces drawn (all neurons are in probes.h5). */
    static final int TRACES = 4;
    private static final double PJ_PER_NJ = 1e3, PJ_PER_UJ = 1e6;
    /** Degrees the x labels turn (XChart packs them densely on long axes). */
    private static final int LABEL_ROTATION = 45;
    /** Pixels between x ticks (XChart's hint). */
    private static final int TICK_SPACING_PX = 90;
    private static final double HEADROOM = 1.08;
    /** Phases named on the x axis (later ones are summed up as "..."). */
    private static final int PHASES_NAMED = 4;

    private ProbePlots() {}

    /**
     * Energy per point (a row's energy / the points it adds up) of every row, stacked by column in column order (the
     * columns with no energy left out), against the run's point (step or sample) where the row starts.
     */
    public static void energy(EnergyTimeline e, TimelineProbe t, Path file) {
        List<TimelineProbe.Row> rows = t.rows();
        String unit = t.perStep() ? "step" : "sample";
        int n = rows.size();
        double[] x = new double[Math.max(n, 1)];
        long at = 0;
        for (int r = 0; r < n; r++) {
            x[r] = at;
            at += rows.get(r).points();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "Energy per %s by component: %d %ss in %d rows, run total %s",
                        unit, at, unit, n, energy(e.totalPj())))
                .xAxisTitle(unit + " of the run: " + phases(t, rows, x)).yAxisTitle("energy per " + unit + " (pJ)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(TICK_SPACING_PX);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisLabelRotation(LABEL_ROTATION);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int cols = e.columns().size();
        double[][] stack = new double[cols][Math.max(n, 1)];
        double[] running = new double[Math.max(n, 1)];
        boolean[] shown = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < n; r++) {
                double per = e.rowsPj()[r][c] / rows.get(r).points();
                if (per != 0) shown[c] = true;
                running[r] += per;
            }
            stack[c] = running.clone();
        }
        // an area is filled down to zero: the top of the stack first, then each lower sum over it
        for (int c = cols - 1; c >= 0; c--) {
            if (!shown[c]) continue;
            XYSeries s = chart.addSeries(e.columns().get(c), steps(x, at, n), steps(stack[c], -1, n));
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(color(c, cols));
            s.setLineColor(color(c, cols));
        }
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("no energy", x, new double[x.length]).setMarker(SeriesMarkers.NONE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) Math.max(at, 1));
        double top = 0;
        for (int r = 0; r < n; r++) top = Math.max(top, running[r]);
        if (top > 0) chart.getStyler().setYAxisMax(top * HEADROOM);
        Plots.writePng(BitmapEncoder.getBufferedImage(chart), file);
    }

    /** An energy in pJ as the report prints it: uJ or nJ with three decimals, else pJ. */
    static String energy(double pj) {
        if (pj >= PJ_PER_UJ) return String.format(Locale.ROOT, "%.3f uJ", pj / PJ_PER_UJ);
        if (pj >= PJ_PER_NJ) return String.format(Locale.ROOT, "%.3f nJ", pj / PJ_PER_NJ);
        return String.format(Locale.ROOT, "%.3f pJ", pj);
    }

    /** Where each phase starts on the x axis, e.g. "train from 0, features (test) from 1200". */
    private static String phases(TimelineProbe t, List<TimelineProbe.Row> rows, double[] x) {
        StringBuilder sb = new StringBuilder();
        List<TimelineProbe.Phase> ph = t.phases();
        for (int k = 0; k < ph.size() && k < PHASES_NAMED; k++) {
            int r = 0;
            while (r < rows.size() && rows.get(r).firstSample() < ph.get(k).firstSample()) r++;
            if (r >= rows.size()) break;
            sb.append(k == 0 ? "" : ", ").append(ph.get(k).name()).append(" from ").append((long) x[r]);
        }
        if (ph.size() > PHASES_NAMED) sb.append(", ... (").append(ph.size()).append(" phases)");
        return sb.toString();
    }

    /**
     * A row as a flat step from its first point to the next row's: each value twice, at the row's start and end
     * ({@code end} closes the last row; -1 repeats values instead of positions).
     */
    private static double[] steps(double[] v, long end, int n) {
        if (n == 0) return v;
        double[] out = new double[2 * n];
        for (int r = 0; r < n; r++) {
            out[2 * r] = v[r];
            out[2 * r + 1] = end < 0 ? v[r] : r + 1 < n ? v[r + 1] : end;
        }
        return out;
    }

    /** An opaque colour per column, spread over the hue circle. */
    private static Color color(int c, int cols) {
        return Color.getHSBColor((float) c / cols, 0.55f, 0.92f);
    }

    /** Synaptic current traces of the first recorded sample: the {@link #TRACES} neurons with the largest peak |I|. */
    public static void current(SpikeProbe p, String layer, double dtMs, Path file) {
        int n = p.neuronsRecorded(), steps = p.steps();
        double[] cur = p.current(0);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Synaptic current of layer " + layer + ", test sample " + p.sampleIndex(0)
                        + " (chip units, after each step)").xAxisTitle("time (ms)").yAxisTitle("I / g").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        double[] time = new double[steps];
        for (int t = 0; t < steps; t++) time[t] = (t + 1) * dtMs;
        double[] peak = new double[n];
        for (int t = 0; t < steps; t++) for (int c = 0; c < n; c++) peak[c] = Math.max(peak[c], Math.abs(cur[t * n + c]));
        Integer[] order = new Integer[n];
        for (int c = 0; c < n; c++) order[c] = c;
        Arrays.sort(order, (a, b) -> peak[a] != peak[b] ? Double.compare(peak[b], peak[a]) : Integer.compare(a, b));
        for (int k = 0; k < Math.min(TRACES, n); k++) {
            int c = order[k];
            double[] trace = new double[steps];
            for (int t = 0; t < steps; t++) trace[t] = cur[t * n + c];
            chart.addSeries(String.format(Locale.ROOT, "neuron %d (peak |I| %.3g)", c, peak[c]), time, trace)
                    .setMarker(SeriesMarkers.NONE);
        }
        Plots.writePng(BitmapEncoder.getBufferedImage(chart), file);
    }
}
