package io.engram.examples;

import io.engram.chip.spec.ChipSpec;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Outcome;
import io.engram.examples.StudyKit.Table;
import io.engram.examples.StudyKit.Training;
import io.engram.runtime.data.Splits;
import io.engram.runtime.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Study 6: the same SoftHebb network, the same data and seed, on the analog RRAM preset and on the digital SRAM
 * preset (Loihi-like, 8-bit weights). Side by side: accuracy, energy per sample split by component (training and
 * inference), latency, memory. Energy is action counts x per-action costs of each preset's technology file; leakage
 * is reported as its own line (it is not split by component).
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
        String source = StudyKit.mnistSource();
        System.out.printf("Study 6: SoftHebb %d neurons on rram-22nm and digital-sram, %s, %d train / %d test, seed %d%n",
                units, source, train, test, a.seed());
        Splits data = StudyKit.load(source, train, test, a.seed());
        Path net = StudyKit.writeNetwork(a, "network.yaml", Ex01SoftHebbSingleLayer.network(units,
                Ex01SoftHebbSingleLayer.SOFT, Ex01SoftHebbSingleLayer.SOFTHEBB));
        String[] presets = {"rram-22nm", "digital-sram"};
        List<Outcome> outs = new ArrayList<>();
        for (String p : presets) {
            long t0 = System.nanoTime();
            ChipSpec chip = StudyKit.fitMesh(ChipSpec.preset(p), net, a.seed());
            outs.add(StudyKit.run(chip, net, data, new Training(1, 1), a.seed()));
            System.out.printf("  %-13s done in %.0f s (mesh %dx%d)%n", p, StudyKit.millisSince(t0) / 1000.0,
                    chip.mesh().width(), chip.mesh().height());
        }
        Table t = new Table("Study 6: rram-22nm vs digital-sram, SoftHebb " + units + " neurons, " + source + ", seed " + a.seed(),
                "metric", presets[0], presets[1]);
        t.add("test accuracy %", StudyKit.pct(outs.get(0).testAcc()), StudyKit.pct(outs.get(1).testAcc()));
        t.add("train accuracy %", StudyKit.pct(outs.get(0).trainAcc()), StudyKit.pct(outs.get(1).trainAcc()));
        t.add("cores used", outs.get(0).coresUsed(), outs.get(1).coresUsed());
        for (int phase = 0; phase < 2; phase++) {
            String ph = phase == 0 ? "train" : "inference";
            Report.Phase p0 = outs.get(0).report().phases().get(phase);
            Report.Phase p1 = outs.get(1).report().phases().get(phase);
            t.add(ph + " total nJ/sample", outs.get(0).report().phases().get(phase).energy().perSamplePj() / 1000,
                    p1.energy().perSamplePj() / 1000);
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
            t.add(ph + " latency ns/sample (pipelined)", p0.latency().cyclesPerSample() * 1000 / outs.get(0).clockMhz(),
                    p1.latency().cyclesPerSample() * 1000 / outs.get(1).clockMhz());
        }
        t.add("serial latency ns/sample (whole run)", outs.get(0).report().latency().cyclesPerSampleSerial() * 1000 / outs.get(0).clockMhz(),
                outs.get(1).report().latency().cyclesPerSampleSerial() * 1000 / outs.get(1).clockMhz());
        t.add("weight cells used", outs.get(0).rramCellsUsed(), outs.get(1).rramCellsUsed());
        t.add("SRAM allocated bytes", outs.get(0).sramPeakBytes(), outs.get(1).sramPeakBytes());
        t.add("write pulses / SRAM weight writes", outs.get(0).writePulses(), outs.get(1).writePulses());
        t.add("learning updates", outs.get(0).report().learning().updates(), outs.get(1).report().learning().updates());
        t.emit(a, "side-by-side", StudyKit.meta(a, "units", units, "train", train, "test", test, "data", source));
    }
}
