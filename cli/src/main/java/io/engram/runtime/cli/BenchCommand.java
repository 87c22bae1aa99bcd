package io.engram.runtime.cli;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.crossbar.ColumnKernel;
import io.engram.runtime.bench.CompileSpeed;
import io.engram.runtime.bench.EngineSpeed;
import io.engram.runtime.bench.HostProbe;
import io.engram.runtime.bench.InferenceSpeed;
import io.engram.runtime.bench.MachinePeak;
import io.engram.runtime.bench.MemoryFootprint;
import io.engram.runtime.bench.TrainingOverhead;
import io.engram.runtime.report.AtomicFiles;
import io.engram.runtime.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "bench", description = "Measure the simulator: training overhead against the float reference of the "
        + "rule, dense inference speed against the machine's peak, fast against reference engine, compile time and "
        + "memory per synapse. Prints tables and writes bench.json. Longer studies: BENCHMARKS.md.")
final class BenchCommand implements Callable<Integer> {
    static final List<String> SECTIONS = List.of("overhead", "inference", "engines", "compiler", "memory");
    private static final int MAX_NEURONS = 1 << 16;
    private static final int MAX_SAMPLES = 1_000_000;
    private static final int MAX_REPEATS = 100;
    private static final int MAX_BATCH = 4096;
    private static final double MAX_SECONDS = 3600;

    @Option(names = "--only", split = ",", description = "sections to run, comma-separated: overhead, inference, "
            + "engines, compiler, memory (default: all)")
    List<String> only;

    @Option(names = "--neurons", defaultValue = "2000", description = "overhead/memory: layer width K (default ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--samples", defaultValue = "30", description = "overhead: timed samples per variant (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--threads", defaultValue = "1", description = "overhead: threads evaluating tiles (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--seconds", defaultValue = "2", description = "inference: timed seconds per variant (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--probe-blocks", defaultValue = "25", description = "blocks of the host probe run before each section, 0 for none (default ${DEFAULT-VALUE})")
    int probeBlocks;

    /** The host probe of the running section, printed under its heading. */
    private HostProbe.Result probe;

    @Option(names = "--windows", defaultValue = "5", description = "inference: windows the timed seconds are split into; the best counts (default ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--batch", defaultValue = "16", description = "inference: vectors per visit of a tile in the batched variants (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--peak-gflops", description = "inference: the machine's peak single-precision GFLOP/s "
            + "(default: processors x /proc/cpuinfo clock x --flop-per-cycle, marked as assumed)")
    Double peakGflops;

    @Option(names = "--flop-per-cycle", defaultValue = "32", description = "inference: single-precision FLOP per cycle "
            + "per core for the assumed peak (default ${DEFAULT-VALUE}: two 256-bit FMA units)")
    double flopPerCycle;

    @Option(names = "--repeats", defaultValue = "3", description = "overhead: timed passes per variant, interleaved; the best counts (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--engine-samples", defaultValue = "10", description = "engines: samples of 350 steps per engine (default ${DEFAULT-VALUE})")
    int engineSamples;

    @Option(names = "--engine-repeats", defaultValue = "5", description = "engines: timed runs per engine, interleaved; the best counts (default ${DEFAULT-VALUE})")
    int engineRepeats;

    @Option(names = "--engine-warm-up", defaultValue = "2", description = "engines: seconds of untimed runs per engine first (default ${DEFAULT-VALUE})")
    double engineWarmUp;

    @Option(names = "--networks", split = ",", defaultValue = "1m,10m,100m",
            description = "compiler: networks to compile (default ${DEFAULT-VALUE})")
    List<String> networks;

