package io.engram.runtime.report;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small run built without the compiler: rram-22nm, a SoftHebb layer of 16 inputs (a 4x4 image) x 8 neurons on
 * core 0 and a fixed 8 x 4 layer on core 5, two epochs of 8 training samples, then 4 evaluation samples.
 */
final class ReportFixture {
    static final String VERSION = "0.1.0-test";
    static final int IN = 16;
    static final int HIDDEN = 8;
    static final int OUT = 4;
    static final int TRAIN_SAMPLES = 8;
    static final int EPOCHS = 2;
    static final int EVAL_SAMPLES = 4;

    final Chip chip;
    final List<PhaseStats> phases = new ArrayList<>();
    final List<ActionCounters> perEpoch = new ArrayList<>();
    final Report report;

    private ReportFixture(long seed) {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        SplittableRandom r = new SplittableRandom(seed);
        LayerProgram hidden = new LayerProgram("hidden", LayerKind.DENSE, Shape.flat(IN), Shape.flat(HIDDEN), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.softmax(0.1),
                new LearningRule.SoftHebb(0.05, 0.1, 0.0, 0.0, UpdateScaling.PER_NEURON),
                IN, HIDDEN, weights(r, IN * HIDDEN, 0.5), null, 1.0, List.of(new Tile(0, 0, IN, 0, HIDDEN)));
        LayerProgram readout = new LayerProgram("readout", LayerKind.DENSE, Shape.flat(HIDDEN), Shape.flat(OUT), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(),
                HIDDEN, OUT, weights(r, HIDDEN * OUT, 0.5), new float[OUT], 1.0, List.of(new Tile(5, 0, HIDDEN, 0, OUT)));
        long[] sram = new long[spec.mesh().cores()];
        sram[0] = 1024;
        sram[5] = 256;
        ChipProgram program = new ChipProgram(spec.name(), new Shape(1, 4, 4), List.of(hidden, readout), List.of(), sram);
        chip = new Chip(spec, seed);
        chip.load(program);

        PhaseStats.Mark train = PhaseStats.mark(chip);
        for (int e = 0; e < EPOCHS; e++) {
            PhaseStats.Mark epoch = PhaseStats.mark(chip);
            for (int s = 0; s < TRAIN_SAMPLES; s++) chip.run(input(r), 1, new boolean[]{true, false});
            perEpoch.add(epoch.end("epoch " + (e + 1), chip).counts());
        }
        chip.settle(); // evaluation starts when training's last writes are done
        phases.add(train.end("train", chip));
        PhaseStats.Mark eval = PhaseStats.mark(chip);
        for (int s = 0; s < EVAL_SAMPLES; s++) chip.run(input(r), 1, new boolean[]{false, false});
        chip.settle();
        phases.add(eval.end("evaluate", chip));

        AccuracyFigures acc = new AccuracyFigures(0.75, 0.5, "linear (off-chip softmax regression)",
                List.of(new AccuracyFigures.EpochAccuracy(1, 0.625, 0.5), new AccuracyFigures.EpochAccuracy(2, 0.75, 0.5)));
        report = ReportBuilder.from(chip, seed, VERSION, acc, phases);
    }

    static ReportFixture run(long seed) {
        return new ReportFixture(seed);
    }

    private static float[] weights(SplittableRandom r, int n, double range) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) ((2 * r.nextDouble() - 1) * range);
        return w;
    }

    private static float[] input(SplittableRandom r) {
        float[] x = new float[IN];
        for (int i = 0; i < IN; i++) x[i] = (float) r.nextDouble();
        return x;
    }
}
