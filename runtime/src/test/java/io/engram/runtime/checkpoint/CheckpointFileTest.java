package io.engram.runtime.checkpoint;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.ChipState;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.stats.ActionCounters;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.PhaseStats;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CheckpointFile} directly (the CLI tests go through a whole run): what is written is read back field by
 * field, a chip restored from the file continues exactly as the chip that wrote it, and a changed byte, a truncated
 * file, a foreign file or another configuration is refused with the file and the HDF5 path named.
 * <p>
 * The chip: rram-22nm (noisy device: read noise, write noise and stochastic rounding all draw), a SoftHebb layer of
 * 16 x 8 on core 0 and a fixed 8 x 4 layer on core 5, 6 training samples before the checkpoint.
 */
class CheckpointFileTest {
    private static final String VERSION = "0.1.0-test";
    private static final RunIdentity IDENTITY = new RunIdentity(Map.of("seed", "3", "chip.name", "rram-22nm",
            "network.sha256", "0123456789abcdef0123456789abcdef"));

    private static Chip chip() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        SplittableRandom r = new SplittableRandom(4);
        float[] w1 = new float[16 * 8];
        float[] w2 = new float[8 * 4];
        for (int i = 0; i < w1.length; i++) w1[i] = (float) (r.nextDouble() - 0.5);
        for (int i = 0; i < w2.length; i++) w2[i] = (float) (r.nextDouble() - 0.5);
        LayerProgram hidden = new LayerProgram("hidden", LayerKind.DENSE, Shape.flat(16), Shape.flat(8), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.softmax(0.1),
                new LearningRule.SoftHebb(0.05, 0.1, 0.01, 0.0, UpdateScaling.PER_NEURON), 16, 8, w1, new float[8], 1.0,
                List.of(new Tile(0, 0, 16, 0, 8)));
        LayerProgram out = new LayerProgram("out", LayerKind.DENSE, Shape.flat(8), Shape.flat(4), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(), 8, 4, w2,
                new float[4], 1.0, List.of(new Tile(5, 0, 8, 0, 4)));
        long[] sram = new long[spec.mesh().cores()];
        Chip c = new Chip(spec, 3);
        c.load(new ChipProgram(spec.name(), Shape.flat(16), List.of(hidden, out), List.of(), sram));
        return c;
    }

    private static float[] input(int s) {
        SplittableRandom r = new SplittableRandom(100 + s);
        float[] x = new float[16];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return x;
    }

    private static final boolean[] LEARN = {true, false};

    @TempDir
    static Path shared;
    /** One checkpoint written after 6 samples, shared by the tests that only read or damage a copy of it. */
    private static Path written;

    @BeforeAll
    static void writeOnce() {
        written = shared.resolve(CheckpointFile.NAME);
        ((Chip) writeAfterSixSamples(written)[0]).close();
    }

    private static Path copy(Path dir) throws java.io.IOException {
        return Files.copy(written, dir.resolve(CheckpointFile.NAME));
    }

    /** Writes a checkpoint after 6 samples; returns the chip (still running) and the contents written. */
    private static Object[] writeAfterSixSamples(Path file) {
        Chip c = chip();
        PhaseStats.Mark whole = PhaseStats.mark(c);
        for (int s = 0; s < 4; s++) c.run(input(s), 1, LEARN);
        PhaseStats.Mark epoch = PhaseStats.mark(c);
        PhaseStats first = whole.end("epoch 1", c);
        for (int s = 4; s < 6; s++) c.run(input(s), 1, LEARN);
        SessionPosition pos = new SessionPosition(0, 1, 2, whole, epoch, List.of(first),
                List.of(new AccuracyFigures.EpochAccuracy(1, 0.625, null)), List.of(first.counts()));
        CheckpointFile.Contents written = new CheckpointFile.Contents(IDENTITY, pos, c.checkpoint());
        CheckpointFile.write(file, written, VERSION);
        return new Object[]{c, written};
    }

    @Test
    void whatIsWrittenIsReadBackAndTheRestoredChipContinuesExactly(@TempDir Path dir) {
        Path file = dir.resolve(CheckpointFile.NAME);
        Object[] w = writeAfterSixSamples(file);
        Chip original = (Chip) w[0];
        CheckpointFile.Contents written = (CheckpointFile.Contents) w[1];
        CheckpointFile.Contents read = CheckpointFile.read(file, IDENTITY);

        assertEquals(IDENTITY, read.identity());
        SessionPosition p = read.position();
        assertEquals(0, p.stage());
        assertEquals(1, p.epoch());
        assertEquals(2, p.sample());
        assertEquals(written.position().whole(), p.whole());
        assertEquals(written.position().epochMark(), p.epochMark());
        assertEquals(written.position().phases(), p.phases());
        assertEquals(written.position().perEpoch(), p.perEpoch());
        assertNull(p.perEpoch().get(0).test(), "a missing test accuracy stays missing (NaN in the file)");
        assertEquals(written.position().epochCounts(), p.epochCounts());

        ChipState a = written.chip();
        ChipState b = read.chip();
        assertEquals(a.now(), b.now());
        assertEquals(a.lastEnd(), b.lastEnd());
        assertEquals(a.serialCycles(), b.serialCycles());
        assertEquals(6, b.samples());
        assertEquals(a.cores().size(), b.cores().size());
        for (int i = 0; i < a.cores().size(); i++) {
            ChipState.Core x = a.cores().get(i);
            ChipState.Core y = b.cores().get(i);
            assertArrayEquals(x.counts(), y.counts(), "counts of core " + i);
            assertArrayEquals(x.stateCycles(), y.stateCycles(), "state cycles of core " + i);
            assertEquals(x.freeAt(), y.freeAt());
            assertEquals(x.tile() == null, y.tile() == null, "tile of core " + i);
            if (x.tile() != null) {
                assertArrayEquals(x.tile().cells().conductances(), y.tile().cells().conductances());
                assertArrayEquals(x.tile().cells().writeCount(), y.tile().cells().writeCount());
                assertEquals(x.tile().readNoiseRng(), y.tile().readNoiseRng());
            }
        }
        assertArrayEquals(a.layers().get(0).bias(), b.layers().get(0).bias());
        assertArrayEquals(a.stepPhases(), b.stepPhases());

        // a fresh chip restored from the file and the chip that wrote it run 3 more samples alike
        try (Chip restored = chip()) {
            restored.restore(read.chip());
            for (int s = 6; s < 9; s++) {
                assertArrayEquals(original.run(input(s), 1, LEARN), restored.run(input(s), 1, LEARN), "sample " + s);
            }
            assertArrayEquals(original.weights(0), restored.weights(0));
            assertArrayEquals(original.bias(0), restored.bias(0));
            assertEquals(original.totalCounts(), restored.totalCounts());
            assertEquals(original.now(), restored.now());
        } finally {
            original.close();
        }
    }

    /** Offset of the single occurrence of {@code pattern} in {@code bytes}. */
    private static int find(byte[] bytes, byte[] pattern) {
        int at = -1;
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                assertEquals(-1, at, "pattern occurs twice");
                at = i;
            }
        }
        assertTrue(at >= 0, "pattern not found");
        return at;
    }

    @Test
    void aChangedByteInTheConductancesIsRefusedNamingTheDataset(@TempDir Path dir) throws Exception {
        Path file = copy(dir);
        ChipState s = CheckpointFile.read(file).chip();
        // the first 4 conductances of core 0 as stored (float32, little-endian), located in the file and changed
        float[] g = s.cores().get(0).tile().cells().conductances();
        ByteBuffer bb = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) bb.putFloat(g[i]);
        byte[] bytes = Files.readAllBytes(file);
        int at = find(bytes, bb.array());
        bytes[at + 1] ^= 0x01; // a low mantissa bit of cell 0: still a valid, in-range conductance
        Files.write(file, bytes);
        SpecException e = assertThrows(SpecException.class, () -> CheckpointFile.read(file));
        assertEquals(file.toString(), e.file());
        assertEquals("/chip/tiles/core_0/conductances", e.fieldPath());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void truncatedForeignAndMissingFilesAreRefused(@TempDir Path dir) throws Exception {
        Path file = copy(dir);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        SpecException t = assertThrows(SpecException.class, () -> CheckpointFile.read(cut));
        assertEquals(cut.toString(), t.file());

        Path foreign = dir.resolve("foreign.h5");
        try (WritableHdfFile h = HdfFile.write(foreign)) {
            h.putAttribute("format", "engram-program");
        }
        SpecException f = assertThrows(SpecException.class, () -> CheckpointFile.read(foreign));
        assertTrue(f.getMessage().contains("not an Engram checkpoint"), f.getMessage());
        assertEquals("engram-program", f.value());

        SpecException m = assertThrows(SpecException.class, () -> CheckpointFile.read(dir.resolve("none.h5")));
        assertTrue(m.getMessage().contains("no such checkpoint file"), m.getMessage());
    }

    @Test
    void anotherConfigurationIsRefusedNamingWhatChanged() {
        Path file = written;
        RunIdentity other = new RunIdentity(Map.of("seed", "4", "chip.name", "rram-22nm",
                "network.sha256", "0123456789abcdef0123456789abcdef"));
        SpecException e = assertThrows(SpecException.class, () -> CheckpointFile.read(file, other));
        assertEquals("/identity", e.fieldPath());
        assertTrue(e.getMessage().contains("seed: 3 -> 4"), e.getMessage());
    }

    @Test
    void staleTemporariesAreListedAndRemovedAndNothingElse(@TempDir Path dir) throws Exception {
        Path stale = Files.writeString(dir.resolve("." + CheckpointFile.NAME + ".12345.tmp"), "x");
        Path keep = Files.writeString(dir.resolve("report.json"), "{}");
        assertEquals(List.of(stale), CheckpointFile.staleTemporaries(dir));
        CheckpointFile.removeStaleTemporaries(dir);
        assertTrue(Files.notExists(stale));
        assertTrue(Files.exists(keep));
        assertEquals(List.of(), CheckpointFile.staleTemporaries(dir.resolve("no-such-folder")));
    }

    @Test
    void sessionPositionsRefuseNegativesAndCopyTheirCounters() {
        ActionCounters zero = new ActionCounters();
        PhaseStats.Mark m = new PhaseStats.Mark(zero, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new SessionPosition(-1, 0, 0, m, m, List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SessionPosition(0, 0, -1, m, m, List.of(), List.of(), List.of()));
        ActionCounters c = new ActionCounters();
        SessionPosition p = new SessionPosition(0, 0, 0, m, m, List.of(), List.of(), List.of(c));
        ActionCounters before = p.epochCounts().get(0);
        c.addAll(ActionCounters.fromArray(filled(7)));
        assertEquals(before, p.epochCounts().get(0), "the caller's counter changed the position");
    }

    private static long[] filled(long v) {
        long[] a = new long[ActionCounters.SIZE];
        Arrays.fill(a, v);
        return a;
    }
}
