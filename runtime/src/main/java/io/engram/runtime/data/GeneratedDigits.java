package io.engram.runtime.data;

import io.engram.chip.random.RandomStreams;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A built-in dataset needing no download: 28x28 greyscale images of the ten digits drawn as pen strokes.
 *
 * <p>Each class is a template of line and arc strokes in a unit box. Every sample bends the template with a smooth
 * random displacement field, applies a random rotation (+-15 degrees), scale (0.8..1.1), aspect (0.85..1.15) and
 * shear (+-0.25), shifts it by up to +-3 pixels, draws it anti-aliased with a stroke width of 1.5..3 pixels and a
 * peak intensity of 0.75..1, and adds Gaussian noise (sigma up to 0.08) before clipping to [0, 1].
 * The classes are learnable but not trivially: softmax regression on raw pixels reaches roughly 85-95 %.
 *
 * <p>Deterministic: sample {@code i} depends only on (seed, i), labels on (seed, i / 10), so
 * {@code generate(n, s)} is a prefix of {@code generate(m, s)} for {@code n <= m}. Labels are balanced: every
 * run of ten consecutive samples (from index 0) holds each digit once, in a random order.
 */
public final class GeneratedDigits {
    public static final int WIDTH = 28;
    public static final int HEIGHT = 28;
    public static final int CLASSES = 10;
    /** Sizes used when no limit is given. */
    public static final int DEFAULT_TRAIN = 10_000;
    public static final int DEFAULT_TEST = 2_000;

    private static final String STREAM = "data/generated-digits";
    /** The glyph's unit box spans this many pixels, as MNIST fits digits into 20x20. */
    private static final double BOX_PX = 20.0;

    private static final List<List<double[]>> TEMPLATES = templates();

    private GeneratedDigits() {}

    /** {@code n} samples for {@code seed}. */
    public static Dataset generate(int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        RandomStreams streams = new RandomStreams(seed);
        float[][] images = new float[n][];
        int[] labels = new int[n];
        int[] block = new int[CLASSES];
        for (int i = 0; i < n; i++) {
            if (i % CLASSES == 0) {
                SplittableRandom br = streams.stream(STREAM, "labels-" + (i / CLASSES));
                for (int k = 0; k < CLASSES; k++) block[k] = k;
                for (int k = CLASSES - 1; k > 0; k--) {
                    int j = br.nextInt(k + 1);
                    int t = block[k];
                    block[k] = block[j];
                    block[j] = t;
                }
            }
            labels[i] = block[i % CLASSES];
            images[i] = render(labels[i], streams.stream(STREAM, "sample-" + i));
        }
        return new Dataset("generated", WIDTH, HEIGHT, 1, CLASSES, images, labels);
    }

    /** Train and test sets from disjoint streams of the same seed. */
    public static Splits splits(int trainCount, int testCount, long seed) {
        long trainSeed = new RandomStreams(seed).derive(STREAM, "train");
        long testSeed = new RandomStreams(seed).derive(STREAM, "test");
        return new Splits(generate(trainCount, trainSeed), generate(testCount, testSeed));
    }

    /** Draws one sample of {@code digit}. */
    static float[] render(int digit, SplittableRandom r) {
        double rot = Math.toRadians(uniform(r, -15, 15));
        double scale = uniform(r, 0.8, 1.1);
        double aspect = uniform(r, 0.85, 1.15);
        double shear = uniform(r, -0.25, 0.25);
        double dx = uniform(r, -3, 3);
        double dy = uniform(r, -3, 3);
        double width = uniform(r, 1.5, 3.0);
        double peak = uniform(r, 0.75, 1.0);
        double noise = uniform(r, 0.0, 0.08);
        // Smooth displacement field in unit coordinates: one low-frequency sine per axis.
        double ax = uniform(r, -0.06, 0.06);
        double ay = uniform(r, -0.06, 0.06);
        double fx = uniform(r, 0.5, 1.5);
        double fy = uniform(r, 0.5, 1.5);
        double px = uniform(r, 0, 2 * Math.PI);
        double py = uniform(r, 0, 2 * Math.PI);

        double sx = scale * aspect;
        double sy = scale / aspect;
        double cos = Math.cos(rot);
        double sin = Math.sin(rot);
        double cx = WIDTH / 2.0 + dx;
        double cy = HEIGHT / 2.0 + dy;

        float[] img = new float[WIDTH * HEIGHT];
        double half = width / 2.0;
        for (double[] stroke : TEMPLATES.get(digit)) {
            int points = stroke.length / 2;
            double[] xs = new double[points];
            double[] ys = new double[points];
            for (int k = 0; k < points; k++) {
                double u = stroke[2 * k];
                double v = stroke[2 * k + 1];
                u += ax * Math.sin(Math.PI * fx * v + px);
                v += ay * Math.sin(Math.PI * fy * u + py);
                double a = (u - 0.5) * sx;
                double b = (v - 0.5) * sy;
                a += shear * b;
                xs[k] = cx + BOX_PX * (a * cos - b * sin);
                ys[k] = cy + BOX_PX * (a * sin + b * cos);
            }
            for (int k = 0; k + 1 < points; k++) {
                drawSegment(img, xs[k], ys[k], xs[k + 1], ys[k + 1], half, (float) peak);
            }
        }
        for (int p = 0; p < img.length; p++) {
            double v = img[p] + noise * RandomStreams.gaussian(r);
            img[p] = (float) Math.max(0.0, Math.min(1.0, v));
        }
        return img;
    }

