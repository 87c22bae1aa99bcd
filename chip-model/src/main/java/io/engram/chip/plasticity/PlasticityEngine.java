package io.engram.chip.plasticity;

import io.engram.chip.crossbar.CrossbarReader;
import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.device.DeviceRng;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DeviceKind;
import io.engram.chip.spec.PlasticitySpec;
import io.engram.chip.spec.SmallUpdatePolicy;
import io.engram.chip.spec.SynapseKind;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

import java.util.Arrays;
import java.util.Objects;

/**
 * The on-core plasticity engine. It applies dw_ik = s_k (a_k x_i - b_k w_ik) to the tile it holds, where x is the
 * pre-synaptic activity in the core's input buffer, a_k and b_k are post factors ({@link PostFactors}) and w_ik is
 * read back from the cells when b_k != 0 (a counted read). s_k is the update scaling (1, or 1 / max_i |dw_ik|).
 *
 * <p>Each dw becomes a conductance change on the differential pair: the device carrying the weight's sign moves first
 * (toward Gmin for a decrease, toward Gmax for an increase) and any remainder past Gmin goes to the partner device.
 * Changes become programming pulses through the device model; sub-pulse updates follow the configured
 * {@link SmallUpdatePolicy}; optional write-verify adds verify reads and corrective pulses. The ideal device applies
 * changes exactly (one write per changed cell).
 *
 * <p>Mini-batch mode accumulates raw dw in SRAM (counted) and programs the scaled sum at {@link #flush}.
 */
public final class PlasticityEngine {
    /** The dense update loop ({@link UpdateKernel}): SIMD when the JVM has the vector API, else scalar. */
    private static final UpdateKernel KERNEL = UpdateKernel.forThisJvm();
    private final CoreSpec spec;
    private final CrossbarReader reader;
    private final PlasticitySpec pspec;
    private final Technology tech;
    /** Stochastic rounding; a {@link DeviceRng} so that a checkpoint can save where the stream is. */
    private final DeviceRng rounding;
    private final boolean ideal;
    private final boolean digital;
    private final float[] delta;
    private final float[] residual;
    private float[] batch;
    private boolean batchOpen;
    private final int[] activeRow;
    private final int[] activeCol;
    private int nRows;
    private int nCols;
    private int lastCols = -1;
    private long pulsesThisCall;
    private int maxPulsesOneCell;
    private long verifyThisCall;
    /** Pulse statistics of the fused rounded-pair programming ({@link CellArray#STATS} entries). */
    private final long[] roundedStats = new long[CellArray.STATS];
    private final long[] exactStats = new long[CellArray.EXACT_STATS];

    /**
     * @param reader the core's read path, which reads weights back out of an analog array ({@link #readBack})
     */
    public PlasticityEngine(CoreSpec spec, Technology tech, RandomStreams streams, String componentPath,
                            CrossbarReader reader) {
        this.reader = reader;
        this.spec = spec;
        this.pspec = spec.plasticity();
        this.tech = tech;
        this.rounding = new DeviceRng(streams.derive(componentPath, "stochastic-rounding"));
        this.ideal = spec.device().kind() == DeviceKind.IDEAL;
        this.digital = spec.synapse() == SynapseKind.SRAM;
        int cells = spec.crossbar().rows() * spec.crossbar().weightCols();
        this.delta = new float[cells];
        this.activeRow = new int[spec.crossbar().rows()];
        this.activeCol = new int[spec.crossbar().weightCols()];
        this.residual = pspec.smallUpdates() == SmallUpdatePolicy.ACCUMULATE && !ideal ? new float[cells] : null;
    }

    /**
     * Computes dw for the tile without applying it: delta[r*cols+c] = a_c x_r - b_c w_rc, over the rows with x_r != 0
     * (or every row when some b_c != 0) and the columns with a_c or b_c != 0; every other entry is zero.
     * Returns the largest |dw| per column in colMax (for per-neuron or layer scaling) and, for columns whose
     * weights were read back (b_c != 0), the squared norm of the tile's part of the column in colNormSq.
     *
     * @return cycles spent computing
     */
    public long compute(SynapseBlock block, float[] x, int xOff, double[] a, double[] b, int abOff, double[] colMax,
                        double[] colNormSq, ActionCounters counts) {
        return compute(block, x, xOff, a, b, abOff, colMax, colNormSq, Double.NaN, Double.NaN, counts);
    }

