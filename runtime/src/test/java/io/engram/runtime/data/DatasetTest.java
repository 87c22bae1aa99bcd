package io.engram.runtime.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetTest {
    private static Dataset tiny() {
        float[][] images = new float[5][4];
        int[] labels = {0, 1, 2, 1, 0};
        for (int i = 0; i < 5; i++) images[i][0] = i;
        return new Dataset("t", 2, 2, 1, 3, images, labels);
    }

    @Test
    void subsetTakesTheRequestedRange() {
        Dataset d = tiny();
        Dataset s = d.subset(1, 3);
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {1, 2, 1}, s.labels());
        assertEquals(1f, s.images()[0][0]);
        assertEquals(3f, s.images()[2][0]);
        assertEquals(4, s.pixels());
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(3, 3));
    }

    @Test
    void limitAndClassCounts() {
        Dataset d = tiny();
        assertSame(d, d.limit(0));
        assertSame(d, d.limit(9));
        assertEquals(2, d.limit(2).size());
        assertArrayEquals(new int[] {2, 2, 1}, d.classCounts());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", 2, 2, 1, 3, new float[][] {new float[3]}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", 2, 2, 1, 3, new float[][] {new float[4]}, new int[] {3}));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", 2, 2, 1, 3, new float[][] {new float[4]}, new int[] {0, 1}));
    }
}
