package io.engram.runtime.cli.fuzz;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generative suite of the error contract (issue 19): valid experiment, network, chip and NIR inputs, mutated
 * (truncation, bit flips, zeroed blocks, deleted and duplicated lines and keys, renamed keys, values replaced by other
 * types, extreme and non-finite values; NIR parameters replaced by NaN, infinities, zeros, text and wrong shapes),
 * each run through the command that reads it, in this JVM. Every outcome must keep {@link Contract}: exit 0, or exit
 * 2 with a named cause and nothing left behind; never exit 1, a stack trace, or a hang. Seeded: the same inputs in
 * every build. The counts are written to {@code target/fuzz-summary.txt}.
 */
class InputMutationTest {
    static final String SEED = "20261207";

    static final String NETWORK = """
            name: fuzz-net
            input: { shape: [1, 28, 28] }
            layers:
              - { name: conv, type: conv2d, channels: 4, kernel: 5, stride: 3, padding: 1, rule: { kind: hebb, eta: 0.01 } }
              - { name: pool, type: maxpool, kernel: 2 }
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 12
                neuron: rate
                activation: { kind: triangle, power: 1 }
                competition: { kind: softmax, temperature: 0.05 }
                rule: { kind: softhebb, eta: 0.05, bias_eta: 0.01, adaptive_power: 0.0, scaling: none }
                init: { kind: uniform-positive, radius: 3 }
            """;

    /** The network of the experiment runs: one small dense layer (a run must take well under a second). */
    static final String RUN_NETWORK = """
            name: fuzz-run
            input: { shape: [1, 28, 28] }
            layers:
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 8
                competition: { kind: softmax, temperature: 0.05 }
                rule: { kind: softhebb, eta: 0.05, bias_eta: 0.01, scaling: none }
                init: { kind: uniform-positive, radius: 3 }
            """;

    static final String EXPERIMENT = """
            name: fuzz
            seed: 3
            threads: 1
            engine: fast
            chip: rram-22nm
            network: network.yaml
            data: { source: generated, train: 3, test: 2, preprocess: l2, readout_train: 3 }
            encoding: { kind: rate, steps: 20, dt_ms: 1.0, max_rate_hz: 50, trace_tau_ms: 20 }
            training: { epochs: 1, batch: 2, mode: greedy, schedule: linear-decay, eval_every_epoch: false, checkpoint_every: 0 }
            readout: { kind: linear, epochs: 1, batch: 4, learning_rate: 0.01, features: chip }
            output: out
            """;

    static Path work;
    static long startNanos;
    static long startCpuNanos;
    static String chip;
    static byte[] nir;

    @BeforeContainer
    static void setUp() throws IOException {
        work = Files.createTempDirectory("engram-fuzz");
        startNanos = System.nanoTime();
        startCpuNanos = cpuNanos();
        Files.writeString(work.resolve("network.yaml"), RUN_NETWORK);
        try (InputStream in = InputMutationTest.class.getClassLoader().getResourceAsStream("chips/rram-22nm.yaml")) {
            chip = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        nir = Files.readAllBytes(writeNir(work.resolve("base.nir"), Map.of()));
    }

    @AfterContainer
    static void summary() throws IOException {
        // wall time depends on what else the machine runs; the JVM's CPU time (all threads) says what the suite costs
        String s = String.format(Locale.ROOT, "mutated inputs tried %d: refused cleanly (exit 2, cause named, nothing "
                + "left) %d, accepted (exit 0) %d, violations 0; wall %.1f s, JVM CPU %.1f s%n", Contract.TRIED.get(),
                Contract.REFUSED.get(), Contract.ACCEPTED.get(), (System.nanoTime() - startNanos) / 1e9,
                (cpuNanos() - startCpuNanos) / 1e9);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-summary.txt"), s);
        System.out.print(s);
        Contract.delete(work);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Provide
    Arbitrary<Mutation> text() {
        return Combinators.combine(Arbitraries.of(Mutation.TEXT_OPS), Arbitraries.doubles().between(0, 1).ofScale(4),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 7)).as(Mutation::new);
    }

    @Provide
    Arbitrary<Mutation> bytes() {
        return Combinators.combine(Arbitraries.of(Mutation.BYTE_OPS), Arbitraries.doubles().between(0, 1).ofScale(4),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 7)).as(Mutation::new);
    }

    @Property(tries = 700, seed = SEED, shrinking = ShrinkingMode.OFF)
    void networkYaml(@ForAll("text") Mutation m) throws IOException {
        String in = m.apply(NETWORK);
        Path f = Files.writeString(work.resolve("net.yaml"), in);
        Path prog = work.resolve("net-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", f.toString(), "--chip", "rram-22nm", "-o", prog.toString());
        Statistics.collect(Contract.check(r, in.getBytes(StandardCharsets.UTF_8), "network.yaml", List.of(prog),
                "network YAML, " + m));
    }

    @Property(tries = 450, seed = SEED, shrinking = ShrinkingMode.OFF)
    void chipYaml(@ForAll("text") Mutation m) throws IOException {
        String in = m.apply(chip);
        Path f = Files.writeString(work.resolve("chip.yaml"), in);
        Path prog = work.resolve("chip-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", work.resolve("network.yaml").toString(), "--chip", f.toString(),
                "-o", prog.toString());
        Statistics.collect(Contract.check(r, in.getBytes(StandardCharsets.UTF_8), "chip.yaml", List.of(prog),
                "chip YAML, " + m));
    }

