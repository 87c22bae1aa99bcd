package io.engram.runtime.bench;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.plasticity.reference.FloatReference;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.MeshSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Overhead of the cycle model over the plain algorithm: SoftHebb 784-K online training, rate coding, all counters on,
 * against {@link FloatReference} (no hardware model) in the same JVM. Used by {@code engram bench} and by
 * {@code io.engram.examples.bench.TrainingOverheadBench}.
 */
public final class TrainingOverhead {
    public static final int IN = 784;

    private TrainingOverhead() {}

    /** The SoftHebb rule and competition measured (the MNIST preset's temperature 1/12, per-neuron scaling). */
    public static final LearningRule RULE = new LearningRule.SoftHebb(0.045, 1.0 / 12, 0, 0, UpdateScaling.PER_NEURON);
    public static final Competition COMPETITION = Competition.softmax(1.0 / 12);

    /** The rram-22nm chip made ideal: ideal device, exact inputs, ideal ADC. */
    public static ChipSpec idealChip() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        return base.withCore(base.core().withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0)).withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25)));
    }

    public static float[][] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] d = new float[n][IN];
        for (float[] x : d) {
            double norm = 0;
            for (int i = 0; i < IN; i++) {
                x[i] = r.nextDouble() < 0.2 ? (float) r.nextDouble() : 0f;
                norm += x[i] * x[i];
            }
            for (int i = 0; i < IN; i++) x[i] /= (float) Math.sqrt(norm);
        }
        return d;
    }

    public static float[] weights(int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double range = Math.sqrt(3.0 * 9 / IN);
        float[] w = new float[IN * k];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * range);
        return w;
    }

    /**
     * Best samples per second of each variant and every timed pass's seconds: reference, ideal-device chip, noisy
     * (rram-22nm) chip.
     */
    public record Overhead(double reference, double ideal, double noisy, double[] referenceSeconds,
                           double[] idealSeconds, double[] noisySeconds) {
        public double idealRatio() { return reference / ideal; }
        public double noisyRatio() { return reference / noisy; }
    }

    /**
     * The three variants after two untimed passes each, then {@code repeats} timed passes of each, interleaved
     * (reference, ideal, noisy, reference, ...) so that a burst of load on the shared machine hits all alike; each
     * variant's best pass counts. Every pass starts from the same initial weights on a fresh reference or chip.
     */
    public static Overhead measure(ChipSpec noisyChip, float[] w0, int k, float[][] data, int threads, int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        ChipSpec ideal = idealChip();
        for (int rep = 0; rep < 2; rep++) {
            referencePass(RULE, COMPETITION, w0, k, data);
            chipPass(ideal, RULE, COMPETITION, w0, k, data, threads);
            chipPass(noisyChip, RULE, COMPETITION, w0, k, data, threads);
        }
        double[] rs = new double[repeats];
        double[] is = new double[repeats];
        double[] ns = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
            rs[rep] = referencePass(RULE, COMPETITION, w0, k, data);
            is[rep] = chipPass(ideal, RULE, COMPETITION, w0, k, data, threads);
            ns[rep] = chipPass(noisyChip, RULE, COMPETITION, w0, k, data, threads);
        }
        return new Overhead(data.length / min(rs), data.length / min(is), data.length / min(ns), rs, is, ns);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    /** Samples per second of the float reference of the rule (no hardware model), after a warm-up. */
    public static double timeReference(LearningRule rule, Competition comp, float[] w0, int k, float[][] data) {
        for (int rep = 0; rep < 2; rep++) referencePass(rule, comp, w0, k, data); // warm-up
        return data.length / referencePass(rule, comp, w0, k, data);
    }

    /** Seconds of one pass over the data by a fresh float reference (no hardware model) from weights w0. */
    public static double referencePass(LearningRule rule, Competition comp, float[] w0, int k, float[][] data) {
        double[][] w = new double[k][IN];
        for (int i = 0; i < IN; i++) for (int q = 0; q < k; q++) w[q][i] = w0[i * k + q];
        FloatReference ref = new FloatReference(rule, comp, w, null);
        double[][] xd = new double[data.length][IN];
        for (int s = 0; s < data.length; s++) for (int i = 0; i < IN; i++) xd[s][i] = data[s][i];
        System.gc(); // the previous pass's garbage is collected before the clock starts, not during the pass
        long t0 = System.nanoTime();
        for (double[] x : xd) ref.step(x);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Samples per second of the chip (all counters on) on a mesh sized to fit, after a warm-up. */
    public static double timeChip(ChipSpec chip, LearningRule rule, Competition comp, float[] w0, int k, float[][] data,
                                  int threads) {
        for (int rep = 0; rep < 2; rep++) chipPass(chip, rule, comp, w0, k, data, threads); // warm-up
        return data.length / chipPass(chip, rule, comp, w0, k, data, threads);
    }

    /** Seconds of one training pass over the data by a fresh chip (all counters on) on a mesh sized to fit. */
    public static double chipPass(ChipSpec chip, LearningRule rule, Competition comp, float[] w0, int k, float[][] data,
                                  int threads) {
        List<Tile> tiles = tiles(chip, k);
        int cores = tiles.size();
        int side = (int) Math.ceil(Math.sqrt(cores));
        ChipSpec sized = chip.withMesh(new MeshSpec(side, side));
        double scale = 0;
        for (float v : w0) scale = Math.max(scale, Math.abs(v));
        LayerProgram lp = new LayerProgram("hidden", LayerKind.DENSE, Shape.flat(IN), Shape.flat(k), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), comp, rule, IN, k, w0, null, scale, tiles);
        boolean[] learn = {true};
        try (Chip c = new Chip(sized, 1, io.engram.chip.sim.CycleNocInterconnect::new, threads)) {
            c.load(new ChipProgram(sized.name(), Shape.flat(IN), List.of(lp), List.of(), new long[sized.mesh().cores()]));
            System.gc(); // the previous pass's chip is collected before the clock starts, not during the pass
            long t0 = System.nanoTime();
            for (float[] x : data) c.run(x, 0, learn);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    public static List<Tile> tiles(ChipSpec chip, int k) {
        int tr = chip.core().crossbar().rows();
        int tc = chip.core().crossbar().weightCols();
        List<Tile> t = new ArrayList<>();
        int core = 0;
        for (int c0 = 0; c0 < k; c0 += tc) {
            for (int r0 = 0; r0 < IN; r0 += tr) t.add(new Tile(core++, r0, Math.min(tr, IN - r0), c0, Math.min(tc, k - c0)));
        }
        return t;
    }
}
