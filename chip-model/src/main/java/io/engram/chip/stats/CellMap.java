package io.engram.chip.stats;

/**
 * The state of one used core's whole cell array at one moment, for files that keep it (weights.h5): conductance and
 * write count of every cell, row-major. Immutable: arrays are copied in and out.
 *
 * @param core           core index
 * @param rows           array rows
 * @param cols           array columns (physical cells per row)
 * @param conductancesUs conductance of each cell, uS
 * @param writeCounts    times each cell was written
 */
public record CellMap(int core, int rows, int cols, float[] conductancesUs, int[] writeCounts) {
    public CellMap {
        conductancesUs = conductancesUs.clone();
        writeCounts = writeCounts.clone();
        if (conductancesUs.length != (long) rows * cols || writeCounts.length != (long) rows * cols) {
            throw new IllegalArgumentException("core " + core + ": " + conductancesUs.length + " conductances and "
                    + writeCounts.length + " write counts for " + rows + " x " + cols + " cells");
        }
    }

    @Override
    public float[] conductancesUs() { return conductancesUs.clone(); }

    @Override
    public int[] writeCounts() { return writeCounts.clone(); }

    /** Conductance of the cell at (row, col), uS. */
    public float conductance(int row, int col) { return conductancesUs[row * cols + col]; }

    /** Write count of the cell at (row, col). */
    public int writeCount(int row, int col) { return writeCounts[row * cols + col]; }
}
