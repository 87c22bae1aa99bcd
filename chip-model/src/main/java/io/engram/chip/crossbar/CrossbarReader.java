package io.engram.chip.crossbar;

import io.engram.chip.device.DeviceRng;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.SynapseKind;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.Event;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

/**
 * Computes u_j = sum_i x_i w_ij for one tile, the way the core does it.
 * <ul>
 * <li>RRAM, bit-serial DAC: x is scaled by its largest magnitude (block floating point), quantised to {@code bits}
 * magnitude bits, and applied one bit-plane per read (a negative part takes a second pass); bit-planes with no active
 * row are skipped. At most {@code parallelRows} rows are active per read. Each read senses every used column; the
 * differential pair is subtracted before conversion, so one conversion per weight column; columns share ADCs
 * ({@code columnsPerAdc} physical columns per ADC). Partial results are combined by shift-and-add.</li>
 * <li>Read noise: each cell's conductance has relative sigma {@code readNoise} at every read. The column sum of
 * independent Gaussian cell noise is Gaussian with variance sigma^2 sum_i (a_i G_ij)^2, so it is drawn once per
 * column (exact in distribution, no per-cell draw).</li>
 * <li>SAR ADC: signed, {@code bits} bits over +/- fullScale x (parallelRows x (Gmax - Gmin) x largest drive),
 * clipped outside (clipping counted).</li>
 * <li>SRAM synapses: exact digital accumulation, one synaptic op per (non-zero input, column).</li>
 * <li>Precision: conductances are single precision, and so are the drives and the column sums (each row's product
 * added in row order, one rounding per product and per addition). A column sum of {@code parallelRows} terms is then
 * exact to about {@code 2^-24 x sqrt(parallelRows)} of its size, some 2^-20 for 128 rows: sixteen bits below the
 * least significant bit of an 8-bit ADC over the same range, and orders of magnitude below any read noise. The
 * subtraction of a differential pair, the noise, the conversion and everything after it are double.</li>
 * </ul>
 * Not thread-safe; one reader per core. No allocation per read (a batched read, {@link #readBatch}, works in the
 * caller's {@link BatchWorkspace}).
 */
public final class CrossbarReader {

    private final CoreSpec spec;
    /** The column sums' inner loops (all kernels give the same bits). */
    private final ColumnKernel kernel;
    /** Read noise; a {@link DeviceRng} so that a checkpoint can save where the stream is. */
    private final DeviceRng noise;
    private final int adcs;
    /** Latencies of the read path, looked up once (reads are the hot path of every simulation). */
    private final long readPulseCycles;
    private final long conversionCycles;
    private final long sramOpCycles;
    private final double readNoise;
    /** Column sums of one read (single precision: see the class comment). */
    private final float[] accP;
    /** Read-noise variances of the column sums of one read. */
    private final float[] varCol;
    private final int[] levels;
    private final int[] active;
    /** Every row of a tile, in order: the row list of a read that evaluates every row. */
    private final int[] allRows;
    /** 0/1 drive of each row for spike and bit-plane reads that evaluate every row. */
    private final float[] drive;
    /** The drives of one read's rows, in row-list order. */
    private final float[] rowDrive;
    /** Scratch rows of the column kernel and the noise variances. */
    private final float[][] rowCopies;
    private boolean everyRow;
    private long clipped;
    /** Cycles of the conversion rounds of every read so far (the rest of a read's cycles are its read pulses). */
    private long conversionCyclesSoFar;

    public CrossbarReader(CoreSpec spec, Technology tech, RandomStreams streams, String componentPath) {
        this(spec, tech, streams, componentPath, ColumnKernel.forThisJvm());
    }

    /** A reader with a given column kernel (tests compare kernels). */
    public CrossbarReader(CoreSpec spec, Technology tech, RandomStreams streams, String componentPath,
                          ColumnKernel kernel) {
        this.spec = spec;
        this.kernel = kernel;
        this.noise = new DeviceRng(streams.derive(componentPath, "read-noise"));
        int cols = spec.crossbar().cols();
        this.adcs = Math.max(1, cols / spec.adc().columnsPerAdc());
        this.readPulseCycles = tech.cycles(Action.CROSSBAR_READ_PULSE);
        this.conversionCycles = tech.cycles(Action.ADC_CONVERSION);
        this.sramOpCycles = tech.cycles(Action.SYNAPSE_SRAM_OP);
        this.readNoise = spec.device().readNoise();
        this.accP = new float[cols];
        this.varCol = new float[cols];
        this.levels = new int[spec.crossbar().rows()];
        this.active = new int[spec.crossbar().rows()];
        this.allRows = new int[spec.crossbar().rows()];
        for (int r = 0; r < allRows.length; r++) allRows[r] = r;
        this.drive = new float[spec.crossbar().rows()];
        this.rowDrive = new float[spec.crossbar().rows()];
        this.rowCopies = new float[ColumnKernel.ROWS][cols];
    }

