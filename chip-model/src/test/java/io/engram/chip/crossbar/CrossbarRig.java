package io.engram.chip.crossbar;

import io.engram.chip.device.CellArray;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Technology;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One crossbar with its read path, built without a chip: the rram-22nm technology and core with the parts a test
 * swaps (device, DAC, ADC, geometry). Also the independent float arithmetic the tests compare the read path against.
 */
final class CrossbarRig {
    static final ChipSpec BASE = ChipSpec.preset("rram-22nm");

    final CoreSpec spec;
    final Technology tech;
    final SynapseBlock block;
    final CrossbarReader reader;
    final ActionCounters counts = new ActionCounters();

    CrossbarRig(CoreSpec spec, int rows, int cols, float[] w, double weightScale, long seed) {
        this.spec = spec;
        this.tech = BASE.technology();
        RandomStreams streams = new RandomStreams(seed);
        CellArray cells = new CellArray(spec.device(), spec.crossbar().rows(), spec.crossbar().cols(), streams, "core[0]");
        this.block = new SynapseBlock(cells, spec, rows, cols, weightScale);
        block.load(w, cols, 0, 0);
        this.reader = new CrossbarReader(spec, tech, streams, "core[0]");
    }

    /** rram-22nm core with the given device, DAC, ADC and a square crossbar of {@code n} rows and physical columns. */
    static CoreSpec core(DeviceSpec dev, DacSpec dac, AdcSpec adc, int n, int parallelRows) {
        return BASE.core().withDevice(dev).withDac(dac).withAdc(adc)
                .withCrossbar(new CrossbarSpec(n, n, 2, parallelRows));
    }

    static DacSpec analog() { return new DacSpec(DacSpec.Mode.ANALOG, 0); }

    static DacSpec bitSerial(int bits) { return new DacSpec(DacSpec.Mode.BIT_SERIAL, bits); }

    static AdcSpec idealAdc() { return new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25); }

    static AdcSpec sar(int bits, double fullScale) { return new AdcSpec(AdcSpec.Mode.SAR, bits, 8, fullScale); }

    /** One read from zero; returns u and the cycles in {@code cycles[0]}. */
    double[] read(float[] x, long[] cycles) {
        double[] out = new double[block.cols()];
        long c = reader.read(block, x, 0, out, 0, counts);
        if (cycles != null) cycles[0] = c;
        return out;
    }

    /**
     * Worst-case rounding of the read path's single-precision column sums, in weight units, for inputs of magnitude
     * xAbs: each column sum of n products of drives and conductances carries at most (n + 1) roundings of 2^-24 of its
     * terms' magnitude (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. 3.5: one per product, n - 1
     * per addition), and the drives of all reads (bit-planes, chunks) of an input add up to its magnitude, so the bound
     * of a weight column is (n + 1) 2^-24 sum_i |x_i| (G+_ic + G-_ic) / gPerWeight.
     */
    double[] summationBound(double[] xAbs) {
        float[] g = block.cells().conductances();
        int stride = block.stride();
        double perTerm = (block.rows() + 1) * 0x1.0p-24 / block.gPerWeight();
        double[] bound = new double[block.cols()];
        for (int c = 0; c < block.cols(); c++) {
            double s = 0;
            for (int r = 0; r < block.rows(); r++) {
                s += xAbs[r] * ((double) g[r * stride + 2 * c] + g[r * stride + 2 * c + 1]);
            }
            bound[c] = perTerm * s;
        }
        return bound;
    }

    /** The weights the cells hold (differential conductances / gPerWeight), row-major. */
    double[] effectiveWeights() {
        double[] w = new double[block.rows() * block.cols()];
        for (int r = 0; r < block.rows(); r++) {
            for (int c = 0; c < block.cols(); c++) w[r * block.cols() + c] = block.weight(r, c);
        }
        return w;
    }

    static double[] matVec(double[] x, double[] w, int rows, int cols) {
        double[] u = new double[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) u[c] += x[r] * w[r * cols + c];
        return u;
    }

    /** sum_i |x_i w_ij|: the scale a relative tolerance on u_j refers to (u_j itself may be near zero). */
    static double[] absScale(double[] x, double[] w, int rows, int cols) {
        double[] s = new double[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) s[c] += Math.abs(x[r] * w[r * cols + c]);
        return s;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static float[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return v;
    }

    static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Magnitude levels of the bit-serial DAC for one sign pass, as the spec defines them (unit = maxAbs / (2^bits-1)). */
    static int[] levels(float[] x, int bits, int sign) {
        double unit = maxAbs(x) / ((1 << bits) - 1);
        int[] q = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean take = sign > 0 ? x[i] > 0 : x[i] < 0;
            q[i] = take ? (int) Math.round(Math.abs(x[i]) / unit) : 0;
        }
        return q;
    }

    /** x with each input replaced by its DAC value sign * q * unit. */
    static double[] quantised(float[] x, int bits) {
        double unit = maxAbs(x) / ((1 << bits) - 1);
        int[] qp = levels(x, bits, +1);
        int[] qm = levels(x, bits, -1);
        double[] xq = new double[x.length];
        for (int i = 0; i < x.length; i++) xq[i] = (qp[i] - qm[i]) * unit;
        return xq;
    }

    /**
     * The read schedule, enumerated independently of the reader: one entry per (sign pass, bit plane, chunk) with at
     * least one active row, giving the signed weight of that read (sign x unit x 2^b) and its active rows.
     */
    record Read(double weight, int[] rows) {}

    static java.util.List<Read> schedule(float[] x, int bits, int parallelRows) {
        double unit = maxAbs(x) / ((1 << bits) - 1);
        java.util.List<Read> out = new java.util.ArrayList<>();
        for (int sign : new int[]{+1, -1}) {
            int[] q = levels(x, bits, sign);
            for (int b = 0; b < bits; b++) {
                for (int r0 = 0; r0 < x.length; r0 += parallelRows) {
                    int[] act = new int[parallelRows];
                    int n = 0;
                    for (int r = r0; r < Math.min(x.length, r0 + parallelRows); r++) {
                        if (((q[r] >>> b) & 1) != 0) act[n++] = r;
                    }
                    if (n > 0) out.add(new Read(sign * unit * (1 << b), Arrays.copyOf(act, n)));
                }
            }
        }
        return out;
    }

    static long popcountTotal(float[] x, int bits) {
        long s = 0;
        for (int sign : new int[]{+1, -1}) for (int q : levels(x, bits, sign)) s += Integer.bitCount(q);
        return s;
    }
}
