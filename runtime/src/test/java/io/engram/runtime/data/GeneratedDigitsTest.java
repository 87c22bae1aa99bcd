package io.engram.runtime.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedDigitsTest {
    @Test
    void sameSeedSameBytesAndPrefixStable() {
        Dataset a = GeneratedDigits.generate(200, 42);
        Dataset b = GeneratedDigits.generate(200, 42);
        Dataset longer = GeneratedDigits.generate(230, 42);
        assertArrayEquals(a.labels(), b.labels());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.images()[i], b.images()[i], 0f);
            assertArrayEquals(a.images()[i], longer.images()[i], 0f);
        }
        Dataset other = GeneratedDigits.generate(200, 43);
        assertFalse(java.util.Arrays.equals(a.images()[0], other.images()[0]));
    }

    @Test
    void shapeRangeAndBalancedClasses() {
        Dataset d = GeneratedDigits.generate(1000, 7);
        assertEquals(28, d.width());
        assertEquals(28, d.height());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, d.classCounts());
        int[] first = new int[10];
        for (int i = 0; i < 10; i++) first[d.labels()[i]]++;
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, first);
        double ink = 0;
        for (float[] im : d.images()) {
            for (float v : im) {
                assertTrue(v >= 0f && v <= 1f);
                ink += v;
            }
        }
        double meanInk = ink / d.size();
        // MNIST carries about 100 "pixels" of ink per image (mean intensity 0.13 x 784).
        assertTrue(meanInk > 60 && meanInk < 200, "mean ink per image " + meanInk);
    }

    @Test
    void trainAndTestStreamsDiffer() {
        Splits s = GeneratedDigits.splits(50, 50, 1);
        assertFalse(java.util.Arrays.equals(s.train().images()[0], s.test().images()[0]));
    }

    /** Learnable but not trivial: softmax regression on raw pixels lands between 75 % and 97 %. */
    @Test
    void linearClassifierIsGoodButNotPerfect() {
        Splits s = GeneratedDigits.splits(3000, 1000, 5);
        double acc = softmaxAccuracy(s.train(), s.test(), 4);
        assertTrue(acc > 0.75 && acc < 0.97, "linear accuracy " + acc);
    }

    static double softmaxAccuracy(Dataset train, Dataset test, int epochs) {
        int classes = train.classes();
        int pixels = train.pixels();
        double[][] w = new double[classes][pixels + 1];
        double[] z = new double[classes];
        double lr = 0.05;
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < train.size(); i++) {
                float[] x = train.images()[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double s = w[c][pixels];
                    for (int p = 0; p < pixels; p++) s += w[c][p] * x[p];
                    z[c] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
                for (int c = 0; c < classes; c++) {
                    double g = lr * (z[c] / sum - (c == train.labels()[i] ? 1 : 0));
                    for (int p = 0; p < pixels; p++) w[c][p] -= g * x[p];
                    w[c][pixels] -= g;
                }
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] x = test.images()[i];
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = w[c][pixels];
                for (int p = 0; p < pixels; p++) s += w[c][p] * x[p];
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (best == test.labels()[i]) correct++;
        }
        return correct / (double) test.size();
    }
}
