package io.engram.runtime.bench;

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
import io.engram.chip.spec.MeshSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fast against reference engine on a sparse spiking workload: a 4x4 mesh running a 784-64 LIF layer spread over 7 row
 * tiles (partial sums cross the mesh every step), inputs spiking with probability 2 % per step, 350 steps per
 * sample. The reference engine simulates one network for the whole run with every router in every cycle and
 * evaluates every row of every crossbar read; the fast engine skips idle cycles (a fresh network per phase, a phase
 * cache) and visits only driven rows. Both must end on the same cycle (checked here; everything else is compared by
 * the engine equivalence tests).
 */
public final class EngineSpeed {
    public static final int IN = 784;
    public static final int OUT = 64;
    public static final int STEPS = 350;
    public static final double ACTIVITY = 0.02;
    public static final int MESH_SIDE = 4;

    private EngineSpeed() {}

    /** One engine's run: simulated cycles, wall seconds, input spikes x fan-out (synaptic events). */
    public record Run(Noc.Engine engine, long cycles, double seconds, long synapticEvents, long steppedCycles) {
        public double cyclesPerSecond() { return cycles / seconds; }
        public double eventsPerSecond() { return synapticEvents / seconds; }
    }

    /** Both engines' timed runs: the best (shortest) of each and every repetition's wall seconds. */
    public record Result(Run fast, Run reference, double[] fastSeconds, double[] referenceSeconds) {
        public double ratio() { return reference.seconds() / fast.seconds(); }
    }

    /**
     * Both engines after a warm-up of each (runs repeated until {@code warmUpSeconds} have passed, at least one,
     * so that the JIT has compiled the short fast runs as fully as the long reference ones), then {@code repeats}
     * timed runs of each, interleaved (fast, reference, fast, ...) so that a burst of load on the machine hits both
     * alike; each engine's best run is kept, the usual estimate of a program's own cost on a shared machine.
     */
    public static Result measure(ChipSpec preset, int samples, int repeats, double warmUpSeconds) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        ChipSpec chip = preset.withMesh(new MeshSpec(MESH_SIDE, MESH_SIDE));
        for (Noc.Engine e : Noc.Engine.values()) {
            long until = System.nanoTime() + (long) (warmUpSeconds * 1e9);
            do run(chip, e, samples); while (System.nanoTime() < until);
        }
        Run fast = null;
        Run ref = null;
        double[] fs = new double[repeats];
        double[] rs = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            Run f = run(chip, Noc.Engine.FAST, samples);
            Run r = run(chip, Noc.Engine.REFERENCE, samples);
            if (f.cycles() != r.cycles()) {
                throw new IllegalStateException("engines disagree: " + f.cycles() + " vs " + r.cycles() + " cycles");
            }
            fs[k] = f.seconds();
            rs[k] = r.seconds();
            if (fast == null || f.seconds() < fast.seconds()) fast = f;
            if (ref == null || r.seconds() < ref.seconds()) ref = r;
        }
        return new Result(fast, ref, fs, rs);
    }

    /**
     * One timed run of {@code samples} samples of the workload on a fresh chip with the given engine. The input spike
     * trains (the same for both engines) are drawn before the clock starts, so the time is the engine's alone.
     */
    public static Run run(ChipSpec chip, Noc.Engine engine, int samples) {
        int[][][] trains = inputSpikes(samples);
        long spikes = 0;
        for (int[][] sample : trains) for (int[] step : sample) spikes += step.length;
        CycleNocInterconnect[] net = new CycleNocInterconnect[1];
        try (Chip c = new Chip(chip, 1, s -> net[0] = new CycleNocInterconnect(s, engine), 1)) {
            c.load(program(chip));
            System.gc(); // the previous run's chip is collected before the clock starts, not during the run
            long t0 = System.nanoTime();
            for (int[][] sample : trains) {
                c.runSpiking((step, x) -> {
                    Arrays.fill(x, 0f);
                    for (int i : sample[step]) x[i] = 1f;
                }, STEPS, 1.0, 20, 0, null);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long cycles = c.settle();
            return new Run(engine, cycles, secs, spikes * OUT, net[0].steppedCycles());
        }
    }

    /** Input spikes [sample][step] = the inputs that spike, each with probability {@link #ACTIVITY} per step. */
    static int[][][] inputSpikes(int samples) {
        SplittableRandom r = new SplittableRandom(7);
        int[][][] trains = new int[samples][STEPS][];
        int[] buf = new int[IN];
        for (int s = 0; s < samples; s++) {
            for (int t = 0; t < STEPS; t++) {
                int n = 0;
                for (int i = 0; i < IN; i++) if (r.nextDouble() < ACTIVITY) buf[n++] = i;
                trains[s][t] = Arrays.copyOf(buf, n);
            }
        }
        return trains;
    }

    /** The 784-64 LIF layer, no learning, on consecutive cores, one row tile per core. */
    public static ChipProgram program(ChipSpec chip) {
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
