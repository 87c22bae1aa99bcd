package io.engram.runtime.checkpoint;

import io.engram.chip.device.CellArray;
import io.engram.chip.sim.ChipState;
import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints that cannot lie: every corruption of a checkpoint (a flipped bit in a conductance, a write count or a
 * counter, 4 KiB zeroed, a NaN conductance, a negative count written with valid checksums) is refused with exit code
 * 2 naming the file and what is wrong, and nothing is written; a resume refused for another configuration names the
 * field or file that changed (chip field, network, data); a moved run folder resumes; a temporary file left by a
 * checkpoint write that was killed is gone after the resume. Each of these was accepted silently (or refused for the
 * wrong reason) before the checksums and the configuration identity.
 */
class CheckpointIntegrityTest {
    @TempDir
    static Path shared;
    static Path exp;
    static Path file;
    static byte[] good;
    static byte[] straight;

    @BeforeAll
    static void checkpointOnce() throws Exception {
        Files.writeString(shared.resolve("network.yaml"), CheckpointResumeTest.NETWORK);
        exp = shared.resolve("experiment.yaml");
        Files.writeString(exp, CheckpointResumeTest.EXPERIMENT);
        CheckpointResumeTest.ok("run", exp.toString(), "--out", shared.resolve("straight").toString(), "--quiet");
        straight = Files.readAllBytes(shared.resolve("straight/report.json"));
        Path ck = shared.resolve("ck");
        CheckpointResumeTest.ok("run", exp.toString(), "--out", ck.toString(), "--quiet", "--checkpoint-every", "50");
        file = ck.resolve(CheckpointFile.NAME);
        good = Files.readAllBytes(file);
    }

    /** Writes {@code bytes} as a checkpoint in a fresh folder and resumes from it; returns {exit code, stderr}. */
    private static Object[] resumeFrom(Path dir, String name, byte[] bytes) throws Exception {
        Path ck = dir.resolve(name);
        Files.createDirectories(ck);
        Files.write(ck.resolve(CheckpointFile.NAME), bytes);
        Path out = dir.resolve(name + "-out");
        Object[] r = CheckpointResumeTest.cli("run", exp.toString(), "--resume", ck.toString(), "--out", out.toString(),
                "--quiet");
        assertFalse(Files.exists(out.resolve("report.json")), name + ": nothing written");
        return r;
    }

    private static void refused(Object[] r, String... mustContain) {
        String msg = (String) r[1];
        assertEquals(2, r[0], msg);
        assertFalse(msg.contains("\tat "), "no stack trace: " + msg);
        for (String s : mustContain) assertTrue(msg.contains(s), "'" + s + "' in: " + msg);
    }

