package io.engram.examples;

import io.engram.api.ChipBuilder;
import io.engram.api.Data;
import io.engram.api.Engram;
import io.engram.api.RunResult;
import io.engram.compiler.ir.Network;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Table;
import io.engram.runtime.data.Preprocess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Study 5: what the device and the periphery cost in accuracy and energy. One factor at a time is changed from the
 * rram-22nm preset (32 levels, nonlinear writes, 0.5 % write noise, 1 % read noise, no stuck cells, 8-bit ADC,
 * 128x128 crossbars); the network is the SoftHebb layer of study 1 (online, no update scaling, eta 0.05,
 * temperature 0.03, L2 inputs), trained for one epoch, read out by the same off-chip linear classifier. Every point is
 * an experiment of the Java API: the preset with one typed {@link ChipBuilder} override, run by {@link Engram#run}.
 *
 * <p>Reference rows: the preset without learning (its random initial weights read out directly) and the preset with
 * the ideal device. Sweeps: conductance levels 4..256; cycle-to-cycle write noise; stuck-at fault rate (half stuck at Gmin, half
 * at Gmax); ADC bits; crossbar size 128 / 256 / 512 (parallel rows = rows). Two experiments run at a time
 * (two threads, one tile thread each; each run is deterministic for its seed, whatever the thread count).
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.Ex05DeviceStudy [--full] [--seed N] [--part reference|levels|noise|stuck|adc|crossbar]
 * </pre>
 */
public final class Ex05DeviceStudy {
    private Ex05DeviceStudy() {}

    record Point(String sweep, String value, double x, UnaryOperator<ChipBuilder> change, int epochs) {
        Point(String sweep, String value, double x, UnaryOperator<ChipBuilder> change) {
            this(sweep, value, x, change, 1);
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv, "05-device-study");
        int units = a.full() ? 512 : 128;
        int train = a.full() ? 8000 : 1000;
        int test = a.full() ? 2000 : 500;
        Data source = StudyKit.mnist();
        System.out.printf("Study 5: device study, SoftHebb %d neurons, %s, %d train / %d test, seed %d%n",
                units, source, train, test, a.seed());
        Data data = source.load(train, test, a.seed(), Preprocess.L2);
        Network net = Ex01SoftHebbSingleLayer.network(units, Ex01SoftHebbSingleLayer.SOFT, Ex01SoftHebbSingleLayer.SOFTHEBB);
        List<Point> pts = new ArrayList<>();
        // the yardsticks: the preset's initial (random) weights without learning, and with the ideal device
        if (a.runs("reference")) {
            pts.add(new Point("reference", "untrained init", 0, c -> c, 0));
            pts.add(new Point("reference", "ideal device", 0, ChipBuilder::idealDevice));
        }
        if (a.runs("levels")) for (int l : new int[]{4, 8, 16, 32, 64, 256}) {
            pts.add(new Point("levels", String.valueOf(l), l, c -> c.deviceLevels(l)));
        }
        if (a.runs("noise")) for (double n : new double[]{0, 0.005, 0.02, 0.05}) {
            pts.add(new Point("write_noise", String.valueOf(n), n, c -> c.writeNoise(n)));
        }
        if (a.runs("stuck")) for (double s : new double[]{0, 0.01, 0.05, 0.1, 0.2}) {
            pts.add(new Point("stuck_at_rate", String.valueOf(s), s, c -> c.stuckAt(s / 2, s / 2)));
        }
        if (a.runs("adc")) for (int b : new int[]{4, 6, 8, 10}) {
            pts.add(new Point("adc_bits", String.valueOf(b), b, c -> c.adcBits(b)));
        }
        if (a.runs("crossbar")) for (int n : new int[]{128, 256, 512}) {
            pts.add(new Point("crossbar", n + "x" + n, n, c -> c.crossbar(n, n)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<RunResult>> futures = new ArrayList<>();
        for (Point p : pts) {
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                RunResult r = Engram.run(StudyKit.experiment("ex05-" + p.sweep() + "-" + p.value(), a).threads(1)
                        .chip(p.change().apply(ChipBuilder.preset("rram-22nm"))).network(net).data(data)
                        .training(p.epochs(), 1).build());
                System.out.printf("  %-14s %-8s test %.2f %%  train %.1f nJ  infer %.1f nJ  (%.0f s)%n", p.sweep(),
                        p.value(), StudyKit.pct(r.testAccuracy()), r.phasePjPerSample("train") / 1000,
                        r.phasePjPerSample("evaluate") / 1000, StudyKit.millisSince(t0) / 1000.0);
                return r;
            }));
        }
        Table t = new Table("Study 5: one factor at a time from rram-22nm, SoftHebb " + units + " neurons, " + source
                + ", seed " + a.seed(), "sweep", "value", "test_acc_pct", "train_nJ_per_sample", "train_leak_nJ", "train_latency_ns", "infer_nJ_per_sample",
                "infer_adc_nJ", "infer_crossbar_nJ", "infer_latency_ns", "cores", "write_pulses", "crossbar_utilisation");
        List<RunResult> outs = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            Point p = pts.get(i);
            RunResult r = futures.get(i).get();
            outs.add(r);
            t.add(p.sweep(), p.value(), StudyKit.pct(r.testAccuracy()), r.phasePjPerSample("train") / 1000,
                    r.trainingLeakagePjPerSample() / 1000, r.phaseNsPerSample("train"),
                    r.phasePjPerSample("evaluate") / 1000, r.inferenceComponentPjPerSample("adc") / 1000,
                    r.inferenceComponentPjPerSample("crossbar") / 1000, r.phaseNsPerSample("evaluate"),
                    r.mapping().coresUsed(), r.learning().writePulses(), r.mapping().crossbarUtilization());
        }
        pool.shutdown();
        t.emit(a, a.part() == null ? "sweeps" : "sweeps-" + a.part(), StudyKit.meta(a, "units", units, "train", train, "test", test, "data", source.source(),
                "base_chip", "rram-22nm"));
        plot(a, pts, outs, "levels", "conductance levels", true, true);
        plot(a, pts, outs, "write_noise", "write noise (fraction of range per pulse)", false, true);
        plot(a, pts, outs, "stuck_at_rate", "stuck-at fault rate", false, true);
        plot(a, pts, outs, "adc_bits", "ADC bits", false, false);
        plot(a, pts, outs, "crossbar", "crossbar rows = cols", true, false);
    }

    static void plot(Args a, List<Point> pts, List<RunResult> outs, String sweep, String xTitle, boolean logX, boolean accuracy) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            if (!pts.get(i).sweep().equals(sweep)) continue;
            x.add(pts.get(i).x());
            y.add(accuracy ? StudyKit.pct(outs.get(i).testAccuracy()) : outs.get(i).phasePjPerSample("evaluate") / 1000);
        }
        if (x.isEmpty()) return;
        XYChart chart = new XYChartBuilder().width(700).height(450).title("Study 5: " + sweep + " (seed " + a.seed() + ")")
                .xAxisTitle(xTitle).yAxisTitle(accuracy ? "test accuracy (%)" : "inference energy (nJ / sample)").build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(sweep, x, y);
        try {
            BitmapEncoder.saveBitmap(chart, a.out().resolve(sweep).toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