    /**
     * As {@link #compute(SynapseBlock, float[], int, double[], double[], int, double[], double[], ActionCounters)},
     * with weight bounds: dw is clipped so that w + dw stays in [wLo, wHi] (needs w, a counted read-back).
     */
    public long compute(SynapseBlock block, float[] x, int xOff, double[] a, double[] b, int abOff, double[] colMax,
                        double[] colNormSq, double wLo, double wHi, ActionCounters counts) {
        int rows = block.rows();
        int cols = block.cols();
        Arrays.fill(colMax, 0, cols, 0.0);
        Arrays.fill(colNormSq, 0, cols, 0.0);
        float[] g = block.cells().conductances();
        int stride = block.stride();
        int pair = block.cellsPerWeight();
        double gMin = block.gMin();
        double invGPerW = 1.0 / block.gPerWeight();
        boolean bounded = !Double.isNaN(wLo);
        boolean anyB = false;
        int active = 0;
        int withB = 0;
        for (int c = 0; c < cols; c++) {
            double bc = b[abOff + c];
            if (bc != 0) {
                anyB = true;
                withB++;
            }
            if (a[abOff + c] != 0 || bc != 0) active++;
        }
        // a pass that writes every entry needs no clearing of the last one
        if (!(anyB && active == cols)) clearDelta(cols);
        lastCols = cols;
        nCols = 0;
        for (int c = 0; c < cols; c++) {
            if (a[abOff + c] != 0 || b[abOff + c] != 0) activeCol[nCols++] = c;
        }
        nRows = 0;
        for (int r = 0; r < rows; r++) if (anyB || x[xOff + r] != 0) activeRow[nRows++] = r;
        long readbacks = (long) nRows * (bounded ? nCols : withB);
        boolean dense = !bounded && pair == 2 && withB == cols;
        if (dense) {
            // every column reads its weight back, every row is active (anyB): straight passes over the tile (the
            // common SoftHebb/Oja case)
            KERNEL.dense(g, stride, rows, cols, invGPerW, x, xOff, a, b, abOff, delta, colMax, colNormSq);
        } else {
            for (int ri = 0; ri < nRows; ri++) {
                int r = activeRow[ri];
                double xr = x[xOff + r];
                int base = r * cols;
                int gb = r * stride;
                for (int ci = 0; ci < nCols; ci++) {
                    int c = activeCol[ci];
                    double bc = b[abOff + c];
                    double d = a[abOff + c] * xr;
                    if (bc != 0 || bounded) {
                        double w = pair == 2 ? (g[gb + 2 * c] - g[gb + 2 * c + 1]) * invGPerW
                                : (g[gb + c] - gMin) * invGPerW;
                        if (bc != 0) {
                            d -= bc * w;
                            colNormSq[c] += w * w;
                        }
                        if (bounded) d = Math.min(wHi, Math.max(wLo, w + d)) - w;
                    }
                    delta[base + c] = (float) d;
                    double m = Math.abs(d);
                    if (m > colMax[c]) colMax[c] = m;
                }
            }
        }
        long updates = (long) nRows * nCols;
        counts.add(Action.PLASTICITY_UPDATE, updates);
        long readCycles = readBack(block, readbacks == 0 ? 0 : nRows, readbacks, counts);
        return readCycles + opCycles(updates + readbacks);
    }

    /**
     * Reads {@code weights} weights on {@code rows} rows of the tile back into the engine: counts the weights
     * ({@link Action#PLASTICITY_WEIGHT_READBACK}, the engine taking each value) and, in an analog array, the row
     * reads that sense them through the ADCs ({@link CrossbarReader#readBackRows}: a row driven alone, its columns
     * converted, row after row). Digital synapses are read as part of their update. Returns the cycles of the row
     * reads.
     */
    public long readBack(SynapseBlock block, long rows, long weights, ActionCounters counts) {
        counts.add(Action.PLASTICITY_WEIGHT_READBACK, weights);
        return digital ? 0 : reader.readBackRows(block, rows, counts);
    }

