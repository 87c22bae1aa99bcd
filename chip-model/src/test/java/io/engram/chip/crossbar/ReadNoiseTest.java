package io.engram.chip.crossbar;

import io.engram.chip.spec.DeviceSpec;
import org.junit.jupiter.api.Test;

import static io.engram.chip.crossbar.CrossbarRig.analog;
import static io.engram.chip.crossbar.CrossbarRig.bitSerial;
import static io.engram.chip.crossbar.CrossbarRig.core;
import static io.engram.chip.crossbar.CrossbarRig.idealAdc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read noise: each cell's conductance has relative sigma readNoise at every read, so over many reads of a fixed
 * input, u_j has mean sum_i x_i w_ij and standard deviation
 * sum over reads of (read weight)^2 x readNoise^2 x sum_{active i} (a_i^2 (G+_ij^2 + G-_ij^2)), square-rooted, over
 * gPerWeight. Checked to 5 % per column.
 */
class ReadNoiseTest {
    static final int ROWS = 128;
    static final int COLS = 64;
    static final double READ_NOISE = 0.05;

    static DeviceSpec noisyIdeal() { return DeviceSpec.ideal().withNoise(0, 0, READ_NOISE); }

    /** Per-column mean and standard deviation of u over n reads. */
    static double[][] moments(CrossbarRig rig, float[] x, int n) {
        double[] sum = new double[COLS];
        double[] sq = new double[COLS];
        for (int k = 0; k < n; k++) {
            double[] u = rig.read(x, null);
            for (int c = 0; c < COLS; c++) {
                sum[c] += u[c];
                sq[c] += u[c] * u[c];
            }
        }
        double[] mean = new double[COLS];
        double[] std = new double[COLS];
        for (int c = 0; c < COLS; c++) {
            mean[c] = sum[c] / n;
            std[c] = Math.sqrt(Math.max(0, sq[c] / n - mean[c] * mean[c]) * n / (n - 1.0));
        }
        return new double[][]{mean, std};
    }

    static void check(double[][] m, double[] expMean, double[] expStd, int n) {
        double worst = 0;
        for (int c = 0; c < COLS; c++) {
            double ratio = m[1][c] / expStd[c];
            worst = Math.max(worst, Math.abs(ratio - 1));
            assertEquals(1.0, ratio, 0.05, "column " + c + " std " + m[1][c] + " expected " + expStd[c]);
            // the noise is unbiased: the mean is within 5 standard errors of the noiseless value
            assertEquals(expMean[c], m[0][c], 5 * expStd[c] / Math.sqrt(n), "column " + c + " mean");
        }
        assertTrue(worst > 0, "noise present");
    }

    @Test
    void analogReadStdMatchesTheExactColumnVariance() {
        float[] w = CrossbarRig.uniform(ROWS * COLS, -1, 1, 21);
        CrossbarRig rig = new CrossbarRig(core(noisyIdeal(), analog(), idealAdc(), ROWS, ROWS), ROWS, COLS, w, 1.0, 5);
        float[] x = CrossbarRig.uniform(ROWS, -1, 1, 22);
        float[] g = rig.block.cells().conductances();
        double gPerW = rig.block.gPerWeight();
        double[] expStd = new double[COLS];
        for (int c = 0; c < COLS; c++) {
            double v = 0;
            for (int r = 0; r < ROWS; r++) {
                double gp = g[rig.block.plusCell(r, c)];
                double gm = g[rig.block.minusCell(r, c)];
                v += (double) x[r] * x[r] * (gp * gp + gm * gm);
            }
            expStd[c] = READ_NOISE * Math.sqrt(v) / gPerW;
        }
        double[] mean = CrossbarRig.matVec(CrossbarRig.toDouble(x), rig.effectiveWeights(), ROWS, COLS);
        int n = 6_000;
        check(moments(rig, x, n), mean, expStd, n);
    }

    @Test
    void bitSerialReadStdSumsTheVarianceOfEveryRead() {
        int bits = 4;
        float[] w = CrossbarRig.uniform(ROWS * COLS, -1, 1, 31);
        int par = 64;
        CrossbarRig rig = new CrossbarRig(core(noisyIdeal(), bitSerial(bits), idealAdc(), ROWS, par), ROWS, COLS, w, 1.0, 5);
        float[] x = CrossbarRig.uniform(ROWS, -1, 1, 32);
        float[] g = rig.block.cells().conductances();
        double gPerW = rig.block.gPerWeight();
        double[] var = new double[COLS];
        for (CrossbarRig.Read read : CrossbarRig.schedule(x, bits, par)) {
            for (int c = 0; c < COLS; c++) {
                double v = 0;
                for (int r : read.rows()) {
                    double gp = g[rig.block.plusCell(r, c)];
                    double gm = g[rig.block.minusCell(r, c)];
                    v += gp * gp + gm * gm;
                }
                var[c] += read.weight() * read.weight() * READ_NOISE * READ_NOISE * v;
            }
        }
        double[] expStd = new double[COLS];
        for (int c = 0; c < COLS; c++) expStd[c] = Math.sqrt(var[c]) / gPerW;
        double[] mean = CrossbarRig.matVec(CrossbarRig.quantised(x, bits), rig.effectiveWeights(), ROWS, COLS);
        int n = 5_000;
        check(moments(rig, x, n), mean, expStd, n);
    }

    @Test
    void noiselessDeviceReadsAreRepeatable() {
        float[] w = CrossbarRig.uniform(ROWS * COLS, -1, 1, 41);
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), idealAdc(), ROWS, ROWS), ROWS, COLS, w, 1.0, 5);
        float[] x = CrossbarRig.uniform(ROWS, -1, 1, 42);
        double[] first = rig.read(x, null);
        for (int k = 0; k < 20; k++) org.junit.jupiter.api.Assertions.assertArrayEquals(first, rig.read(x, null));
    }
}
