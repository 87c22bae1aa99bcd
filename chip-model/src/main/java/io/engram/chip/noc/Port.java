package io.engram.chip.noc;

/**
 * The five ports of a mesh router. Row 0 is the north edge: NORTH leads to y - 1, SOUTH to y + 1,
 * EAST to x + 1, WEST to x - 1; LOCAL connects the router to its own core. The declaration order is the
 * round-robin order of arbitration.
 */
public enum Port {
    NORTH(0, -1), EAST(1, 0), SOUTH(0, 1), WEST(-1, 0), LOCAL(0, 0);

    /** Number of mesh directions (every port but LOCAL); link indices are {@code router * DIRECTIONS + ordinal}. */
    public static final int DIRECTIONS = 4;

    private final int dx;
    private final int dy;

    Port(int dx, int dy) {
        this.dx = dx;
        this.dy = dy;
    }

    public int dx() { return dx; }

    public int dy() { return dy; }

    /** The port a flit sent out of this port arrives on at the neighbouring router (LOCAL for LOCAL). */
    public Port opposite() {
        return switch (this) {
            case NORTH -> SOUTH;
            case SOUTH -> NORTH;
            case EAST -> WEST;
            case WEST -> EAST;
            case LOCAL -> LOCAL;
        };
    }

    public boolean isMesh() { return this != LOCAL; }
}