    /** The last computed dw (row-major, the block's columns per row), for tests. */
    float[] lastDelta() { return delta; }

    /** Zeroes the entries the previous compute wrote (its active rows x active columns). */
    private void clearDelta(int cols) {
        if (lastCols != cols) {
            Arrays.fill(delta, 0f);
        } else {
            for (int ri = 0; ri < nRows; ri++) {
                int base = activeRow[ri] * cols;
                if (nCols == cols) {
                    Arrays.fill(delta, base, base + cols, 0f);
                } else {
                    for (int ci = 0; ci < nCols; ci++) delta[base + activeCol[ci]] = 0f;
                }
            }
        }
    }

    /** Opens a mini-batch: subsequent {@link #accumulate} calls add raw dw into an SRAM accumulator. */
    public void beginBatch(SynapseBlock block) {
        if (batch == null) batch = new float[delta.length];
        Arrays.fill(batch, 0, block.rows() * block.cols(), 0f);
        batchOpen = true;
    }

    public boolean inBatch() { return batchOpen; }

    /** Adds the last computed dw into the mini-batch accumulator (16-bit read-modify-write, counted). */
    public long accumulate(SynapseBlock block, ActionCounters counts) {
        int n = block.rows() * block.cols();
        for (int i = 0; i < n; i++) batch[i] += delta[i];
        long words = ((long) n + 1) / 2;
        counts.add(Action.SRAM_READ_WORD, words);
        counts.add(Action.SRAM_WRITE_WORD, words);
        return words * (tech.cycles(Action.SRAM_READ_WORD) + tech.cycles(Action.SRAM_WRITE_WORD));
    }

    /** Largest |accumulated dw| per column of the open batch. */
    public void batchColMax(SynapseBlock block, double[] colMax) {
        int cols = block.cols();
        Arrays.fill(colMax, 0, cols, 0.0);
        for (int r = 0, i = 0; r < block.rows(); r++) {
            for (int c = 0; c < cols; c++, i++) colMax[c] = Math.max(colMax[c], Math.abs(batch[i]));
        }
    }

    /** Programs scale[c] * (last computed dw). */
    public long apply(SynapseBlock block, double[] scale, int scaleOff, ActionCounters counts) {
        return program(block, delta, scale, scaleOff, true, counts);
    }

    /** Programs scale[c] * (accumulated dw), reading the accumulators once, and closes the batch. */
    public long flush(SynapseBlock block, double[] scale, int scaleOff, ActionCounters counts) {
        if (!batchOpen) return 0;
        batchOpen = false;
        long words = ((long) block.rows() * block.cols() + 1) / 2;
        counts.add(Action.SRAM_READ_WORD, words);
        return words * tech.cycles(Action.SRAM_READ_WORD) + program(block, batch, scale, scaleOff, false, counts);
    }

    /**
     * Programs d[r*cols+c] (a raw dw for every weight of the block) through the device model exactly as
     * {@link #apply} programs a computed update (pulses, residuals, write-verify, endurance). Used by
     * {@link WeightNormaliser}. Returns the programming cycles.
     */
    public long programAll(SynapseBlock block, float[] d, ActionCounters counts) {
        double[] one = new double[block.cols()];
        Arrays.fill(one, 1.0);
        return program(block, d, one, 0, false, counts);
    }

    /** Cycles of n plasticity-engine operations (updates or read-backs) spread over the engine's lanes. */
    public long opCycles(long n) {
        return (n + pspec.lanes() - 1) / pspec.lanes() * Math.max(1, tech.cycles(Action.PLASTICITY_UPDATE));
    }

