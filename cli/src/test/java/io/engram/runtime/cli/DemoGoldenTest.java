package io.engram.runtime.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo end to end through the CLI ({@code engram demo}: SoftHebb over 14 cores of rram-22nm, seed 1) on 40
 * training and 20 test samples: its report.json, report.txt and counters.csv compared byte for byte with the files
 * under {@code src/test/resources/golden/demo/}. This drives the session (phases, greedy training, evaluation, the
 * readout) and the report writers as a run does, so a refactor of either that moves a figure fails here.
 *
 * <p>On a mismatch the produced files are written to {@code target/golden-actual/demo/} and the first differing line
 * is named. To regenerate (only when a counts correction or a deliberate report change justifies it, named in the
 * commit message; a new engram version changes {@code engram_version} too): run {@code mvn -B -o verify -pl cli -am
 * -Dtest=DemoGoldenTest -Dsurefire.failIfNoSpecifiedTests=false}, check the differences with {@code diff -r
 * cli/src/test/resources/golden/demo cli/target/golden-actual/demo}, then copy {@code cli/target/golden-actual/demo/*}
 * over {@code cli/src/test/resources/golden/demo/}.
 */
class DemoGoldenTest {
    private static final Path ACTUAL = Path.of("target", "golden-actual", "demo");
    private static final List<String> FILES = List.of("report.json", "report.txt", "counters.csv");

    @Test
    void demoOnFortyTrainingSamplesGivesTheGoldenFiles(@TempDir Path dir) throws IOException {
        int[] code = new int[1];
        Path out = dir.resolve("demo");
        String[] text = EngramCliTest.capture(() -> code[0] = EngramCli.execute("demo", "--out", out.toString(), "--quiet",
                "--set", "data.train=40", "--set", "data.test=20"));
        assertEquals(0, code[0], text[1]);
        StringBuilder problems = new StringBuilder();
        for (String f : FILES) {
            byte[] actual = Files.readAllBytes(out.resolve(f));
            byte[] expected;
            try (InputStream in = DemoGoldenTest.class.getResourceAsStream("/golden/demo/" + f)) {
                expected = in == null ? null : in.readAllBytes();
            }
            if (expected != null && Arrays.equals(expected, actual)) continue;
            Files.createDirectories(ACTUAL);
            Files.write(ACTUAL.resolve(f), actual);
            problems.append(f).append(": ").append(expected == null ? "no golden file" : firstDifference(expected, actual))
                    .append('\n');
        }
        if (problems.length() > 0) {
            fail(problems + "produced files written to " + ACTUAL.toAbsolutePath()
                    + " (see DemoGoldenTest's comment before regenerating)");
        }
    }

    /** The first line where the two files differ, with both versions. */
    private static String firstDifference(byte[] expected, byte[] actual) {
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) return "line " + (i + 1) + " expected <" + e[i] + "> but was <" + a[i] + ">";
        }
        return e.length != a.length ? e.length + " lines expected, " + a.length + " produced"
                : "same text, different bytes (encoding)";
    }
}
