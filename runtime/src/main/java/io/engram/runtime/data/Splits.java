package io.engram.runtime.data;

/** A train/test pair with the same image shape and class count. */
public record Splits(Dataset train, Dataset test) {
    public Splits {
        if (train.width() != test.width() || train.height() != test.height() || train.channels() != test.channels()) {
            throw new IllegalArgumentException("train " + train + " and test " + test + " differ in image shape");
        }
        if (train.classes() != test.classes()) {
            throw new IllegalArgumentException("train " + train + " and test " + test + " differ in class count");
        }
    }

    /** Builds a pair whose class count is the larger of the two (a limited test split may miss a class). */
    public static Splits agreeing(Dataset train, Dataset test) {
        int classes = Math.max(train.classes(), test.classes());
        return new Splits(train.withClasses(classes), test.withClasses(classes));
    }
}