    /**
     * Reference engine: every read evaluates every row of its chunk, driving the idle ones with 0, as the analog
     * array does, instead of visiting only the driven rows. A driven-nothing chunk is still not read. The sums, the
     * noise draws, the counts and the cycles are exactly those of the event-driven read (adding a zero product
     * leaves a floating-point sum unchanged).
     */
    public void evaluateEveryRow(boolean on) { everyRow = on; }

    /**
     * Cycles the reads so far spent in ADC conversion rounds (a read takes its read pulse, then its rounds); the
     * chip splits a read's time on the critical path into read pulses and conversions with it.
     */
    public long conversionCycles() { return conversionCyclesSoFar; }

    /** ADC conversions that clipped since construction. */
    public long clippedConversions() { return clipped; }

    public void setClipped(long c) { clipped = c; }

    /** State of the read-noise generator (for checkpoints). */
    public long noiseState() { return noise.state(); }

    /** Continues the read-noise stream from a saved {@link #noiseState()}. */
    public void setNoiseState(long state) { noise.setState(state); }

    /**
     * @param x   inputs for the tile's rows, x[xOff + r] for r in [0, block.rows())
     * @param out out[outOff + c] += u_c for c in [0, block.cols()) (accumulates, so row tiles can add up)
     * @return cycles the read took (busy-read)
     */
    public long read(SynapseBlock block, float[] x, int xOff, double[] out, int outOff, ActionCounters counts) {
        if (spec.synapse() == SynapseKind.SRAM) return readDigital(block, x, xOff, out, outOff, counts);
        DacSpec dac = spec.dac();
        int rows = block.rows();
        double maxAbs = maxAbs(x, xOff, rows);
        if (maxAbs == 0) return 0;
        countSynapticOps(block, x, xOff, counts);
        long cycles = 0;
        if (dac.mode() == DacSpec.Mode.ANALOG) {
            cycles += chunkedReads(block, x, xOff, true, maxAbs, out, outOff, counts);
            return cycles;
        }
        boolean anyNeg = false;
        for (int r = 0; r < rows; r++) anyNeg |= x[xOff + r] < 0;
        int bits = dac.bits();
        int qmax = (1 << bits) - 1;
        double unit = maxAbs / qmax;
        for (int sign = +1; sign >= -1; sign -= 2) {
            if (sign < 0 && !anyNeg) break;
            boolean any = false;
            for (int r = 0; r < rows; r++) {
                float v = x[xOff + r];
                int q = (sign > 0 ? v > 0 : v < 0) ? (int) Math.round(Math.abs(v) / unit) : 0;
                levels[r] = q;
                if (q != 0) any = true;
            }
            if (!any) continue;
            for (int b = 0; b < bits; b++) {
                double weight = sign * unit * (1 << b);
                int chunk = spec.crossbar().parallelRows();
                for (int r0 = 0; r0 < rows; r0 += chunk) {
                    int r1 = Math.min(rows, r0 + chunk);
                    int n = 0;
                    for (int r = r0; r < r1; r++) if (((levels[r] >>> b) & 1) != 0) active[n++] = r;
                    if (n == 0) continue;
                    if (everyRow) {
                        for (int r = r0; r < r1; r++) drive[r] = (levels[r] >>> b) & 1;
                        cycles += senseAndConvert(block, allRows, r0, r1 - r0, n, drive, 0, 1.0, weight, out, outOff, counts);
                    } else {
                        cycles += senseAndConvert(block, active, 0, n, n, null, 0, 1.0, weight, out, outOff, counts);
                    }
                }
            }
        }
        return cycles;
    }

