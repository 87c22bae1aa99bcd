package io.engram.runtime.report;

import io.engram.chip.core.CoreState;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.stats.SpikeProbe;
import io.engram.chip.stats.TimelineProbe;
import io.engram.chip.stats.WeightProbe;
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
 * Writes what a run's probes recorded to {@code probes.h5} (HDF5, read by h5py or any HDF5 reader; every dataset has
 * a {@code units} attribute):
 * <pre>
 * /                                 attrs dt_ms, layer, layer_index, cut (spike probe: "no" or which samples were left out)
 * /layer_NAME/spikes                int8    [samples, steps, neurons] 0/1          (spiking runs, first test samples)
 * /layer_NAME/voltage               float64 [samples, steps, neurons] chip units (model v / input gain g), after the step
 * /layer_NAME/current               float64 [samples, steps, neurons] synaptic current, chip units (CubaLIF layers)
 * /layer_NAME/sample_index          int32   [samples] index in the test set
 * /layer_NAME/weights               float32 [snapshots, rows, cols] (weights_every; attrs every, decimation, cut)
 * /layer_NAME/weights_sample_index  int64   [snapshots] training samples presented before the snapshot
 * /timeline/energy_pj               float64 [rows, columns] per component class, then leakage (attr columns)
 * /timeline/before_energy_pj, after_energy_pj  float64 [columns] before the first point and after the last one
 * /timeline/first_sample, first_step, points, cycle_start, cycle_end, noc_packets, noc_flits   [rows]
 * /timeline/core_state_cycles       int64   [rows, states] summed over the used cores (attr states)
 * /timeline/phase_name, phase_first_sample   the run's phases and the first run sample of each
 * </pre>
 * The timeline's rows plus before and after add up to the report's {@code energy.total_pj} ({@link EnergyTimeline}).
 * Pictures: {@code probe_raster.png} (spikes of the first recorded sample, neuron against time),
 * {@code probe_voltage.png} (membrane traces of the {@link #TRACES} neurons of that sample that fired most), and from
 * {@link ProbePlots} {@code probe_current.png} (CubaLIF) and {@code probe_energy.png} (the timeline).
 */
public final class ProbesFile {
    public static final String NAME = "probes.h5";
    /** Voltage traces drawn in the picture (all neurons are in the file). */
    static final int TRACES = 4;
    private static final int WIDTH = 900, HEIGHT = 500;

    private ProbesFile() {}

    /**
     * What the probes of one run recorded; each part is null when it was not asked for (or, for spikes, in a rate run).
     *
     * @param layer    the probed layer's index in the program
     * @param timeline the run's timeline, finished (its last reading taken after the report settled the chip)
     */
    public record Contents(int layer, SpikeProbe spikes, WeightProbe weights, TimelineProbe timeline) {}

    /**
     * What the probes recorded, with the timeline priced and the layer named: what {@code probes.h5} holds.
     *
     * @param layerName the probed layer's name
     * @param energy    the timeline priced (null without a timeline)
     * @param notes     what was cut or thinned, one sentence each
     */
    public record Recorded(Contents contents, String layerName, EnergyTimeline energy, List<String> notes) {
        public Recorded {
            notes = List.copyOf(notes);
        }
    }

    /** Prices the timeline with the chip's costs (call after the report settled the chip and the timeline finished). */
    public static Recorded collect(Chip chip, Contents c) {
        return new Recorded(c, chip.program().layers().get(c.layer()).name(),
                c.timeline() == null ? null : EnergyTimeline.of(c.timeline(), chip), notes(c));
    }

    /** Writes {@code probes.h5} and the pictures into {@code dir}; returns what was recorded. */
    public static Recorded write(Path dir, Chip chip, Contents c, double dtMs) {
        Recorded rec = collect(chip, c);
        LayerProgram layer = chip.program().layers().get(c.layer());
        EnergyTimeline energy = rec.energy();
        AtomicFiles.writeVia(dir.resolve(NAME), temp -> {
            try (WritableHdfFile h = HdfFile.write(temp)) {
                h.removeAttribute("_jHDF");
                h.putAttribute("dt_ms", dtMs);
                h.putAttribute("layer", layer.name());
                h.putAttribute("layer_index", c.layer());
                h.putAttribute("cut", c.spikes() == null || c.spikes().cut() == null ? "no" : c.spikes().cut());
                WritableGroup g = h.putGroup("layer_" + layer.name());
                g.putAttribute("neurons_in_layer", layer.cols() * layer.positions());
                g.putAttribute("neuron_order", layer.positions() > 1 ? "channel, y, x (NIR's C x H x W)" : "unit");
                if (c.spikes() != null) spikes(g, c.spikes());
                if (c.weights() != null) weights(g, c.weights());
                if (energy != null) timeline(h.putGroup("timeline"), c.timeline(), energy);
            }
        });
        if (c.spikes() != null && c.spikes().samples() > 0) {
            raster(c.spikes(), layer, dtMs, dir.resolve("probe_raster.png"));
            voltage(c.spikes(), layer, dtMs, dir.resolve("probe_voltage.png"));
            if (c.spikes().hasCurrent()) ProbePlots.current(c.spikes(), layer.name(), dtMs, dir.resolve(ProbePlots.CURRENT));
        }
        if (energy != null) ProbePlots.energy(energy, c.timeline(), dir.resolve(ProbePlots.ENERGY));
        return rec;
    }

    /** What was cut or thinned, one sentence each (empty when every probe holds all it was asked for). */
    public static List<String> notes(Contents c) {
        List<String> n = new ArrayList<>();
        if (c.spikes() != null && c.spikes().cut() != null) n.add("probe spikes cut: " + c.spikes().cut());
        if (c.weights() != null && c.weights().cut() != null) n.add("probe weights cut: " + c.weights().cut());
        if (c.weights() != null && c.weights().cut() == null && c.weights().snapshots() == 0) {
            n.add("probe weights: no snapshot (the chip ran no training sample)");
        }
        if (c.weights() != null && c.weights().decimation() != null) n.add("probe weights thinned: " + c.weights().decimation());
        if (c.timeline() != null && c.timeline().decimation() != null) n.add("probe timeline thinned: " + c.timeline().decimation());
        return n;
    }

    private static void spikes(WritableGroup g, SpikeProbe p) {
        int samples = p.samples(), steps = Math.max(p.steps(), 0), n = p.neuronsRecorded();
        g.putAttribute("neurons_recorded", n);
        g.putAttribute("spike_samples_recorded", samples);
        if (samples == 0) return; // the first sample was already cut (the root's cut attribute says why)
        byte[][][] s = new byte[samples][steps][n];
        double[][][] v = new double[samples][steps][n];
        double[][][] cur = p.hasCurrent() ? new double[samples][steps][n] : null;
        int[] idx = new int[samples];
        for (int k = 0; k < samples; k++) {
            byte[] sk = p.spikes(k);
            double[] vk = p.voltage(k);
            double[] ck = cur == null ? null : p.current(k);
            idx[k] = p.sampleIndex(k);
            for (int t = 0; t < steps; t++) {
                System.arraycopy(sk, t * n, s[k][t], 0, n);
                System.arraycopy(vk, t * n, v[k][t], 0, n);
                if (ck != null) System.arraycopy(ck, t * n, cur[k][t], 0, n);
            }
        }
        WritableDataset ds = g.putDataset("spikes", s);
        ds.putAttribute("units", "spike (0/1) per step");
        ds.putAttribute("dims", "sample, step, neuron");
        WritableDataset dv = g.putDataset("voltage", v);
        dv.putAttribute("units", "membrane potential in chip units (model v / input gain g), after the step");
        dv.putAttribute("dims", "sample, step, neuron");
        if (cur != null) {
            WritableDataset dc = g.putDataset("current", cur);
            dc.putAttribute("units", "synaptic current in chip units (model I / input gain g), after the step");
            dc.putAttribute("dims", "sample, step, neuron");
        }
        WritableDataset di = g.putDataset("sample_index", idx);
        di.putAttribute("units", "index of the sample in the test set");
    }

    private static void weights(WritableGroup g, WeightProbe w) {
        int n = w.snapshots(), rows = Math.max(w.rows(), 0), cols = Math.max(w.cols(), 0);
        g.putAttribute("weight_snapshots", n);
        if (n == 0) {
            // nothing trained (no training sample ran), or one snapshot exceeds the bound
            g.putAttribute("weights_cut", w.cut() == null ? "no training sample ran: no snapshot" : w.cut());
            return;
        }
        float[][][] m = new float[n][rows][cols];
        long[] idx = new long[n];
        for (int k = 0; k < n; k++) {
            float[] wk = w.weights(k);
            for (int r = 0; r < rows; r++) System.arraycopy(wk, r * cols, m[k][r], 0, cols);
            idx[k] = w.sampleIndex(k);
        }
        WritableDataset ds = g.putDataset("weights", m);
        ds.putAttribute("units", "weight as the cells hold it (the values of weights.h5)");
        ds.putAttribute("dims", "snapshot, row (input), col (neuron)");
        ds.putAttribute("every", w.every());
        ds.putAttribute("decimation", w.decimation() == null ? "no" : w.decimation());
        ds.putAttribute("cut", w.cut() == null ? "no" : w.cut());
        WritableDataset di = g.putDataset("weights_sample_index", idx);
        di.putAttribute("units", "training samples presented before the snapshot");
    }

    private static void timeline(WritableGroup g, TimelineProbe t, EnergyTimeline e) {
        List<TimelineProbe.Row> rows = t.rows();
        int n = rows.size();
        String unit = t.perStep() ? "step" : "sample";
        g.putAttribute("point", unit);
        g.putAttribute("decimation", t.decimation() == null ? "no" : t.decimation());
        g.putAttribute("total_energy_pj", e.totalPj());
        g.putAttribute("sums_to", "sum(energy_pj) + sum(before_energy_pj) + sum(after_energy_pj) = report.json energy.total_pj");
        long[] firstSample = new long[n], points = new long[n], c0 = new long[n], c1 = new long[n], pk = new long[n], fl = new long[n];
        int[] firstStep = new int[n];
        long[][] states = new long[n][];
        for (int r = 0; r < n; r++) {
            TimelineProbe.Row row = rows.get(r);
            firstSample[r] = row.firstSample();
            firstStep[r] = row.firstStep();
            points[r] = row.points();
            c0[r] = row.cycleStart();
            c1[r] = row.cycleEnd();
            pk[r] = row.packets();
            fl[r] = row.flits();
            states[r] = row.stateCycles();
        }
        String[] cols = e.columns().toArray(new String[0]);
        g.putDataset("columns", cols);
        g.putAttribute("rows", n);
        put(g, "before_energy_pj", e.beforePj(), "pJ", "loading the program and whatever ran before the first " + unit);
        put(g, "after_energy_pj", e.afterPj(), "pJ", "the drain of the last work and idle time after the last " + unit);
        if (n == 0) return; // no sample ran on the chip (a baseline on the input): before and after hold the run
        WritableDataset de = g.putDataset("energy_pj", e.rowsPj());
        de.putAttribute("units", "pJ");
        de.putAttribute("dims", "row, column (component class dynamic energy, then leakage)");
        de.putAttribute("columns", cols);
        put(g, "first_sample", firstSample, "sample of the run (from 0, every phase in run order) of the row's first " + unit);
        WritableDataset ds = g.putDataset("first_step", firstStep);
        ds.putAttribute("units", "step (in its sample) of the row's first point; 0 in rate runs");
        put(g, "points", points, unit + "s the row adds up");
        put(g, "cycle_start", c0, "chip cycle");
        put(g, "cycle_end", c1, "chip cycle");
        put(g, "noc_packets", pk, "packets");
        put(g, "noc_flits", fl, "flits");
        String[] stateNames = new String[CoreState.values().length];
        for (CoreState s : CoreState.values()) stateNames[s.ordinal()] = s.name().toLowerCase(java.util.Locale.ROOT);
        WritableDataset dst = g.putDataset("core_state_cycles", states);
        dst.putAttribute("units", "core cycles, summed over the used cores (a wait is charged when the core's next work starts)");
        dst.putAttribute("states", stateNames);
        List<TimelineProbe.Phase> phases = t.phases();
        String[] names = new String[phases.size()];
        long[] first = new long[phases.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = phases.get(i).name();
            first[i] = phases.get(i).firstSample();
        }
        if (names.length > 0) {
            g.putDataset("phase_name", names);
            put(g, "phase_first_sample", first, "sample of the run where the phase starts");
        }
    }

    private static void put(WritableGroup g, String name, double[] v, String units, String what) {
        WritableDataset d = g.putDataset(name, v);
        d.putAttribute("units", units);
        d.putAttribute("what", what);
    }

    private static void put(WritableGroup g, String name, long[] v, String units) {
        WritableDataset d = g.putDataset(name, v);
        d.putAttribute("units", units);
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
