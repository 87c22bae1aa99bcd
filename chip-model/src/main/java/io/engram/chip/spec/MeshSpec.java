package io.engram.chip.spec;

/** A width x height 2D mesh of cores, core (x, y) has index y * width + x. */
public record MeshSpec(int width, int height) {
    public static final int MAX_SIDE = 1024;

    public MeshSpec {
        if (width < 1 || height < 1) throw new IllegalArgumentException();
    }

    public int cores() { return width * height; }

    static MeshSpec read(SpecNode n) {
        int w = n.requireInt("width", 1, MAX_SIDE);
        int h = n.requireInt("height", 1, MAX_SIDE);
        n.finish();
        return new MeshSpec(w, h);
    }
}