    /**
     * Reads {@code n} vectors through the tile: exactly what {@code n} calls of {@link #read} in vector order do (the
     * same sums to the last bit, counts, clipping, noise draws and cycles), computed weight-stationary. For an analog
     * DAC a few rows of conductances at a time are fetched once for the whole batch, and every vector adds their
     * products column by column, row by row in row order; a row a vector does not drive adds a zero product,
     * which leaves a floating-point sum unchanged, so the sums equal those of the one-vector read. The conversions
     * follow vector by vector (chunk by chunk), so the noise draws come in the same order; read noise with several
     * chunks per tile, bit-serial DACs and SRAM synapses are read one vector at a time.
     *
     * @param xs     inputs, xs[v][xOff + r] for vector v in [0, n) and r in [0, block.rows())
     * @param outs   outs[v][outOff + c] += u_c of vector v (accumulates, like {@link #read})
     * @param cycles if not null, cycles[v] = the cycles of vector v's read
     * @param ws     buffers of the calling thread (any size; grown as needed)
     */
    public void readBatch(SynapseBlock block, float[][] xs, int n, int xOff, double[][] outs, int outOff,
                          ActionCounters counts, long[] cycles, BatchWorkspace ws) {
        int rows = block.rows();
        int chunk = spec.crossbar().parallelRows();
        boolean noisy = readNoise > 0;
        if (n <= 1 || spec.synapse() == SynapseKind.SRAM || spec.dac().mode() != DacSpec.Mode.ANALOG
                || (noisy && rows > chunk)) {
            for (int v = 0; v < n; v++) {
                long c = read(block, xs[v], xOff, outs[v], outOff, counts);
                if (cycles != null) cycles[v] = c;
            }
            return;
        }
        int pc = block.cols() * block.cellsPerWeight();
        ws.ensure(n, pc, chunk);
        double[] maxAbs = ws.maxAbs;
        int[] driven = ws.driven;
        for (int v = 0; v < n; v++) {
            maxAbs[v] = maxAbs(xs[v], xOff, rows);
            if (cycles != null) cycles[v] = 0;
            countSynapticOps(block, xs[v], xOff, counts);
        }
        float[] g = block.cells().conductances();
        int stride = block.stride();
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            int r1 = Math.min(rows, r0 + chunk);
            boolean any = false;
            for (int v = 0; v < n; v++) {
                // every vector's sums are computed (vectors share each load of a row); those of a vector that
                // drives no row of the chunk are not converted. An undriven row (x = 0) gets a zero drive (of either
                // sign), which adds a zero product: that leaves a float sum unchanged unless the sum is -0, which a
                // sum that starts at +0 never is under round-to-nearest
                driven[v] = maxAbs[v] == 0 ? zeroDrives(r1 - r0, ws.drive[v])
                        : drives(xs[v], xOff + r0, r1 - r0, 1.0 / maxAbs[v], ws.drive[v]);
                any |= driven[v] != 0;
                java.util.Arrays.fill(ws.acc[v], 0, pc, 0f);
                if (noisy) java.util.Arrays.fill(ws.variance[v], 0, pc, 0f);
            }
            if (!any) continue;
            kernel.sumChunk(ws.acc, ws.drive, n, g, r0 * stride, stride, r1 - r0, pc, ws.rows);
            if (noisy) {
                for (int r = r0; r < r1; r++) {
                    float[] row = ws.rows[0];
                    System.arraycopy(g, r * stride, row, 0, pc);
                    for (int v = 0; v < n; v++) {
                        float a = ws.drive[v][r - r0];
                        ScalarColumnKernel.squares(ws.variance[v], a * a, row, pc);
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                if (driven[v] == 0) continue;
                double ref = needsReference(block) ? referenceCurrent(ws.drive[v], 0, r1 - r0, block.gMin()) : 0;
                long c = convert(block, ws.acc[v], ws.variance[v], ref, driven[v], maxAbs[v], outs[v], outOff, counts);
                if (cycles != null) cycles[v] += c;
            }
        }
    }

    /** Analog drives of len rows into d ({@link #drive}); returns the rows driven (x != 0). */
    private static int drives(float[] x, int off, int len, double driveScale, float[] d) {
        int driven = 0;
        for (int k = 0; k < len; k++) {
            float v = x[off + k];
            d[k] = drive(v, driveScale);
            driven += v != 0 ? 1 : 0;
        }
        return driven;
    }

    /** Zero drives for rows [0, len) of a vector that drives none; returns 0, the rows driven. */
    private static int zeroDrives(int len, float[] d) {
        java.util.Arrays.fill(d, 0, len, 0f);
        return 0;
    }

    /** The analog drive of input x: x * driveScale, in the single precision of the column sums. */
    private static float drive(float x, double driveScale) { return (float) (x * driveScale); }

    /**
     * The largest |x[off + r]| over r in [0, rows), NaNs skipped. In float (an absolute value and a maximum of floats
     * are exact, so widening the result gives what a loop in double gives), as a reduction the JIT vectorises; only
     * an input with a NaN, which that reduction would return, takes the loop that skips it.
     */
    static double maxAbs(float[] x, int off, int rows) {
        float m = 0f;
        for (int r = 0; r < rows; r++) m = Math.max(m, Math.abs(x[off + r]));
        if (m == m) return m;
        double skip = 0;
        for (int r = 0; r < rows; r++) {
            double a = Math.abs(x[off + r]);
            if (a > skip) skip = a;
        }
        return skip;
    }

    /** Single-cell weights, and pairs sensed column by column, convert each column's current above a reference column. */
    private boolean needsReference(SynapseBlock block) {
        return block.cellsPerWeight() != 2 || spec.adc().sensing() == AdcSpec.Sensing.PER_COLUMN;
    }

    /** The reference-column current of single-cell weights: sum of d[k] * gMin over k in [from, to), in double. */
    private static double referenceCurrent(float[] d, int from, int to, double gMin) {
        double ref = 0;
        for (int k = from; k < to; k++) ref += d[k] * gMin;
        return ref;
    }

    /**
     * Buffers of batched reads ({@link #readBatch}), one per thread: per-vector column sums, noise variances and
     * drives, and copies of the conductances of one parallel-rows chunk. Grown as needed, never shrunk.
     */
    public static final class BatchWorkspace {
        private float[][] acc = new float[0][];
        private float[][] variance = new float[0][];
        private float[][] drive = new float[0][];
        private double[] maxAbs = new double[0];
        private int[] driven = new int[0];
        /** Scratch rows of the column kernel (one parallel-rows chunk). */
        private float[][] rows = new float[0][];

        /** Sizes every buffer already has: a batch within them needs no check per vector or row. */
        private int sizedVectors;
        private int sizedCols;
        private int sizedRows;

        void ensure(int n, int physCols, int chunkRows) {
            if (n <= sizedVectors && physCols <= sizedCols && chunkRows <= sizedRows) return;
            if (acc.length < n) {
                acc = java.util.Arrays.copyOf(acc, n);
                variance = java.util.Arrays.copyOf(variance, n);
                drive = java.util.Arrays.copyOf(drive, n);
                maxAbs = new double[n];
                driven = new int[n];
            }
            for (int v = 0; v < n; v++) {
                if (acc[v] == null || acc[v].length < physCols) {
                    acc[v] = new float[physCols];
                    variance[v] = new float[physCols];
                }
                if (drive[v] == null || drive[v].length < chunkRows) drive[v] = new float[chunkRows];
            }
            if (rows.length < chunkRows) rows = java.util.Arrays.copyOf(rows, chunkRows);
            for (int r = 0; r < chunkRows; r++) if (rows[r] == null || rows[r].length < physCols) rows[r] = new float[physCols];
            sizedVectors = n;
            sizedCols = physCols;
            sizedRows = chunkRows;
        }
    }

    /**
     * Spike (1-bit) input: rows with x != 0 are driven for one read per parallel-rows chunk, no bit-serial planes.
     * Adds u_c = sum over active rows of w_rc into out. A step whose input is not all 0 and 1 (recorded input
     * currents) is a graded read through the DAC, as {@link #read} does.
     *
     * @return cycles the read took
     */
    public long readSpikes(SynapseBlock block, float[] x, int xOff, double[] out, int outOff, ActionCounters counts) {
        if (spec.synapse() == SynapseKind.SRAM) return readDigital(block, x, xOff, out, outOff, counts);
        for (int r = 0; r < block.rows(); r++) {
            float v = x[xOff + r];
            if (v != 0 && v != 1) return read(block, x, xOff, out, outOff, counts);
        }
        countSynapticOps(block, x, xOff, counts);
        return chunkedReads(block, x, xOff, false, 1.0, out, outOff, counts);
    }

    /**
     * One read per parallel-rows chunk over the rows with x != 0: driven with their values scaled by 1/maxAbs
     * (analog DAC) or with 1 (spikes).
     */
    private long chunkedReads(SynapseBlock block, float[] x, int xOff, boolean analog, double maxAbs, double[] out,
                              int outOff, ActionCounters counts) {
        int rows = block.rows();
        int chunk = spec.crossbar().parallelRows();
        long cycles = 0;
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            int r1 = Math.min(rows, r0 + chunk);
            int n = 0;
            for (int r = r0; r < r1; r++) if (x[xOff + r] != 0) active[n++] = r;
            if (n == 0) continue;
            if (everyRow && !analog) for (int r = r0; r < r1; r++) drive[r] = x[xOff + r] != 0 ? 1f : 0f;
            if (everyRow) {
                cycles += analog
                        ? senseAndConvert(block, allRows, r0, r1 - r0, n, x, xOff, 1.0 / maxAbs, maxAbs, out, outOff, counts)
                        : senseAndConvert(block, allRows, r0, r1 - r0, n, drive, 0, 1.0, 1.0, out, outOff, counts);
            } else {
                cycles += analog
                        ? senseAndConvert(block, active, 0, n, n, x, xOff, 1.0 / maxAbs, maxAbs, out, outOff, counts)
                        : senseAndConvert(block, active, 0, n, n, null, 0, 1.0, 1.0, out, outOff, counts);
            }
        }
        return cycles;
    }

