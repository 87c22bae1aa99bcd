package io.engram.chip.program;

/** A channels x height x width activation shape; a flat vector is (n, 1, 1). */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public static Shape flat(int n) { return new Shape(n, 1, 1); }

    public int size() { return channels * height * width; }

    @Override
    public String toString() { return channels + "x" + height + "x" + width; }
}
