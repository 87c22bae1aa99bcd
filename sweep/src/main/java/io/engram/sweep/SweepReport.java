package io.engram.sweep;

import io.engram.runtime.report.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pictures and the front table of a results table: {@code pareto_energy.png} (test accuracy against inference
 * energy per sample), {@code pareto_latency.png} (against inference latency per sample), each with every point and
 * its front highlighted, and {@code sensitivity_KEY.png} for each parameter with two or more values (mean test
 * accuracy and mean inference energy per value, over the points that share it).
 */
public final class SweepReport {
    public static final String PARETO_ENERGY = "pareto_energy.png";
    public static final String PARETO_LATENCY = "pareto_latency.png";
    public static final String SENSITIVITY_PREFIX = "sensitivity_";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final double PERCENT = 100;
    private static final double PJ_PER_NJ = 1e3;
    /** A cost axis spanning more than this ratio is drawn logarithmic. */
    private static final double LOG_SPAN = 20;
    /** Margin left and right of the points on a linear axis, as a fraction of their span. */
    private static final double PAD = 0.08;
    /** Front labels sit this fraction of the accuracy span above their points. */
    private static final double LABEL_LIFT = 0.03;
    /** Half-height of the axis around a series that does not move, as a fraction of its value. */
    private static final double FLAT_PAD = 0.05;
    /** Room above and below the accuracies of a sensitivity plot, as a fraction of their span. */
    private static final double ACC_ROOM = 0.5;
    /** Longest list of keys a title names (the axis title names them all). */
    private static final int TITLE_KEYS = 40;
    private static final Color ALL_POINTS = new Color(150, 150, 150);
    private static final Color FRONT = new Color(200, 30, 30);
    private static final Color ENERGY = new Color(30, 90, 200);

    private SweepReport() {}