    @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run each section in a JVM of its own, as JMH does, so that no section's JIT profile "
                    + "depends on the sections before it (default; --no-fork runs them all in this JVM)")
    boolean fork;

    /** Set by the parent for a forked section: no "written" line (the parent writes the merged bench.json). */
    @Option(names = "--forked", hidden = true)
    boolean forked;

    @Option(names = {"-o", "--out"}, defaultValue = "bench.json", description = "JSON output (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Set<String> run = new LinkedHashSet<>(only == null ? SECTIONS : only);
        for (String s : run) {
            if (!SECTIONS.contains(s)) {
                throw new SpecException("<command line>", "--only", s, "allowed values " + String.join(", ", SECTIONS));
            }
        }
        check("--neurons", neurons, 1, MAX_NEURONS);
        check("--samples", samples, 1, MAX_SAMPLES);
        check("--threads", threads, 1, 1024);
        check("--batch", batch, 1, MAX_BATCH);
        check("--engine-samples", engineSamples, 1, MAX_SAMPLES);
        check("--engine-repeats", engineRepeats, 1, MAX_REPEATS);
        check("--repeats", repeats, 1, MAX_REPEATS);
        check("--windows", windows, 1, MAX_REPEATS);
        check("--probe-blocks", probeBlocks, 0, MAX_REPEATS);
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new SpecException("<command line>", "--seconds", Double.toString(seconds), "allowed range (0, " + MAX_SECONDS + "]");
        }
        if (!(engineWarmUp >= 0 && engineWarmUp <= MAX_SECONDS)) {
            throw new SpecException("<command line>", "--engine-warm-up", Double.toString(engineWarmUp), "allowed range [0, " + MAX_SECONDS + "]");
        }
        if (peakGflops != null && !(peakGflops > 0)) {
            throw new SpecException("<command line>", "--peak-gflops", peakGflops.toString(), "allowed range (0, inf)");
        }
        if (!(flopPerCycle > 0)) {
            throw new SpecException("<command line>", "--flop-per-cycle", Double.toString(flopPerCycle), "allowed range (0, inf)");
        }
        for (String n : networks) {
            if (!CompileSpeed.networks().containsKey(n)) {
                throw new SpecException("<command line>", "--networks", n, "allowed values " + String.join(", ", CompileSpeed.networks().keySet()));
            }
        }
        if (!forked) io.engram.runtime.report.OutputPaths.checkFile(out, "-o", "bench.json");
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("engram_version", EngramCli.version());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os_arch", System.getProperty("os.arch"));
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        j.put("machine", machine);
        if (fork) {
            machine.put("sections_forked", true);
            for (String section : SECTIONS) {
                if (!run.contains(section)) continue;
                Map<String, Object> child = SectionFork.run(section, optionArgs());
                Object childMachine = child.get("machine");
                if (childMachine instanceof Map<?, ?> cm) {
                    for (Map.Entry<?, ?> e : cm.entrySet()) machine.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
                }
                j.put(section, child.get(section));
            }
        } else {
            if (run.contains("overhead")) j.put("overhead", probed(this::overhead));
            if (run.contains("inference")) j.put("inference", probed(() -> inference(machine)));
            if (run.contains("engines")) j.put("engines", probed(this::engines));
            if (run.contains("compiler")) j.put("compiler", probed(this::compiler));
            if (run.contains("memory")) j.put("memory", probed(this::memory));
        }
        AtomicFiles.writeBytes(out, ReportJson.toBytes(j));
        if (!forked) System.out.println("written " + out);
        return EngramCli.EXIT_OK;
    }

    /** Every option but --only, -o and the fork switches, spelled out for a forked section. */
    private List<String> optionArgs() {
        List<String> a = new ArrayList<>(List.of(
                "--neurons", Integer.toString(neurons), "--samples", Integer.toString(samples),
                "--threads", Integer.toString(threads), "--seconds", Double.toString(seconds),
                "--windows", Integer.toString(windows), "--probe-blocks", Integer.toString(probeBlocks),
                "--batch", Integer.toString(batch), "--flop-per-cycle", Double.toString(flopPerCycle),
                "--repeats", Integer.toString(repeats), "--engine-samples", Integer.toString(engineSamples),
                "--engine-repeats", Integer.toString(engineRepeats), "--engine-warm-up", Double.toString(engineWarmUp),
                "--networks", String.join(",", networks)));
        if (peakGflops != null) {
            a.add("--peak-gflops");
            a.add(peakGflops.toString());
        }
        return a;
    }

    private Map<String, Object> overhead() {
        float[][] data = TrainingOverhead.inputs(samples, 3);
        float[] w0 = TrainingOverhead.weights(neurons, 5);
        ChipSpec rram = ChipSpec.preset("rram-22nm");
        TrainingOverhead.Overhead o = TrainingOverhead.measure(rram, w0, neurons, data, threads, repeats);
        double ref = o.reference();
        double ideal = o.ideal();
        double noisy = o.noisy();
        int cores = TrainingOverhead.tiles(rram, neurons).size();
        heading(String.format(Locale.ROOT, "Training overhead: SoftHebb %d-%d online, %d samples, %d cores of 128x128, %d thread%s, "
                + "best of %d interleaved passes", TrainingOverhead.IN, neurons, samples, cores, threads,
                threads == 1 ? "" : "s", repeats));
        System.out.printf(Locale.ROOT, "%-40s %12s %14s%n", "variant", "samples/s", "x reference");
        System.out.printf(Locale.ROOT, "%-40s %12.1f %14s%n", "float reference (no hardware model)", ref, "1.00");
        System.out.printf(Locale.ROOT, "%-40s %12.1f %14.2f%n", "chip, ideal device", ideal, ref / ideal);
        System.out.printf(Locale.ROOT, "%-40s %12.1f %14.2f%n", "chip, rram-22nm noisy nonlinear device", noisy, ref / noisy);
        System.out.printf(Locale.ROOT, "every pass's wall s: reference %s; ideal %s; noisy %s%n", seconds(o.referenceSeconds()),
                seconds(o.idealSeconds()), seconds(o.noisySeconds()));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("rule", "softhebb");
        w.put("inputs", TrainingOverhead.IN);
        w.put("neurons", neurons);
        w.put("samples", samples);
        w.put("cores", cores);
        w.put("threads", threads);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workload", w);
        r.put("reference_samples_per_s", ref);
        r.put("chip_ideal_samples_per_s", ideal);
        r.put("chip_noisy_samples_per_s", noisy);
        r.put("ideal_time_ratio", ref / ideal);
        r.put("noisy_time_ratio", ref / noisy);
        r.put("repeats", repeats);
        r.put("reference_seconds_each", o.referenceSeconds());
        r.put("chip_ideal_seconds_each", o.idealSeconds());
        r.put("chip_noisy_seconds_each", o.noisySeconds());
        return r;
    }

    private Map<String, Object> inference(Map<String, Object> machine) {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        MachinePeak peak = peakGflops != null ? MachinePeak.given(peakGflops)
                : MachinePeak.assumed(Runtime.getRuntime().availableProcessors(), flopPerCycle);
        machine.put("peak_gflops", peak.gflops());
        machine.put("peak_source", peak.source());
        String kernel = ColumnKernel.forThisJvm().name();
        machine.put("column_kernel", kernel);
        heading(String.format(Locale.ROOT, "Dense inference: %d-%d, 224 cores of 128x128, ideal device, analog DAC; "
                + "1 synaptic op = 2 FLOP (single precision); peak %.1f GFLOP/s (%s); column kernel %s%s",
                InferenceSpeed.IN, InferenceSpeed.OUT, peak.gflops(), peak.source(), kernel,
                kernel.equals("scalar") ? " (the JVM has no " + SectionFork.VECTOR_MODULE + "; forked sections get it)" : ""));
        System.out.printf(Locale.ROOT, "%-8s %-7s %12s %12s %12s%n", "threads", "batch", "vectors/s", "Gsynop/s",
                "% of peak");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> each = new ArrayList<>();
        int[][] variants = batch == 1 ? new int[][]{{1, 1}, {2, 1}} : new int[][]{{1, 1}, {1, batch}, {2, 1}, {2, batch}};
        for (int[] v : variants) {
            InferenceSpeed.Result r = InferenceSpeed.measure(base, InferenceSpeed.analogCore(base), v[0], v[1], seconds,
                    windows);
            double pct = 100 * r.synopsPerSecond() * 2 / 1e9 / peak.gflops();
            System.out.printf(Locale.ROOT, "%-8d %-7d %12.1f %12.3f %12.2f%n", r.threads(), r.batch(),
                    r.vectorsPerSecond(), r.synopsPerSecond() / 1e9, pct);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", r.threads());
            m.put("batch", r.batch());
            m.put("vectors_per_s", r.vectorsPerSecond());
            m.put("synops_per_s", r.synopsPerSecond());
            m.put("percent_of_peak", pct);
            m.put("synops_per_s_each", r.synopsPerSecondEach());
            rows.add(m);
            each.add(String.format(Locale.ROOT, "%dt b%d %s", r.threads(), r.batch(), gsynops(r.synopsPerSecondEach())));
        }
        System.out.printf(Locale.ROOT, "best of %d windows of %.2f s per variant; every window's Gsynop/s: %s%n", windows,
                seconds / windows, String.join("; ", each));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("windows", windows);
        r.put("runs", rows);
        return r;
    }

    private Map<String, Object> engines() {
        ChipSpec chip = ChipSpec.preset("rram-22nm");
        EngineSpeed.Result result = EngineSpeed.measure(chip, engineSamples, engineRepeats, engineWarmUp);
        List<EngineSpeed.Run> runs = List.of(result.fast(), result.reference());
        heading(String.format(Locale.ROOT, "Engines: %dx%d mesh (rram-22nm), %d-%d LIF on %d row tiles, %.0f %% input "
                        + "activity, %d steps x %d samples, 1 thread, best of %d interleaved runs",
                EngineSpeed.MESH_SIDE, EngineSpeed.MESH_SIDE, EngineSpeed.IN, EngineSpeed.OUT, (EngineSpeed.IN + 127) / 128,
                100 * EngineSpeed.ACTIVITY, EngineSpeed.STEPS, engineSamples, engineRepeats));
        System.out.printf(Locale.ROOT, "%-10s %16s %10s %14s %18s%n", "engine", "simulated cycles", "wall s",
                "cycles/s", "synaptic events/s");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EngineSpeed.Run r : runs) {
            System.out.printf(Locale.ROOT, "%-10s %,16d %10.3f %,14.0f %,18.0f%n", r.engine().name().toLowerCase(Locale.ROOT),
                    r.cycles(), r.seconds(), r.cyclesPerSecond(), r.eventsPerSecond());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", r.engine().name().toLowerCase(Locale.ROOT));
            m.put("simulated_cycles", r.cycles());
            m.put("seconds", r.seconds());
            m.put("cycles_per_s", r.cyclesPerSecond());
            m.put("synaptic_events_per_s", r.eventsPerSecond());
            m.put("whole_run_network_cycles", r.steppedCycles());
            rows.add(m);
        }
        double ratio = result.ratio();
        System.out.printf(Locale.ROOT, "fast / reference speed: %.2fx (same simulated cycles); every run's wall s: "
                + "fast %s, reference %s%n", ratio, seconds(result.fastSeconds()), seconds(result.referenceSeconds()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("runs", rows);
        r.put("fast_over_reference", ratio);
        r.put("repeats", engineRepeats);
        r.put("warm_up_seconds", engineWarmUp);
        r.put("fast_seconds_each", result.fastSeconds());
        r.put("reference_seconds_each", result.referenceSeconds());
        return r;
    }

    private static String gsynops(double[] perSecond) {
        StringBuilder b = new StringBuilder();
        for (double v : perSecond) b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v / 1e9));
        return b.toString();
    }

    private static String seconds(double[] s) {
        StringBuilder b = new StringBuilder();
        for (double v : s) b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        return b.toString();
    }

    private Map<String, Object> compiler() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        heading("Compiler: dense SoftHebb networks on rram-22nm cores, mesh sized to fit");
        System.out.printf(Locale.ROOT, "%-8s %14s %8s %8s %10s %14s%n", "network", "synapses", "tiles", "mesh", "seconds", "peak heap MB");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String n : networks) {
            CompileSpeed.Result r = CompileSpeed.measure(n, base);
            System.out.printf(Locale.ROOT, "%-8s %,14d %8d %8s %10.2f %14.0f%n", r.network(), r.synapses(), r.tiles(),
                    r.meshSide() + "x" + r.meshSide(), r.seconds(), r.peakHeapBytes() / 1e6);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("network", r.network());
            m.put("synapses", r.synapses());
            m.put("tiles", r.tiles());
            m.put("mesh", r.meshSide() + "x" + r.meshSide());
            m.put("seconds", r.seconds());
            m.put("peak_heap_bytes", r.peakHeapBytes());
            rows.add(m);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("runs", rows);
        return r;
    }

    private Map<String, Object> memory() {
        heading(String.format(Locale.ROOT, "Memory: SoftHebb %d-%d loaded and run once", TrainingOverhead.IN, neurons));
        System.out.printf(Locale.ROOT, "%-36s %12s %16s %16s%n", "device", "synapses", "cell bytes/syn", "heap bytes/syn");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var v : List.of(
                new Object[]{"ideal", TrainingOverhead.idealChip()},
                new Object[]{"rram-22nm (nonlinear, noisy)", ChipSpec.preset("rram-22nm")},
                new Object[]{"rram-stress (with d2d variation)", ChipSpec.preset("rram-stress")})) {
            MemoryFootprint.Result r = MemoryFootprint.measure((String) v[0], (ChipSpec) v[1], neurons);
            System.out.printf(Locale.ROOT, "%-36s %,12d %16.1f %16.1f%n", r.device(), r.synapses(), r.payloadPerSynapse(),
                    r.heapPerSynapse());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", r.device());
            m.put("synapses", r.synapses());
            m.put("cell_state_bytes", r.payloadBytes());
            m.put("heap_growth_bytes", r.heapBytes());
            m.put("cell_state_bytes_per_synapse", r.payloadPerSynapse());
            m.put("heap_bytes_per_synapse", r.heapPerSynapse());
            rows.add(m);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("runs", rows);
        return r;
    }

    /** Runs a section after a host probe (printed under the section's heading, kept in its JSON as host_probe). */
    private Map<String, Object> probed(Supplier<Map<String, Object>> section) {
        probe = probeBlocks == 0 ? null : HostProbe.measure(probeBlocks);
        try {
            Map<String, Object> r = new LinkedHashMap<>(section.get());
            if (probe != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("block_ms", probe.blockMillis());
                p.put("fastest_ms", probe.fastest());
                p.put("median_over_fastest", probe.spread());
                p.put("slowest_over_fastest", probe.slowest() / probe.fastest());
                p.put("blocks_at_least_1_2x_fastest", probe.slowBlocks());
                r.put("host_probe", p);
            }
            return r;
        } finally {
            probe = null;
        }
    }

    /** A section's heading, and under it the host probe taken just before the section. */
    private void heading(String s) {
        System.out.println();
        System.out.println(s);
        if (probe != null) {
            int blocks = probe.blockMillis().length;
            System.out.printf(Locale.ROOT, "host probe just before: fixed in-cache work in %d blocks, median %.2fx and "
                    + "slowest %.2fx the fastest (%.1f ms), %d of %d blocks >= %.1fx%n", blocks, probe.spread(),
                    probe.slowest() / probe.fastest(), probe.fastest(), probe.slowBlocks(), blocks, HostProbe.SLOW);
        }
    }

    private static void check(String option, int v, int min, int max) {
        if (v < min || v > max) {
            throw new SpecException("<command line>", option, Integer.toString(v), "allowed range [" + min + ", " + max + "]");
        }
    }
}