    private long program(SynapseBlock block, float[] d, double[] scale, int scaleOff, boolean activeOnly,
                         ActionCounters counts) {
        int rows = block.rows();
        int cols = block.cols();
        CellArray cells = block.cells();
        double gPerW = block.gPerWeight();
        pulsesThisCall = 0;
        maxPulsesOneCell = 0;
        verifyThisCall = 0;
        long writes = 0;
        long accTraffic = 0;
        int nr = activeOnly && residual == null ? nRows : rows;
        int nc = activeOnly && residual == null ? nCols : cols;
        if (ideal && residual == null && block.cellsPerWeight() == 2) {
            programIdealPairs(block, d, scale, scaleOff, nr, nc, counts);
            nr = 0; // done
        } else if (!ideal && !digital && residual == null && block.cellsPerWeight() == 2 && !pspec.writeVerify()
                && pspec.smallUpdates() == SmallUpdatePolicy.STOCHASTIC_ROUNDING) {
            programRoundedPairs(block, d, scale, scaleOff, nr, nc, counts);
            nr = 0; // done
        }
        for (int ri = 0; ri < nr; ri++) {
            int r = nr == rows ? ri : activeRow[ri];
            for (int ci = 0; ci < nc; ci++) {
                int c = nc == cols ? ci : activeCol[ci];
                int i = r * cols + c;
                double dw = d[i] * scale[scaleOff + c];
                if (residual != null) {
                    dw += residual[i];
                    accTraffic++;
                }
                if (dw == 0) continue;
                double dg = dw * gPerW;
                double left = programPair(block, r, c, dg, counts);
                if (residual != null) residual[i] = (float) (left / gPerW);
                writes++;
            }
        }
        if (residual != null) {
            long words = (accTraffic + 1) / 2;
            counts.add(Action.SRAM_READ_WORD, words);
            counts.add(Action.SRAM_WRITE_WORD, words);
        }
        long slots;
        if (digital) {
            counts.add(Action.SYNAPSE_SRAM_UPDATE, pulsesThisCall);
            return pulsesThisCall * tech.cycles(Action.SYNAPSE_SRAM_UPDATE);
        }
        slots = Math.max((pulsesThisCall + pspec.writeParallelism() - 1) / pspec.writeParallelism(), maxPulsesOneCell);
        long pulseCycles = Math.max(tech.cycles(Action.CROSSBAR_SET_PULSE), tech.cycles(Action.CROSSBAR_RESET_PULSE));
        long verifySlots = (verifyThisCall + pspec.writeParallelism() - 1) / pspec.writeParallelism();
        return slots * pulseCycles + verifySlots * tech.cycles(Action.CROSSBAR_VERIFY_READ);
    }

    /**
     * {@link #programPair} and {@link #moveCell} for the ideal device on differential pairs, in one loop of the cell
     * array ({@link CellArray#programExactPairs}): the same writes in the same order.
     */
    private void programIdealPairs(SynapseBlock block, float[] d, double[] scale, int scaleOff, int nr, int nc,
                                   ActionCounters counts) {
        Arrays.fill(exactStats, 0L);
        block.cells().programExactPairs(d, scale, scaleOff, block.rows(), block.cols(), block.stride(), activeRow, nr,
                activeCol, nc, block.gPerWeight(), block.gMin(), exactStats);
        long set = exactStats[CellArray.EXACT_SET];
        long written = exactStats[CellArray.EXACT_WRITTEN];
        long reset = written - set;
        counts.add(Action.CROSSBAR_SET_PULSE, set);
        counts.add(Action.CROSSBAR_RESET_PULSE, reset);
        pulsesThisCall += set + reset;
        if (set + reset > 0) maxPulsesOneCell = Math.max(maxPulsesOneCell, 1);
    }

