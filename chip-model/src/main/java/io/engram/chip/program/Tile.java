package io.engram.chip.program;

/**
 * A block of one layer's weight matrix placed on one core: logical rows [rowStart, rowStart+rows) (inputs) and
 * logical columns [colStart, colStart+cols) (neurons). A differential weight takes cellsPerWeight physical columns.
 */
public record Tile(int core, int rowStart, int rows, int colStart, int cols) {
    public Tile {
        if (core < 0 || rowStart < 0 || rows < 1 || colStart < 0 || cols < 1) {
            throw new IllegalArgumentException("bad tile " + core + " " + rowStart + "+" + rows + " " + colStart + "+" + cols);
        }
    }
}
