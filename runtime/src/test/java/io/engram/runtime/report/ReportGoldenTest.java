package io.engram.runtime.report;

import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.compiler.CompileResult;
import io.engram.compiler.ir.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden report.json, report.txt and counters.csv of three small seeded runs, compared byte for byte with the files
 * under {@code src/test/resources/golden/report/CASE/}: the {@link ReportFixture} run (a SoftHebb layer and a fixed
 * readout, two training epochs and an evaluation, seed 7), the two-layer 16-80-4 rate network of
 * {@link GoldenCountsTest} (one sample of all ones, every count derived by hand there) and its two-layer spiking STDP
 * network (5 steps, every neuron firing every step). They guard the report against a refactor that changes a figure
 * or a key without meaning to.
 *
 * <p>On a mismatch the produced files are written to {@code target/golden-actual/CASE/} and the first differing line
 * is named. To regenerate (only when a counts correction or a deliberate report change justifies it, named in the
 * commit message): run {@code mvn -B -o verify -pl runtime -am -Dtest=ReportGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false}, check the differences with {@code diff -r
 * runtime/src/test/resources/golden/report runtime/target/golden-actual}, then copy
 * {@code runtime/target/golden-actual/*} over {@code runtime/src/test/resources/golden/report/}.
 */
class ReportGoldenTest {
    private static final String GOLDEN = "/golden/report/";
    private static final Path ACTUAL = Path.of("target", "golden-actual");
    private static final List<String> FILES = List.of(ReportRenderer.REPORT_JSON, ReportRenderer.REPORT_TXT,
            RunFolder.COUNTERS_CSV);

    @Test
    void fixtureRun(@TempDir Path dir) throws IOException {
        ReportFixture run = ReportFixture.run(7);
        check("fixture", run.chip, run.report, dir);
    }

    @Test
    void twoLayerRateNetwork(@TempDir Path dir) throws IOException {
        ChipSpec chip = GoldenCountsTest.idealSmall();
        float[] wh = new float[16 * 80];
        Arrays.fill(wh, 0.5f);
        float[] wo = new float[80 * 4];
        Arrays.fill(wo, 0.5f);
        CompileResult r = CountsTest.compile(Network.builder("n16-80-4").input(16).dense("h", 80)
                .weights(16, 80, wh, null).weightScale(1).dense("o", 4).weights(80, 4, wo, null).weightScale(1).build(), chip);
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            PhaseStats.Mark mark = PhaseStats.mark(c);
            c.run(GoldenCountsTest.ones(16), 1, null);
            c.settle();
            List<PhaseStats> phases = List.of(mark.end("evaluate", c));
            Report rep = ReportBuilder.from(c, 1, ReportFixture.VERSION, AccuracyFigures.none(), phases);
            check("two-layer-rate", c, rep, dir);
        }
    }

    @Test
    void twoLayerSpikingWithStdp(@TempDir Path dir) throws IOException {
        ChipSpec chip = GoldenCountsTest.idealSmall();
        float[] wa = new float[16 * 4];
        Arrays.fill(wa, 0, 4, 1f);
        Arrays.fill(wa, 8 * 4, 9 * 4, 1f);
        float[] wb = new float[4 * 2];
        Arrays.fill(wb, 0, 2, 1f);
        LearningRule stdp = new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 1e-4, 1e-3, 20, 20, 40, 0, 1);
        NeuronModel lif = new NeuronModel.Lif(new LifParams(0.9, 0.5, LifParams.Reset.ZERO, 0, 0, 0, 1));
        CompileResult r = CountsTest.compile(Network.builder("snn").input(16).dense("a", 4).neuron(lif).rule(stdp)
                .weights(16, 4, wa, null).weightScale(1).dense("b", 2).neuron(lif).rule(stdp)
                .weights(4, 2, wb, null).weightScale(1).build(), chip);
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            PhaseStats.Mark mark = PhaseStats.mark(c);
            c.runSpiking((step, x) -> {
                Arrays.fill(x, 0f);
                x[0] = 1f;
                x[8] = 1f;
            }, 5, 1.0, 20, 1, new boolean[]{true, true});
            c.settle();
            List<PhaseStats> phases = List.of(mark.end("train", c));
            Report rep = ReportBuilder.from(c, 1, ReportFixture.VERSION, AccuracyFigures.none(), phases);
            check("two-layer-spiking-stdp", c, rep, dir);
        }
    }

    /** Writes the run's files as a run folder holds them and compares each with its golden file. */
    private static void check(String name, Chip chip, Report report, Path dir) throws IOException {
        ReportJson.write(report, dir.resolve(ReportRenderer.REPORT_JSON));
        AtomicFiles.writeString(dir.resolve(ReportRenderer.REPORT_TXT), ReportText.render(report));
        CountersCsv.write(chip, dir.resolve(RunFolder.COUNTERS_CSV));
        StringBuilder problems = new StringBuilder();
        for (String f : FILES) {
            byte[] actual = Files.readAllBytes(dir.resolve(f));
            byte[] expected = golden(name, f);
            if (expected != null && Arrays.equals(expected, actual)) continue;
            Path out = ACTUAL.resolve(name);
            Files.createDirectories(out);
            Files.write(out.resolve(f), actual);
            problems.append(expected == null ? name + "/" + f + ": no golden file"
                    : name + "/" + f + ": " + firstDifference(expected, actual)).append('\n');
        }
        if (problems.length() > 0) {
            fail(problems + "produced files written to " + ACTUAL.resolve(name).toAbsolutePath()
                    + " (see ReportGoldenTest's comment before regenerating)");
        }
    }

    private static byte[] golden(String name, String file) throws IOException {
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream(GOLDEN + name + "/" + file)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** The first line where the two files differ, with both versions. */
    static String firstDifference(byte[] expected, byte[] actual) {
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) return "line " + (i + 1) + " expected <" + e[i] + "> but was <" + a[i] + ">";
        }
        if (e.length != a.length) return e.length + " lines expected, " + a.length + " produced";
        return "same text, different bytes (encoding)";
    }

    @Test
    void firstDifferenceNamesTheLine() {
        byte[] x = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);
        byte[] y = "a\nB\nc\n".getBytes(StandardCharsets.UTF_8);
        assertNotNull(firstDifference(x, y));
        org.junit.jupiter.api.Assertions.assertEquals("line 2 expected <b> but was <B>", firstDifference(x, y));
        org.junit.jupiter.api.Assertions.assertEquals("4 lines expected, 3 produced",
                firstDifference(x, "a\nb\nc".getBytes(StandardCharsets.UTF_8)));
    }
}
