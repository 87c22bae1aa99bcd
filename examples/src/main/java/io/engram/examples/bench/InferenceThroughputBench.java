package io.engram.examples.bench;

import io.engram.chip.core.CrossbarReader;
import io.engram.chip.core.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.sim.RandomStreams;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Raw speed of dense rate-mode inference: synaptic operations per second on one thread, where one operation is one
 * cell visited by a crossbar read (reads x active rows x physical columns, taken from the action counters:
 * {@code crossbar.cell_read}). The workload is the 784-2000 dense layer of {@link TrainingOverheadBench} on 224
 * 128x128 cores, every input non-zero and positive, ideal device; two input paths: an analog DAC with an ideal ADC
 * (one read pulse per tile) and the preset's 8-bit bit-serial DAC with 8-bit SAR ADCs (one pulse per bit-plane).
 * The figure is compared with the machine's peak single-precision rate, which the caller passes in GFLOP/s
 * (cores x clock x FLOP/cycle; see BENCHMARKS.md); one synaptic op is counted as one multiply-add = 2 FLOP.
 *
 * <pre>java -cp ... io.engram.examples.bench.InferenceThroughputBench [peakGflops] [seconds]</pre>
 */
public final class InferenceThroughputBench {
    static final int IN = 784;
    static final int OUT = 2000;

    public static void main(String[] args) {
        double peakGflops = args.length > 0 ? Double.parseDouble(args[0]) : Double.NaN;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        ChipSpec base = ChipSpec.preset("rram-22nm");
        CoreSpec analog = base.core().withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0)).withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25));
        CoreSpec bitSerial = base.core().withDevice(DeviceSpec.ideal());
        System.out.printf(Locale.ROOT, "dense %d-%d, 1 thread, %.0f s per variant%n", IN, OUT, seconds);
        System.out.printf(Locale.ROOT, "%-34s %14s %12s %14s%n", "input path", "vectors/s", "Gsynop/s",
                "% of peak");
        for (var v : new Object[][] {{"analog DAC, ideal ADC", analog}, {"8-bit bit-serial DAC, SAR ADC", bitSerial}}) {
            double[] r = run((CoreSpec) v[1], seconds, base);
            double gsyn = r[1] / 1e9;
            double pct = 100 * gsyn * 2 / peakGflops;
            System.out.printf(Locale.ROOT, "%-34s %14.1f %12.3f %14s%n", v[0], r[0], gsyn,
                    Double.isNaN(pct) ? "n/a" : String.format(Locale.ROOT, "%.2f", pct));
        }
    }

    /** Returns {vectors per second, cell reads per second}. */
    static double[] run(CoreSpec core, double seconds, ChipSpec base) {
        int tr = core.crossbar().rows();
        int tc = core.crossbar().weightCols();
        SplittableRandom r = new SplittableRandom(11);
        float[] w = new float[IN * OUT];
        for (int i = 0; i < w.length; i++) w[i] = (float) (2 * r.nextDouble() - 1);
        RandomStreams streams = new RandomStreams(1);
        int nTiles = ((OUT + tc - 1) / tc) * ((IN + tr - 1) / tr);
        SynapseBlock[] blocks = new SynapseBlock[nTiles];
        CrossbarReader[] readers = new CrossbarReader[nTiles];
        int[] rowStart = new int[nTiles];
        int[] colStart = new int[nTiles];
        int t = 0;
        for (int c0 = 0; c0 < OUT; c0 += tc) {
            for (int r0 = 0; r0 < IN; r0 += tr) {
                String path = "core[" + t + "]";
                CellArray cells = new CellArray(core.device(), tr, core.crossbar().cols(), streams, path);
                blocks[t] = new SynapseBlock(cells, core, Math.min(tr, IN - r0), Math.min(tc, OUT - c0), 1.0);
                blocks[t].load(w, OUT, r0, c0);
                readers[t] = new CrossbarReader(core, base.technology(), streams, path);
                rowStart[t] = r0;
                colStart[t] = c0;
                t++;
            }
        }
        float[] x = new float[IN];
        for (int i = 0; i < IN; i++) x[i] = (float) (0.05 + r.nextDouble());
        double[] u = new double[OUT];
        ActionCounters counts = new ActionCounters();
        // warm-up, then count only the measured vectors
        long until = System.nanoTime() + (long) (1e9 * Math.min(2, seconds));
        while (System.nanoTime() < until) readAll(blocks, readers, rowStart, colStart, x, u, counts);
        long cellsBefore = counts.get(io.engram.chip.tech.Action.CROSSBAR_CELL_READ);
        long vectors = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (1e9 * seconds);
        double sink = 0;
        while (System.nanoTime() < end) {
            readAll(blocks, readers, rowStart, colStart, x, u, counts);
            sink += u[0];
            vectors++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long cells = counts.get(io.engram.chip.tech.Action.CROSSBAR_CELL_READ) - cellsBefore;
        if (sink == 42) System.out.print(""); // keeps the result live
        return new double[] {vectors / s, cells / s};
    }

    static void readAll(SynapseBlock[] blocks, CrossbarReader[] readers, int[] rowStart, int[] colStart, float[] x,
                        double[] u, ActionCounters counts) {
        Arrays.fill(u, 0);
        for (int t = 0; t < blocks.length; t++) readers[t].read(blocks[t], x, rowStart[t], u, colStart[t], counts);
    }
}
