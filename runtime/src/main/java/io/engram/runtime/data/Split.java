package io.engram.runtime.data;

/** Which half of a dataset distributed as separate train and test files. */
public enum Split {
    TRAIN("train"),
    /** The MNIST family names its test files {@code t10k-*}. */
    TEST("t10k");

    private final String filePrefix;

    Split(String filePrefix) { this.filePrefix = filePrefix; }

    /** File-name prefix in the IDX distributions, e.g. {@code t10k} in {@code t10k-images-idx3-ubyte.gz}. */
    public String filePrefix() { return filePrefix; }
}