    /**
     * {@link #programPair} and {@link #moveCell} for a pulsed device on differential pairs with stochastic rounding
     * and no write-verify, in one loop: the same cells in the same order, one rounding draw per cell move, the same
     * calls to {@link CellArray#program}; pulse counts kept in locals.
     */
    private void programRoundedPairs(SynapseBlock block, float[] d, double[] scale, int scaleOff, int nr, int nc,
                                     ActionCounters counts) {
        int rows = block.rows();
        int cols = block.cols();
        int stride = block.stride();
        CellArray cells = block.cells();
        float[] g = cells.conductances();
        double gPerW = block.gPerWeight();
        double gMin = block.gMin();
        long set = 0;
        long reset = 0;
        int maxOne = 0;
        if (cells.fusedRounding()) {
            // the same loop, fused with the device's rounding and programming
            Arrays.fill(roundedStats, 0L);
            cells.programRoundedPairs(d, scale, scaleOff, rows, cols, stride, activeRow, nr, activeCol, nc, gPerW, gMin,
                    rounding, roundedStats);
            set = roundedStats[CellArray.STAT_SET];
            reset = roundedStats[CellArray.STAT_RESET];
            maxOne = (int) roundedStats[CellArray.STAT_MAX_ONE];
            nr = 0; // done
        }
        for (int ri = 0; ri < nr; ri++) {
            int r = nr == rows ? ri : activeRow[ri];
            int base = r * cols;
            int gb = r * stride;
            for (int ci = 0; ci < nc; ci++) {
                int c = nc == cols ? ci : activeCol[ci];
                double dw = d[base + c] * scale[scaleOff + c];
                if (dw == 0) continue;
                double dg = dw * gPerW;
                int plus = gb + 2 * c;
                int minus = plus + 1;
                boolean positive = g[plus] >= g[minus];
                int first = positive ? plus : minus;
                double firstDg = positive ? dg : -dg;
                double room = g[first] - gMin;
                // at most two cell moves: the first device, then (past Gmin) its partner; one call site each for
                // the rounding and the programming, so that the JIT inlines them into this loop
                boolean crosses = !(firstDg >= 0 | -firstDg <= room);
                int cell = first;
                double move = crosses ? -room : firstDg;
                for (int k = 0; k < 2; k++) {
                    if (move != 0) {
                        int n = cells.stochasticPulses(cell, move, rounding.nextDouble());
                        if (n != 0) {
                            cells.program(cell, n);
                            int a = Math.abs(n);
                            set += n > 0 ? a : 0;
                            reset += n < 0 ? a : 0;
                            maxOne = Math.max(maxOne, a);
                        }
                    }
                    if (!crosses) break;
                    crosses = false;
                    cell = positive ? minus : plus;
                    move = -(firstDg + room);
                }
            }
        }
        counts.add(Action.CROSSBAR_SET_PULSE, set);
        counts.add(Action.CROSSBAR_RESET_PULSE, reset);
        pulsesThisCall += set + reset;
        maxPulsesOneCell = Math.max(maxPulsesOneCell, maxOne);
    }


    /**
     * Moves the pair by dg (uS of G+ - G-). Returns the part of dg that was not programmed (sub-pulse remainder,
     * for the ACCUMULATE policy).
     */
    private double programPair(SynapseBlock block, int r, int c, double dg, ActionCounters counts) {
        CellArray cells = block.cells();
        float[] g = cells.conductances();
        double gMin = block.gMin();
        if (block.cellsPerWeight() == 1) {
            return moveCell(cells, block.plusCell(r, c), dg, counts);
        }
        int plus = block.plusCell(r, c);
        int minus = block.minusCell(r, c);
        // the device carrying the weight's sign moves first; past Gmin the remainder goes to the partner
        boolean positive = g[plus] >= g[minus];
        int first;
        double firstDg;
        if (positive) {
            first = plus;
            firstDg = dg;
        } else {
            first = minus;
            firstDg = -dg;
        }
        double room = g[first] - gMin; // how far the first device can go down
        if (firstDg >= 0 || -firstDg <= room) {
            return signedBack(positive, moveCell(cells, first, firstDg, counts));
        }
        double leftFirst = moveCell(cells, first, -room, counts);
        double rest = firstDg + room; // negative remainder
        int second = positive ? minus : plus;
        double leftSecond = moveCell(cells, second, -rest, counts);
        return signedBack(positive, leftFirst - leftSecond);
    }

    private static double signedBack(boolean positive, double left) { return positive ? left : -left; }

