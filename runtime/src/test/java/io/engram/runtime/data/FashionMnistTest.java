package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {
    @Test
    void installedTestSplitHasTheDocumentedShape() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "dataset-fashion-mnist is not installed");
        IdxReader.Header h = IdxReader.readHeader(FashionMnist.DEFAULT_DIR.resolve("t10k-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {10_000, 28, 28}, h.dims());

        Dataset test = FashionMnist.load(FashionMnist.DEFAULT_DIR, Split.TEST, 0);
        assertEquals(10_000, test.size());
        assertEquals(28, test.width());
        assertEquals(28, test.height());
        assertEquals(1, test.channels());
        assertEquals(10, test.classes());
        for (int label : test.labels()) assertTrue(label >= 0 && label <= 9);
        // The published test split is balanced: 1,000 per class.
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
        float max = 0;
        for (float[] im : test.images()) {
            for (float v : im) {
                assertTrue(v >= 0f && v <= 1f);
                max = Math.max(max, v);
            }
        }
        assertEquals(1f, max);

        Dataset train = FashionMnist.load(FashionMnist.DEFAULT_DIR, Split.TRAIN, 500);
        assertEquals(500, train.size());
    }

    @Test
    void missingDirectoryTellsHowToInstall(@TempDir Path tmp) {
        SpecException e = assertThrows(SpecException.class,
                () -> FashionMnist.load(tmp.resolve("absent"), Split.TEST, 10));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }
}
