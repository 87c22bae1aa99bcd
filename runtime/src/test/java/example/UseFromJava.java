package example;

import io.engram.api.ChipBuilder;
import io.engram.api.Data;
import io.engram.api.Engram;
import io.engram.api.Experiment;
import io.engram.api.RunResult;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.report.Report;

import java.util.Comparator;

/** A SoftHebb layer learned on rram-22nm with 6-bit ADCs, then read out; prints accuracy, energy, power. */
public class UseFromJava {
    public static RunResult run() {
        Network net = Engram.network("softhebb").input(1, 28, 28)
                .flatten()
                .dense("hidden", 32)
                    .activation(Activation.triangle(1))
                    .competition(Competition.softmax(0.05))
                    .rule(new LearningRule.SoftHebb(0.05, 0.05, 0, 0, UpdateScaling.NONE))
                    .init(Init.uniformPositive(3))
                .build();
        Experiment exp = Experiment.builder("adc-6bit")
                .chip(ChipBuilder.preset("rram-22nm").adcBits(6))
                .network(net)
                .data(Data.generated()).samples(300, 100).preprocess(Preprocess.L2)
                .training(1, 1)
                .seed(1)
                .build();
        return Engram.run(exp);
    }

    public static void main(String[] args) {
        RunResult r = run();
        System.out.printf("%s: test accuracy %.1f %%, energy %.3f uJ, mean power %.2f mW, %d cores%n", r.chip(),
                100 * r.testAccuracy(), r.energy().totalPj() / 1e6, r.meanPowerMw(), r.mapping().coresUsed());
        System.out.printf("  per sample: training %.1f nJ, inference %.1f nJ (leakage %.1f nJ), %.0f ns; chip %.2f mm2%n",
                r.trainingPjPerSample() / 1e3, r.inferencePjPerSample() / 1e3, r.inferenceLeakagePjPerSample() / 1e3,
                r.inferenceNsPerSample(), r.area().chipMm2());
        r.energyLines().stream().sorted(Comparator.comparingDouble(Report.Line::energyPj).reversed()).limit(3)
                .forEach(l -> System.out.printf("  %-12s %-16s %10d x %.4f pJ  (%s)%n", l.component(), l.action(),
                        l.count(), l.costPj(), l.source()));
    }
}
