package io.engram.examples;

import io.engram.api.Data;
import io.engram.api.Engram;
import io.engram.api.RunResult;
import io.engram.compiler.ir.Network;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Table;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Study 6: the same SoftHebb network, the same data and seed, on the analog RRAM preset and on the digital SRAM
 * preset (Loihi-like, 8-bit weights). Side by side: accuracy, energy per sample split by component (training and
 * inference), latency, memory. Energy is action counts x per-action costs of each preset's technology file; leakage
 * is reported as its own line (it is not split by component). Both runs are experiments of the Java API
 * ({@link Engram#run}) that differ only in the preset.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.Ex06AnalogVsDigital [--full] [--seed N]
 * </pre>
 */
public final class Ex06AnalogVsDigital {
    private Ex06AnalogVsDigital() {}

    public static void main(String[] argv) {
        Args a = Args.parse(argv, "06-analog-vs-digital");
        int units = a.full() ? 2000 : 128;
        int train = a.full() ? 8000 : 2000;
        int test = a.full() ? 2000 : 1000;
        Data source = StudyKit.mnist();
        System.out.printf("Study 6: SoftHebb %d neurons on rram-22nm and digital-sram, %s, %d train / %d test, seed %d%n",
                units, source, train, test, a.seed());
        Data data = source.load(train, test, a.seed(), Preprocess.L2);
        Network net = Ex01SoftHebbSingleLayer.network(units, Ex01SoftHebbSingleLayer.SOFT, Ex01SoftHebbSingleLayer.SOFTHEBB);
        String[] presets = {"rram-22nm", "digital-sram"};
        List<RunResult> outs = new ArrayList<>();
        for (String p : presets) {
            long t0 = System.nanoTime();
            RunResult r = Engram.run(StudyKit.experiment("ex06-" + p, a).chip(p).network(net).data(data).training(1, 1).build());
            outs.add(r);
            System.out.printf("  %-13s done in %.0f s (mesh %dx%d)%n", p, StudyKit.millisSince(t0) / 1000.0,
                    r.chipSpec().mesh().width(), r.chipSpec().mesh().height());
        }
        Table t = new Table("Study 6: rram-22nm vs digital-sram, SoftHebb " + units + " neurons, " + source + ", seed " + a.seed(),
                "metric", presets[0], presets[1]);
        t.add("test accuracy %", StudyKit.pct(outs.get(0).testAccuracy()), StudyKit.pct(outs.get(1).testAccuracy()));
        t.add("train accuracy %", StudyKit.pct(outs.get(0).trainAccuracy()), StudyKit.pct(outs.get(1).trainAccuracy()));
        t.add("cores used", outs.get(0).mapping().coresUsed(), outs.get(1).mapping().coresUsed());
        for (int phase = 0; phase < 2; phase++) {
            String ph = phase == 0 ? "train" : "inference";
            String name = phase == 0 ? "train" : "evaluate";
            Report.Phase p0 = outs.get(0).phase(name);
            Report.Phase p1 = outs.get(1).phase(name);
            t.add(ph + " total nJ/sample", outs.get(0).phasePjPerSample(name) / 1000, outs.get(1).phasePjPerSample(name) / 1000);
            double n0 = p0.samples();
            double n1 = p1.samples();
            t.add(ph + " leakage nJ/sample", p0.energy().leakagePj() / n0 / 1000, p1.energy().leakagePj() / n1 / 1000);
            TreeSet<String> comps = new TreeSet<>(p0.energy().byComponent().keySet());
            comps.addAll(p1.energy().byComponent().keySet());
            for (String c : comps) {
                double e0 = p0.energy().byComponent().getOrDefault(c, 0.0) / n0 / 1000;
                double e1 = p1.energy().byComponent().getOrDefault(c, 0.0) / n1 / 1000;
                if (e0 == 0 && e1 == 0) continue;
                t.add(ph + " " + c + " nJ/sample", e0, e1);
            }
            t.add(ph + " latency ns/sample (pipelined)", outs.get(0).phaseNsPerSample(name), outs.get(1).phaseNsPerSample(name));
        }
        t.add("serial latency ns/sample (whole run)", outs.get(0).serialNsPerSample(), outs.get(1).serialNsPerSample());
        t.add("weight cells used", outs.get(0).memory().rramCellsUsed(), outs.get(1).memory().rramCellsUsed());
        t.add("SRAM allocated bytes", outs.get(0).memory().sramPeakBytes(), outs.get(1).memory().sramPeakBytes());
        t.add("write pulses / SRAM weight writes", outs.get(0).learning().writePulses(), outs.get(1).learning().writePulses());
        t.add("learning updates", outs.get(0).learning().updates(), outs.get(1).learning().updates());
        t.add("chip area mm2", outs.get(0).area().chipMm2(), outs.get(1).area().chipMm2());
        t.add("static power mW", outs.get(0).staticPowerMw(), outs.get(1).staticPowerMw());
        t.emit(a, "side-by-side", StudyKit.meta(a, "units", units, "train", train, "test", test, "data", source.source()));
    }
}