    /**
     * One read pulse over the rows rowList[from, from + len) (drive a_i = 1, or x_i * drive scale when x != null; rows
     * with a_i = 0 add nothing), of which {@code driven} have a non-zero drive, followed by the conversions of all used
     * columns. Adds weight * (converted value in weight units) into out.
     */
    private long senseAndConvert(SynapseBlock block, int[] rowList, int from, int len, int driven, float[] x, int xOff,
                                 double driveScale, double weight, double[] out, int outOff, ActionCounters counts) {
        float[] g = block.cells().conductances();
        int stride = block.stride();
        int pc = block.cols() * block.cellsPerWeight();
        java.util.Arrays.fill(accP, 0, pc, 0f);
        boolean noisy = readNoise > 0;
        if (noisy) java.util.Arrays.fill(varCol, 0, pc, 0f);
        float[] d = rowDrive;
        for (int k = 0; k < len; k++) {
            int r = rowList[from + k];
            d[k] = x == null ? 1f : drive(x[xOff + r], driveScale);
        }
        kernel.sumRows(accP, d, rowList, from, len, g, stride, pc, rowCopies);
        if (noisy) kernel.sumSquares(varCol, d, rowList, from, len, g, stride, pc, rowCopies);
        double ref = needsReference(block) ? referenceCurrent(d, 0, len, block.gMin()) : 0;
        return convert(block, accP, varCol, ref, driven, weight, out, outOff, counts);
    }

