package io.engram.chip.sim;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Hand-built chips and programs for tests that must not depend on the compiler. */
public final class TestPrograms {
    private TestPrograms() {}

    /** rram-22nm with the ideal device, exact analog inputs and an infinite-precision ADC. */
    public static ChipSpec idealChip(int xbarRows, int xbarCols) {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        var core = base.core()
                .withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0))
                .withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25))
                .withCrossbar(new CrossbarSpec(xbarRows, xbarCols, 2, xbarRows));
        return base.withCore(core);
    }

    /** A dense layer tiled over crossbars of the chip's size, tiles on cores 0, 1, 2, ... */
    public static LayerProgram dense(ChipSpec chip, String name, int in, int out, LearningRule rule, Competition comp,
                                     float[] w, float[] bias, double weightScale) {
        int tr = chip.core().crossbar().rows();
        int tc = chip.core().crossbar().weightCols();
        List<Tile> tiles = new ArrayList<>();
        int core = 0;
        for (int c0 = 0; c0 < out; c0 += tc) {
            for (int r0 = 0; r0 < in; r0 += tr) {
                tiles.add(new Tile(core++, r0, Math.min(tr, in - r0), c0, Math.min(tc, out - c0)));
            }
        }
        return new LayerProgram(name, LayerKind.DENSE, Shape.flat(in), Shape.flat(out), 1, 1, 0, new NeuronModel.Rate(),
                Activation.identity(), comp, rule, in, out, w, bias, weightScale, tiles);
    }

    /** The same layer with another forward activation. */
    public static LayerProgram withActivation(LayerProgram l, Activation a) {
        return new LayerProgram(l.name(), l.kind(), l.in(), l.out(), l.kernel(), l.stride(), l.padding(), l.neuron(), a,
                l.competition(), l.rule(), l.rows(), l.cols(), l.weights(), l.bias(), l.weightScale(), l.tiles());
    }

    public static ChipProgram program(ChipSpec chip, LayerProgram... layers) {
        return new ChipProgram(chip.name(), layers[0].in(), List.of(layers), List.of(),
                new long[chip.mesh().cores()]);
    }

    public static float[] randomWeights(int n, double range, long seed, boolean positive) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (positive ? r.nextDouble() * range : (2 * r.nextDouble() - 1) * range);
        return w;
    }
}
