package io.engram.runtime.data;

/**
 * Input preprocessing, a pure function: {@link #fit} computes any statistics from the training set only, and the
 * fitted transform returns new arrays for train and test alike.
 * Per-sample transforms ({@link #L2}, {@link #STANDARDISE}) need no statistics.
 */
public enum Preprocess {
    /** Min-max scaling to [0, 1] with the global minimum and maximum of the training set; test values are clipped. */
    SCALE,
    /** Subtract the per-pixel training mean. */
    CENTRE,
    /** Divide each sample by its L2 norm (an all-zero sample stays zero). */
    L2,
    /** Subtract each sample's mean and divide by its standard deviation (a constant sample becomes zero). */
    STANDARDISE;

    /** Statistics of a training set for one preprocessing kind; applies the same transform to any dataset. */
    public record Fitted(Preprocess kind, float min, float max, float[] mean) {
        public Dataset apply(Dataset d) {
            if (mean != null && d.pixels() != mean.length) {
                throw new IllegalArgumentException(d + " has " + d.pixels() + " pixels, fitted on " + mean.length);
            }
            float[][] out = new float[d.size()][];
            for (int i = 0; i < out.length; i++) out[i] = apply(d.images()[i]);
            return d.withImages(out);
        }

        /** The transformed copy of one sample. */
        public float[] apply(float[] x) {
            float[] y = new float[x.length];
            switch (kind) {
                case SCALE -> {
                    float range = max - min;
                    for (int p = 0; p < x.length; p++) {
                        float v = range > 0 ? (x[p] - min) / range : 0f;
                        y[p] = Math.max(0f, Math.min(1f, v));
                    }
                }
                case CENTRE -> {
                    for (int p = 0; p < x.length; p++) y[p] = x[p] - mean[p];
                }
                case L2 -> {
                    double ss = 0;
                    for (float v : x) ss += (double) v * v;
                    if (ss > 0) {
                        double inv = 1.0 / Math.sqrt(ss);
                        for (int p = 0; p < x.length; p++) y[p] = (float) (x[p] * inv);
                    }
                }
                case STANDARDISE -> {
                    double s = 0;
                    for (float v : x) s += v;
                    double m = s / x.length;
                    double ss = 0;
                    for (float v : x) ss += (v - m) * (v - m);
                    double sd = Math.sqrt(ss / x.length);
                    if (sd > 0) {
                        for (int p = 0; p < x.length; p++) y[p] = (float) ((x[p] - m) / sd);
                    }
                }
            }
            return y;
        }
    }

    /** Computes the statistics this kind needs from {@code train} (and only from it). */
    public Fitted fit(Dataset train) {
        switch (this) {
            case SCALE -> {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float[] im : train.images()) {
                    for (float v : im) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                if (train.size() == 0) {
                    min = 0f;
                    max = 1f;
                }
                return new Fitted(this, min, max, null);
            }
            case CENTRE -> {
                int pixels = train.pixels();
                double[] sum = new double[pixels];
                for (float[] im : train.images()) for (int p = 0; p < pixels; p++) sum[p] += im[p];
                float[] mean = new float[pixels];
                int n = Math.max(1, train.size());
                for (int p = 0; p < pixels; p++) mean[p] = (float) (sum[p] / n);
                return new Fitted(this, 0f, 0f, mean);
            }
            default -> {
                return new Fitted(this, 0f, 0f, null);
            }
        }
    }

    /** Fits on the training split and transforms both splits. */
    public Splits apply(Splits s) {
        Fitted f = fit(s.train());
        return new Splits(f.apply(s.train()), f.apply(s.test()));
    }
}
