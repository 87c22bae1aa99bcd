package io.engram.runtime.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PreprocessTest {
    private final Splits data = GeneratedDigits.splits(300, 100, 3);

    @Test
    void centreMakesTheTrainMeanZeroAndUsesTrainStatisticsForTest() {
        float[] before = data.train().images()[0].clone();
        Preprocess.Fitted f = Preprocess.CENTRE.fit(data.train());
        Dataset c = f.apply(data.train());
        for (int p = 0; p < c.pixels(); p++) {
            double s = 0;
            for (float[] im : c.images()) s += im[p];
            assertEquals(0.0, s / c.size(), 1e-5);
        }
        // Test is shifted by the train mean, not its own.
        Dataset t = f.apply(data.test());
        for (int p = 0; p < t.pixels(); p += 97) {
            assertEquals(data.test().images()[5][p] - f.mean()[p], t.images()[5][p], 1e-7f);
        }
        // Pure: the input arrays are untouched.
        assertArrayEquals(before, data.train().images()[0], 0f);
    }

    @Test
    void l2NormsAreOne() {
        Splits s = Preprocess.L2.apply(data);
        for (Dataset d : new Dataset[] {s.train(), s.test()}) {
            for (float[] im : d.images()) {
                double ss = 0;
                for (float v : im) ss += (double) v * v;
                assertEquals(1.0, Math.sqrt(ss), 1e-5);
            }
        }
        float[] zero = Preprocess.L2.fit(data.train()).apply(new float[784]);
        assertArrayEquals(new float[784], zero, 0f);
    }

    @Test
    void standardiseGivesZeroMeanUnitDeviationPerSample() {
        Dataset d = Preprocess.STANDARDISE.fit(data.train()).apply(data.train());
        for (float[] im : d.images()) {
            double s = 0;
            double ss = 0;
            for (float v : im) {
                s += v;
                ss += (double) v * v;
            }
            double mean = s / im.length;
            assertEquals(0.0, mean, 1e-5);
            assertEquals(1.0, Math.sqrt(ss / im.length - mean * mean), 1e-4);
        }
    }

    @Test
    void scaleMapsTheTrainRangeOntoUnitAndClipsTest() {
        float[][] tr = {{0.2f, 0.6f}, {0.4f, 0.2f}};
        float[][] te = {{0.1f, 0.5f}};
        Dataset train = new Dataset("s", 2, 1, 1, 1, tr, new int[2]);
        Dataset test = new Dataset("s", 2, 1, 1, 1, te, new int[1]);
        Splits s = Preprocess.SCALE.apply(new Splits(train, test));
        assertArrayEquals(new float[] {0f, 1f}, s.train().images()[0], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0f}, s.train().images()[1], 1e-6f);
        assertArrayEquals(new float[] {0f, 0.75f}, s.test().images()[0], 1e-6f);
    }
}
