package io.engram.chip.crossbar;

import io.engram.chip.device.CellArray;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.engram.chip.crossbar.CrossbarRig.analog;
import static io.engram.chip.crossbar.CrossbarRig.bitSerial;
import static io.engram.chip.crossbar.CrossbarRig.idealAdc;
import static io.engram.chip.crossbar.CrossbarRig.sar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batched read is the reads of its vectors one after the other: the same outputs to the last bit, action counts,
 * cycles per vector, clipped conversions and read-noise stream, for every DAC, ADC, noise, chunking and cell layout,
 * with inputs that are dense, sparse (with zeros of both signs), empty in a chunk or empty altogether; and so with
 * either column kernel (scalar or SIMD) on either side, with column counts that leave a partial vector, batches that
 * leave vectors outside the vector pairs and groups (37 = two groups of 16 and five more) and chunks that leave rows
 * outside the four-row blocks.
 */
class CrossbarReaderBatchTest {
    static final int N = 128;
    static final int X_OFF = 3;
    static final int OUT_OFF = 5;

    /** Two arrays built the same way: one read vector by vector, one in batches. */
    private static final class Pair {
        final SynapseBlock block1;
        final SynapseBlock block2;
        final CrossbarReader one;
        final CrossbarReader batched;

        Pair(CoreSpec spec, int rows, int cols, long seed) { this(spec, rows, cols, seed, SCALAR, SCALAR); }

        Pair(CoreSpec spec, int rows, int cols, long seed, ColumnKernel oneKernel, ColumnKernel batchKernel) {
            float[] w = CrossbarRig.uniform(rows * cols, -1, 1, seed);
            block1 = block(spec, rows, cols, w, seed);
            block2 = block(spec, rows, cols, w, seed);
            one = new CrossbarReader(spec, CrossbarRig.BASE.technology(), new RandomStreams(seed), "core[0]", oneKernel);
            batched = new CrossbarReader(spec, CrossbarRig.BASE.technology(), new RandomStreams(seed), "core[0]",
                    batchKernel);
        }

        private static SynapseBlock block(CoreSpec spec, int rows, int cols, float[] w, long seed) {
            CellArray cells = new CellArray(spec.device(), spec.crossbar().rows(), spec.crossbar().cols(),
                    new RandomStreams(seed), "core[0]");
            SynapseBlock b = new SynapseBlock(cells, spec, rows, cols, 1.0);
            b.load(w, cols, 0, 0);
            return b;
        }
    }

    /** Inputs at offset X_OFF: dense signed, dense positive, sparse with +-0, a chunk left empty, all zero. */
    static float[][] inputs(int rows, int n, int parallelRows, long seed) {
        float[][] xs = new float[n][];
        for (int v = 0; v < n; v++) {
            float[] x = new float[X_OFF + rows];
            float[] u = CrossbarRig.uniform(rows, v % 2 == 0 ? -1 : 0.05, 1, seed + v);
            System.arraycopy(u, 0, x, X_OFF, rows);
            switch (v % 5) {
                case 2 -> {
                    for (int r = 0; r < rows; r += 3) x[X_OFF + r] = r % 2 == 0 ? 0f : -0f;
                }
                case 3 -> {
                    for (int r = 0; r < Math.min(rows, parallelRows); r++) x[X_OFF + r] = 0f;
                }
                case 4 -> {
                    if (v % 10 == 4) Arrays.fill(x, 0f);
                }
                default -> { }
            }
            xs[v] = x;
        }
        return xs;
    }

    static double[][] outputs(int n, int cols) {
        double[][] outs = new double[n][OUT_OFF + cols];
        for (int v = 0; v < n; v++) for (int c = 0; c < outs[v].length; c++) outs[v][c] = 0.125 * (v + c);
        return outs;
    }

    static List<CoreSpec> specs() {
        List<CoreSpec> specs = new ArrayList<>();
        DeviceSpec quiet = DeviceSpec.ideal();
        DeviceSpec noisy = DeviceSpec.ideal().withNoise(0, 0, 0.05);
        for (DacSpec dac : new DacSpec[]{analog(), bitSerial(4)}) {
            for (AdcSpec adc : new AdcSpec[]{idealAdc(), sar(6, 0.02)}) {
                for (DeviceSpec dev : new DeviceSpec[]{quiet, noisy}) {
                    for (int par : new int[]{N, 32, 30}) {
                        for (int pair : new int[]{2, 1}) {
                            specs.add(CrossbarRig.BASE.core().withDevice(dev).withDac(dac).withAdc(adc)
                                    .withCrossbar(new CrossbarSpec(N, N, pair, par)));
                        }
                    }
                }
            }
        }
        return specs;
    }

