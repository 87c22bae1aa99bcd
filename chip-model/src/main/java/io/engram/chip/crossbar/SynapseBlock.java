package io.engram.chip.crossbar;

import io.engram.chip.device.CellArray;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DeviceSpec;

/**
 * The weights of one tile held in one core's array: logical {@code rows x cols} weights, each a differential pair
 * (G+ at physical column 2j, G- at 2j+1) or a single cell against a reference of Gmin (cellsPerWeight = 1).
 * Weight w = (G+ - G-) * weightScale / (Gmax - Gmin).
 */
public final class SynapseBlock {
    private final CellArray cells;
    private final int rows;
    private final int cols;
    private final int physCols;
    private final int pair;
    private final double gMin;
    private final double gMax;
    private final double weightScale;
    private final double gPerW;

    public SynapseBlock(CellArray cells, CoreSpec spec, int rows, int cols, double weightScale) {
        if (rows > spec.crossbar().rows() || cols > spec.crossbar().weightCols()) {
            throw new IllegalArgumentException("tile " + rows + "x" + cols + " exceeds crossbar "
                    + spec.crossbar().rows() + "x" + spec.crossbar().weightCols());
        }
        if (!(weightScale > 0)) throw new IllegalArgumentException("weightScale must be > 0");
        this.cells = cells;
        this.rows = rows;
        this.cols = cols;
        this.physCols = cells.cols();
        this.pair = spec.crossbar().cellsPerWeight();
        DeviceSpec d = spec.device();
        this.gMin = d.gMinUs();
        this.gMax = d.gMaxUs();
        this.weightScale = weightScale;
        this.gPerW = (gMax - gMin) / weightScale;
    }

    public CellArray cells() { return cells; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /** Physical columns of the array (row stride of the conductance array). */
    public int stride() { return physCols; }
    public int cellsPerWeight() { return pair; }
    public double gMin() { return gMin; }
    public double gMax() { return gMax; }
    public double weightScale() { return weightScale; }
    /** Conductance change (uS) per unit of weight. */
    public double gPerWeight() { return gPerW; }

    public int plusCell(int r, int c) { return r * physCols + c * pair; }

    /** Index of G- (only meaningful when cellsPerWeight == 2). */
    public int minusCell(int r, int c) { return r * physCols + c * pair + 1; }

    /** Programs the initial weights exactly (compiler-emitted conductances; not counted as writes). */
    public void load(float[] w, int wStride, int rowOffset, int colOffset) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = w[(rowOffset + r) * wStride + colOffset + c];
                double g = Math.min(Math.abs(v), weightScale) * gPerW;
                if (pair == 2) {
                    cells.setConductance(plusCell(r, c), v >= 0 ? gMin + g : gMin);
                    cells.setConductance(minusCell(r, c), v >= 0 ? gMin : gMin + g);
                } else {
                    cells.setConductance(plusCell(r, c), gMin + Math.max(0, Math.min(v, weightScale)) * gPerW);
                }
            }
        }
    }

    /** The weight the cells hold now (no read noise). */
    public double weight(int r, int c) {
        float[] g = cells.conductances();
        if (pair == 2) return (g[plusCell(r, c)] - g[minusCell(r, c)]) / gPerW;
        return (g[plusCell(r, c)] - gMin) / gPerW;
    }

    /** Copies the held weights into out (row-major rows x cols). */
    public void readWeights(float[] out, int outStride, int rowOffset, int colOffset) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[(rowOffset + r) * outStride + colOffset + c] = (float) weight(r, c);
            }
        }
    }
}