    /** Offset of the unique occurrence of {@code pattern} in {@code bytes} (fails when absent or ambiguous). */
    private static int find(byte[] bytes, byte[] pattern) {
        int at = -1;
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (bytes[i] == pattern[0] && Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                assertEquals(-1, at, "pattern found twice");
                at = i;
            }
        }
        assertTrue(at >= 0, "pattern not found");
        return at;
    }

    private static byte[] floatsLe(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    private static byte[] intsLe(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    private static byte[] longsLe(long[][] v) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(v).mapToInt(r -> r.length).sum() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] row : v) for (long x : row) b.putLong(x);
        return b.array();
    }

    private static ChipState.Core firstTile(ChipState s) {
        return s.cores().stream().filter(c -> c.tile() != null).findFirst().orElseThrow();
    }

    @Test
    void aFlippedBitInAConductanceIsRefusedNamingTheDataset(@TempDir Path dir) throws Exception {
        ChipState.Core core = firstTile(CheckpointFile.read(file).chip());
        byte[] bytes = good.clone();
        int at = find(bytes, floatsLe(core.tile().cells().conductances()));
        bytes[at + 4 * 100 + 1] ^= 0x10; // a mantissa bit of cell 100: a plausible conductance, not a NaN
        refused(resumeFrom(dir, "g", bytes), "/chip/tiles/core_" + core.index() + "/conductances", "checksum mismatch");
    }

    @Test
    void aFlippedBitInAWriteCountIsRefused(@TempDir Path dir) throws Exception {
        ChipState.Core core = firstTile(CheckpointFile.read(file).chip());
        byte[] bytes = good.clone();
        int at = find(bytes, intsLe(core.tile().cells().writeCount()));
        bytes[at + 4 * 7] ^= 0x02; // cell 7's write count changes by 2
        refused(resumeFrom(dir, "w", bytes), "/chip/tiles/core_" + core.index() + "/write_counts", "checksum mismatch");
    }

    @Test
    void aFlippedBitInACounterIsRefused(@TempDir Path dir) throws Exception {
        ChipState s = CheckpointFile.read(file).chip();
        long[][] counts = s.cores().stream().map(ChipState.Core::counts).toArray(long[][]::new);
        byte[] bytes = good.clone();
        int at = find(bytes, longsLe(counts));
        bytes[at + 8 * 3] ^= 0x01; // core 0's fourth action count, off by one
        refused(resumeFrom(dir, "c", bytes), "/chip/cores/counts", "checksum mismatch");
    }

    @Test
    void fourKibibytesZeroedAreRefused(@TempDir Path dir) throws Exception {
        // every 4 KiB-aligned block of the file zeroed in turn, up to 12 of them spread over the file: each refused
        int blocks = good.length / 4096;
        assertTrue(blocks >= 4, "checkpoint of " + good.length + " bytes");
        int step = Math.max(1, blocks / 12);
        int tried = 0;
        for (int b = 0; b < blocks; b += step) {
            byte[] bytes = good.clone();
            Arrays.fill(bytes, b * 4096, b * 4096 + 4096, (byte) 0);
            if (Arrays.equals(bytes, good)) continue; // the block was zeros already
            Object[] r = resumeFrom(dir, "z" + b, bytes);
            refused(r, dir.resolve("z" + b).resolve(CheckpointFile.NAME).toString());
            tried++;
        }
        assertTrue(tried >= 4, "blocks tried: " + tried);
    }

    @Test
    void aNanConductanceIsRefusedEvenWithValidChecksums(@TempDir Path dir) throws Exception {
        CheckpointFile.Contents c = CheckpointFile.read(file);
        ChipState s = c.chip();
        ChipState.Core core = firstTile(s);
        float[] g = core.tile().cells().conductances();
        g[5] = Float.NaN;
        Path nan = dir.resolve("nan");
        CheckpointFile.write(nan.resolve(CheckpointFile.NAME), new CheckpointFile.Contents(c.identity(), c.position(),
                withTile(s, core, new CellArray.Snapshot(g, core.tile().cells().writeCount(),
                        core.tile().cells().state(), core.tile().cells().writeNoiseRng()))), "test");
        refused(resumeFrom(dir, "nan", Files.readAllBytes(nan.resolve(CheckpointFile.NAME))),
                "/chip/tiles/core_" + core.index() + "/conductances", "NaN", "cell 5", "conductance range");

        // a conductance above the device's g_max (rram-22nm: g_min_us 1.0, g_max_us 10.0), also with valid checksums
        g[5] = 1e6f;
        CheckpointFile.write(nan.resolve(CheckpointFile.NAME), new CheckpointFile.Contents(c.identity(), c.position(),
                withTile(s, core, new CellArray.Snapshot(g, core.tile().cells().writeCount(),
                        core.tile().cells().state(), core.tile().cells().writeNoiseRng()))), "test");
        refused(resumeFrom(dir, "big", Files.readAllBytes(nan.resolve(CheckpointFile.NAME))), "cell 5",
                "conductance range");

        // a negative write count (conductances as written)
        ChipState.Core fresh = firstTile(CheckpointFile.read(file).chip());
        int[] w = fresh.tile().cells().writeCount();
        w[3] = -1;
        CheckpointFile.write(nan.resolve(CheckpointFile.NAME), new CheckpointFile.Contents(c.identity(), c.position(),
                withTile(s, core, new CellArray.Snapshot(fresh.tile().cells().conductances(), w,
                        core.tile().cells().state(), core.tile().cells().writeNoiseRng()))), "test");
        refused(resumeFrom(dir, "neg", Files.readAllBytes(nan.resolve(CheckpointFile.NAME))), "write_counts",
                "cannot be negative");
    }

    @Test
    void aNegativeCounterWithValidChecksumsIsRefusedByTheReader(@TempDir Path dir) throws Exception {
        CheckpointFile.Contents c = CheckpointFile.read(file);
        ChipState s = c.chip();
        List<ChipState.Core> cores = new ArrayList<>(s.cores());
        ChipState.Core c0 = cores.get(0);
        long[] counts = c0.counts();
        counts[0] = -5;
        cores.set(0, new ChipState.Core(0, counts, c0.stateCycles(), c0.freeAt(), c0.tile()));
        Path p = dir.resolve(CheckpointFile.NAME);
        CheckpointFile.write(p, new CheckpointFile.Contents(c.identity(), c.position(), new ChipState(s.now(),
                s.lastEnd(), s.serialCycles(), s.samples(), cores, s.layers(), s.noc(), s.overlap(), s.stepPhases())), "t");
        SpecException e = assertThrows(SpecException.class, () -> CheckpointFile.read(p));
        assertTrue(e.getMessage().contains("/chip/cores/counts") && e.getMessage().contains("-5"), e.getMessage());
    }

    private static ChipState withTile(ChipState s, ChipState.Core core, CellArray.Snapshot cells) {
        List<ChipState.Core> cores = new ArrayList<>(s.cores());
        ChipState.Tile t = core.tile();
        cores.set(core.index(), new ChipState.Core(core.index(), core.counts(), core.stateCycles(), core.freeAt(),
                new ChipState.Tile(cells, t.readNoiseRng(), t.clipped(), t.plasticity())));
        return new ChipState(s.now(), s.lastEnd(), s.serialCycles(), s.samples(), cores, s.layers(), s.noc(),
                s.overlap(), s.stepPhases());
    }

    @Test
    void aRefusedResumeNamesTheChipFieldTheNetworkOrTheDataThatChanged(@TempDir Path dir) throws Exception {
        Path ck = file.getParent();
        // a chip field (what --set chip.core.adc.bits=6 changes)
        Object[] r = CheckpointResumeTest.cli("run", exp.toString(), "--resume", ck.toString(), "--out",
                dir.resolve("a").toString(), "--quiet", "--set", "chip.core.adc.bits=6");
        refused(r, "chip.core.adc.bits: 8 -> 6");
        // the network file's content (the same path)
        Path d2 = dir.resolve("net");
        Files.createDirectories(d2);
        Files.writeString(d2.resolve("network.yaml"), CheckpointResumeTest.NETWORK.replace("eta: 0.05", "eta: 0.04"));
        Files.writeString(d2.resolve("experiment.yaml"), CheckpointResumeTest.EXPERIMENT);
        r = CheckpointResumeTest.cli("run", d2.resolve("experiment.yaml").toString(), "--resume", ck.toString(), "--out",
                dir.resolve("b").toString(), "--quiet");
        refused(r, "the network file's content changed");
        // the data loaded (here: another preprocessing of the same source changes the values)
        r = CheckpointResumeTest.cli("run", exp.toString(), "--resume", ck.toString(), "--out",
                dir.resolve("c").toString(), "--quiet", "--set", "data.preprocess=scale");
        refused(r, "data.preprocess: l2 -> scale", "the training data loaded changed");
    }

    @Test
    void aMovedRunFolderResumesAndStaleTemporaryFilesAreRemoved(@TempDir Path dir) throws Exception {
        // the experiment and network inside the run folder (as the demo lays them out), the whole folder moved
        Path a = dir.resolve("a");
        Files.createDirectories(a.resolve("inputs"));
        Files.writeString(a.resolve("inputs/network.yaml"), CheckpointResumeTest.NETWORK);
        Files.writeString(a.resolve("inputs/experiment.yaml"), CheckpointResumeTest.EXPERIMENT);
        Files.copy(file, a.resolve(CheckpointFile.NAME));
        Path stale = a.resolve("." + CheckpointFile.NAME + ".0b6f2c5e-killed-mid-write.tmp");
        Files.write(stale, Arrays.copyOf(good, good.length / 3));
        // the checkpoint came from a run whose experiment sat elsewhere: same content, other paths
        Path b = dir.resolve("moved/b");
        Files.createDirectories(b.getParent());
        Files.move(a, b, StandardCopyOption.ATOMIC_MOVE);
        CheckpointResumeTest.ok("run", b.resolve("inputs/experiment.yaml").toString(), "--out", b.toString(), "--quiet",
                "--checkpoint-every", "50", "--resume");
        assertArrayEquals(straight, Files.readAllBytes(b.resolve("report.json")), "moved, resumed, same bytes");
        try (Stream<Path> s = Files.list(b)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), left, "no temporary file left after the resume");
        }
    }
}
