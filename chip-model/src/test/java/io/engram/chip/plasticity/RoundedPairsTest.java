package io.engram.chip.plasticity;

import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.device.DeviceRng;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DeviceKind;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.EndurancePolicy;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's single loop for pulsed devices on differential pairs with stochastic rounding gives, bit for bit, the
 * writes of the pair rule it stands for (sign-carrying device first, remainder past Gmin to the partner, one rounding
 * draw per cell move), replayed here cell by cell through the public {@link CellArray} calls.
 */
class RoundedPairsTest {
    private static final String PATH = "core0";

    @Test
    void matchesTheCellByCellPairRule() {
        CoreSpec rram = ChipSpec.preset("rram-22nm").core();
        DeviceSpec faulty = rram.device().withFaults(0.02, 0.02, 40, EndurancePolicy.STUCK_AT_CURRENT);
        DeviceSpec varied = rram.device().withNoise(0.01, 0.1, 0.01);
        DeviceSpec linear = rram.device().withKind(DeviceKind.LINEAR_STEP);
        for (DeviceSpec dev : new DeviceSpec[] {rram.device(), faulty, varied, linear}) {
            check(rram.withDevice(dev), ChipSpec.preset("rram-22nm"));
        }
    }

    private static void check(CoreSpec spec, ChipSpec chip) {
        int rows = 40;
        int cols = 24;
        int phys = spec.crossbar().cols();
        RandomStreams streams = new RandomStreams(77);
        SplittableRandom r = new SplittableRandom(5);
        float[] w0 = new float[rows * cols];
        for (int i = 0; i < w0.length; i++) w0[i] = (float) (r.nextDouble() * 2 - 1);
        CellArray cells = new CellArray(spec.device(), spec.crossbar().rows(), phys, streams, PATH);
        SynapseBlock block = new SynapseBlock(cells, spec, rows, cols, 1.0);
        block.load(w0, cols, 0, 0);
        CellArray ref = new CellArray(spec.device(), spec.crossbar().rows(), phys, streams, PATH);
        SynapseBlock refBlock = new SynapseBlock(ref, spec, rows, cols, 1.0);
        refBlock.load(w0, cols, 0, 0);
        PlasticityEngine engine = new PlasticityEngine(spec, chip.technology(), streams, PATH,
                new io.engram.chip.crossbar.CrossbarReader(spec, chip.technology(), streams, PATH));
        DeviceRng rounding = new DeviceRng(streams.derive(PATH, "stochastic-rounding"));
        ActionCounters counts = new ActionCounters();
        long set = 0;
        long reset = 0;
        for (int step = 0; step < 30; step++) {
            float[] x = new float[rows];
            for (int i = 0; i < rows; i++) x[i] = r.nextDouble() < 0.2 ? 0f : (float) r.nextDouble();
            double[] a = new double[cols];
            double[] b = new double[cols];
            double[] scale = new double[cols];
            for (int c = 0; c < cols; c++) {
                a[c] = r.nextDouble() < 0.1 ? 0 : r.nextDouble() * 2 - 1;
                b[c] = step % 2 == 0 ? 0 : r.nextDouble();
                scale[c] = r.nextDouble() * (step % 3 == 0 ? 2.0 : 0.05);
            }
            // the dw the engine computes, from the reference cells (identical to the engine's so far)
            float[] g = ref.conductances();
            double[] dw = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < cols; c++) {
                    double w = (g[refBlock.plusCell(i, c)] - g[refBlock.minusCell(i, c)]) / refBlock.gPerWeight();
                    double d = a[c] * x[i];
                    if (b[c] != 0) d -= b[c] * w;
                    dw[i * cols + c] = (float) d;
                }
            }
            engine.compute(block, x, 0, a, b, 0, new double[cols], new double[cols], counts);
            engine.apply(block, scale, 0, counts);
            boolean anyB = step % 2 == 1;
            for (int i = 0; i < rows; i++) {
                if (!anyB && x[i] == 0) continue;
                for (int c = 0; c < cols; c++) {
                    if (a[c] == 0 && b[c] == 0) continue;
                    double dg = dw[i * cols + c] * scale[c] * refBlock.gPerWeight();
                    if (dg == 0) continue;
                    int plus = refBlock.plusCell(i, c);
                    int minus = refBlock.minusCell(i, c);
                    boolean positive = g[plus] >= g[minus];
                    int first = positive ? plus : minus;
                    double firstDg = positive ? dg : -dg;
                    double room = g[first] - refBlock.gMin();
                    long[] sr = new long[2];
                    if (firstDg >= 0 || -firstDg <= room) {
                        move(ref, first, firstDg, rounding, sr);
                    } else {
                        move(ref, first, -room, rounding, sr);
                        move(ref, positive ? minus : plus, -(firstDg + room), rounding, sr);
                    }
                    set += sr[0];
                    reset += sr[1];
                }
            }
            for (int i = 0; i < ref.cells(); i++) {
                assertEquals(Float.floatToIntBits(ref.conductances()[i]), Float.floatToIntBits(cells.conductances()[i]),
                        spec.device() + " step " + step + " cell " + i);
                assertEquals(ref.writeCount(i), cells.writeCount(i));
                assertEquals(ref.state(i), cells.state(i));
            }
            assertEquals(set, counts.get(Action.CROSSBAR_SET_PULSE));
            assertEquals(reset, counts.get(Action.CROSSBAR_RESET_PULSE));
        }
        assertEquals(rounding.state(), engine.snapshot().roundingRng());
        assertEquals(ref.snapshot().writeNoiseRng(), cells.snapshot().writeNoiseRng());
    }

    private static void move(CellArray cells, int cell, double dg, DeviceRng rounding, long[] setReset) {
        if (dg == 0) return;
        int n = cells.stochasticPulses(cell, dg, rounding.nextDouble());
        if (n == 0) return;
        cells.program(cell, n);
        setReset[n > 0 ? 0 : 1] += Math.abs(n);
    }
}
