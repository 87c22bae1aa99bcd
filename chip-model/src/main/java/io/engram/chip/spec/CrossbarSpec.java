package io.engram.chip.spec;

/**
 * @param rows           word lines (inputs)
 * @param cols           bit lines (physical columns; a differential weight uses {@code cellsPerWeight} of them)
 * @param cellsPerWeight 2 for a differential pair (G+ - G-), 1 for a single cell with a reference column
 * @param parallelRows   rows that may be active in one read; more inputs take several reads
 */
public record CrossbarSpec(int rows, int cols, int cellsPerWeight, int parallelRows) {
    public static final int MAX_DIM = 8192;

    public CrossbarSpec {
        if (rows < 1 || cols < 1 || parallelRows < 1 || parallelRows > rows) throw new IllegalArgumentException();
        if (cellsPerWeight != 1 && cellsPerWeight != 2) throw new IllegalArgumentException("cellsPerWeight");
        if (cols % cellsPerWeight != 0) throw new IllegalArgumentException("cols % cellsPerWeight");
    }

    /** Logical weight columns (neurons) one crossbar holds. */
    public int weightCols() { return cols / cellsPerWeight; }

    static CrossbarSpec read(SpecNode n) {
        int rows = n.requireInt("rows", 1, MAX_DIM);
        int cols = n.requireInt("cols", 1, MAX_DIM);
        int cpw = n.optInt("cells_per_weight", 2, 1, 2);
        if (cols % cpw != 0) throw n.error("cols", cols, "must be a multiple of cells_per_weight (" + cpw + ")");
        int par = n.optInt("parallel_rows", rows, 1, rows);
        n.finish();
        return new CrossbarSpec(rows, cols, cpw, par);
    }
}
