package io.engram.runtime.data;

import java.util.Arrays;

/**
 * A labelled image set held in memory.
 * Each image is flattened row-major (then channel-minor: index = (y * width + x) * channels + c);
 * loaders deliver values in [0, 1]. Preprocessing may later produce values outside that range.
 * Arrays are shared, not copied, between a dataset and its subsets: Engram code never mutates an image in place.
 */
public record Dataset(String name, int width, int height, int channels, int classes, float[][] images, int[] labels) {

    public Dataset {
        if (name == null) throw new IllegalArgumentException("name is null");
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad image shape " + width + "x" + height + "x" + channels);
        }
        if (classes <= 0) throw new IllegalArgumentException("classes must be positive, got " + classes);
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        int pixels = width * height * channels;
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != pixels) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " values, expected " + pixels);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " outside 0.." + (classes - 1));
            }
        }
    }

    public int size() { return images.length; }

    /** Values per image: width * height * channels. */
    public int pixels() { return width * height * channels; }

    /** Samples {@code from .. from+count-1}; image arrays are shared with this dataset. */
    public Dataset subset(int from, int count) {
        if (from < 0 || count < 0 || from + count > images.length) {
            throw new IndexOutOfBoundsException("subset(" + from + ", " + count + ") of " + images.length + " samples");
        }
        return new Dataset(name, width, height, channels, classes,
                Arrays.copyOfRange(images, from, from + count), Arrays.copyOfRange(labels, from, from + count));
    }

    /** The first {@code limit} samples, or this dataset if {@code limit <= 0} or it is already that small. */
    public Dataset limit(int limit) {
        return limit <= 0 || limit >= images.length ? this : subset(0, limit);
    }

    /** Same samples, another class count (at least the largest label + 1); used to agree train and test. */
    public Dataset withClasses(int newClasses) {
        return newClasses == classes ? this : new Dataset(name, width, height, channels, newClasses, images, labels);
    }

    /** Same shape, labels and name, other values (same sample count and pixels per image). */
    public Dataset withImages(float[][] newImages) {
        return new Dataset(name, width, height, channels, classes, newImages, labels);
    }

    /** How many samples carry each label. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int l : labels) counts[l]++;
        return counts;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + images.length + " x " + width + "x" + height + "x" + channels + ", " + classes + " classes]";
    }
}
