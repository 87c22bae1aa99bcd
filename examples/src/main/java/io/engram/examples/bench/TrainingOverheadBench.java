package io.engram.examples.bench;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.spec.ChipSpec;
import io.engram.runtime.bench.TrainingOverhead;

import java.util.List;
import java.util.Locale;

/**
 * Overhead of the cycle model over the plain algorithm: SoftHebb 784-K online training, rate coding, all counters on,
 * against {@link FloatReference} (no hardware model) in the same JVM. Prints samples per second of each and the ratio,
 * for the ideal device (analog inputs, ideal ADC) and for the rram-22nm noisy nonlinear device (bit-serial 8-bit
 * inputs, 8-bit ADC).
 *
 * <pre>java -cp ... io.engram.examples.bench.TrainingOverheadBench [neurons] [samples] [all|ideal|noisy]</pre>
 * (a single variant is for profiling; the ratio needs the reference, which always runs). Each variant is timed in
 * one pass after a warm-up, which swings by +-25 % on a shared machine: for the ratios to quote, use
 * {@code engram bench --only overhead} (best of interleaved passes on fresh chips).
 */
public final class TrainingOverheadBench {
    private TrainingOverheadBench() {}

    public static void main(String[] args) {
        int neurons = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String only = args.length > 2 ? args[2] : "all";
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        if (!List.of("all", "ideal", "noisy").contains(only)) {
            throw new IllegalArgumentException("variant must be all, ideal or noisy: " + only);
        }
        LearningRule rule = TrainingOverhead.RULE;
        Competition comp = TrainingOverhead.COMPETITION;
        float[][] data = TrainingOverhead.inputs(samples, 3);
        float[] w0 = TrainingOverhead.weights(neurons, 5);
        double ref = TrainingOverhead.timeReference(rule, comp, w0, neurons, data);
        ChipSpec base = ChipSpec.preset("rram-22nm");
        double chipIdeal = only.equals("noisy") ? Double.NaN
                : TrainingOverhead.timeChip(TrainingOverhead.idealChip(), rule, comp, w0, neurons, data, threads);
        double chipNoisy = only.equals("ideal") ? Double.NaN
                : TrainingOverhead.timeChip(base, rule, comp, w0, neurons, data, threads);
        System.out.printf(Locale.ROOT, "SoftHebb %d-%d online, %d samples, %d cores of %dx%d%n", TrainingOverhead.IN, neurons,
                samples, TrainingOverhead.tiles(base, neurons).size(), base.core().crossbar().rows(), base.core().crossbar().cols());
        System.out.printf(Locale.ROOT, "%-40s %12s %10s%n", "variant", "samples/s", "ratio");
        System.out.printf(Locale.ROOT, "%-40s %12.1f %10s%n", "float reference (no hardware model)", ref, "1.00");
        System.out.printf(Locale.ROOT, "%-40s %12.1f %10.2f%n", "chip, ideal device", chipIdeal, ref / chipIdeal);
        System.out.printf(Locale.ROOT, "%-40s %12.1f %10.2f%n", "chip, rram-22nm nonlinear noisy device", chipNoisy, ref / chipNoisy);
    }
}
