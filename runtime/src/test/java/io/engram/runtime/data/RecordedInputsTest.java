package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded inputs [steps x inputs] per sample from HDF5 and CSV: the same values either way, mistakes named. */
class RecordedInputsTest {
    @TempDir
    Path tmp;

    /** 2 samples x 3 steps x 2 inputs; value = sample * 100 + step * 10 + input, spikes would be 0/1 but any value reads. */
    static float[][][] values() {
        float[][][] v = new float[2][3][2];
        for (int s = 0; s < 2; s++) for (int t = 0; t < 3; t++) for (int i = 0; i < 2; i++) v[s][t][i] = s * 100 + t * 10 + i;
        return v;
    }

    @Test
    void hdf5AndCsvGiveTheSameSamples() throws Exception {
        Path h5 = tmp.resolve("in.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("inputs", values());
            f.putDataset("labels", new int[] {1, 0});
        }
        Path csv = tmp.resolve("in.csv");
        StringBuilder b = new StringBuilder("sample,step,label,a,b\n");
        for (int s = 0; s < 2; s++) for (int t = 0; t < 3; t++) {
            b.append(s).append(',').append(t).append(',').append(1 - s);
            for (int i = 0; i < 2; i++) b.append(',').append(values()[s][t][i]);
            b.append('\n');
        }
        Files.writeString(csv, b);
        for (Path p : new Path[] {h5, csv}) {
            Dataset d = RecordedInputs.load(p, 0);
            assertEquals(2, d.size(), p.toString());
            assertEquals(2, d.width(), "inputs");
            assertEquals(3, d.height(), "steps");
            assertEquals(2, d.classes());
            assertArrayEquals(new int[] {1, 0}, d.labels());
            // step-major: index = step * inputs + input; sample 1, step 2, input 1 = 121
            assertEquals(121f, d.images()[1][2 * 2 + 1]);
            assertEquals(10f, d.images()[0][2]);
        }
        assertEquals(1, RecordedInputs.load(csv, 1).size(), "limit");
    }

    @Test
    void withoutLabelsEverySampleIsClassZero() throws Exception {
        Path h5 = tmp.resolve("nolabels.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("inputs", values());
        }
        Dataset d = RecordedInputs.load(h5, 0);
        assertEquals(1, d.classes());
        assertArrayEquals(new int[] {0, 0}, d.labels());
    }

    @Test
    void mistakesNameTheFileAndPlace() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "sample,step,x\n0,0,1\n0,2,1\n");
        SpecException e = assertThrows(SpecException.class, () -> RecordedInputs.load(csv, 0));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 3 step"), e.getMessage());
        Files.writeString(csv, "sample,step,x\n0,0,1\n0,1,1\n1,0,1\n");
        e = assertThrows(SpecException.class, () -> RecordedInputs.load(csv, 0));
        assertTrue(e.getMessage().contains("2 steps, as the first sample"), e.getMessage());
        Files.writeString(csv, "sample,step,x\n0,0,NaN\n");
        e = assertThrows(SpecException.class, () -> RecordedInputs.load(csv, 0));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        Path h5 = tmp.resolve("flat.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("inputs", new float[] {1, 2});
        }
        e = assertThrows(SpecException.class, () -> RecordedInputs.load(h5, 0));
        assertTrue(e.getMessage().contains("/inputs"), e.getMessage());
    }
}
