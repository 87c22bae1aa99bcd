package io.engram.runtime.readout;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The off-chip softmax regression: it learns a linearly separable problem, its standardisation makes it blind to a
 * per-feature offset and positive scale, a constant feature does no harm, and it is deterministic for a seed.
 * <p>
 * The problem: 3 classes in 4 features; class c has feature c at 2 + noise and the others at noise in [-0.5, 0.5],
 * feature 3 is noise only. The class is argmax of features 0..2, separable with margin 1, so a linear classifier
 * reaches 100 % on any sample of it.
 */
class LinearReadoutTest {
    private static final int DIM = 4;
    private static final int CLASSES = 3;

    private static float[][] features(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][DIM];
        for (int s = 0; s < n; s++) {
            labels[s] = s % CLASSES;
            for (int i = 0; i < DIM; i++) x[s][i] = (float) (r.nextDouble() - 0.5);
            x[s][labels[s]] += 2;
        }
        return x;
    }

    private static LinearReadout fit(float[][] x, int[] y, long seed) {
        LinearReadout l = new LinearReadout(x[0].length, CLASSES);
        l.fit(x, y, new LinearReadout.Settings(30, 16, 1e-2, 1e-4, seed));
        return l;
    }

    @Test
    void learnsASeparableProblemAndGeneralises() {
        int[] y = new int[300];
        float[][] x = features(300, 1, y);
        int[] yt = new int[150];
        float[][] xt = features(150, 2, yt);
        LinearReadout l = fit(x, y, 7);
        assertEquals(1.0, l.accuracy(x, y));
        assertEquals(1.0, l.accuracy(xt, yt));
        assertEquals(0.0, l.accuracy(new float[0][], new int[0]));
    }

    @Test
    void standardisationIgnoresOffsetsAndPositiveScales() {
        int[] y = new int[300];
        float[][] x = features(300, 1, y);
        int[] yt = new int[150];
        float[][] xt = features(150, 2, yt);
        // feature i -> a_i x + b_i with a = 1000, 0.001, 7, 1 and b = 50, -3, 0, 1e4: the standardised inputs are
        // the same (up to float rounding), so are the predictions
        double[] a = {1000, 0.001, 7, 1};
        double[] b = {50, -3, 0, 1e4};
        LinearReadout plain = fit(x, y, 7);
        LinearReadout moved = fit(affine(x, a, b), y, 7);
        float[][] xtMoved = affine(xt, a, b);
        for (int s = 0; s < xt.length; s++) assertEquals(plain.predict(xt[s]), moved.predict(xtMoved[s]), "sample " + s);
        assertEquals(1.0, moved.accuracy(xtMoved, yt));
    }

    private static float[][] affine(float[][] x, double[] a, double[] b) {
        float[][] o = new float[x.length][DIM];
        for (int s = 0; s < x.length; s++) for (int i = 0; i < DIM; i++) o[s][i] = (float) (a[i] * x[s][i] + b[i]);
        return o;
    }

    @Test
    void aConstantFeatureDoesNoHarm() {
        int[] y = new int[300];
        float[][] x = features(300, 1, y);
        for (float[] v : x) v[3] = 5f; // zero variance: its standard deviation is floored, its z-score is 0
        LinearReadout l = fit(x, y, 7);
        assertEquals(1.0, l.accuracy(x, y));
        float[] probe = x[0].clone();
        probe[3] = 5f;
        assertEquals(y[0], l.predict(probe));
    }

    @Test
    void deterministicForASeed() {
        int[] y = new int[90];
        float[][] x = features(90, 3, y);
        // a short, slow fit leaves the classifier undecided on ambiguous points, where the seed would show
        SplittableRandom r = new SplittableRandom(5);
        float[][] probes = new float[200][DIM];
        for (float[] p : probes) for (int i = 0; i < DIM; i++) p[i] = (float) (r.nextDouble() * 2.5 - 0.25);
        LinearReadout.Settings s = new LinearReadout.Settings(1, 8, 1e-3, 1e-4, 11);
        LinearReadout a = new LinearReadout(DIM, CLASSES);
        a.fit(x, y, s);
        LinearReadout b = new LinearReadout(DIM, CLASSES);
        b.fit(x, y, s);
        for (float[] p : probes) assertEquals(a.predict(p), b.predict(p));
        assertTrue(a.accuracy(x, y) > 1.0 / CLASSES, "one slow epoch already beats chance: " + a.accuracy(x, y));
    }
}
