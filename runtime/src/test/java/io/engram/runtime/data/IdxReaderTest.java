package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** 3 images of 2 rows x 4 columns with bytes 0, 1, .., 23 scaled to 0..255 by 11. */
    private static byte[] pixels() {
        byte[] b = new byte[3 * 2 * 4];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 11);
        return b;
    }

    @Test
    void roundTripPlainAndGzip() {
        for (String suffix : new String[] {"", ".gz"}) {
            Path images = dir.resolve("train-images-idx3-ubyte" + suffix);
            Path labels = dir.resolve("train-labels-idx1-ubyte" + suffix);
            IdxWriter.writeUbyte(images, new int[] {3, 2, 4}, pixels());
            IdxWriter.writeUbyte(labels, new int[] {3}, new byte[] {7, 0, 9});

            IdxReader.Header h = IdxReader.readHeader(images);
            assertArrayEquals(new int[] {3, 2, 4}, h.dims());
            assertEquals(3, h.count());
            assertEquals(8, h.itemBytes());
            assertEquals(16 + 24, h.expectedBytes());

            IdxReader.Data raw = IdxReader.read(images, 0);
            assertArrayEquals(pixels(), raw.bytes());
            assertEquals(253, raw.unsigned(23)); // 23 * 11, read unsigned

            Dataset d = IdxReader.readDataset("t", images, labels, 10, 0);
            assertEquals(3, d.size());
            assertEquals(4, d.width());
            assertEquals(2, d.height());
            assertArrayEquals(new int[] {7, 0, 9}, d.labels());
            for (int i = 0; i < 3; i++) {
                for (int p = 0; p < 8; p++) assertEquals(((i * 8 + p) * 11) / 255f, d.images()[i][p], 0f);
            }
        }
    }

    @Test
    void limitReadsOnlyTheFirstItems() {
        Path images = dir.resolve("i");
        IdxWriter.writeUbyte(images, new int[] {3, 2, 4}, pixels());
        IdxReader.Data raw = IdxReader.read(images, 2);
        assertEquals(2, raw.count());
        assertArrayEquals(Arrays.copyOf(pixels(), 16), raw.bytes());
    }

    @Test
    void truncatedFileNamesFileAndSizes() throws IOException {
        Path full = dir.resolve("full");
        IdxWriter.writeUbyte(full, new int[] {3, 2, 4}, pixels());
        byte[] all = Files.readAllBytes(full);
        assertEquals(40, all.length);
        Path cut = dir.resolve("cut-images-idx3-ubyte");
        Files.write(cut, Arrays.copyOf(all, 30));
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.read(cut, 0));
        assertEquals(cut.toString(), e.file());
        assertTrue(e.getMessage().contains("cut-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated IDX file: expected 40 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("found 30"), e.getMessage());
        // A limit inside the part present still loads.
        assertEquals(1, IdxReader.read(cut, 1).count());
    }

    @Test
    void truncatedGzipReportsUncompressedSizes() throws IOException {
        Path cut = dir.resolve("cut.gz");
        byte[] all = new byte[16 + 10 * 100];
        all[2] = 8;
        all[3] = 3;
        all[7] = 20; // promises 20 items of 10x10 = 2016 bytes; only 10 present
        all[11] = 10;
        all[15] = 10;
        try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(cut))) {
            z.write(all);
        }
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.read(cut, 0));
        assertTrue(e.getMessage().contains("expected 2016 bytes after decompression, found 1016"), e.getMessage());
    }

    @Test
    void cutCompressedDownloadReportsHowMuchDecoded() throws IOException {
        Path full = dir.resolve("full.gz");
        byte[] noisy = new byte[200 * 28 * 28];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < noisy.length; i++) noisy[i] = (byte) r.nextInt(256); // incompressible
        IdxWriter.writeUbyte(full, new int[] {200, 28, 28}, noisy);
        byte[] gz = Files.readAllBytes(full);
        Path cut = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.read(cut, 0));
        String m = e.getMessage();
        assertTrue(m.startsWith(cut + ": truncated IDX file: expected 156816 bytes after decompression, found "), m);
        long found = Long.parseLong(m.replaceAll(".*found (\\d+).*", "$1"));
        assertTrue(found > 60_000 && found < 100_000, m); // about half the data decoded before the cut
    }

    @Test
    void badMagicTypeAndHeaderAreSpecErrors() throws IOException {
        Path notIdx = dir.resolve("readme.txt");
        Files.writeString(notIdx, "hello world");
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.readHeader(notIdx));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());

        Path floats = dir.resolve("floats");
        Files.write(floats, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 0});
        e = assertThrows(SpecException.class, () -> IdxReader.readHeader(floats));
        assertEquals("type", e.fieldPath());
        assertEquals("0x0d", e.value());

        Path shortHeader = dir.resolve("short");
        Files.write(shortHeader, new byte[] {0, 0, 8, 3, 0, 0});
        e = assertThrows(SpecException.class, () -> IdxReader.readHeader(shortHeader));
        assertTrue(e.getMessage().contains("expected 16 header bytes, found 6"), e.getMessage());

        Path missing = dir.resolve("nope");
        e = assertThrows(SpecException.class, () -> IdxReader.readHeader(missing));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeUbyte(images, new int[] {3, 2, 4}, pixels());
        IdxWriter.writeUbyte(labels, new int[] {2}, new byte[] {1, 2});
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.readDataset("t", images, labels, 10, 0));
        assertEquals("count", e.fieldPath());
        assertEquals("2", e.value());

        SpecException swapped = assertThrows(SpecException.class, () -> IdxReader.readDataset("t", labels, images, 10, 0));
        assertTrue(swapped.getMessage().contains("3 dimensions"), swapped.getMessage());
    }

    @Test
    void labelOutsideClassesIsNamed() {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        IdxWriter.writeUbyte(images, new int[] {3, 2, 4}, pixels());
        IdxWriter.writeUbyte(labels, new int[] {3}, new byte[] {1, 12, 2});
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.readDataset("t", images, labels, 10, 0));
        assertEquals("label[1]", e.fieldPath());
        assertEquals("12", e.value());
    }

    @Test
    void findsSplitFilesInEitherSpelling() {
        IdxWriter.writeUbyte(dir.resolve("t10k-images.idx3-ubyte"), new int[] {3, 2, 4}, pixels());
        IdxWriter.writeUbyte(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {3}, new byte[] {0, 1, 2});
        Dataset d = IdxReader.loadSplit(dir, Split.TEST, "x", 0, 0, null);
        assertEquals(3, d.size());
        assertEquals(3, d.classes()); // inferred: largest label + 1
        SpecException e = assertThrows(SpecException.class,
                () -> IdxReader.loadSplit(dir, Split.TRAIN, "x", 0, 0, "try harder"));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte[.gz]"), e.getMessage());
        assertTrue(e.getMessage().contains("try harder"), e.getMessage());
    }
}
