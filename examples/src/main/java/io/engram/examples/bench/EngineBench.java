package io.engram.examples.bench;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.noc.Noc;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.CycleNocInterconnect;
import io.engram.chip.spec.ChipSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fast against reference NoC engine on a sparse spiking workload: a 4x4 mesh (rram-22nm) running a 784-64 LIF layer
 * spread over 7 row tiles (partial sums cross the mesh every step), inputs spiking with probability 2 % per step,
 * 350 steps per sample. Prints simulated cycles per second, synaptic events per second and the ratio; both engines
 * must give the same cycle count (checked).
 *
 * <p>The reference engine simulates one network for the whole run, every router in every cycle, and evaluates every
 * row of every crossbar read; the fast engine skips idle cycles (fresh network per phase, phase cache) and visits
 * only driven rows. Both give identical results (SpikingEngineEquivalenceTest).
 *
 * <pre>java -cp ... io.engram.examples.bench.EngineBench [samples] [preset[,preset...]]</pre>
 */
public final class EngineBench {
    static final int IN = 784;
    static final int OUT = 64;
    static final int STEPS = 350;
    static final double ACTIVITY = 0.02;

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (String preset : args.length > 1 ? args[1].split(",") : new String[]{"rram-22nm"}) {
            System.out.println("chip " + preset + ":");
            measure(ChipSpec.preset(preset), samples);
        }
    }

    static void measure(ChipSpec chip, int samples) {
        double[] rate = new double[2];
        long[] cycles = new long[2];
        long events = 0;
        Noc.Engine[] engines = {Noc.Engine.FAST, Noc.Engine.REFERENCE};
        for (int e = 0; e < 2; e++) {
            Noc.Engine engine = engines[e];
            for (int rep = 0; rep < 2; rep++) { // first pass warms up the JIT
                CycleNocInterconnect[] net = new CycleNocInterconnect[1];
                Chip c = new Chip(chip, 1, s -> net[0] = new CycleNocInterconnect(s, engine), 1);
                c.load(program(chip));
                SplittableRandom r = new SplittableRandom(7);
                long ev = 0;
                long t0 = System.nanoTime();
                for (int s = 0; s < samples; s++) {
                    long[] count = new long[1];
                    c.runSpiking((step, x) -> {
                        for (int i = 0; i < IN; i++) {
                            x[i] = r.nextDouble() < ACTIVITY ? 1f : 0f;
                            if (x[i] != 0) count[0]++;
                        }
                    }, STEPS, 1.0, 20, 0, null);
                    ev += count[0] * OUT;
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                cycles[e] = c.settle();
                rate[e] = cycles[e] / secs;
                events = ev;
                if (rep == 1) {
                    System.out.printf(Locale.ROOT, "%-10s %12d simulated cycles  %8.3f s  %12.0f cycles/s  %10.0f synaptic events/s"
                                    + "  (whole-run network stepped %d cycles x %d routers)%n",
                            engine, cycles[e], secs, rate[e], ev / secs, net[0].steppedCycles(), chip.mesh().cores());
                }
            }
        }
        if (cycles[0] != cycles[1]) throw new IllegalStateException("engines disagree: " + cycles[0] + " vs " + cycles[1]);
        System.out.printf(Locale.ROOT, "fast / reference speed: %.2fx (same %d cycles, %d synaptic events)%n",
                rate[0] / rate[1], cycles[0], events);
    }

    static ChipProgram program(ChipSpec chip) {
        LifParams lif = new LifParams(0.9, 1.0, LifParams.Reset.ZERO, 0, 2, 0, 1);
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[IN * OUT];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * 0.2);
        List<Tile> tiles = new ArrayList<>();
        int rows = chip.core().crossbar().rows();
        int core = 0;
        for (int r0 = 0; r0 < IN; r0 += rows) tiles.add(new Tile(core++, r0, Math.min(rows, IN - r0), 0, OUT));
        LayerProgram lp = new LayerProgram("lif", LayerKind.DENSE, Shape.flat(IN), Shape.flat(OUT), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), Competition.none(), new LearningRule.None(), IN, OUT,
                w, null, 0.2, tiles);
        return new ChipProgram(chip.name(), Shape.flat(IN), List.of(lp), List.of(), new long[chip.mesh().cores()]);
    }
}