    @Property(tries = 450, seed = SEED, shrinking = ShrinkingMode.OFF)
    void nirBytes(@ForAll("bytes") Mutation m) throws IOException {
        byte[] in = m.apply(nir);
        Path f = Files.write(work.resolve("bytes.nir"), in);
        Path prog = work.resolve("nir-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", f.toString(), "-o", prog.toString());
        Statistics.collect(Contract.check(r, in, "graph.nir", List.of(prog), "NIR bytes, " + m));
    }

    /** NIR parameters a user's export may hold: non-finite, zero, negative, huge, text, wrong shape, missing. */
    static final List<Object> NIR_VALUES = List.of(new double[] {Double.NaN, 1}, new double[] {Double.POSITIVE_INFINITY, 1},
            new double[] {Double.NEGATIVE_INFINITY, 1}, new double[] {0, 0}, new double[] {-1, -1}, new double[] {1e300, 1e300},
            new double[] {4.9e-324, 4.9e-324}, "text", new double[][] {{1, 2}, {3, 4}}, new long[] {-5},
            new long[] {0}, new long[] {1 << 30}, new float[][] {{Float.NaN, 0, 0}, {0, 0, 0}}, new double[] {1, 2, 3, 4, 5},
            new float[][] {{1}}, new long[] {3, 0, 2}, " ");

    /** NIR parameters a mutation may replace, as node/param. */
    static final List<String> NIR_PARAMS = List.of("in/shape", "fc/weight", "lif/tau", "lif/r", "lif/v_leak",
            "lif/v_threshold", "out/shape", "fc/type", "lif/type", "in/type");

    @Property(tries = 300, seed = SEED, shrinking = ShrinkingMode.OFF)
    void nirParameters(@ForAll("nirParam") int param, @ForAll("nirValue") int value) throws IOException {
        Map<String, Object> change = Map.of(NIR_PARAMS.get(param), NIR_VALUES.get(value));
        Path f = writeNir(work.resolve("param.nir"), change);
        byte[] in = Files.readAllBytes(f);
        Path prog = work.resolve("param-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", f.toString(), "-o", prog.toString());
        Object v = NIR_VALUES.get(value);
        Statistics.collect(Contract.check(r, in, "param.nir", List.of(prog), "NIR " + NIR_PARAMS.get(param) + " = "
                + (v instanceof String s ? "'" + s + "'" : v.getClass().getSimpleName() + deep(v))));
    }

    private static String deep(Object v) {
        return v instanceof double[] d ? java.util.Arrays.toString(d) : v instanceof long[] l ? java.util.Arrays.toString(l)
                : v instanceof Object[] o ? java.util.Arrays.deepToString(o) : String.valueOf(v);
    }

    @Provide
    Arbitrary<Integer> nirParam() { return Arbitraries.integers().between(0, NIR_PARAMS.size() - 1); }

    @Provide
    Arbitrary<Integer> nirValue() { return Arbitraries.integers().between(0, NIR_VALUES.size() - 1); }

    @Property(tries = 250, seed = SEED, shrinking = ShrinkingMode.OFF)
    void experimentYaml(@ForAll("text") Mutation m) throws IOException {
        String in = m.apply(EXPERIMENT);
        Path f = Files.writeString(work.resolve("experiment.yaml"), in);
        Path out = work.resolve("run");
        Contract.delete(out);
        Contract.Outcome r = Contract.execute("run", f.toString(), "--out", out.toString(), "--quiet");
        List<Path> left = new ArrayList<>();
        if (Files.isDirectory(out)) {
            try (var s = Files.list(out)) {
                s.forEach(left::add);
            }
        }
        Statistics.collect(Contract.check(r, in.getBytes(StandardCharsets.UTF_8), "experiment.yaml", left,
                "experiment YAML, " + m));
        Contract.delete(out);
    }

    /** Input(3) -> Linear(2x3) -> LIF(2) -> Output(2), NIR's layout, with some parameters replaced. */
    static Path writeNir(Path file, Map<String, Object> change) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("in", new LinkedHashMap<>(Map.of("type", "Input", "shape", new long[] {3})));
        nodes.put("fc", new LinkedHashMap<>(Map.of("type", "Linear", "weight", new float[][] {{0.1f, 0.2f, 0.3f},
                {0.3f, 0.2f, 0.1f}})));
        nodes.put("lif", new LinkedHashMap<>(Map.of("type", "LIF", "tau", new double[] {0.01, 0.02}, "r",
                new double[] {1, 1}, "v_leak", new double[] {0, 0}, "v_threshold", new double[] {1, 1})));
        nodes.put("out", new LinkedHashMap<>(Map.of("type", "Output", "shape", new long[] {2})));
        for (Map.Entry<String, Object> c : change.entrySet()) {
            String[] np = c.getKey().split("/");
            nodes.get(np[0]).put(np[1], c.getValue());
        }
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("version", "0.2.0");
            WritableGroup node = f.putGroup("node");
            node.putDataset("type", "NIRGraph");
            WritableGroup ns = node.putGroup("nodes");
            for (var e : nodes.entrySet()) {
                WritableGroup g = ns.putGroup(e.getKey());
                for (var p : new java.util.TreeMap<>(e.getValue()).entrySet()) g.putDataset(p.getKey(), p.getValue());
            }
            WritableGroup eg = node.putGroup("edges");
            eg.putDataset("src", new String[] {"in", "fc", "lif"});
            eg.putDataset("dst", new String[] {"fc", "lif", "out"});
        }
        return file;
    }
}
