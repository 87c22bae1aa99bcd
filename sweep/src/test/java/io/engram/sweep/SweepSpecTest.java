package io.engram.sweep;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepSpecTest {
    @TempDir
    Path dir;

    @Test
    void gridTimesZipTimesSeedsInOrder() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                set: { data.test: 10 }
                axes:
                  - grid: { chip.core.adc.bits: [4, 8], data.train: [10, 20, 30] }
                  - zip: { training.epochs: [1, 2], readout.epochs: [3, 4] }
                seeds: [1, 2]
                """);
        SweepSpec s = SweepSpec.load(f);
        List<SweepPoint> p = s.points();
        // 2 x 3 grid points x 2 zip points x 2 seeds = 24, the seeds moving fastest, then the zip, then the grid's
        // last key
        assertEquals(24, p.size());
        assertEquals(List.of("data.test=10", "chip.core.adc.bits=4", "data.train=10", "training.epochs=1",
                "readout.epochs=3", "seed=1"), p.get(0).sets());
        assertEquals(List.of("chip.core.adc.bits=4", "data.train=10", "training.epochs=1", "readout.epochs=3",
                "seed=2"), p.get(1).varying());
        assertEquals(List.of("chip.core.adc.bits=4", "data.train=10", "training.epochs=2", "readout.epochs=4",
                "seed=1"), p.get(2).varying());
        assertEquals(List.of("chip.core.adc.bits=4", "data.train=20", "training.epochs=1", "readout.epochs=3",
                "seed=1"), p.get(4).varying());
        assertEquals(List.of("chip.core.adc.bits=8", "data.train=30", "training.epochs=2", "readout.epochs=4",
                "seed=2"), p.get(23).varying());
        assertEquals("p0023", p.get(23).id());
        assertEquals("--set data.test=10 --set chip.core.adc.bits=4 --set data.train=10 --set training.epochs=1 "
                + "--set readout.epochs=3 --set seed=1", p.get(0).commandLine());
        assertEquals(SweepSpec.Keep.REPORTS, s.keep());
        assertEquals("local[*]", s.master());
    }

    @Test
    void listPointsAndSeedCount() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - list: [ { chip: rram-22nm }, { chip: digital-sram, readout.kind: vote } ]
                seeds: 3
                keep: none
                """);
        List<SweepPoint> p = SweepSpec.load(f).points();
        assertEquals(6, p.size());
        assertEquals(List.of("chip=digital-sram", "readout.kind=vote", "seed=3"), p.get(5).varying());
        assertEquals("digital-sram", p.get(5).params().get("chip"));
    }

    @Test
    void oneAtATimeVariesEachKeyAlone() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - one_at_a_time: { chip.core.device.levels: [4, 64], chip.core.adc.bits: [4, 6, 10] }
                """);
        List<SweepPoint> p = SweepSpec.load(f).points();
        // 2 + 3 points, one override each
        assertEquals(List.of(List.of("chip.core.device.levels=4"), List.of("chip.core.device.levels=64"),
                List.of("chip.core.adc.bits=4"), List.of("chip.core.adc.bits=6"), List.of("chip.core.adc.bits=10")),
                p.stream().map(SweepPoint::varying).toList());
    }

    @Test
    void randomPointsAreSeededAndWithinTheirRanges() {
        String yaml = """
                experiment: experiment.yaml
                axes:
                  - random: { n: 40, seed: SEED, ranges: { data.train: [10, 20], readout.learning_rate: [0.001, 0.002] },
                              log_ranges: { encoding.max_rate_hz: [1, 100] }, choices: { encoding.kind: [rate, poisson] } }
                """;
        List<SweepPoint> a = SweepSpec.load(TestFiles.sweep(dir, yaml.replace("SEED", "7"))).points();
        List<SweepPoint> again = SweepSpec.load(TestFiles.sweep(dir, yaml.replace("SEED", "7"))).points();
        List<SweepPoint> other = SweepSpec.load(TestFiles.sweep(dir, yaml.replace("SEED", "8"))).points();
        assertEquals(40, a.size());
        assertEquals(a, again);
        assertNotEquals(a, other);
        boolean bothKinds = false;
        for (SweepPoint p : a) {
            int train = Integer.parseInt(p.params().get("data.train")); // integer bounds draw integers
            assertTrue(train >= 10 && train <= 20, p.toString());
            double lr = Double.parseDouble(p.params().get("readout.learning_rate"));
            assertTrue(lr >= 0.001 && lr < 0.002, p.toString());
            double rate = Double.parseDouble(p.params().get("encoding.max_rate_hz"));
            assertTrue(rate >= 1 && rate <= 100, p.toString()); // integer bounds: rounded draws
            bothKinds |= !p.params().get("encoding.kind").equals(a.get(0).params().get("encoding.kind"));
        }
        assertTrue(bothKinds, "40 draws of two choices give both");
    }

    @Test
    void aZipOfUnequalListsNamesTheField() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - zip: { training.epochs: [1, 2], data.train: [10] }
                """);
        SpecException e = assertThrows(SpecException.class, () -> SweepSpec.load(f));
        assertTrue(e.getMessage().contains("field 'axes[0].zip.data.train'"), e.getMessage());
        assertTrue(e.getMessage().contains("same length (training.epochs has 2)"), e.getMessage());
    }

    @Test
    void aBadPointIsExitTwoNamingThePointAndFieldBeforeAnythingRuns() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - grid: { data.train: [10, -5] }
                """);
        SpecException e = assertThrows(SpecException.class, () -> SweepPlan.of(SweepSpec.load(f)));
        assertTrue(e.getMessage().contains("point p0001 (data.train=-5)"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'data.train': value -5: allowed range [1, 10000000]"), e.getMessage());

        Path out = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SweepCli.execute(f.toString(), "--out", out.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(SweepCli.EXIT_USER, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("point p0001"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(out), "nothing is written when a point is not valid");
    }

    @Test
    void aChipFieldOutOfRangeIsCaughtByTheChipsOwnValidation() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - grid: { chip.core.adc.bits: [8, 99] }
                """);
        SpecException e = assertThrows(SpecException.class, () -> SweepPlan.of(SweepSpec.load(f)));
        assertTrue(e.getMessage().contains("point p0001 (chip.core.adc.bits=99)"), e.getMessage());
        assertTrue(e.getMessage().contains("bits"), e.getMessage());
    }

    @Test
    void anUnknownAxisKindAndAMissingExperimentAreUserErrors() {
        SpecException kind = assertThrows(SpecException.class, () -> SweepSpec.load(TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - product: { data.train: [1] }
                """)));
        assertTrue(kind.getMessage().contains("unknown axis kind; allowed: grid, list, one_at_a_time, random, zip"),
                kind.getMessage());
        SpecException missing = assertThrows(SpecException.class, () -> SweepSpec.load(TestFiles.sweep(dir, """
                experiment: nowhere.yaml
                """)));
        assertTrue(missing.getMessage().contains("field 'experiment': value nowhere.yaml: no such experiment file"),
                missing.getMessage());
    }

    @Test
    void theHashIgnoresThreadsAndFollowsResults() {
        Path f = TestFiles.sweep(dir, """
                experiment: experiment.yaml
                axes:
                  - list: [ { threads: 1 }, { threads: 2 }, { data.train: 11 } ]
                """);
        List<SweepPlan.Planned> p = SweepPlan.of(SweepSpec.load(f)).points();
        assertEquals(p.get(0).configHash(), p.get(1).configHash());
        assertNotEquals(p.get(0).configHash(), p.get(2).configHash());
    }
}