    /** Programs one cell by dg; returns the unprogrammed remainder in uS. */
    private double moveCell(CellArray cells, int cell, double dg, ActionCounters counts) {
        if (dg == 0) return 0;
        if (ideal) {
            cells.applyExact(cell, dg);
            pulsesThisCall++;
            maxPulsesOneCell = Math.max(maxPulsesOneCell, 1);
            counts.inc(dg > 0 ? Action.CROSSBAR_SET_PULSE : Action.CROSSBAR_RESET_PULSE);
            return 0;
        }
        int n;
        double left = 0;
        switch (pspec.smallUpdates()) {
            case DROP -> n = (int) Math.round(cells.pulsesFor(cell, dg));
            // one uniform draw per call, as before; the device decides most sub-pulse cases without the exact p
            case STOCHASTIC_ROUNDING -> n = cells.stochasticPulses(cell, dg, rounding.nextDouble());
            case ACCUMULATE -> {
                double p = cells.pulsesFor(cell, dg);
                n = (int) p; // toward zero; the rest stays in the accumulator
                left = p == 0 ? 0 : dg * (p - n) / p;
            }
            default -> throw new IllegalStateException();
        }
        if (n == 0) return left;
        double target = cells.conductances()[cell] + dg - left;
        int applied = cells.program(cell, n);
        int abs = Math.abs(applied);
        if (!digital) counts.add(n > 0 ? Action.CROSSBAR_SET_PULSE : Action.CROSSBAR_RESET_PULSE, abs);
        pulsesThisCall += digital ? 1 : abs;
        int cellPulses = abs;
        if (pspec.writeVerify() && !digital) {
            double tol = pspec.verifyTolerance() * cells.model().step();
            for (int it = 0; it < pspec.verifyMaxIterations(); it++) {
                counts.inc(Action.CROSSBAR_VERIFY_READ);
                verifyThisCall++;
                double err = target - cells.conductances()[cell];
                if (Math.abs(err) <= tol) break;
                int fix = err > 0 ? 1 : -1;
                int a2 = Math.abs(cells.program(cell, fix));
                counts.add(fix > 0 ? Action.CROSSBAR_SET_PULSE : Action.CROSSBAR_RESET_PULSE, a2);
                pulsesThisCall += a2;
                cellPulses += a2;
            }
        }
        maxPulsesOneCell = Math.max(maxPulsesOneCell, cellPulses);
        return left;
    }

    /**
     * What the engine carries from one sample to the next, for a checkpoint: the stochastic-rounding generator, the
     * sub-pulse residuals (ACCUMULATE policy) and an open mini-batch. The last computed dw is scratch (every compute
     * rewrites or clears what it reads), so it is not saved.
     *
     * @param roundingRng state of the stochastic-rounding generator
     * @param residual    sub-pulse remainders per weight (null unless the policy accumulates)
     * @param batch       mini-batch accumulator (null when no batch was ever opened)
     * @param batchOpen   a mini-batch is open
     */
    public record Snapshot(long roundingRng, float[] residual, float[] batch, boolean batchOpen) {
        public Snapshot {
            residual = residual == null ? null : residual.clone();
            batch = batch == null ? null : batch.clone();
        }

        @Override
        public float[] residual() { return residual == null ? null : residual.clone(); }

        @Override
        public float[] batch() { return batch == null ? null : batch.clone(); }
    }

    public Snapshot snapshot() {
        return new Snapshot(rounding.state(), residual, batch, batchOpen);
    }

    /** Restores a {@link #snapshot()} taken from an engine built from the same core spec. */
    public void restore(Snapshot s) {
        Objects.requireNonNull(s, "snapshot");
        if ((s.residual == null) != (residual == null)
                || (residual != null && s.residual.length != residual.length)) {
            throw new IllegalArgumentException("residual accumulators do not match this engine ("
                    + (s.residual == null ? "none" : s.residual.length) + " vs "
                    + (residual == null ? "none" : residual.length) + ")");
        }
        if (s.batch != null && s.batch.length != delta.length) {
            throw new IllegalArgumentException("batch accumulator has " + s.batch.length + " entries, engine has "
                    + delta.length);
        }
        if (s.batchOpen && s.batch == null) throw new IllegalArgumentException("an open batch needs its accumulator");
        rounding.setState(s.roundingRng);
        if (residual != null) System.arraycopy(s.residual, 0, residual, 0, residual.length);
        batch = s.batch == null ? null : s.batch.clone();
        batchOpen = s.batchOpen;
    }
}