    /** Writes every picture into {@code dir}; returns the files written. */
    public static List<Path> render(ResultsTable table, Path dir) {
        List<Path> out = new ArrayList<>();
        if (pareto(table, Metric.INFERENCE_ENERGY, PJ_PER_NJ, "inference energy per sample (nJ)", dir.resolve(PARETO_ENERGY))) {
            out.add(dir.resolve(PARETO_ENERGY));
        }
        if (pareto(table, Metric.INFERENCE_LATENCY_NS, 1, "inference latency per sample (ns)", dir.resolve(PARETO_LATENCY))) {
            out.add(dir.resolve(PARETO_LATENCY));
        }
        // keys that always move together (the same value in the same points: rows = cols) share one plot
        Map<Map<String, String>, List<String>> groups = new LinkedHashMap<>();
        for (String p : table.paramColumns()) {
            Map<String, String> byPoint = new LinkedHashMap<>();
            for (ResultRow r : table.rows()) if (r.params().containsKey(p)) byPoint.put(r.point(), r.params().get(p));
            groups.computeIfAbsent(byPoint, k -> new ArrayList<>()).add(p);
        }
        for (List<String> keys : groups.values()) {
            String p = keys.get(0);
            Path f = dir.resolve(SENSITIVITY_PREFIX + p.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            if (sensitivity(table, p, String.join(" = ", keys), f)) out.add(f);
        }
        removeStale(dir, out);
        return out;
    }

    /** Sensitivity plots of an earlier rendering that this one did not write (a parameter no longer swept). */
    private static void removeStale(Path dir, List<Path> written) {
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(SENSITIVITY_PREFIX) && name.endsWith(".png") && !written.contains(f)) {
                    java.nio.file.Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean pareto(ResultsTable table, Metric cost, double divisor, String xTitle, Path file) {
        List<ResultRow> all = Pareto.candidates(table.rows(), cost);
        if (all.isEmpty()) return false;
        List<ResultRow> front = Pareto.front(table.rows(), cost);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Pareto front: test accuracy vs " + xTitle.replaceAll(" \\(.*", "") + " (" + all.size()
                        + " points, " + front.size() + " on the front)")
                .xAxisTitle(xTitle).yAxisTitle("test accuracy (%)").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (ResultRow r : all) {
            min = Math.min(min, r.metric(cost));
            max = Math.max(max, r.metric(cost));
        }
        boolean log = min > 0 && max / min > LOG_SPAN;
        chart.getStyler().setXAxisLogarithmic(log);
        if (!log) {
            double pad = max > min ? (max - min) * PAD : Math.abs(min) * PAD + 1;
            chart.getStyler().setXAxisMin((min - pad) / divisor);
            chart.getStyler().setXAxisMax((max + pad) / divisor);
        }
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        XYSeries s = chart.addSeries("all points", xs(all, cost, divisor), ys(all));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(ALL_POINTS);
        XYSeries f = chart.addSeries("Pareto front", xs(front, cost, divisor), ys(front));
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.DIAMOND);
        f.setMarkerColor(FRONT);
        f.setLineColor(FRONT);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (ResultRow r : all) {
            lo = Math.min(lo, r.metric(Metric.ACCURACY_TEST));
            hi = Math.max(hi, r.metric(Metric.ACCURACY_TEST));
        }
        double lift = (hi > lo ? hi - lo : 1) * PERCENT * LABEL_LIFT;
        for (ResultRow r : front) {
            chart.addAnnotation(new org.knowm.xchart.AnnotationText(r.point(), r.metric(cost) / divisor,
                    r.metric(Metric.ACCURACY_TEST) * PERCENT + lift, false));
        }
        write(chart, file);
        return true;
    }

    private static boolean sensitivity(ResultsTable table, String param, String label, Path file) {
        Map<String, List<ResultRow>> byValue = new LinkedHashMap<>();
        for (ResultRow r : table.rows()) {
            String v = r.params().get(param);
            if (r.ok() && v != null) byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
        }
        if (byValue.size() < 2) return false;
        boolean numeric = byValue.keySet().stream().allMatch(SweepReport::isNumber);
        TreeMap<Double, String> labels = new TreeMap<>();
        List<String> order = new ArrayList<>(byValue.keySet());
        if (numeric) order.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        for (int i = 0; i < order.size(); i++) labels.put(numeric ? Double.parseDouble(order.get(i)) : i, order.get(i));
        List<Double> x = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        List<Double> xe = new ArrayList<>();
        List<Double> energy = new ArrayList<>();
        int n = 0;
        for (Map.Entry<Double, String> e : labels.entrySet()) {
            List<ResultRow> rows = byValue.get(e.getValue());
            n += rows.size();
            Double a = mean(rows, Metric.ACCURACY_TEST);
            Double en = mean(rows, Metric.INFERENCE_ENERGY);
            if (a != null) {
                x.add(e.getKey());
                acc.add(a * PERCENT);
            }
            if (en != null) {
                xe.add(e.getKey());
                energy.add(en / PJ_PER_NJ);
            }
        }
        if (x.isEmpty() && xe.isEmpty()) return false;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Sensitivity to " + (label.length() > TITLE_KEYS ? param + " (and " + (label.split(" = ").length - 1)
                        + " more moving with it)" : label) + ": mean of the points at each value, " + n + " points")
                .xAxisTitle(label).yAxisTitle("test accuracy (%)").build();
        style(chart);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        widenFlat(chart, 0, acc);
        widenFlat(chart, 1, energy);
        // energy from zero (its changes at their true size); accuracy with room above and below (the two lines of
        // a two-value plot would otherwise lie on each other)
        chart.getStyler().setYAxisMin(1, 0.0);
        if (acc.size() > 1) {
            double lo = acc.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double hi = acc.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            if (hi > lo) {
                chart.getStyler().setYAxisMin(0, Math.max(0, lo - (hi - lo) * ACC_ROOM));
                chart.getStyler().setYAxisMax(0, Math.min(PERCENT, hi + (hi - lo) * ACC_ROOM));
            }
        }
        if (numeric) {
            double lo = labels.firstKey();
            double hi = labels.lastKey();
            chart.getStyler().setXAxisLogarithmic(lo > 0 && hi / lo > LOG_SPAN);
        } else {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> labels.getOrDefault(v, ""));
            chart.getStyler().setXAxisDecimalPattern("0");
        }
        if (!x.isEmpty()) {
            XYSeries s = chart.addSeries("test accuracy (%)", x, acc);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(FRONT);
            s.setMarkerColor(FRONT);
        }
        if (!xe.isEmpty()) {
            XYSeries s = chart.addSeries("inference energy (nJ/sample)", xe, energy);
            s.setYAxisGroup(1);
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setLineColor(ENERGY);
            s.setMarkerColor(ENERGY);
            chart.setYAxisGroupTitle(1, "inference energy per sample (nJ)");
            chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        }
        write(chart, file);
        return true;
    }

    /** A series whose values are all equal gets an axis of +-5 % around them (else the axis has one tick). */
    private static void widenFlat(XYChart chart, int group, List<Double> ys) {
        if (ys.isEmpty()) return;
        double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (hi > lo) return;
        double pad = Math.abs(lo) * FLAT_PAD + (lo == 0 ? 1 : 0);
        chart.getStyler().setYAxisMin(group, lo - pad);
        chart.getStyler().setYAxisMax(group, hi + pad);
    }