    /**
     * The conversions of one read whose column sums are in acc (and, with read noise, the noise variances in variance):
     * counts the read, draws the noise, converts each used column and adds weight * (converted value in weight
     * units) into out. {@code ref} is the reference-column current of single-cell weights (unused for pairs).
     */
    private long convert(SynapseBlock block, float[] acc, float[] variance, double ref, int driven, double weight,
                         double[] out, int outOff, ActionCounters counts) {
        int cols = block.cols();
        int pc = cols * block.cellsPerWeight();
        boolean noisy = readNoise > 0;
        int conversions = spec.adc().conversions(cols, block.cellsPerWeight());
        counts.inc(Action.CROSSBAR_READ_PULSE);
        counts.add(Action.ROW_DRIVER_ACTIVATE, driven);
        counts.add(Action.CROSSBAR_CELL_READ, (long) driven * pc);
        counts.add(Action.ADC_CONVERSION, conversions);
        counts.add(Action.SHIFT_ADD_OP, cols);
        double toW = 1.0 / block.gPerWeight();
        AdcSpec adc = spec.adc();
        boolean sar = adc.mode() == AdcSpec.Mode.SAR;
        double gRange = block.gMax() - block.gMin();
        double fullScale = adc.fullScale() * spec.crossbar().parallelRows() * gRange;
        int half = sar ? 1 << (adc.bits() - 1) : 0;
        double lsb = sar ? fullScale / half : 0;
        boolean diff = block.cellsPerWeight() == 2;
        long convert = (conversions + adcs - 1) / adcs * conversionCycles;
        conversionCyclesSoFar += convert;
        long cycles = readPulseCycles + convert;
        if (diff && !noisy && !sar) {
            // the loop below for its most common case (an ideal converter, no read noise), without its branches
            for (int c = 0; c < cols; c++) out[outOff + c] += weight * ((double) acc[2 * c] - acc[2 * c + 1]) * toW;
            return cycles;
        }
        boolean perColumn = diff && adc.sensing() == AdcSpec.Sensing.PER_COLUMN;
        for (int c = 0; c < cols; c++) {
            double s;
            if (perColumn) {
                // each column's current above the reference converted on its own; the pair subtracted digitally
                double sp = acc[2 * c] - ref;
                double sn = acc[2 * c + 1] - ref;
                if (noisy) {
                    sp += readNoise * Math.sqrt(variance[2 * c]) * noise.nextGaussian();
                    sn += readNoise * Math.sqrt(variance[2 * c + 1]) * noise.nextGaussian();
                }
                s = sar ? quantise(sp, lsb, half) - quantise(sn, lsb, half) : sp - sn;
            } else {
                double v;
                if (diff) {
                    s = (double) acc[2 * c] - acc[2 * c + 1];
                    v = noisy ? (double) variance[2 * c] + variance[2 * c + 1] : 0;
                } else {
                    s = acc[c] - ref;
                    v = noisy ? variance[c] : 0;
                }
                if (noisy) s += readNoise * Math.sqrt(v) * noise.nextGaussian();
                if (sar) s = quantise(s, lsb, half);
            }
            out[outOff + c] += weight * s * toW;
        }
        return cycles;
    }

