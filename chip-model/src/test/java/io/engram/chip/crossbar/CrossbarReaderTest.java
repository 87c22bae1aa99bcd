package io.engram.chip.crossbar;

import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.engram.chip.crossbar.CrossbarRig.analog;
import static io.engram.chip.crossbar.CrossbarRig.bitSerial;
import static io.engram.chip.crossbar.CrossbarRig.core;
import static io.engram.chip.crossbar.CrossbarRig.idealAdc;
import static io.engram.chip.crossbar.CrossbarRig.sar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crossbar read path against independent float arithmetic: exact with ideal parts, input quantisation exactly
 * as the bit-serial DAC defines it, ADC error within half an LSB per conversion, clipping counted, and action counts
 * and cycles equal to their closed forms.
 */
class CrossbarReaderTest {
    static final int ROWS = 128;
    static final int COLS = 64;
    /** rram-22nm: 128 physical columns, 8 columns per ADC. */
    static final int ADCS = 128 / 8;

    static float[] weights(long seed) { return CrossbarRig.uniform(ROWS * COLS, -1, 1, seed); }

    /** The DAC's full scale: the largest magnitude in double, NaNs skipped, whatever the sign of zeros. */
    @Test
    void maxAbsIsTheLargestMagnitudeSkippingNaN() {
        assertEquals(3.0, CrossbarReader.maxAbs(new float[]{9f, 1f, -3f, Float.NaN, 2f}, 1, 4));
        assertEquals(0.0, CrossbarReader.maxAbs(new float[]{Float.NaN}, 0, 1));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(CrossbarReader.maxAbs(
                new float[]{-0f, 0f, -0f}, 0, 3)));
        float[] x = CrossbarRig.uniform(301, -5, 5, 17);
        x[150] = Float.NaN;
        for (int n = 0; n <= 301; n += 7) {
            double m = 0;
            for (int r = 0; r < n; r++) if (Math.abs((double) x[r]) > m) m = Math.abs((double) x[r]);
            assertEquals(m, CrossbarReader.maxAbs(x, 0, n), "first " + n);
        }
    }

    @Test
    void idealPartsGiveTheFloatProduct() {
        float[] w = weights(1);
        for (int par : new int[]{ROWS, 32}) {
            CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), analog(), idealAdc(), ROWS, par), ROWS, COLS, w, 1.0, 3);
            for (long s = 0; s < 5; s++) {
                float[] x = CrossbarRig.uniform(ROWS, -1, 1, 100 + s);
                double[] xd = CrossbarRig.toDouble(x);
                double[] ref = CrossbarRig.matVec(xd, CrossbarRig.toDouble(w), ROWS, COLS);
                double[] scale = CrossbarRig.absScale(xd, CrossbarRig.toDouble(w), ROWS, COLS);
                double[] u = rig.read(x, null);
                for (int c = 0; c < COLS; c++) {
                    assertEquals(ref[c], u[c], 1e-5 * scale[c], "parallel_rows " + par + " column " + c);
                }
            }
        }
    }

    @Test
    void bitSerialErrorIsExactlyTheInputQuantisationError() {
        float[] w = weights(2);
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), idealAdc(), ROWS, ROWS), ROWS, COLS, w, 1.0, 3);
        double[] weff = rig.effectiveWeights();
        double worstQuantEffect = 0;
        for (long s = 0; s < 5; s++) {
            float[] x = CrossbarRig.uniform(ROWS, -1, 1, 200 + s);
            double[] xd = CrossbarRig.toDouble(x);
            double[] xq = CrossbarRig.quantised(x, 8);
            double unit = CrossbarRig.maxAbs(x) / 255;
            for (int i = 0; i < ROWS; i++) assertTrue(Math.abs(xq[i] - xd[i]) <= unit / 2 * (1 + 1e-9), "input " + i);
            double[] exact = CrossbarRig.matVec(xd, weff, ROWS, COLS);
            double[] withQuant = CrossbarRig.matVec(xq, weff, ROWS, COLS);
            double[] scale = CrossbarRig.absScale(xd, weff, ROWS, COLS);
            double[] u = rig.read(x, null);
            double[] xqAbs = new double[ROWS];
            for (int i = 0; i < ROWS; i++) xqAbs[i] = Math.abs(xq[i]);
            double[] rounding = rig.summationBound(xqAbs);
            for (int c = 0; c < COLS; c++) {
                // the read error u - exact is the quantisation error withQuant - exact, to rounding: that of the
                // single-precision column sums, and of the double arithmetic of this test
                assertEquals(withQuant[c] - exact[c], u[c] - exact[c], rounding[c] + 1e-12 * scale[c], "column " + c);
                worstQuantEffect = Math.max(worstQuantEffect, Math.abs(withQuant[c] - exact[c]) / scale[c]);
            }
        }
        // 8-bit inputs really are quantised: the effect is far above rounding, and at most half a unit per input
        assertTrue(worstQuantEffect > 1e-5, "quantisation effect " + worstQuantEffect);
        assertTrue(worstQuantEffect < 0.5 / 255 * 2, "quantisation effect " + worstQuantEffect);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 8})
    void sarErrorWithinHalfAnLsbPerConversion(int adcBits) {
        float[] w = weights(3);
        double fs = 0.25;
        CrossbarRig sarRig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), sar(adcBits, fs), ROWS, ROWS), ROWS, COLS, w, 1.0, 3);
        CrossbarRig ideal = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), idealAdc(), ROWS, ROWS), ROWS, COLS, w, 1.0, 3);
        double gPerW = sarRig.block.gPerWeight();
        double lsb = fs * ROWS * (10.0 - 1.0) / (1 << (adcBits - 1));
        double worst = 0;
        for (long s = 0; s < 10; s++) {
            float[] x = CrossbarRig.uniform(ROWS, -1, 1, 300 + s);
            double bound = 0;
            for (CrossbarRig.Read r : CrossbarRig.schedule(x, 8, ROWS)) bound += Math.abs(r.weight()) * lsb / 2 / gPerW;
            double[] u = sarRig.read(x, null);
            double[] ref = ideal.read(x, null);
            for (int c = 0; c < COLS; c++) {
                double err = Math.abs(u[c] - ref[c]);
                assertTrue(err <= bound * (1 + 1e-9), "column " + c + " error " + err + " > bound " + bound);
                worst = Math.max(worst, err / bound);
            }
        }
        assertEquals(0, sarRig.reader.clippedConversions(), "no conversion clips at full_scale 0.25");
        // the bound is not vacuous: errors reach a visible fraction of it
        assertTrue(worst > 0.05, "worst error / bound = " + worst);
    }

    @Test
    void sarErrorShrinksWithBits() {
        float[] w = weights(4);
        float[] x = CrossbarRig.uniform(ROWS, -1, 1, 400);
        double[] ref = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), idealAdc(), ROWS, ROWS), ROWS, COLS, w, 1.0, 3)
                .read(x, null);
        double prev = Double.POSITIVE_INFINITY;
        for (int bits : new int[]{4, 6, 8, 10}) {
            double[] u = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), sar(bits, 0.25), ROWS, ROWS), ROWS, COLS, w, 1.0, 3)
                    .read(x, null);
            double rms = 0;
            for (int c = 0; c < COLS; c++) rms += (u[c] - ref[c]) * (u[c] - ref[c]);
            rms = Math.sqrt(rms / COLS);
            assertTrue(rms < prev / 2, bits + " bits: rms error " + rms + " not below half of " + prev);
            prev = rms;
        }
    }

    /**
     * One read (1-bit inputs, one chunk): each output is the column signal rounded to the ADC grid, or clipped to
     * its end, in weight units; every clipped conversion is counted.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.02})
    void oneConversionIsRoundedToTheAdcGridAndClipsAreCounted(double fs) {
        int bits = 6;
        float[] w = weights(5);
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(1), sar(bits, fs), ROWS, ROWS), ROWS, COLS, w, 1.0, 3);
        float[] x = CrossbarRig.uniform(ROWS, 0, 1, 500);
        for (int i = 0; i < ROWS; i++) x[i] = x[i] < 0.5f ? 0f : 1f;
        float[] g = rig.block.cells().conductances();
        int half = 1 << (bits - 1);
        double lsb = fs * ROWS * 9.0 / half;
        double toW = 1.0 / rig.block.gPerWeight();
        long expectClipped = 0;
        double[] expected = new double[COLS];
        for (int c = 0; c < COLS; c++) {
            double p = 0, m = 0;
            for (int r = 0; r < ROWS; r++) {
                if (x[r] == 0) continue;
                p += 1.0 * g[rig.block.plusCell(r, c)];
                m += 1.0 * g[rig.block.minusCell(r, c)];
            }
            long q = Math.round((p - m) / lsb);
            if (q > half - 1 || q < -half) {
                expectClipped++;
                q = Math.max(-half, Math.min(half - 1, q));
            }
            expected[c] = 1.0 * (q * lsb) * toW;
        }
        double[] u = rig.read(x, null);
        for (int c = 0; c < COLS; c++) assertEquals(expected[c], u[c], 1e-12, "column " + c);
        assertEquals(expectClipped, rig.reader.clippedConversions());
        if (fs < 0.1) {
            assertTrue(expectClipped > COLS / 4 && expectClipped < COLS, "clipped " + expectClipped);
        } else {
            assertEquals(0, expectClipped);
        }
    }

    // ---- counts and cycles

    /** Asserts every read-path counter and the cycles against the closed forms for {@code reads} reads. */
    static void assertCounts(CrossbarRig rig, long reads, long rowActivations, long cycles) {
        ActionCounters k = rig.counts;
        int wc = rig.block.cols();
        int pc = wc * rig.block.cellsPerWeight();
        long perRead = rig.tech.cycles(Action.CROSSBAR_READ_PULSE)
                + (long) Math.ceil(wc / (double) ADCS) * rig.tech.cycles(Action.ADC_CONVERSION);
        assertEquals(reads, k.get(Action.CROSSBAR_READ_PULSE), "read pulses");
        assertEquals(rowActivations, k.get(Action.ROW_DRIVER_ACTIVATE), "row activations");
        assertEquals(rowActivations * pc, k.get(Action.CROSSBAR_CELL_READ), "cell reads");
        assertEquals(reads * wc, k.get(Action.ADC_CONVERSION), "ADC conversions");
        assertEquals(reads * wc, k.get(Action.SHIFT_ADD_OP), "shift-and-add ops");
        assertEquals(reads * perRead, cycles, "cycles");
    }

    @Test
    void everyPlaneOfEveryChunkOfBothSigns() {
        int par = 32;
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), sar(8, 0.25), ROWS, par), ROWS, COLS, weights(6), 1.0, 3);
        float[] x = CrossbarRig.uniform(ROWS, -1, 1, 600);
        for (int r0 = 0; r0 < ROWS; r0 += par) {
            x[r0] = 1f;       // level 255: all 8 bits, positive pass
            x[r0 + 1] = -1f;  // level 255: all 8 bits, negative pass
        }
        long[] cyc = new long[1];
        rig.read(x, cyc);
        long reads = 8L * (ROWS / par) * 2;
        assertEquals(64, reads);
        assertEquals(reads, CrossbarRig.schedule(x, 8, par).size());
        assertCounts(rig, reads, CrossbarRig.popcountTotal(x, 8), cyc[0]);
        // rram-22nm: 10 ns read pulse at 1 GHz + ceil(64 / 16 ADCs) x 9-cycle conversions = 46 cycles per read
        assertEquals(64 * 46, cyc[0]);
    }

    @Test
    void emptyPlanesAndChunksAreSkipped() {
        int par = 64;
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), sar(8, 0.25), ROWS, par), ROWS, COLS, weights(7), 1.0, 3);
        float[] x = new float[ROWS];
        x[0] = 1f;                                       // chunk 0: one row at level 255 -> 8 planes
        for (int r = 64; r < ROWS; r++) x[r] = 1f / 255; // chunk 1: level 1 -> plane 0 only; no negative pass
        long[] cyc = new long[1];
        rig.read(x, cyc);
        assertCounts(rig, 9, 8 + 64, cyc[0]);
        assertEquals((8 + 64) * 128, rig.counts.get(Action.CROSSBAR_CELL_READ));
        assertEquals(9 * 64, rig.counts.get(Action.ADC_CONVERSION));
        assertEquals(9 * 46, cyc[0]);

        // an all-zero input costs nothing
        CrossbarRig idle = new CrossbarRig(rig.spec, ROWS, COLS, weights(7), 1.0, 3);
        idle.read(new float[ROWS], cyc);
        assertEquals(0, cyc[0]);
        assertEquals(new ActionCounters(), idle.counts);
    }

    @Test
    void sparseSignedInputMatchesTheEnumeratedSchedule() {
        for (int par : new int[]{128, 48, 16}) {
            CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(8), sar(8, 0.25), ROWS, par), ROWS, COLS, weights(8), 1.0, 3);
            float[] x = CrossbarRig.uniform(ROWS, -1, 1, 800 + par);
            float[] keep = CrossbarRig.uniform(ROWS, 0, 1, 900 + par);
            for (int i = 0; i < ROWS; i++) if (keep[i] < 0.7f) x[i] = 0;
            // a chunk of zeros in the middle
            for (int i = par; i < Math.min(ROWS, 2 * par); i++) x[i] = 0;
            List<CrossbarRig.Read> sched = CrossbarRig.schedule(x, 8, par);
            long activations = 0;
            for (CrossbarRig.Read r : sched) activations += r.rows().length;
            assertEquals(CrossbarRig.popcountTotal(x, 8), activations);
            long[] cyc = new long[1];
            rig.read(x, cyc);
            assertCounts(rig, sched.size(), activations, cyc[0]);
        }
    }

    @Test
    void analogInputOneReadPerNonEmptyChunk() {
        int par = 32;
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), analog(), sar(8, 0.25), ROWS, par), ROWS, COLS, weights(9), 1.0, 3);
        float[] x = CrossbarRig.uniform(ROWS, -1, 1, 1000);
        for (int i = 64; i < 96; i++) x[i] = 0;  // chunk 2 empty
        x[5] = 0;
        long[] cyc = new long[1];
        rig.read(x, cyc);
        assertCounts(rig, 3, ROWS - 32 - 1, cyc[0]);
    }

    @Test
    void smallerTileConvertsOnlyItsColumns() {
        int rows = 100;
        int cols = 40;
        float[] w = CrossbarRig.uniform(rows * cols, -1, 1, 10);
        CrossbarRig rig = new CrossbarRig(core(DeviceSpec.ideal(), bitSerial(4), sar(8, 0.25), ROWS, ROWS), rows, cols, w, 1.0, 3);
        float[] x = CrossbarRig.uniform(rows, 0, 1, 1100);
        x[7] = 1f;  // level 15 in the only chunk: all 4 planes, positive only
        long[] cyc = new long[1];
        rig.read(x, cyc);
        // 4 reads; 40 weight columns on 16 ADCs take 3 conversion rounds; 80 physical columns sensed
        assertCounts(rig, 4, CrossbarRig.popcountTotal(x, 4), cyc[0]);
        assertEquals(4 * (10 + 3 * 9), cyc[0]);
        assertEquals(4 * 40, rig.counts.get(Action.ADC_CONVERSION));
        assertEquals(CrossbarRig.popcountTotal(x, 4) * 80, rig.counts.get(Action.CROSSBAR_CELL_READ));
    }
}