    /** Anti-aliased thick segment: intensity falls from peak to 0 over one pixel at distance {@code half}. */
    private static void drawSegment(float[] img, double x0, double y0, double x1, double y1, double half, float peak) {
        int xmin = Math.max(0, (int) Math.floor(Math.min(x0, x1) - half - 1));
        int xmax = Math.min(WIDTH - 1, (int) Math.ceil(Math.max(x0, x1) + half + 1));
        int ymin = Math.max(0, (int) Math.floor(Math.min(y0, y1) - half - 1));
        int ymax = Math.min(HEIGHT - 1, (int) Math.ceil(Math.max(y0, y1) + half + 1));
        double ex = x1 - x0;
        double ey = y1 - y0;
        double len2 = ex * ex + ey * ey;
        for (int y = ymin; y <= ymax; y++) {
            double qy = y + 0.5;
            for (int x = xmin; x <= xmax; x++) {
                double qx = x + 0.5;
                double t = len2 == 0 ? 0 : ((qx - x0) * ex + (qy - y0) * ey) / len2;
                t = Math.max(0, Math.min(1, t));
                double ddx = qx - (x0 + t * ex);
                double ddy = qy - (y0 + t * ey);
                double d = Math.sqrt(ddx * ddx + ddy * ddy);
                double cover = Math.max(0, Math.min(1, half + 0.5 - d));
                float v = (float) (peak * cover);
                int i = y * WIDTH + x;
                if (v > img[i]) img[i] = v;
            }
        }
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    // ---- templates: strokes as flat (u, v) point lists in a unit box, v pointing down ----

    private static List<List<double[]>> templates() {
        List<List<double[]>> t = new ArrayList<>();
        t.add(List.of(arc(0.5, 0.5, 0.30, 0.45, 0, 360)));
        t.add(List.of(line(0.36, 0.20, 0.55, 0.05, 0.55, 0.95)));
        t.add(List.of(join(arc(0.5, 0.30, 0.28, 0.25, 200, 380), line(0.18, 0.95, 0.85, 0.95))));
        t.add(List.of(arc(0.5, 0.28, 0.26, 0.23, 200, 450), arc(0.5, 0.72, 0.28, 0.23, 270, 520)));
        t.add(List.of(line(0.62, 0.05, 0.12, 0.68, 0.88, 0.68), line(0.62, 0.05, 0.62, 0.95)));
        t.add(List.of(join(line(0.80, 0.05, 0.32, 0.05, 0.28, 0.45), arc(0.5, 0.68, 0.30, 0.27, 225, 510))));
        t.add(List.of(join(line(0.72, 0.05, 0.45, 0.20, 0.28, 0.45, 0.24, 0.70), arc(0.5, 0.70, 0.26, 0.25, 180, 540))));
        t.add(List.of(line(0.15, 0.05, 0.85, 0.05, 0.42, 0.95)));
        t.add(List.of(arc(0.5, 0.27, 0.22, 0.22, 0, 360), arc(0.5, 0.72, 0.27, 0.23, 0, 360)));
        t.add(List.of(arc(0.5, 0.30, 0.26, 0.25, 0, 360), line(0.76, 0.30, 0.62, 0.95)));
        return List.copyOf(t);
    }

    private static double[] line(double... uv) { return uv; }

    /** Points on an elliptic arc from {@code a0} to {@code a1} degrees (clockwise on screen as angles grow). */
    private static double[] arc(double cu, double cv, double ru, double rv, double a0, double a1) {
        int segments = Math.max(4, (int) Math.ceil(Math.abs(a1 - a0) / 15.0));
        double[] pts = new double[2 * (segments + 1)];
        for (int k = 0; k <= segments; k++) {
            double a = Math.toRadians(a0 + (a1 - a0) * k / segments);
            pts[2 * k] = cu + ru * Math.cos(a);
            pts[2 * k + 1] = cv + rv * Math.sin(a);
        }
        return pts;
    }

    private static double[] join(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
