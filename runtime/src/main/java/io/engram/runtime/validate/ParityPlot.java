package io.engram.runtime.validate;

import io.engram.runtime.report.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engram against measured, every point that has a measurement, on log axes, with the parity line and the +-15 %
 * band. Each point is in its own unit (fJ/op, TOPS, TOPS/W, ...): the plot reads as a ratio, which is what matters.
 */
public final class ParityPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 700;
    /** The band the issue judges predicted energies by. */
    static final double BAND = 0.15;

    private ParityPlot() {}

    public static void write(List<CaseResult> results, Path file) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Engram vs measured silicon (each point in its own unit)")
                .xAxisTitle("measured").yAxisTitle("Engram").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (CaseResult r : results) {
            for (Point p : r.points()) {
                if (p.measured() == null || p.measured() <= 0 || p.engram() <= 0) continue;
                String key = r.name() + " " + p.role().name().toLowerCase(Locale.ROOT);
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[]{p.measured(), p.engram()});
                lo = Math.min(lo, Math.min(p.measured(), p.engram()));
                hi = Math.max(hi, Math.max(p.measured(), p.engram()));
            }
        }
        if (series.isEmpty()) {
            lo = 1;
            hi = 10;
        }
        lo /= 2;
        hi *= 2;
        line(chart, "parity", lo, hi, 1.0, Color.BLACK);
        line(chart, "+15 %", lo, hi, 1 + BAND, Color.GRAY);
        line(chart, "-15 %", lo, hi, 1 - BAND, Color.GRAY);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(v -> v[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(e.getKey().endsWith("calibration") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static void line(XYChart chart, String name, double lo, double hi, double factor, Color color) {
        XYSeries s = chart.addSeries(name, new double[]{lo, hi}, new double[]{lo * factor, hi * factor});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }
}
