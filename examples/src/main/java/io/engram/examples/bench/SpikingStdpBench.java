package io.engram.examples.bench;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.CycleNocInterconnect;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Engram side of the comparison with Brian2 (benchmarks/brian2/stdp_lif.py): 784 Poisson inputs -> 100 LIF neurons
 * (tau 100 ms, threshold 1, adaptive threshold +0.05, 5 ms refractory) with lateral inhibition and pair STDP with
 * 20 ms traces, dt 1 ms, 350 steps per sample, sparse image-like rates up to 63.75 Hz. Brian2 simulates only the
 * network; Engram also models the chip (14 cores of rram-22nm: crossbar reads, ADCs, NoC packets and barriers,
 * programming pulses, all counted). Prints wall time per sample for the ideal and the rram-22nm device.
 *
 * <p>With {@code no-inhibition} both sides drop the lateral inhibition (Brian2: {@code --no-inhibition}), so that they
 * run the same dynamics; with it, Brian2's inhibition acts one step late while the chip's competition unit lets one
 * neuron fire per step.
 *
 * <pre>java -cp ... io.engram.examples.bench.SpikingStdpBench [samples] [threads] [no-inhibition]</pre>
 */
public final class SpikingStdpBench {
    static final int IN = 784;
    static final int OUT = 100;
    static final int STEPS = 350;
    static final double DT_MS = 1.0;
    static final double MAX_RATE_HZ = 63.75;

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean inhibition = !(args.length > 2 && args[2].equals("no-inhibition"));
        Competition competition = inhibition ? Competition.hardWta() : Competition.none();
        ChipSpec rram = ChipSpec.preset("rram-22nm");
        ChipSpec ideal = rram.withCore(rram.core().withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0)).withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25)));
        for (ChipSpec chip : new ChipSpec[]{ideal, rram}) {
            String name = chip == ideal ? "ideal device" : "rram-22nm device";
            time(chip, competition, 2, threads); // warm-up
            double[] r = time(chip, competition, samples, threads);
            System.out.printf(Locale.ROOT, "engram %-18s %s inhibition: %d samples, %.3f s per sample (%d thread%s), %.1f output spikes per sample%n",
                    name, inhibition ? "with" : "without", samples, r[0], threads, threads == 1 ? "" : "s", r[1]);
        }
    }

    /** Returns {seconds per sample, output spikes per sample}. */
    static double[] time(ChipSpec chip, Competition competition, int samples, int threads) {
        Chip c = new Chip(chip, 1, CycleNocInterconnect::new, threads);
        c.load(program(chip, competition));
        SplittableRandom r = new SplittableRandom(1);
        double p = MAX_RATE_HZ * DT_MS / 1000.0;
        float[] image = new float[IN];
        boolean[] learn = {true};
        long spikes = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < IN; i++) image[i] = r.nextDouble() < 0.2 ? (float) r.nextDouble() : 0f;
            int[] counts = c.runSpiking((step, x) -> {
                for (int i = 0; i < IN; i++) x[i] = r.nextDouble() < image[i] * p ? 1f : 0f;
            }, STEPS, DT_MS, 20, 0, learn);
            for (int k : counts) spikes += k;
        }
        double secs = (System.nanoTime() - t0) / 1e9 / samples;
        c.close();
        return new double[]{secs, (double) spikes / samples};
    }

    static ChipProgram program(ChipSpec chip, Competition competition) {
        double decay = Math.exp(-DT_MS / 100.0);
        LifParams lif = new LifParams(decay, 1.0, LifParams.Reset.ZERO, 0, 5, 0.05, 1.0);
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[IN * OUT];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * 0.3);
        int rows = chip.core().crossbar().rows();
        int cols = chip.core().crossbar().weightCols();
        List<Tile> tiles = new ArrayList<>();
        int core = 0;
        for (int c0 = 0; c0 < OUT; c0 += cols) {
            for (int r0 = 0; r0 < IN; r0 += rows) tiles.add(new Tile(core++, r0, Math.min(rows, IN - r0), c0, Math.min(cols, OUT - c0)));
        }
        var stdp = new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.0001, 0.01, 20, 20, 40, 0, 1);
        LayerProgram lp = new LayerProgram("exc", LayerKind.DENSE, Shape.flat(IN), Shape.flat(OUT), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), competition, stdp, IN, OUT, w, null, 1.0, tiles);
        return new ChipProgram(chip.name(), Shape.flat(IN), List.of(lp), List.of(), new long[chip.mesh().cores()]);
    }
}