    /**
     * Prints every point: parameters, test accuracy, training and inference energy per sample, inference latency,
     * write pulses and wall time; a failed point with its error.
     */
    public static void printAll(ResultsTable table, PrintStream out) {
        out.println("All points (" + table.rows().size() + ")");
        List<String> head = List.of("point", "parameters", "test acc (%)", "train nJ/sample", "inference nJ/sample",
                "latency ns/sample", "write pulses", "wall s");
        List<List<String>> cells = new ArrayList<>();
        for (ResultRow r : table.rows()) {
            List<String> c = new ArrayList<>(List.of(r.point(), parameters(r)));
            if (r.ok()) {
                c.add(fmt(r.metric(Metric.ACCURACY_TEST), PERCENT, "%.2f"));
                c.add(fmt(r.metric(Metric.TRAIN_ENERGY), 1 / PJ_PER_NJ, "%.3f"));
                c.add(fmt(r.metric(Metric.INFERENCE_ENERGY), 1 / PJ_PER_NJ, "%.3f"));
                c.add(fmt(r.metric(Metric.INFERENCE_LATENCY_NS), 1, "%.1f"));
                c.add(fmt(r.metric(Metric.WRITE_PULSES), 1, "%.0f"));
            } else {
                c.addAll(List.of("failed: " + r.error().replace('\n', ' '), "", "", "", ""));
            }
            c.add(fmt(r.wallTimeS(), 1, "%.1f"));
            cells.add(c);
        }
        table(head, cells, out);
    }

    private static String parameters(ResultRow r) {
        List<String> kv = new ArrayList<>();
        r.params().forEach((k, v) -> kv.add(k + "=" + v));
        return kv.isEmpty() ? "(the experiment as it is)" : String.join(" ", kv);
    }

    /** Prints each front as a table: point, its parameters (key=value), test accuracy, inference energy and latency. */
    public static void printFronts(ResultsTable table, PrintStream out) {
        printFront(table, Metric.INFERENCE_ENERGY, "Pareto front: test accuracy vs inference energy per sample", out);
        printFront(table, Metric.INFERENCE_LATENCY_NS, "Pareto front: test accuracy vs inference latency per sample", out);
    }

    private static void printFront(ResultsTable table, Metric cost, String title, PrintStream out) {
        List<ResultRow> front = Pareto.front(table.rows(), cost);
        out.println(title + " (" + front.size() + " of " + Pareto.candidates(table.rows(), cost).size() + " points)");
        if (front.isEmpty()) return;
        List<String> head = new ArrayList<>(List.of("point", "parameters"));
        head.addAll(List.of("test acc (%)", "inference nJ/sample", "latency ns/sample"));
        List<List<String>> cells = new ArrayList<>();
        for (ResultRow r : front) {
            List<String> c = new ArrayList<>(List.of(r.point(), parameters(r)));
            c.add(fmt(r.metric(Metric.ACCURACY_TEST), PERCENT, "%.2f"));
            c.add(fmt(r.metric(Metric.INFERENCE_ENERGY), 1 / PJ_PER_NJ, "%.3f"));
            c.add(fmt(r.metric(Metric.INFERENCE_LATENCY_NS), 1, "%.1f"));
            cells.add(c);
        }
        table(head, cells, out);
    }

    private static void table(List<String> head, List<List<String>> cells, PrintStream out) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> c : cells) w[i] = Math.max(w[i], c.get(i).length());
        }
        out.println(line(head, w));
        for (List<String> c : cells) out.println(line(c, w));
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append("  ");
            b.append(String.format(Locale.ROOT, "%-" + w[i] + "s", cells.get(i)));
        }
        return b.toString().stripTrailing();
    }

    private static String fmt(Double v, double scale, String pattern) {
        return v == null ? "-" : String.format(Locale.ROOT, pattern, v * scale);
    }

    private static Double mean(List<ResultRow> rows, Metric m) {
        double sum = 0;
        int n = 0;
        for (ResultRow r : rows) {
            Double v = r.metric(m);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<Double> xs(List<ResultRow> rows, Metric cost, double divisor) {
        List<Double> out = new ArrayList<>();
        for (ResultRow r : rows) out.add(r.metric(cost) / divisor);
        return out;
    }

    private static List<Double> ys(List<ResultRow> rows) {
        List<Double> out = new ArrayList<>();
        for (ResultRow r : rows) out.add(r.metric(Metric.ACCURACY_TEST) * PERCENT);
        return out;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(8);
    }

    private static void write(XYChart chart, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
