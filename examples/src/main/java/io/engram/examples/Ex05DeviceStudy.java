package io.engram.examples;

import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Outcome;
import io.engram.examples.StudyKit.Table;
import io.engram.examples.StudyKit.Training;
import io.engram.runtime.data.Splits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * temperature 0.03, L2 inputs), trained for one epoch, read out by the same off-chip linear classifier.
 *
 * <p>Reference rows: the preset without learning (its random initial weights read out directly) and the preset with
 * the ideal device. Sweeps: conductance levels 4..256; cycle-to-cycle write noise; stuck-at fault rate (half stuck at Gmin, half
 * at Gmax); ADC bits; crossbar size 128 / 256 / 512 (parallel rows = rows). Two chips are simulated at a time
 * (independent Chip objects on two threads; each run is deterministic for its seed).
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.Ex05DeviceStudy [--full] [--seed N] [--part reference|levels|noise|stuck|adc|crossbar]
 * </pre>
 */
public final class Ex05DeviceStudy {
    private Ex05DeviceStudy() {}

    record Point(String sweep, String value, double x, UnaryOperator<CoreSpec> change, int epochs) {
        Point(String sweep, String value, double x, UnaryOperator<CoreSpec> change) {
            this(sweep, value, x, change, 1);
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv, "05-device-study");
        int units = a.full() ? 512 : 128;
        int train = a.full() ? 8000 : 1000;
        int test = a.full() ? 2000 : 500;
        String source = StudyKit.mnistSource();
        System.out.printf("Study 5: device study, SoftHebb %d neurons, %s, %d train / %d test, seed %d%n",
                units, source, train, test, a.seed());
        Splits data = StudyKit.load(source, train, test, a.seed());
        Path net = StudyKit.writeNetwork(a, "network.yaml", Ex01SoftHebbSingleLayer.network(units,
                Ex01SoftHebbSingleLayer.SOFT, Ex01SoftHebbSingleLayer.SOFTHEBB));
        List<Point> pts = new ArrayList<>();
        // the yardsticks: the preset's initial (random) weights without learning, and with the ideal device
        if (a.runs("reference")) {
            pts.add(new Point("reference", "untrained init", 0, c -> c, 0));
            pts.add(new Point("reference", "ideal device", 0, c -> c.withDevice(DeviceSpec.ideal())));
        }
        if (a.runs("levels")) for (int l : new int[]{4, 8, 16, 32, 64, 256}) {
            pts.add(new Point("levels", String.valueOf(l), l, c -> c.withDevice(c.device().withLevels(l))));
        }
        if (a.runs("noise")) for (double n : new double[]{0, 0.005, 0.02, 0.05}) {
            pts.add(new Point("write_noise", String.valueOf(n), n, c -> c.withDevice(c.device().withNoise(n,
                    c.device().d2dVariation(), c.device().readNoise()))));
        }
        if (a.runs("stuck")) for (double s : new double[]{0, 0.01, 0.05, 0.1, 0.2}) {
            pts.add(new Point("stuck_at_rate", String.valueOf(s), s, c -> {
                DeviceSpec d = c.device();
                return c.withDevice(d.withFaults(s / 2, s / 2, d.endurance(), d.pastEndurance()));
            }));
        }
        if (a.runs("adc")) for (int b : new int[]{4, 6, 8, 10}) {
            pts.add(new Point("adc_bits", String.valueOf(b), b, c -> c.withAdc(new AdcSpec(c.adc().mode(), b,
                    c.adc().columnsPerAdc(), c.adc().fullScale()))));
        }
        if (a.runs("crossbar")) for (int n : new int[]{128, 256, 512}) {
            pts.add(new Point("crossbar", n + "x" + n, n, c -> c.withCrossbar(new CrossbarSpec(n, n,
                    c.crossbar().cellsPerWeight(), n))));
        }
        ChipSpec base = ChipSpec.preset("rram-22nm");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Point p : pts) {
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                ChipSpec chip = StudyKit.fitMesh(base.withCore(p.change().apply(base.core())), net, a.seed());
                Outcome o = StudyKit.run(chip, net, data, new Training(p.epochs(), 1), a.seed());
                System.out.printf("  %-14s %-8s test %.2f %%  train %.1f nJ  infer %.1f nJ  (%.0f s)%n", p.sweep(),
                        p.value(), StudyKit.pct(o.testAcc()), o.trainPjPerSample() / 1000, o.inferPjPerSample() / 1000,
                        StudyKit.millisSince(t0) / 1000.0);
                return o;
            }));
        }
        Table t = new Table("Study 5: one factor at a time from rram-22nm, SoftHebb " + units + " neurons, " + source
                + ", seed " + a.seed(), "sweep", "value", "test_acc_pct", "train_nJ_per_sample", "train_leak_nJ", "train_latency_ns", "infer_nJ_per_sample",
                "infer_adc_nJ", "infer_crossbar_nJ", "infer_latency_ns", "cores", "write_pulses", "crossbar_utilisation");
        List<Outcome> outs = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            Point p = pts.get(i);
            Outcome o = futures.get(i).get();
            outs.add(o);
            var ev = o.report().phases().get(1);
            double n = ev.samples();
            var tr = o.report().phases().get(0);
            t.add(p.sweep(), p.value(), StudyKit.pct(o.testAcc()), o.trainPjPerSample() / 1000,
                    tr.samples() == 0 ? Double.NaN : tr.energy().leakagePj() / tr.samples() / 1000,
                    p.epochs() == 0 ? Double.NaN : o.trainNsPerSample(), o.inferPjPerSample() / 1000,
                    ev.energy().byComponent().getOrDefault("adc", 0.0) / n / 1000,
                    ev.energy().byComponent().getOrDefault("crossbar", 0.0) / n / 1000, o.inferNsPerSample(),
                    o.coresUsed(), o.writePulses(), o.report().mapping().crossbarUtilization());
        }
        pool.shutdown();
        t.emit(a, a.part() == null ? "sweeps" : "sweeps-" + a.part(), StudyKit.meta(a, "units", units, "train", train, "test", test, "data", source,
                "base_chip", "rram-22nm"));
        plot(a, pts, outs, "levels", "conductance levels", true, true);
        plot(a, pts, outs, "write_noise", "write noise (fraction of range per pulse)", false, true);
        plot(a, pts, outs, "stuck_at_rate", "stuck-at fault rate", false, true);
        plot(a, pts, outs, "adc_bits", "ADC bits", false, false);
        plot(a, pts, outs, "crossbar", "crossbar rows = cols", true, false);
    }

    static void plot(Args a, List<Point> pts, List<Outcome> outs, String sweep, String xTitle, boolean logX, boolean accuracy) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            if (!pts.get(i).sweep().equals(sweep)) continue;
            x.add(pts.get(i).x());
            y.add(accuracy ? StudyKit.pct(outs.get(i).testAcc()) : outs.get(i).inferPjPerSample() / 1000);
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
