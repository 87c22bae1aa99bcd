package io.engram.runtime.cli.fuzz;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generative suite of the error contract (issue 19): valid experiment, network, chip and NIR inputs, mutated
 * (truncation, bit flips, zeroed blocks, deleted and duplicated lines and keys, renamed keys, values replaced by other
 * types, extreme and non-finite values; NIR parameters replaced by NaN, infinities, zeros, text and wrong shapes),
 * each run through the command that reads it, in this JVM. Every outcome must keep {@link Contract}: exit 0, or exit
 * 2 with a named cause and nothing left behind; never exit 1, a stack trace, or a hang. Seeded: input {@code i} of
 * a kind is drawn from its own {@link SplittableRandom} stream of {@link #SEED}, the kind and {@code i}, so the same
 * inputs come in every build and one input is regenerated from its seed and index alone. Each input is one dynamic
 * test named by its kind, index and mutation; a violating input is written to {@code target/fuzz-failures} under a
 * name holding the seed and index (see {@link Contract#save}), ready to be copied into the corpus. The counts are
 * printed and written to {@code target/fuzz-summary.txt}.
 */
class InputMutationTest {
    static final long SEED = 20261207L;

    /** Inputs per kind: 700 + 450 + 450 + 250 drawn, plus every NIR parameter/value pair (10 x 17 = 170): 2,020. */
    static final int NETWORK_TRIES = 700;
    static final int CHIP_TRIES = 450;
    static final int NIR_BYTE_TRIES = 450;
    static final int EXPERIMENT_TRIES = 250;
    /** A mutation's position is drawn on a grid of this many steps in [0, 1], both ends included. */
    static final int WHERE_STEPS = 10_000;
    /** A mutation's replacement / extra-damage choice is drawn in [0, PICKS). */
    static final int PICKS = 10_001;

    /** The kinds of input, each with its own random streams (the ordinal enters the seed of every input). */
    enum Kind { NETWORK, CHIP, NIR_BYTES, NIR_PARAMETERS, EXPERIMENT }

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

    @TempDir
    static Path work;
    static long startNanos;
    static long startCpuNanos;
    /** The counters of {@link Contract} when this class started (another class in this JVM may have checked inputs). */
    static long tried0;
    static long refused0;
    static long accepted0;
    static long violations0;
    static String chip;
    static byte[] nir;

    @BeforeAll
    static void setUp() throws IOException {
        startNanos = System.nanoTime();
        startCpuNanos = cpuNanos();
        tried0 = Contract.TRIED.get();
        refused0 = Contract.REFUSED.get();
        accepted0 = Contract.ACCEPTED.get();
        violations0 = Contract.VIOLATIONS.get();
        Files.writeString(work.resolve("network.yaml"), RUN_NETWORK);
        try (InputStream in = InputMutationTest.class.getClassLoader().getResourceAsStream("chips/rram-22nm.yaml")) {
            chip = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        nir = Files.readAllBytes(writeNir(work.resolve("base.nir"), Map.of()));
    }

    @AfterAll
    static void summary() throws IOException {
        long tried = Contract.TRIED.get() - tried0;
        long refused = Contract.REFUSED.get() - refused0;
        long accepted = Contract.ACCEPTED.get() - accepted0;
        long violations = Contract.VIOLATIONS.get() - violations0;
        // wall time depends on what else the machine runs; the JVM's CPU time (all threads) says what the suite costs
        String s = String.format(Locale.ROOT, "mutated inputs tried %d (seed %d): refused cleanly (exit 2, cause named, "
                + "nothing left) %d, accepted (exit 0) %d, violations %d; wall %.1f s, JVM CPU %.1f s%n", tried, SEED,
                refused, accepted, violations, (System.nanoTime() - startNanos) / 1e9, (cpuNanos() - startCpuNanos) / 1e9);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-summary.txt"), s);
        System.out.print(s);
        // every input was checked once and ended in exactly one of the three classes
        assertEquals(NETWORK_TRIES + CHIP_TRIES + NIR_BYTE_TRIES + NIR_PARAMS.size() * NIR_VALUES.size()
                + EXPERIMENT_TRIES, tried, "inputs tried");
        assertEquals(tried, refused + accepted + violations, "refused + accepted + violations");
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The random stream of input {@code index} of {@code kind}: depends on nothing drawn before it. */
    static SplittableRandom random(Kind kind, int index) {
        return new SplittableRandom(SEED ^ ((long) kind.ordinal() << 40) ^ ((long) index << 20));
    }

    /**
     * Mutation {@code index} of a kind. The first {@code 2 * ops.length} are the edge cases, every operation at the
     * first and at the last candidate (where 0 and 1); the rest draw operation, position, pick and bit uniformly.
     */
    static Mutation mutation(Kind kind, Mutation.Op[] ops, int index) {
        SplittableRandom r = random(kind, index);
        if (index < 2 * ops.length) {
            return new Mutation(ops[index / 2], index % 2, r.nextInt(PICKS), r.nextInt(Byte.SIZE));
        }
        return new Mutation(ops[r.nextInt(ops.length)], r.nextInt(WHERE_STEPS + 1) / (double) WHERE_STEPS,
                r.nextInt(PICKS), r.nextInt(Byte.SIZE));
    }

    /** File name of a saved violating input: corpus kind prefix, seed and index (the hash follows, see Contract). */
    static String savedName(String prefix, int index, String ext) {
        return String.format(Locale.ROOT, "%s-seed%d-i%04d.%s", prefix, SEED, index, ext);
    }

    @TestFactory
    Stream<DynamicNode> everyMutatedInputKeepsTheContract() {
        return Stream.of(
                kind("network YAML", NETWORK_TRIES, i -> {
                    Mutation m = mutation(Kind.NETWORK, Mutation.TEXT_OPS, i);
                    return test("network YAML", i, m.toString(), () -> networkYaml(i, m));
                }),
                kind("chip YAML", CHIP_TRIES, i -> {
                    Mutation m = mutation(Kind.CHIP, Mutation.TEXT_OPS, i);
                    return test("chip YAML", i, m.toString(), () -> chipYaml(i, m));
                }),
                kind("NIR bytes", NIR_BYTE_TRIES, i -> {
                    Mutation m = mutation(Kind.NIR_BYTES, Mutation.BYTE_OPS, i);
                    return test("NIR bytes", i, m.toString(), () -> nirBytes(i, m));
                }),
                // every parameter with every value, once (170 pairs: exhaustive is cheaper than drawing and repeating)
                kind("NIR parameters", NIR_PARAMS.size() * NIR_VALUES.size(), i -> {
                    int param = i / NIR_VALUES.size();
                    int value = i % NIR_VALUES.size();
                    return test("NIR parameters", i, describe(param, value), () -> nirParameters(i, param, value));
                }),
                kind("experiment YAML", EXPERIMENT_TRIES, i -> {
                    Mutation m = mutation(Kind.EXPERIMENT, Mutation.TEXT_OPS, i);
                    return test("experiment YAML", i, m.toString(), () -> experimentYaml(i, m));
                }));
    }

    private static DynamicContainer kind(String name, int tries, IntFunction<DynamicTest> input) {
        return DynamicContainer.dynamicContainer(name + " (" + tries + " inputs, seed " + SEED + ")",
                IntStream.range(0, tries).mapToObj(input));
    }

    private static DynamicTest test(String kind, int index, String what, Executable body) {
        return DynamicTest.dynamicTest(kind + " #" + index + ": " + what, body);
    }

    static void networkYaml(int index, Mutation m) throws IOException {
        String in = m.apply(NETWORK);
        Path f = Files.writeString(work.resolve("net.yaml"), in);
        Path prog = work.resolve("net-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", f.toString(), "--chip", "rram-22nm", "-o", prog.toString());
        Contract.check(r, in.getBytes(StandardCharsets.UTF_8), savedName("network", index, "yaml"), List.of(prog),
                "network YAML #" + index + ", seed " + SEED + ", " + m);
    }

    static void chipYaml(int index, Mutation m) throws IOException {
        String in = m.apply(chip);
        Path f = Files.writeString(work.resolve("chip.yaml"), in);
        Path prog = work.resolve("chip-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", work.resolve("network.yaml").toString(), "--chip", f.toString(),
                "-o", prog.toString());
        Contract.check(r, in.getBytes(StandardCharsets.UTF_8), savedName("chip", index, "yaml"), List.of(prog),
                "chip YAML #" + index + ", seed " + SEED + ", " + m);
    }

    static void nirBytes(int index, Mutation m) throws IOException {
        byte[] in = m.apply(nir);
        Path f = Files.write(work.resolve("bytes.nir"), in);
        Path prog = work.resolve("nir-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", f.toString(), "-o", prog.toString());
        Contract.check(r, in, savedName("bytes", index, "nir"), List.of(prog),
                "NIR bytes #" + index + ", seed " + SEED + ", " + m);
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

    static void nirParameters(int index, int param, int value) throws IOException {
        Map<String, Object> change = Map.of(NIR_PARAMS.get(param), NIR_VALUES.get(value));
        Path f = writeNir(work.resolve("param.nir"), change);
        byte[] in = Files.readAllBytes(f);
        Path prog = work.resolve("param-program.h5");
        Files.deleteIfExists(prog);
        Contract.Outcome r = Contract.execute("compile", f.toString(), "-o", prog.toString());
        Contract.check(r, in, savedName("param", index, "nir"), List.of(prog),
                "NIR parameters #" + index + ", " + describe(param, value));
    }

    private static String describe(int param, int value) {
        Object v = NIR_VALUES.get(value);
        return NIR_PARAMS.get(param) + " = " + (v instanceof String s ? "'" + s + "'" : v.getClass().getSimpleName() + deep(v));
    }

    private static String deep(Object v) {
        return v instanceof double[] d ? java.util.Arrays.toString(d) : v instanceof long[] l ? java.util.Arrays.toString(l)
                : v instanceof Object[] o ? java.util.Arrays.deepToString(o) : String.valueOf(v);
    }

    static void experimentYaml(int index, Mutation m) throws IOException {
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
        try {
            Contract.check(r, in.getBytes(StandardCharsets.UTF_8), savedName("experiment", index, "yaml"), left,
                    "experiment YAML #" + index + ", seed " + SEED + ", " + m);
        } finally {
            Contract.delete(out);
        }
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
