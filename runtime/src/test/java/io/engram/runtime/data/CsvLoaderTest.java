package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvLoaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void unitValuesWithHeaderAndInferredSquareShape() throws IOException {
        Path f = write("a.csv", "label,p0,p1,p2,p3\n1,0,0.25,0.5,1\n\n0,1,1,0,0\r\n2,\"0.75\",0,0,0\n");
        Dataset d = CsvLoader.load(f, "a", 0);
        assertEquals(3, d.size());
        assertEquals(2, d.width());
        assertEquals(2, d.height());
        assertEquals(3, d.classes());
        assertArrayEquals(new int[] {1, 0, 2}, d.labels());
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 1f}, d.images()[0], 0f);
        assertArrayEquals(new float[] {0.75f, 0f, 0f, 0f}, d.images()[2], 0f);
    }

    @Test
    void byteValuesWithoutHeaderAreScaled() throws IOException {
        Path f = write("b.csv", "3,0,51,255\n1,255,0,102\n");
        Dataset d = CsvLoader.load(f, "b", 0);
        assertEquals(3, d.width()); // 3 is not square: a 3x1 row
        assertEquals(1, d.height());
        assertEquals(4, d.classes());
        assertArrayEquals(new float[] {0f, 0.2f, 1f}, d.images()[0], 1e-7f);
        assertArrayEquals(new float[] {1f, 0f, 0.4f}, d.images()[1], 1e-7f);
        assertEquals(1, CsvLoader.load(f, "b", 1).size());
    }

    @Test
    void badCellNamesLineAndColumn() throws IOException {
        Path f = write("c.csv", "label,a,b,c,d\n1,0,0,0,0\n2,0,0,x7,0\n");
        SpecException e = assertThrows(SpecException.class, () -> CsvLoader.load(f, "c", 0));
        assertEquals(f.toString(), e.file());
        assertEquals("line 3, column 4", e.fieldPath());
        assertEquals("'x7'", e.value());
        assertTrue(e.getMessage().contains("c.csv: field 'line 3, column 4': value 'x7'"), e.getMessage());

        Path neg = write("neg.csv", "1,0,-0.5\n");
        e = assertThrows(SpecException.class, () -> CsvLoader.load(neg, "n", 0));
        assertEquals("line 1, column 3", e.fieldPath());

        Path label = write("label.csv", "1,0\n1.5,0\n");
        e = assertThrows(SpecException.class, () -> CsvLoader.load(label, "l", 0));
        assertEquals("line 2, column 1", e.fieldPath());
    }

    @Test
    void raggedRowAndShapeMismatch() throws IOException {
        Path f = write("d.csv", "1,0,0,0,0\n1,0,0,0\n");
        SpecException e = assertThrows(SpecException.class, () -> CsvLoader.load(f, "d", 0));
        assertEquals("line 2", e.fieldPath());
        assertTrue(e.getMessage().contains("expected 5 columns like line 1"), e.getMessage());

        e = assertThrows(SpecException.class, () -> CsvLoader.load(f, "d", 3, 3, 1, 0));
        assertTrue(e.getMessage().contains("expected 9 (3x3x1)"), e.getMessage());

        Path empty = write("e.csv", "label,a\n");
        e = assertThrows(SpecException.class, () -> CsvLoader.load(empty, "e", 0));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());

        e = assertThrows(SpecException.class, () -> CsvLoader.load(tmp.resolve("none.csv"), "x", 0));
        assertTrue(e.getMessage().contains("none.csv"), e.getMessage());
    }
}
