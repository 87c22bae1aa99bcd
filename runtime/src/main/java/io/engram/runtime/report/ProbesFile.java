package io.engram.runtime.report;

import io.engram.chip.program.LayerProgram;
import io.engram.chip.stats.SpikeProbe;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a {@link SpikeProbe} recorded: {@code probes.h5} (HDF5) with, under {@code /layer_<name>}, the datasets
 * {@code spikes} [samples, steps, neurons] (int8, 0/1) and {@code voltage} [samples, steps, neurons] (float64, the
 * chip's rescaled membrane: the model's v divided by the input gain g of compiler/README-network.md) and
 * {@code sample_index} [samples]; attributes give units, dt, the layer and whether samples were cut. Pictures:
 * {@code probe_raster.png} (spikes of the first recorded sample, neuron against time) and {@code probe_voltage.png}
 * (membrane traces of the {@link #TRACES} neurons of that sample that fired most).
 */
public final class ProbesFile {
    public static final String NAME = "probes.h5";
    /** Voltage traces drawn in the picture (all neurons are in the file). */
    static final int TRACES = 4;
    private static final int WIDTH = 900, HEIGHT = 500;

    private ProbesFile() {}

    public static void write(Path dir, SpikeProbe p, LayerProgram layer, double dtMs) {
        int samples = p.samples(), steps = Math.max(p.steps(), 0), n = p.neuronsRecorded();
        AtomicFiles.writeVia(dir.resolve(NAME), temp -> {
            try (WritableHdfFile h = HdfFile.write(temp)) {
                h.removeAttribute("_jHDF");
                h.putAttribute("dt_ms", dtMs);
                h.putAttribute("cut", p.cut() == null ? "no" : p.cut());
                WritableGroup g = h.putGroup("layer_" + layer.name());
                g.putAttribute("layer_index", p.layer());
                g.putAttribute("neurons_recorded", n);
                g.putAttribute("neurons_in_layer", layer.cols());
                byte[][][] s = new byte[samples][steps][n];
                double[][][] v = new double[samples][steps][n];
                int[] idx = new int[samples];
                for (int k = 0; k < samples; k++) {
                    byte[] sk = p.spikes(k);
                    double[] vk = p.voltage(k);
                    idx[k] = p.sampleIndex(k);
                    for (int t = 0; t < steps; t++) {
                        System.arraycopy(sk, t * n, s[k][t], 0, n);
                        System.arraycopy(vk, t * n, v[k][t], 0, n);
                    }
                }
                WritableDataset ds = g.putDataset("spikes", s);
                ds.putAttribute("units", "spike (0/1) per step");
                ds.putAttribute("dims", "sample, step, neuron");
                WritableDataset dv = g.putDataset("voltage", v);
                dv.putAttribute("units", "membrane potential in chip units (model v / input gain g), after the step");
                dv.putAttribute("dims", "sample, step, neuron");
                WritableDataset di = g.putDataset("sample_index", idx);
                di.putAttribute("units", "index of the sample in the test set");
            }
        });
        if (samples == 0) return;
        raster(p, layer, dtMs, dir.resolve("probe_raster.png"));
        voltage(p, layer, dtMs, dir.resolve("probe_voltage.png"));
    }

    private static void raster(SpikeProbe p, LayerProgram layer, double dtMs, Path file) {
        int n = p.neuronsRecorded(), steps = p.steps();
        byte[] s = p.spikes(0);
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (int t = 0; t < steps; t++) for (int c = 0; c < n; c++) if (s[t * n + c] != 0) {
            x.add(t * dtMs);
            y.add((double) c);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Spikes of layer " + layer.name() + ", test sample " + p.sampleIndex(0) + " (" + x.size() + " spikes)")
                .xAxisTitle("time (ms)").yAxisTitle("neuron").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(steps * dtMs);
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(n - 0.5);
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(-1.0); // XChart needs a point; this one lies below the axis
        }
        chart.addSeries("spikes", x, y).setMarker(SeriesMarkers.RECTANGLE).setMarkerColor(Color.BLACK);
        Plots.writePng(BitmapEncoder.getBufferedImage(chart), file);
    }

    private static void voltage(SpikeProbe p, LayerProgram layer, double dtMs, Path file) {
        int n = p.neuronsRecorded(), steps = p.steps();
        double[] v = p.voltage(0);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Membrane of layer " + layer.name() + ", test sample " + p.sampleIndex(0)
                        + " (chip units, after each step)").xAxisTitle("time (ms)").yAxisTitle("v / g").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        double[] time = new double[steps];
        for (int t = 0; t < steps; t++) time[t] = (t + 1) * dtMs;
        // the neurons that fired most in this sample (ties: the lower index), so that the traces show thresholds
        byte[] sp = p.spikes(0);
        Integer[] order = new Integer[n];
        int[] count = new int[n];
        for (int t = 0; t < steps; t++) for (int c = 0; c < n; c++) count[c] += sp[t * n + c];
        for (int c = 0; c < n; c++) order[c] = c;
        java.util.Arrays.sort(order, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a]) : Integer.compare(a, b));
        for (int k = 0; k < Math.min(TRACES, n); k++) {
            int c = order[k];
            double[] trace = new double[steps];
            for (int t = 0; t < steps; t++) trace[t] = v[t * n + c];
            chart.addSeries("neuron " + c + " (" + count[c] + " spikes)", time, trace).setMarker(SeriesMarkers.NONE);
        }
        Plots.writePng(BitmapEncoder.getBufferedImage(chart), file);
    }
}
