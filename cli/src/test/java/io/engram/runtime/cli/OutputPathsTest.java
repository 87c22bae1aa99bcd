package io.engram.runtime.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every output location is checked before any work: a folder under a file, a file where a folder is expected (and the
 * reverse), an unwritable place, an empty output, and a folder that already holds a run are exit code 2 naming the
 * path and the option, with nothing written. Before, each was an internal error (exit 1) after the whole simulation,
 * and {@code output: ""} wrote a run into the current folder.
 */
class OutputPathsTest {
    @TempDir
    Path dir;
    Path exp;

    @BeforeEach
    void experiment() throws Exception {
        Files.writeString(dir.resolve("network.yaml"), """
                name: tiny
                input: { shape: [1, 28, 28] }
                layers:
                  - { name: flat, type: flatten }
                  - { name: hidden, type: dense, units: 8, rule: { kind: hebb, eta: 0.01 } }
                """);
        exp = dir.resolve("experiment.yaml");
        Files.writeString(exp, """
                seed: 1
                threads: 1
                network: network.yaml
                data: { source: generated, train: 6, test: 4 }
                readout: { kind: vote }
                """);
    }

    /** {exit code, stdout, stderr}. */
    static Object[] cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            code = EngramCli.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Object[]{code, o.toString(), e.toString()};
    }

    private static void userError(Object[] r, String... parts) {
        String err = (String) r[2];
        assertEquals(2, r[0], err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertFalse(err.contains("internal error"), err);
        for (String p : parts) assertTrue(err.contains(p), "'" + p + "' in: " + err);
    }

    @Test
    void runFoldersUnderAFileOnAFileOrUnwritableAreRefusedBeforeTheRun() throws Exception {
        userError(cli("run", exp.toString(), "--out", "/dev/null/x", "--quiet"), "/dev/null/x", "--out",
                "/dev/null is a file, so nothing can be created under it");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        userError(cli("run", exp.toString(), "--out", file.toString(), "--quiet"), "is a file, not a folder");
        userError(cli("run", exp.toString(), "--out", file.resolve("sub").toString(), "--quiet"),
                file + " is a file, so nothing can be created under it");
        // /proc refuses new entries even to root (a permission test that holds on CI)
        userError(cli("run", exp.toString(), "--out", "/proc/engram-run", "--quiet"), "/proc", "not writable");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "nothing but the two inputs and afile");
        }
    }

    @Test
    void anEmptyOutputIsRefused() throws Exception {
        Files.writeString(exp, Files.readString(exp) + "output: \"\"\n");
        userError(cli("run", exp.toString(), "--quiet"), "output", "an empty path");
    }

    @Test
    void aRunNeverOverwritesAnotherRunUnlessForced() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, cli("run", exp.toString(), "--out", run.toString(), "--quiet")[0]);
        byte[] first = Files.readAllBytes(run.resolve("report.json"));
        Files.writeString(run.resolve("report.json"), "kept");
        userError(cli("run", exp.toString(), "--out", run.toString(), "--quiet", "--seed", "2"),
                "already holds a run", "--force");
        assertEquals("kept", Files.readString(run.resolve("report.json")), "the earlier run is untouched");
        assertEquals(0, cli("run", exp.toString(), "--out", run.toString(), "--quiet", "--force")[0]);
        assertArrayEquals(first, Files.readAllBytes(run.resolve("report.json")), "replaced with --force");
        // resuming another run's checkpoint into this folder does not replace this run either
        Path other = dir.resolve("other");
        assertEquals(0, cli("run", exp.toString(), "--out", other.toString(), "--quiet", "--checkpoint-every", "2")[0]);
        userError(cli("run", exp.toString(), "--out", run.toString(), "--resume", other.toString(), "--quiet"),
                "already holds a run");
        // resuming into its own folder continues the run
        assertEquals(0, cli("run", exp.toString(), "--out", other.toString(), "--resume", "--quiet",
                "--checkpoint-every", "2")[0]);
    }

    @Test
    void theDemoChecksItsFolderBeforeCopyingItsInputs() throws Exception {
        Path run = dir.resolve("demo");
        Files.createDirectories(run.resolve("inputs"));
        Files.writeString(run.resolve("manifest.json"), "{}");
        Files.writeString(run.resolve("inputs/experiment.yaml"), "mine");
        userError(cli("demo", "--out", run.toString(), "--quiet"), "already holds a run");
        assertEquals("mine", Files.readString(run.resolve("inputs/experiment.yaml")), "inputs not overwritten");
    }

    @Test
    void compileAndBenchOutputsAreChecked() throws Exception {
        userError(cli("compile", dir.resolve("network.yaml").toString(), "-o", dir.toString()), "is a folder",
                "program.h5");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        userError(cli("compile", dir.resolve("network.yaml").toString(), "-o", file.resolve("p.h5").toString()),
                "is a file, so nothing can be created under it");
        Object[] r = cli("bench", "-o", file.resolve("bench.json").toString(), "--only", "compiler", "--networks", "1m",
                "--no-fork", "--probe-blocks", "0");
        userError(r, "is a file, so nothing can be created under it");
        assertFalse(((String) r[1]).contains("Compiler:"), "no section ran: " + r[1]);
        userError(cli("bench", "-o", dir.toString(), "--only", "compiler", "--networks", "1m", "--no-fork",
                "--probe-blocks", "0"), "is a folder", "bench.json");
        assertFalse(((String) r[1]).contains("Compiler:"), "no section ran: " + r[1]);
    }
}