    /** A SAR conversion of s: rounded to the step lsb, clipped (and counted) to [-half, half - 1] steps. */
    private double quantise(double s, double lsb, int half) {
        long q = Math.round(s / lsb);
        if (q > half - 1) {
            q = half - 1;
            clipped++;
        } else if (q < -half) {
            q = -half;
            clipped++;
        }
        return q * lsb;
    }

    /**
     * Reads {@code rows} rows of the tile back one at a time, for a learning rule that needs its weights (each row
     * driven alone, every used column sensed and converted, as a forward read of that row): counts the actions of the
     * read path and returns the cycles, row by row. The values themselves are taken from the cells by the plasticity
     * engine (the read-back is exact: its conversion noise is not modelled).
     */
    public long readBackRows(SynapseBlock block, long rows, ActionCounters counts) {
        if (rows == 0) return 0;
        int cols = block.cols();
        int conversions = spec.adc().conversions(cols, block.cellsPerWeight());
        counts.add(Action.CROSSBAR_READ_PULSE, rows);
        counts.add(Action.ROW_DRIVER_ACTIVATE, rows);
        counts.add(Action.CROSSBAR_CELL_READ, rows * cols * block.cellsPerWeight());
        counts.add(Action.ADC_CONVERSION, rows * conversions);
        return rows * (readPulseCycles + (conversions + adcs - 1) / adcs * conversionCycles);
    }

    private long readDigital(SynapseBlock block, float[] x, int xOff, double[] out, int outOff, ActionCounters counts) {
        int rows = block.rows();
        int cols = block.cols();
        long nnz = 0;
        for (int r = 0; r < rows; r++) {
            float v = x[xOff + r];
            if (v == 0 && !everyRow) continue;
            if (v != 0) nnz++;
            for (int c = 0; c < cols; c++) out[outOff + c] += v * block.weight(r, c);
        }
        long ops = nnz * cols;
        counts.add(Action.SYNAPSE_SRAM_OP, ops);
        counts.add(Event.SYNAPTIC_OP, ops);
        return ops * sramOpCycles;
    }

    /**
     * One synaptic operation per weight per non-zero input ({@link Event#SYNAPTIC_OP}): what the read computes, not
     * what it costs (bit planes and conversions are counted as the actions they are).
     */
    private static void countSynapticOps(SynapseBlock block, float[] x, int xOff, ActionCounters counts) {
        long nnz = 0;
        for (int r = 0; r < block.rows(); r++) if (x[xOff + r] != 0) nnz++;
        counts.add(Event.SYNAPTIC_OP, nnz * block.cols());
    }
}
