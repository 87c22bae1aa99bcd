package io.engram.runtime.cli;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.runtime.bench.TrainingOverhead;
import io.engram.runtime.report.AtomicFiles;
import io.engram.runtime.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Measure the simulator against the float reference of its learning rule "
        + "(SoftHebb 784-K online, all counters on) and write bench.json. Longer studies: BENCHMARKS.md.")
final class BenchCommand implements Callable<Integer> {
    private static final int MAX_NEURONS = 1 << 16;
    private static final int MAX_SAMPLES = 1_000_000;

    @Option(names = "--neurons", defaultValue = "2000", description = "layer width K (default ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--samples", defaultValue = "30", description = "timed samples per variant (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--threads", defaultValue = "1", description = "threads evaluating tiles (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-o", "--out"}, defaultValue = "bench.json", description = "JSON output (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        check("--neurons", neurons, 1, MAX_NEURONS);
        check("--samples", samples, 1, MAX_SAMPLES);
        check("--threads", threads, 1, 1024);
        float[][] data = TrainingOverhead.inputs(samples, 3);
        float[] w0 = TrainingOverhead.weights(neurons, 5);
        double ref = TrainingOverhead.timeReference(TrainingOverhead.RULE, TrainingOverhead.COMPETITION, w0, neurons, data);
        double ideal = TrainingOverhead.timeChip(TrainingOverhead.idealChip(), TrainingOverhead.RULE,
                TrainingOverhead.COMPETITION, w0, neurons, data, threads);
        ChipSpec rram = ChipSpec.preset("rram-22nm");
        double noisy = TrainingOverhead.timeChip(rram, TrainingOverhead.RULE, TrainingOverhead.COMPETITION, w0, neurons,
                data, threads);
        int cores = TrainingOverhead.tiles(rram, neurons).size();
        System.out.printf(Locale.ROOT, "SoftHebb %d-%d online, %d samples, %d cores of 128x128, %d thread%s%n",
                TrainingOverhead.IN, neurons, samples, cores, threads, threads == 1 ? "" : "s");
        System.out.printf(Locale.ROOT, "%-40s %12s %14s%n", "variant", "samples/s", "x reference");
        System.out.printf(Locale.ROOT, "%-40s %12.1f %14s%n", "float reference (no hardware model)", ref, "1.00");
        System.out.printf(Locale.ROOT, "%-40s %12.1f %14.2f%n", "chip, ideal device", ideal, ref / ideal);
        System.out.printf(Locale.ROOT, "%-40s %12.1f %14.2f%n", "chip, rram-22nm noisy nonlinear device", noisy, ref / noisy);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("engram_version", EngramCli.version());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os_arch", System.getProperty("os.arch"));
        j.put("machine", machine);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("rule", "softhebb");
        w.put("inputs", TrainingOverhead.IN);
        w.put("neurons", neurons);
        w.put("samples", samples);
        w.put("cores", cores);
        w.put("threads", threads);
        j.put("workload", w);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("reference_samples_per_s", ref);
        r.put("chip_ideal_samples_per_s", ideal);
        r.put("chip_noisy_samples_per_s", noisy);
        r.put("ideal_time_ratio", ref / ideal);
        r.put("noisy_time_ratio", ref / noisy);
        j.put("results", r);
        AtomicFiles.writeBytes(out, ReportJson.toBytes(j));
        System.out.println("written " + out);
        return EngramCli.EXIT_OK;
    }

    private static void check(String option, int v, int min, int max) {
        if (v < min || v > max) {
            throw new SpecException("<command line>", option, Integer.toString(v), "allowed range [" + min + ", " + max + "]");
        }
    }
}
