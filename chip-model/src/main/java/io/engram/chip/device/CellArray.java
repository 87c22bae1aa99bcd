package io.engram.chip.device;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.EndurancePolicy;
import io.engram.chip.stats.Histogram;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The physical cells of one crossbar, {@code rows x cols}, indexed row-major ({@code cell = row * cols + col}).
 * Per-cell state lives in flat primitive arrays: conductance in uS ({@code float}), device-to-device step factor
 * (allocated only when the device varies), a state byte ({@link CellState} code) and a write count.
 *
 * <p>Built deterministically from (run seed, component path): stuck-at faults come from the stream
 * {@code "faults"}, step factors from {@code "d2d"}, and write noise from a {@link DeviceRng} seeded from
 * {@code "write-noise"} and owned by the array, so its state can be checkpointed.
 *
 * <p>Writes are counted in pulses: every pulse the engine sends is one write, whether or not the cell can move.
 * The engine cannot see that a cell is stuck or worn out, so it still drives (and pays for) the pulses;
 * {@link #program} therefore returns the pulses delivered, and they also count toward the cell's endurance.
 *
 * <p>Endurance: a cell works for {@code spec.endurance()} writes. In a call that goes past the limit, the pulses up
 * to the limit act normally and the policy then applies: {@code COUNT_ONLY} keeps the cell working (it is only
 * counted by {@link #cellsPastEndurance()}); {@code STUCK_AT_CURRENT} freezes it where those pulses left it;
 * {@code STUCK_LOW} drops it to gMin and freezes it there.
 *
 * <p>Not thread-safe; one array belongs to one crossbar.
 */
public final class CellArray {
    private static final byte OK = CellState.OK.code();
    private static final byte STUCK_LOW = CellState.STUCK_LOW.code();
    private static final byte STUCK_HIGH = CellState.STUCK_HIGH.code();
    private static final byte WORN_OUT = CellState.WORN_OUT.code();

    private final DeviceSpec spec;
    private final DeviceModel model;
    /** The model when it is {@link DeviceModel.Ideal} (exact writes), else null. */
    private final DeviceModel.Ideal idealModel;
    /**
     * The model when it is {@link DeviceModel.Nonlinear}, else null: calls through this (final) type are direct, so
     * the JIT inlines them into the engine's loop whatever the type profile of the interface call says.
     */
    private final DeviceModel.Nonlinear nonlinearModel;
    private final int rows;
    private final int cols;
    private final float[] conductance;
    /** Step-size factor per cell; null when every cell is nominal. */
    private final float[] d2dFactor;
    private final byte[] state;
    private final int[] writeCount;
    private final DeviceRng noiseRng;
    private final boolean noisy;
    /** True when a cell stops at its endurance limit (any policy but COUNT_ONLY). */
    private final boolean freezesAtEndurance;
    private final long endurance;
    private final float gMinStored;
    private final float gMaxStored;

    public CellArray(DeviceSpec spec, int rows, int cols, RandomStreams streams, String componentPath) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(componentPath, "componentPath");
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("array " + rows + " x " + cols);
        if (!(spec.d2dVariation() >= 0) || Double.isInfinite(spec.d2dVariation())) {
            throw new IllegalArgumentException("d2dVariation must be finite and >= 0: " + spec.d2dVariation());
        }
        if (!(spec.stuckLowRate() >= 0) || !(spec.stuckHighRate() >= 0)) {
            throw new IllegalArgumentException("stuck rates must be >= 0: " + spec.stuckLowRate() + ", "
                    + spec.stuckHighRate());
        }
        this.model = DeviceModel.of(spec);
        this.idealModel = model instanceof DeviceModel.Ideal i ? i : null;
        this.nonlinearModel = model instanceof DeviceModel.Nonlinear n ? n : null;
        this.rows = rows;
        this.cols = cols;
        int cells = Math.multiplyExact(rows, cols);
        this.gMinStored = (float) spec.gMinUs();
        this.gMaxStored = (float) spec.gMaxUs();
        this.endurance = spec.endurance();
        this.freezesAtEndurance = spec.pastEndurance() != EndurancePolicy.COUNT_ONLY;
        this.noisy = model.writeNoise() > 0;

        this.conductance = new float[cells];
        this.state = new byte[cells];
        this.writeCount = new int[cells];
        Arrays.fill(conductance, gMinStored);

        double low = spec.stuckLowRate();
        double lowOrHigh = low + spec.stuckHighRate();
        if (lowOrHigh > 0) {
            SplittableRandom faults = streams.stream(componentPath, "faults");
            for (int i = 0; i < cells; i++) {
                double u = faults.nextDouble();
                if (u < low) {
                    state[i] = STUCK_LOW;
                } else if (u < lowOrHigh) {
                    state[i] = STUCK_HIGH;
                    conductance[i] = gMaxStored;
                }
            }
        }

        double sigma = spec.d2dVariation();
        if (sigma > 0 && !model.exact()) {
            SplittableRandom d2d = streams.stream(componentPath, "d2d");
            d2dFactor = new float[cells];
            for (int i = 0; i < cells; i++) {
                d2dFactor[i] = (float) Math.max(0.0, 1.0 + sigma * RandomStreams.gaussian(d2d));
            }
        } else {
            d2dFactor = null;
        }

        this.noiseRng = new DeviceRng(streams.derive(componentPath, "write-noise"));
    }

    public DeviceSpec spec() { return spec; }
    public DeviceModel model() { return model; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    public int cells() { return conductance.length; }

    /** Flat index of a cell. */
    public int index(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return row * cols + col;
    }

    /** The live conductance array in uS, row-major, for read loops. Callers must not write to it. */
    public float[] conductances() { return conductance; }

    public double conductance(int cell) { return conductance[cell]; }

    /** The cell's step-size factor (1 when the device has no device-to-device variation). */
    public double d2dFactor(int cell) { return d2dFactor == null ? 1.0 : d2dFactor[cell]; }

    public CellState state(int cell) { return CellState.ofCode(state[cell]); }

    public int writeCount(int cell) { return writeCount[cell]; }

    /**
     * Initial programming by the compiler or loader: exact (no noise, no variation) and not counted as a write.
     * The value is clamped into the device range; stuck and worn-out cells ignore it.
     */
    public void setConductance(int cell, double g) {
        if (Double.isNaN(g)) throw new IllegalArgumentException("conductance NaN for cell " + cell);
        if (state[cell] != OK) return;
        conductance[cell] = (float) model.clamp(g);
    }

    /**
     * Pulses the nominal device would need to move this cell by {@code dg} (see {@link DeviceModel#pulsesFor}).
     * Uses the cell's present conductance but not its hidden step factor or faults, which the engine cannot know.
     */
    public double pulsesFor(int cell, double dg) {
        return model.pulsesFor(conductance[cell], dg);
    }

    /**
     * Stochastic rounding of {@link #pulsesFor} with the uniform draw {@code u} (see
     * {@link DeviceModel#stochasticPulses}).
     */
    public int stochasticPulses(int cell, double dg, double u) {
        return nonlinearModel != null ? nonlinearModel.stochasticPulses(conductance[cell], dg, u)
                : model.stochasticPulses(conductance[cell], dg, u);
    }

    /**
     * Sends {@code signedPulses} pulses to a cell (positive potentiates) and returns the pulses delivered, which is
     * always {@code signedPulses}: a stuck or worn-out cell does not move, but the pulses are still driven, paid for
     * and counted as writes. One write-noise draw is taken per call that moves a noisy cell.
     */
    public int program(int cell, int signedPulses) {
        if (signedPulses == 0) return 0;
        int pulses = Math.absExact(signedPulses);
        int working = countWrites(cell, pulses);
        if (state[cell] != OK) return signedPulses;
        if (working > 0) {
            double z = noisy ? noiseRng.nextGaussian() : 0.0;
            int signedWorking = signedPulses > 0 ? working : -working;
            double f = d2dFactorOf(cell);
            conductance[cell] = (float) (nonlinearModel != null
                    ? nonlinearModel.applyPulses(conductance[cell], signedWorking, f, z)
                    : model.applyPulses(conductance[cell], signedWorking, f, z));
        }
        if (working < pulses) wearOut(cell);
        return signedPulses;
    }

    /** True when {@link #programRoundedPairs} can program this array (a {@link DeviceModel.Nonlinear} device). */
    public boolean fusedRounding() { return nonlinearModel != null; }

    /** Index of the SET write total in the statistics of {@link #programExactPairs}. */
    public static final int EXACT_SET = 0;
    /** Index of the total of all writes (SET and RESET). */
    public static final int EXACT_WRITTEN = 1;
    /** Length of the statistics array of {@link #programExactPairs}. */
    public static final int EXACT_STATS = 2;

    /**
     * The plasticity engine's programming of differential pairs on the {@link DeviceModel.Ideal} device, in one loop:
     * for each weight {@code dw = d[r*cols+c] * scale[scaleOff+c]} (skipped when 0), {@code dg = dw * gPerW} moves
     * the device carrying the weight's sign first and, past {@code gMin}, its partner, each move one exact write
     * ({@link #applyExact}). The same cells in the same order and the same results as those calls one by one; the
     * calls are written out so that the arrays and bounds stay in locals.
     *
     * @param rowList rows to program when {@code nr < rows} (else rows 0..nr-1)
     * @param colList columns to program when {@code nc < cols} (else columns 0..nc-1)
     * @param stride  cells per crossbar row ({@code plus = r * stride + 2c}, {@code minus = plus + 1})
     * @param stats   {@link #EXACT_STATS} entries: SET writes are added at {@link #EXACT_SET}, all writes at
     *                {@link #EXACT_WRITTEN}
     * @throws IllegalStateException if the device is not {@link DeviceModel.Ideal}
     */
    public void programExactPairs(float[] d, double[] scale, int scaleOff, int rows, int cols, int stride,
                                  int[] rowList, int nr, int[] colList, int nc, double gPerW, double gMin, long[] stats) {
        if (idealModel == null) throw new IllegalStateException("exact writes need the IDEAL device, not " + spec.kind());
        float[] g = conductance;
        double lo = idealModel.gMinUs();
        double hi = idealModel.gMaxUs();
        long set = 0;
        long written = 0;
        for (int ri = 0; ri < nr; ri++) {
            int r = nr == rows ? ri : rowList[ri];
            int base = r * cols;
            int gb = r * stride;
            for (int ci = 0; ci < nc; ci++) {
                int c = nc == cols ? ci : colList[ci];
                double dw = d[base + c] * scale[scaleOff + c];
                if (dw == 0) continue;
                double dg = dw * gPerW;
                int plus = gb + 2 * c;
                int minus = plus + 1;
                boolean positive = g[plus] >= g[minus];
                int first = positive ? plus : minus;
                double firstDg = positive ? dg : -dg;
                double room = g[first] - gMin;
                // non-short-circuit: one branch, taken unless the weight crosses zero
                if (firstDg >= 0 | -firstDg <= room) {
                    if (firstDg != 0) {
                        exact(first, firstDg, lo, hi);
                        written++;
                        set += isSet(firstDg); // counted without a branch: the sign of dw is unpredictable
                    }
                } else {
                    if (room != 0) {
                        exact(first, -room, lo, hi);
                        written++;
                        set += isSet(-room);
                    }
                    double rest = firstDg + room;
                    if (rest != 0) {
                        exact(positive ? minus : plus, -rest, lo, hi);
                        written++;
                        set += isSet(-rest);
                    }
                }
            }
        }
        stats[EXACT_SET] += set;
        stats[EXACT_WRITTEN] += written;
    }

    /** {@link #applyExact} with the ideal device's bounds passed in: {@code g + dg} clamped to [lo, hi]. */
    private void exact(int cell, double dg, double lo, double hi) {
        int working = countWrites(cell, 1);
        if (state[cell] != OK) return;
        if (working > 0) {
            double v = conductance[cell] + dg;
            conductance[cell] = (float) (v <= lo ? lo : v >= hi ? hi : v);
        } else {
            wearOut(cell);
        }
    }

    /** 1 for a SET (dg >= 0, also +0), 0 for a RESET, without a branch. */
    private static int isSet(double dg) {
        return 1 - (int) (Double.doubleToRawLongBits(dg) >>> 63);
    }

    /** Index of the SET pulse total in the statistics of {@link #programRoundedPairs}. */
    public static final int STAT_SET = 0;
    /** Index of the RESET pulse total. */
    public static final int STAT_RESET = 1;
    /** Index of the largest pulse count sent to one cell in one call. */
    public static final int STAT_MAX_ONE = 2;
    /** Length of the statistics array. */
    public static final int STATS = 3;

    /**
     * The plasticity engine's programming of differential pairs with stochastic rounding (no write-verify), fused
     * with the {@link DeviceModel.Nonlinear} device: for each weight {@code dw = d[r*cols+c] * scale[scaleOff+c]}
     * (skipped when 0), {@code dg = dw * gPerW} moves the device carrying the weight's sign first and, past
     * {@code gMin}, its partner; each non-zero cell move takes one uniform from {@code rounding}, is rounded with
     * {@link #stochasticPulses} and, when the count is not 0, sent with {@link #program}. The same cells in the same
     * order, the same draws from both generators and the same results as those calls one by one: the calls are
     * written out here so that both generators' states stay in locals and no call depends on the JIT's inlining.
     *
     * @param rowList rows to program when {@code nr < rows} (else rows 0..nr-1)
     * @param colList columns to program when {@code nc < cols} (else columns 0..nc-1)
     * @param stride  cells per crossbar row ({@code plus = r * stride + 2c}, {@code minus = plus + 1})
     * @param stats   {@link #STATS} entries: SET and RESET pulses are added, the largest count of one call is
     *                maxed in
     * @throws IllegalStateException if the device is not {@link DeviceModel.Nonlinear}
     */
    public void programRoundedPairs(float[] d, double[] scale, int scaleOff, int rows, int cols, int stride,
                                    int[] rowList, int nr, int[] colList, int nc, double gPerW, double gMin,
                                    DeviceRng rounding, long[] stats) {
        DeviceModel.Nonlinear nl = nonlinearModel;
        if (nl == null) throw new IllegalStateException("fused rounding needs the NONLINEAR device, not " + spec.kind());
        // everything the loop reads but does not change, in locals: the calls on its rare paths would otherwise make
        // the JIT load the fields again in every iteration
        float[] g = conductance;
        int[] writes = writeCount;
        byte[] cellState = state;
        float[] factor = d2dFactor;
        boolean noiseOn = noisy;
        boolean freezes = freezesAtEndurance;
        long limit = endurance;
        double lo = nl.gMinUs();
        double hi = nl.gMaxUs();
        double top = nl.topLtp;
        double bottom = nl.bottomLtd;
        int levels = nl.levels;
        double[] riseUp = nl.riseLtp;
        double[] riseDown = nl.riseLtd;
        double[] gridUp = nl.gridLtp;
        double[] gridDown = nl.gridLtd;
        double[] keepUp = nl.keepLtp;
        double[] keepDown = nl.keepLtd;
        double[] sigma = nl.sigmaOf;
        double afterSafe = nl.afterSafe;
        long rs = rounding.state();
        long ns = noiseRng.state();
        long set = 0;
        long reset = 0;
        int maxOne = 0;
        for (int ri = 0; ri < nr; ri++) {
            int r = nr == rows ? ri : rowList[ri];
            int base = r * cols;
            int gb = r * stride;
            for (int ci = 0; ci < nc; ci++) {
                int c = nc == cols ? ci : colList[ci];
                double dw = d[base + c] * scale[scaleOff + c];
                if (dw == 0) continue;
                double dg = dw * gPerW;
                int plus = gb + 2 * c;
                int minus = plus + 1;
                boolean positive = g[plus] >= g[minus];
                int first = positive ? plus : minus;
                double firstDg = positive ? dg : -dg;
                double room = g[first] - gMin;
                // at most two cell moves: the first device, then (past gMin) its partner
                boolean crosses = !(firstDg >= 0 | -firstDg <= room);
                int cell = first;
                double move = crosses ? -room : firstDg;
                for (int k = 0; k < 2; k++) {
                    if (move != 0) {
                        rs = DeviceRng.advance(rs);
                        long draw = DeviceRng.mix(rs); // the uniform u = DeviceRng.unit(draw)
                        // stochasticPulses (DeviceModel.Nonlinear), written out
                        double gv = g[cell];
                        double from = gv <= lo ? lo : gv >= hi ? hi : gv;
                        double to = from + move;
                        to = to <= lo ? lo : to >= hi ? hi : to;
                        int n = 0;
                        if (to != from) {
                            boolean up = to > from;
                            double asymptote = up ? top : bottom;
                            double before = Math.abs(from - asymptote);
                            double after = Math.abs(to - asymptote);
                            double[] rise = up ? riseUp : riseDown;
                            double[] grid = up ? gridUp : gridDown;
                            int j = DeviceModel.Nonlinear.gridCell(DeviceRng.units(draw), up);
                            double cLo = after * grid[j];
                            double cHi = after * grid[j + 1];
                            double margin = before * (after >= afterSafe ? DeviceModel.Nonlinear.SAFE_MARGIN
                                    : nl.marginRel(after));
                            double sure = before - margin;
                            int m = DeviceModel.Nonlinear.surelyBelow(rise, cHi, sure);
                            if (!(rise[m] * cLo > before + margin)) {
                                // u as a double only here: the fast path needs no conversion
                                n = nl.slowRounding(gv, move, DeviceRng.unit(draw), m, cLo, cHi, sure, before + margin);
                            } else {
                                n = up ? m : -m;
                            }
                        }
                        if (n != 0) {
                            // program(cell, n), written out
                            int pulses = Math.absExact(n);
                            // countWrites(cell, pulses), written out
                            int written = writes[cell];
                            long total = (long) written + pulses;
                            writes[cell] = (int) Math.min(Integer.MAX_VALUE, total);
                            int working = !freezes || total <= limit ? pulses : (int) Math.max(0L, limit - written);
                            if (cellState[cell] == OK) {
                                if (working > 0) {
                                    double z = 0.0;
                                    if (noiseOn) {
                                        ns = DeviceRng.advance(ns);
                                        long bits = DeviceRng.mix(ns);
                                        z = DeviceRng.gaussianFast(bits);
                                        if (Double.isNaN(z)) {
                                            noiseRng.setState(ns);
                                            z = noiseRng.gaussian(bits);
                                            ns = noiseRng.state();
                                        }
                                    }
                                    int signedWorking = n > 0 ? working : -working;
                                    double f = factor == null ? 1.0 : factor[cell];
                                    int a = Math.abs(signedWorking);
                                    double next;
                                    if (f == 1.0 && a < levels) {
                                        // applyPulses (DeviceModel.Nonlinear) of a nominal cell, written out
                                        double nominal = signedWorking > 0 ? top - (top - from) * keepUp[a]
                                                : bottom + (from - bottom) * keepDown[a];
                                        next = nominal + sigma[a] * z;
                                        next = next <= lo ? lo : next >= hi ? hi : next;
                                    } else {
                                        next = nl.applyPulses(gv, signedWorking, f, z);
                                    }
                                    g[cell] = (float) next;
                                }
                                if (working < pulses) wearOut(cell);
                            }
                            set += n > 0 ? pulses : 0;
                            reset += n < 0 ? pulses : 0;
                            maxOne = Math.max(maxOne, pulses);
                        }
                    }
                    if (!crosses) break;
                    crosses = false;
                    cell = positive ? minus : plus;
                    move = -(firstDg + room);
                }
            }
        }
        rounding.setState(rs);
        noiseRng.setState(ns);
        stats[STAT_SET] += set;
        stats[STAT_RESET] += reset;
        stats[STAT_MAX_ONE] = Math.max(stats[STAT_MAX_ONE], maxOne);
    }

    /**
     * The ideal device's exact write: moves the cell by {@code dg} (clamped), counted as one write.
     *
     * @throws IllegalStateException if the device is not {@link DeviceModel.Ideal}
     */
    public void applyExact(int cell, double dg) {
        if (idealModel == null) {
            throw new IllegalStateException("exact writes need the IDEAL device, not " + spec.kind());
        }
        int working = countWrites(cell, 1);
        if (state[cell] != OK) return;
        if (working > 0) conductance[cell] = (float) idealModel.applyExact(conductance[cell], dg);
        else wearOut(cell);
    }

    /** Adds {@code pulses} writes to the cell's count; returns how many act before the cell wears out. */
    private int countWrites(int cell, int pulses) {
        int before = writeCount[cell];
        long after = (long) before + pulses;
        writeCount[cell] = (int) Math.min(Integer.MAX_VALUE, after);
        if (!freezesAtEndurance || after <= endurance) return pulses;
        return (int) Math.max(0L, endurance - before);
    }

    private void wearOut(int cell) {
        if (spec.pastEndurance() == EndurancePolicy.STUCK_LOW) conductance[cell] = gMinStored;
        state[cell] = WORN_OUT;
    }

    private double d2dFactorOf(int cell) { return d2dFactor == null ? 1.0 : d2dFactor[cell]; }

    /** Cells written more times than the endurance limit (whatever the policy). */
    public long cellsPastEndurance() {
        long n = 0;
        for (int w : writeCount) if (w > endurance) n++;
        return n;
    }

    /** Largest write count of any cell. */
    public int maxWrites() {
        int max = 0;
        for (int w : writeCount) max = Math.max(max, w);
        return max;
    }

    /** Cells written at least once. */
    public long cellsWritten() {
        long n = 0;
        for (int w : writeCount) if (w > 0) n++;
        return n;
    }

    /**
     * Cells of a block of {@code rows} x {@code cols} cells (row r at offset r x {@code stride}) by write count, in
     * power-of-two buckets: bucket 0 holds the cells never written, bucket i >= 1 those written 2^(i-1) to 2^i - 1
     * times ({@link #writeBucketOf}). The array ends at the highest non-empty bucket.
     */
    public long[] writeCountsByPowerOfTwo(int rows, int cols, int stride) {
        long[] b = new long[1];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = writeBucketOf(writeCount[r * stride + j]);
                if (i >= b.length) b = java.util.Arrays.copyOf(b, i + 1);
                b[i]++;
            }
        }
        return rows == 0 || cols == 0 ? new long[0] : b;
    }

    /** 0 -> 0; n >= 1 -> 1 + floor(log2 n), so bucket i >= 1 holds [2^(i-1), 2^i - 1]. */
    public static int writeBucketOf(int writes) {
        return writes <= 0 ? 0 : 32 - Integer.numberOfLeadingZeros(writes);
    }

    /** Writes per cell over all cells (one bucket per count; the last bucket collects the rest). */
    public Histogram writeHistogram(int buckets) {
        Histogram h = new Histogram(buckets);
        for (int w : writeCount) h.record(w);
        return h;
    }

    /** Cells with a fabrication stuck-at fault (low or high). */
    public long stuckCells() {
        long n = 0;
        for (byte s : state) if (s == STUCK_LOW || s == STUCK_HIGH) n++;
        return n;
    }

    /** Cells frozen by the endurance policy. */
    public long wornOutCells() {
        long n = 0;
        for (byte s : state) if (s == WORN_OUT) n++;
        return n;
    }

    /** Bytes of the per-cell arrays actually allocated (payload only, without object headers). */
    public long memoryBytes() {
        long n = conductance.length;
        long bytes = n * Float.BYTES + n * Integer.BYTES + n * Byte.BYTES;
        if (d2dFactor != null) bytes += n * Float.BYTES;
        return bytes;
    }

    /**
     * Mutable state for a checkpoint. The step factors and fault draws are not included: they are rebuilt from the
     * seed, so restore into an array built from the same spec, size, seed and component path.
     *
     * @param conductances   copy of the conductances, uS
     * @param writeCount     copy of the write counts
     * @param state          copy of the {@link CellState} codes
     * @param writeNoiseRng  state of the write-noise generator
     */
    public record Snapshot(float[] conductances, int[] writeCount, byte[] state, long writeNoiseRng) {
        public Snapshot {
            Objects.requireNonNull(conductances, "conductances");
            Objects.requireNonNull(writeCount, "writeCount");
            Objects.requireNonNull(state, "state");
            if (writeCount.length != conductances.length || state.length != conductances.length) {
                throw new IllegalArgumentException("snapshot arrays differ in length");
            }
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(conductance.clone(), writeCount.clone(), state.clone(), noiseRng.state());
    }

    public void restore(Snapshot s) {
        if (s.conductances().length != conductance.length) {
            throw new IllegalArgumentException("snapshot has " + s.conductances().length + " cells, array has "
                    + conductance.length);
        }
        for (byte code : s.state()) CellState.ofCode(code);
        System.arraycopy(s.conductances(), 0, conductance, 0, conductance.length);
        System.arraycopy(s.writeCount(), 0, writeCount, 0, writeCount.length);
        System.arraycopy(s.state(), 0, state, 0, state.length);
        noiseRng.setState(s.writeNoiseRng());
    }
}
