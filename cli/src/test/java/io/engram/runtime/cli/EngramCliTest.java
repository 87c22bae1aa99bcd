package io.engram.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end: a small run, its outputs, determinism, and user errors with exit code 2. */
class EngramCliTest {
    static final String NETWORK = """
            name: tiny
            input: { shape: [1, 28, 28] }
            layers:
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 16
                activation: { kind: triangle, power: 1 }
                competition: { kind: softmax, temperature: 0.05 }
                rule: { kind: softhebb, eta: 0.05, scaling: none }
                init: { kind: uniform-positive, radius: 3 }
            """;

    static final String EXPERIMENT = """
            name: tiny
            seed: 7
            chip: rram-22nm
            network: network.yaml
            data: { source: generated, train: 60, test: 30, preprocess: l2 }
            training: { epochs: 1 }
            readout: { kind: linear, epochs: 5 }
            """;

    static Path setup(Path dir) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), NETWORK);
        Files.writeString(dir.resolve("experiment.yaml"), EXPERIMENT);
        return dir.resolve("experiment.yaml");
    }

    static String[] capture(Runnable r) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            r.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[]{o.toString(), e.toString()};
    }

    /** Every command answers --help with its usage (exit 0) and -V with the version, as the top level does. */
    @Test
    void everyCommandHasHelpAndVersion() {
        int[] code = new int[1];
        for (String command : new String[]{"demo", "run", "compile", "report", "presets", "bench", "validate"}) {
            String[] text = capture(() -> code[0] = EngramCli.execute(command, "--help"));
            assertEquals(0, code[0], command + ": " + text[1]);
            assertTrue(text[0].startsWith("Usage: engram " + command), command + ": " + text[0]);
            text = capture(() -> code[0] = EngramCli.execute(command, "-V"));
            assertEquals(0, code[0], command + ": " + text[1]);
            assertEquals("engram " + EngramCli.version(), text[0].trim(), command);
        }
        String[] bench = capture(() -> code[0] = EngramCli.execute("bench", "--help"));
        for (String option : new String[]{"--windows", "--probe-blocks", "--engine-repeats"}) {
            assertTrue(bench[0].contains(option), option + " in " + bench[0]);
        }
    }

    @Test
    void helpNamesEveryCommandAndRunHelpShowsItsDefaults() {
        int[] code = new int[1];
        String[] top = capture(() -> code[0] = EngramCli.execute("help"));
        assertEquals(0, code[0], top[1]);
        for (String command : new String[]{"demo", "run", "compile", "report", "presets", "bench", "help"}) {
            assertTrue(top[0].contains("  " + command + " "), command + " in " + top[0]);
        }
        String[] run = capture(() -> code[0] = EngramCli.execute("help", "run"));
        assertEquals(0, code[0], run[1]);
        assertTrue(run[0].startsWith("Usage: engram run"), run[0]);
        String flat = run[0].replaceAll("\\s+", " ");
        for (String d : new String[]{"default: the experiment's seed, else 1", "else this machine's processors",
                "default: the experiment's engine, else fast", "default: the experiment's output",
                "else 0 = none"}) {
            assertTrue(flat.contains(d), d + " in " + flat);
        }
    }

    @Test
    void runWritesAReportWhoseEnergyLinesSumToTheTotalAndTheSameSeedGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path exp = setup(dir);
        int[] codes = new int[3];
        capture(() -> codes[0] = EngramCli.execute("run", exp.toString(), "--out", dir.resolve("a").toString(), "--quiet"));
        capture(() -> codes[1] = EngramCli.execute("run", exp.toString(), "--out", dir.resolve("b").toString(), "--quiet",
                "--set", "threads=1"));
        capture(() -> codes[2] = EngramCli.execute("run", exp.toString(), "--out", dir.resolve("c").toString(), "--quiet",
                "--set", "engine=reference", "--set", "threads=2"));
        assertEquals(0, codes[0]);
        assertEquals(0, codes[1]);
        assertEquals(0, codes[2]);
        for (String f : new String[]{"report.json", "report.txt", "manifest.json", "counters.csv", "weights.h5"}) {
            assertTrue(Files.exists(dir.resolve("a").resolve(f)), f);
        }
        byte[] a = Files.readAllBytes(dir.resolve("a/report.json"));
        byte[] b = Files.readAllBytes(dir.resolve("b/report.json"));
        assertArrayEquals(a, b, "same seed, same report.json bytes (and 1 thread = the default count)");
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("c/report.json")), "reference NoC engine = fast engine");
        JsonNode r = new ObjectMapper().readTree(a);
        double sum = 0;
        for (JsonNode l : r.get("energy").get("lines")) sum += l.get("count").asLong() * l.get("cost_pj").asDouble();
        assertEquals(r.get("energy").get("dynamic_pj").asDouble(), sum, 1e-6 * sum);
        assertEquals(7, r.get("seed").asLong());
        assertTrue(r.get("learning").get("write_pulses").asLong() > 0, "training programmed cells");
        assertTrue(r.get("accuracy").get("test").asDouble() > 0.1, "better than chance on 10 classes");
    }

    @Test
    void theOnChipHebbianReadoutLearnsFromTheTeacherSignal(@TempDir Path dir) throws Exception {
        Path exp = setup(dir);
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--set", "readout.kind=hebbian",
                "--set", "data.train=200", "--out", dir.resolve("h").toString(), "--quiet"));
        assertEquals(0, code[0], text[1]);
        JsonNode r = new ObjectMapper().readTree(dir.resolve("h/report.json").toFile());
        assertTrue(r.get("accuracy").get("readout").asText().startsWith("hebbian"));
        // 200 labelled samples, 10 classes: chance is 0.10 (40 or more right by chance has probability < 1e-4)
        assertTrue(r.get("accuracy").get("train").asDouble() > 0.2, "above chance: " + r.get("accuracy"));
        boolean readoutPhase = false;
        for (JsonNode p : r.get("phases")) {
            if (p.get("name").asText().equals("train-readout")) {
                readoutPhase = true;
                assertTrue(p.get("learning").get("write_pulses").asLong() > 0, "the readout programmed cells");
            }
        }
        assertTrue(readoutPhase, "a train-readout phase is reported");
    }

    /** The README's raw-pixel baseline: the readout reads the input, the chip runs no phase; the run still completes. */
    @Test
    void aReadoutOnTheRawInputRunsWithoutAChipPhase(@TempDir Path dir) throws Exception {
        Path exp = setup(dir);
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--set", "readout.features=input",
                "--out", dir.resolve("raw").toString(), "--quiet"));
        assertEquals(0, code[0], text[1]);
        JsonNode r = new ObjectMapper().readTree(dir.resolve("raw/report.json").toFile());
        assertEquals(0, r.get("phases").size(), "no chip phase: " + r.get("phases"));
        assertFalse(Files.exists(dir.resolve("raw/energy_by_component.png")), "no energy plot without a phase");
        assertTrue(Files.exists(dir.resolve("raw/mesh_utilisation.png")));
    }

    @Test
    void theHeaderShowsTheChipOverrides(@TempDir Path dir) throws Exception {
        Path exp = setup(dir);
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--set", "chip.core.adc.bits=6",
                "--set", "data.train=20", "--set", "data.test=10", "--out", dir.resolve("h").toString()));
        assertEquals(0, code[0], text[1]);
        assertTrue(text[0].startsWith("engram " + EngramCli.version() + "  chip rram-22nm (+ core.adc.bits=6) (16 cores,"),
                text[0]);
        JsonNode m = new ObjectMapper().readTree(dir.resolve("h/manifest.json").toFile());
        assertEquals("rram-22nm (+ core.adc.bits=6)", m.get("chip").get("label").asText());
        assertEquals(6, m.get("chip").get("resolved").get("core").get("adc").get("bits").asInt());
        assertEquals(NETWORK, m.get("network").get("text").asText(), "the network's text, as run");
    }

    @Test
    void chipFieldsCanBeOverriddenFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path exp = setup(dir);
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--set", "chip.core.adc.bits=6",
                "--set", "data.train=20", "--set", "data.test=10", "--out", dir.resolve("adc6").toString(), "--quiet"));
        assertEquals(0, code[0], text[1]);
        JsonNode r = new ObjectMapper().readTree(dir.resolve("adc6/report.json").toFile());
        boolean found = false;
        for (JsonNode l : r.get("energy").get("lines")) {
            if (l.get("component").asText().equals("adc")) {
                assertEquals(1.2 * 0.719, l.get("cost_pj").asDouble(), 1e-12, "6-bit conversion price");
                found = true;
            }
        }
        assertTrue(found);
        String[] bad = capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--set", "chip.core.adc.bits=12",
                "--out", dir.resolve("adc12").toString()));
        assertEquals(2, code[0]);
        assertTrue(bad[1].contains("core.adc.bits") && bad[1].contains("12"), bad[1]);
        assertFalse(Files.exists(dir.resolve("adc12")));
    }

    @Test
    void aBadFieldIsAUserErrorNamingFileFieldAndRangeAndWritesNothing(@TempDir Path dir) throws Exception {
        Path exp = setup(dir);
        Path out = dir.resolve("out");
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--set", "data.train=-5",
                "--out", out.toString()));
        assertEquals(2, code[0]);
        assertTrue(text[1].contains("experiment.yaml"), text[1]);
        assertTrue(text[1].contains("data.train"), text[1]);
        assertTrue(text[1].contains("-5"), text[1]);
        assertTrue(text[1].contains("[1, 10000000]"), text[1]);
        assertFalse(text[1].contains("\tat "), "no stack trace for a user error");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aNetworkThatDoesNotFitSaysHowManyCoresItNeeds(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("big.yaml"), NETWORK.replace("units: 16", "units: 2000"));
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("compile", dir.resolve("big.yaml").toString(),
                "--chip", "rram-22nm", "-o", dir.resolve("p.h5").toString()));
        assertEquals(2, code[0]);
        assertTrue(text[1].contains("E401"), text[1]);
        assertTrue(text[1].contains("224"), text[1]);
        assertFalse(Files.exists(dir.resolve("p.h5")));
    }

    @Test
    void compileWritesAProgramAndPrintsTheMapping(@TempDir Path dir) throws Exception {
        setup(dir);
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("compile", dir.resolve("network.yaml").toString(),
                "-o", dir.resolve("p.h5").toString()));
        assertEquals(0, code[0], text[1]);
        assertTrue(Files.size(dir.resolve("p.h5")) > 0);
        assertTrue(text[0].contains("7"), text[0]);
    }

    @Test
    void benchWritesItsFiguresAndRejectsBadSizes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("bench", "--no-fork", "--neurons", "16", "--samples", "3", "--repeats", "2",
                "--seconds", "0.05", "--windows", "2", "--probe-blocks", "3", "--batch", "2", "--engine-samples", "1", "--engine-repeats", "2", "--engine-warm-up", "0.1", "--networks", "1m", "--peak-gflops", "100",
                "-o", out.toString()));
        assertEquals(0, code[0], text[1]);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        JsonNode r = j.get("overhead");
        for (String k : new String[]{"reference_samples_per_s", "chip_ideal_samples_per_s", "chip_noisy_samples_per_s"}) {
            assertTrue(r.get(k).asDouble() > 0, k);
        }
        assertEquals(r.get("reference_samples_per_s").asDouble() / r.get("chip_ideal_samples_per_s").asDouble(),
                r.get("ideal_time_ratio").asDouble(), 1e-9);
        assertEquals(16, r.get("workload").get("neurons").asInt());
        // two interleaved timed passes per variant; the best one gives samples per second
        JsonNode refEachPass = r.get("reference_seconds_each");
        assertEquals(2, refEachPass.size());
        assertEquals(3 / Math.min(refEachPass.get(0).asDouble(), refEachPass.get(1).asDouble()),
                r.get("reference_samples_per_s").asDouble(), 1e-9);
        assertEquals(2, r.get("chip_noisy_seconds_each").size());
        // inference: 4 variants (1 and 2 threads, batch 1 and 2), percent of the given peak = 2 FLOP per synaptic op
        JsonNode inf = j.get("inference").get("runs");
        assertEquals(4, inf.size());
        for (JsonNode v : inf) {
            assertEquals(100 * v.get("synops_per_s").asDouble() * 2 / 1e9 / 100, v.get("percent_of_peak").asDouble(), 1e-9);
            // two timed windows per variant; the best one is the row
            JsonNode each = v.get("synops_per_s_each");
            assertEquals(2, each.size());
            assertEquals(Math.max(each.get(0).asDouble(), each.get(1).asDouble()), v.get("synops_per_s").asDouble());
        }
        assertEquals(2, j.get("inference").get("windows").asInt());
        // every section ran after a host probe of 3 blocks, whose summary is computed from its blocks
        for (String section : new String[]{"overhead", "inference", "engines", "compiler", "memory"}) {
            JsonNode p = j.get(section).get("host_probe");
            assertEquals(3, p.get("block_ms").size(), section);
            double fastest = Math.min(p.get("block_ms").get(0).asDouble(),
                    Math.min(p.get("block_ms").get(1).asDouble(), p.get("block_ms").get(2).asDouble()));
            assertEquals(fastest, p.get("fastest_ms").asDouble(), 1e-12, section);
            assertTrue(p.get("slowest_over_fastest").asDouble() >= p.get("median_over_fastest").asDouble(), section);
        }
        assertTrue(text[0].contains("host probe just before: fixed in-cache work in 3 blocks"), text[0]);
        assertTrue(text[0].contains("best of 2 windows"), text[0]);
        assertEquals(100.0, j.get("machine").get("peak_gflops").asDouble());
        // the column kernel of the JVM that measured: the test JVM has the vector API (surefire argLine)
        assertEquals(io.engram.chip.crossbar.ColumnKernel.forThisJvm().name(), j.get("machine").get("column_kernel").asText());
        // engines: same simulated cycles; the reference stepped its whole-run network through every one of them
        JsonNode eng = j.get("engines").get("runs");
        assertEquals(eng.get(0).get("simulated_cycles").asLong(), eng.get(1).get("simulated_cycles").asLong());
        assertEquals(eng.get(1).get("simulated_cycles").asLong(), eng.get(1).get("whole_run_network_cycles").asLong());
        assertEquals(0, eng.get(0).get("whole_run_network_cycles").asLong());
        // two interleaved timed runs per engine; the best of each is the row, their ratio the headline
        JsonNode fastEach = j.get("engines").get("fast_seconds_each");
        JsonNode refEach = j.get("engines").get("reference_seconds_each");
        assertEquals(2, fastEach.size());
        assertEquals(Math.min(fastEach.get(0).asDouble(), fastEach.get(1).asDouble()), eng.get(0).get("seconds").asDouble());
        assertEquals(Math.min(refEach.get(0).asDouble(), refEach.get(1).asDouble()), eng.get(1).get("seconds").asDouble());
        assertEquals(eng.get(1).get("seconds").asDouble() / eng.get(0).get("seconds").asDouble(),
                j.get("engines").get("fast_over_reference").asDouble(), 1e-12);
        // compiler: the 1m network is 784x1000 + 1000x256 + 256x10 weights plus biases as counted by the compiler
        JsonNode comp = j.get("compiler").get("runs").get(0);
        assertEquals("1m", comp.get("network").asText());
        assertTrue(comp.get("synapses").asLong() >= 784L * 1000 + 1000 * 256 + 256 * 10, comp.toString());
        // memory: whole 128x128 crossbars, 7 row tiles for 784 inputs; 9 bytes per cell, 13 with d2d variation
        JsonNode mem = j.get("memory").get("runs");
        long cells = 7L * 128 * 128;
        assertEquals(9 * cells, mem.get(0).get("cell_state_bytes").asLong());
        assertEquals(9 * cells, mem.get(1).get("cell_state_bytes").asLong());
        assertEquals(13 * cells, mem.get(2).get("cell_state_bytes").asLong());
        assertEquals(784L * 16, mem.get(0).get("synapses").asLong());
        String[] bad = capture(() -> code[0] = EngramCli.execute("bench", "--neurons", "0", "-o", dir.resolve("b.json").toString()));
        assertEquals(2, code[0]);
        assertTrue(bad[1].contains("--neurons"), bad[1]);
        assertFalse(Files.exists(dir.resolve("b.json")));
        bad = capture(() -> code[0] = EngramCli.execute("bench", "--only", "overhead,speed", "-o", dir.resolve("b.json").toString()));
        assertEquals(2, code[0]);
        assertTrue(bad[1].contains("--only") && bad[1].contains("speed") && bad[1].contains("inference"), bad[1]);
        assertFalse(Files.exists(dir.resolve("b.json")));
        bad = capture(() -> code[0] = EngramCli.execute("bench", "--engine-warm-up", "-1", "-o", dir.resolve("b.json").toString()));
        assertEquals(2, code[0]);
        assertTrue(bad[1].contains("--engine-warm-up") && bad[1].contains("[0, "), bad[1]);
        assertFalse(Files.exists(dir.resolve("b.json")));
        bad = capture(() -> code[0] = EngramCli.execute("bench", "--windows", "0", "-o", dir.resolve("b.json").toString()));
        assertEquals(2, code[0]);
        assertTrue(bad[1].contains("--windows") && bad[1].contains("[1, 100]"), bad[1]);
        assertFalse(Files.exists(dir.resolve("b.json")));
        bad = capture(() -> code[0] = EngramCli.execute("bench", "--probe-blocks", "-1", "-o", dir.resolve("b.json").toString()));
        assertEquals(2, code[0]);
        assertTrue(bad[1].contains("--probe-blocks") && bad[1].contains("[0, 100]"), bad[1]);
        assertFalse(Files.exists(dir.resolve("b.json")));
    }

    @Test
    void benchRunsEachSectionInAJvmOfItsOwnAndMergesTheirFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        int[] code = new int[1];
        String[] text = capture(() -> code[0] = EngramCli.execute("bench", "--only", "memory,compiler,inference",
                "--neurons", "16", "--networks", "1m", "--seconds", "0.05", "--batch", "4", "--probe-blocks", "1", "-o",
                out.toString()));
        assertEquals(0, code[0], text[1]);
        // both sections' tables came through from the child JVMs, in the fixed section order, and one "written" line
        int comp = text[0].indexOf("Compiler:");
        int mem = text[0].indexOf("Memory:");
        assertTrue(comp >= 0 && mem > comp, text[0]);
        assertEquals(text[0].indexOf("written "), text[0].lastIndexOf("written "), text[0]);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertTrue(j.get("machine").get("sections_forked").asBoolean());
        assertEquals("1m", j.get("compiler").get("runs").get(0).get("network").asText());
        assertEquals(784L * 16, j.get("memory").get("runs").get(0).get("synapses").asLong());
        // every child JVM has the vector API, so the inference section ran the SIMD column kernel; the JVM's notice
        // of the incubator module is not copied
        assertTrue(j.get("machine").get("column_kernel").asText().startsWith("simd-"), j.get("machine").toString());
        assertEquals(4, j.get("inference").get("runs").size());
        assertFalse(text[0].contains("incubator"), text[0]);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count()); // the children's files were temporary
        }
    }

    @Test
    void presetsListsEveryChip() {
        String[] text = capture(() -> assertEquals(0, EngramCli.execute("presets")));
        for (String p : new String[]{"rram-22nm", "rram-stress", "digital-sram"}) assertTrue(text[0].contains(p), p);
    }
}