    static final ColumnKernel SCALAR = new ScalarColumnKernel();

    /** Kernel pairs (one-vector reader, batched reader): scalar both; scalar against SIMD; SIMD both. */
    static ColumnKernel[][] kernelPairs() {
        ColumnKernel simd = new SimdColumnKernel();
        return new ColumnKernel[][]{{SCALAR, SCALAR}, {SCALAR, simd}, {simd, simd}};
    }

    @Test
    void testsRunTheSimdKernel() {
        assertTrue(ColumnKernel.forThisJvm() instanceof SimdColumnKernel,
                "the test JVM has the vector API (surefire argLine --add-modules jdk.incubator.vector), kernel "
                        + ColumnKernel.forThisJvm().name());
    }

    @Test
    void batchEqualsOneVectorAtATime() {
        for (ColumnKernel[] kernels : kernelPairs()) batchEqualsOneVectorAtATime(kernels[0], kernels[1]);
    }

    private void batchEqualsOneVectorAtATime(ColumnKernel oneKernel, ColumnKernel batchKernel) {
        CrossbarReader.BatchWorkspace ws = new CrossbarReader.BatchWorkspace();
        int checked = 0;
        for (CoreSpec spec : specs()) {
            int wcols = spec.crossbar().weightCols();
            for (int[] shape : new int[][]{{N, wcols}, {N - 21, wcols - 13}}) {
                int rows = shape[0];
                int cols = shape[1];
                Pair p = new Pair(spec, rows, cols, 7, oneKernel, batchKernel);
                ActionCounters c1 = new ActionCounters();
                ActionCounters c2 = new ActionCounters();
                for (int n : new int[]{1, 2, 11, 16, 37}) {
                    float[][] xs = inputs(rows, n, spec.crossbar().parallelRows(), 100L * n + rows);
                    double[][] o1 = outputs(n, cols);
                    double[][] o2 = outputs(n, cols);
                    long[] cyc1 = new long[n];
                    long[] cyc2 = new long[n];
                    for (int v = 0; v < n; v++) cyc1[v] = p.one.read(p.block1, xs[v], X_OFF, o1[v], OUT_OFF, c1);
                    p.batched.readBatch(p.block2, xs, n, X_OFF, o2, OUT_OFF, c2, cyc2, ws);
                    String where = oneKernel.name() + " one-vector, " + batchKernel.name() + " batched: "
                            + spec.dac().mode() + " " + spec.adc().mode() + " noise " + spec.device().readNoise()
                            + " parallel " + spec.crossbar().parallelRows() + " cells/weight "
                            + spec.crossbar().cellsPerWeight() + " tile " + rows + "x" + cols + " batch " + n;
                    for (int v = 0; v < n; v++) assertArrayEquals(o1[v], o2[v], 0.0, where + " vector " + v);
                    assertArrayEquals(cyc1, cyc2, where);
                    assertEquals(c1, c2, where);
                    assertEquals(p.one.clippedConversions(), p.batched.clippedConversions(), where);
                    assertEquals(p.one.noiseState(), p.batched.noiseState(), where);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void theComparisonIsNotVacuous() {
        // the SAR configuration clips and the noisy one draws: the equalities above cover both
        CoreSpec spec = CrossbarRig.BASE.core().withDevice(DeviceSpec.ideal().withNoise(0, 0, 0.05))
                .withDac(analog()).withAdc(sar(6, 0.02)).withCrossbar(new CrossbarSpec(N, N, 2, N));
        Pair p = new Pair(spec, N, spec.crossbar().weightCols(), 7);
        long noiseBefore = p.batched.noiseState();
        int n = 16;
        float[][] xs = inputs(N, n, N, 9);
        p.batched.readBatch(p.block2, xs, n, X_OFF, outputs(n, spec.crossbar().weightCols()), OUT_OFF,
                new ActionCounters(), null, new CrossbarReader.BatchWorkspace());
        assertTrue(p.batched.clippedConversions() > 0, "some conversions clip");
        assertTrue(p.batched.noiseState() != noiseBefore, "noise is drawn");
    }
}
