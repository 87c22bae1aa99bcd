package io.engram.runtime.bench;

import io.engram.chip.crossbar.CrossbarReader;
import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Raw speed of dense rate-mode inference through the crossbar model: synaptic operations per second, where one
 * operation is one cell visited by a read ({@code crossbar.cell_read}: reads x active rows x physical columns). The
 * workload is a 784-2000 dense layer on 224 cores of 128x128 (the SoftHebb layer of {@link TrainingOverhead}), every
 * input non-zero, ideal device, analog DAC and ideal ADC (one read pulse per tile).
 *
 * <p>Two knobs: threads (the tiles are split between them; each thread owns its tiles' readers and its own output
 * vector) and the batch (vectors read per visit of a tile with {@link CrossbarReader#readBatch}: weight-stationary,
 * so a tile's conductances are fetched from memory and widened to double once per batch instead of once per vector).
 * A batched read gives exactly what the reads of its vectors one at a time give (sums, counts, cycles); a batch of 1
 * is the one-vector read the chip uses.
 */
public final class InferenceSpeed {
    public static final int IN = TrainingOverhead.IN;
    public static final int OUT = 2000;

    private InferenceSpeed() {}

    /** The measured core: the preset's crossbar with an ideal device, analog DAC and ideal ADC. */
    public static CoreSpec analogCore(ChipSpec base) {
        return base.core().withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0)).withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25));
    }

    /**
     * One measurement: vectors per second and cell reads (synaptic operations) per second of the best window, and the
     * synaptic operations per second of every window in order.
     */
    public record Result(int threads, int batch, double vectorsPerSecond, double synopsPerSecond,
                         double[] synopsPerSecondEach) {}

    /**
     * Reads batches of vectors for about {@code seconds} after a warm-up of the same length (at most 2 s), timed in
     * {@code windows} windows of equal length; the best window counts (as the best pass does in the other sections: on
     * a shared host the slower windows measure the neighbours).
     */
    public static Result measure(ChipSpec base, CoreSpec core, int threads, int batch, double seconds, int windows) {
        if (windows < 1) throw new IllegalArgumentException("windows must be >= 1: " + windows);
        int tr = core.crossbar().rows();
        int tc = core.crossbar().weightCols();
        SplittableRandom r = new SplittableRandom(11);
        float[] w = new float[IN * OUT];
        for (int i = 0; i < w.length; i++) w[i] = (float) (2 * r.nextDouble() - 1);
        RandomStreams streams = new RandomStreams(1);
        List<Tile> tiles = new ArrayList<>();
        for (int c0 = 0; c0 < OUT; c0 += tc) {
            for (int r0 = 0; r0 < IN; r0 += tr) {
                String path = "core[" + tiles.size() + "]";
                CellArray cells = new CellArray(core.device(), tr, core.crossbar().cols(), streams, path);
                SynapseBlock b = new SynapseBlock(cells, core, Math.min(tr, IN - r0), Math.min(tc, OUT - c0), 1.0);
                b.load(w, OUT, r0, c0);
                tiles.add(new Tile(b, new CrossbarReader(core, base.technology(), streams, path), r0, c0));
            }
        }
        float[][] xs = new float[batch][IN];
        for (float[] x : xs) for (int i = 0; i < IN; i++) x[i] = (float) (0.05 + r.nextDouble());
        Worker[] workers = new Worker[threads];
        for (int k = 0; k < threads; k++) {
            List<Tile> mine = new ArrayList<>();
            for (int t = k; t < tiles.size(); t += threads) mine.add(tiles.get(t));
            workers[k] = new Worker(mine, xs);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runFor(pool, workers, Math.min(2, seconds));
            double[] each = new double[windows];
            double bestVectors = 0;
            double bestSynops = 0;
            for (int k = 0; k < windows; k++) {
                long cellsBefore = cellReads(workers);
                long passes = 0;
                long t0 = System.nanoTime();
                long end = t0 + (long) (1e9 * seconds / windows);
                do {
                    runOnce(pool, workers);
                    passes++;
                } while (System.nanoTime() < end);
                double s = (System.nanoTime() - t0) / 1e9;
                each[k] = (cellReads(workers) - cellsBefore) / s;
                if (each[k] > bestSynops) {
                    bestSynops = each[k];
                    bestVectors = passes * batch / s;
                }
            }
            return new Result(threads, batch, bestVectors, bestSynops, each);
        } finally {
            pool.shutdown();
        }
    }

    private record Tile(SynapseBlock block, CrossbarReader reader, int rowStart, int colStart) {}

    /** One thread's tiles, outputs and counters. */
    private static final class Worker {
        final List<Tile> tiles;
        final float[][] xs;
        final double[][] u;
        final ActionCounters counts = new ActionCounters();
        final CrossbarReader.BatchWorkspace ws = new CrossbarReader.BatchWorkspace();

        Worker(List<Tile> tiles, float[][] xs) {
            this.tiles = tiles;
            this.xs = xs;
            this.u = new double[xs.length][OUT];
        }

        void pass() {
            for (double[] v : u) Arrays.fill(v, 0);
            for (Tile t : tiles) {
                if (xs.length == 1) t.reader.read(t.block, xs[0], t.rowStart, u[0], t.colStart, counts);
                else t.reader.readBatch(t.block, xs, xs.length, t.rowStart, u, t.colStart, counts, null, ws);
            }
        }
    }

    private static void runFor(ExecutorService pool, Worker[] workers, double seconds) {
        long end = System.nanoTime() + (long) (1e9 * seconds);
        while (System.nanoTime() < end) runOnce(pool, workers);
    }

    private static void runOnce(ExecutorService pool, Worker[] workers) {
        if (workers.length == 1) {
            workers[0].pass();
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        for (Worker w : workers) fs.add(pool.submit(w::pass));
        try {
            for (Future<?> f : fs) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("inference benchmark thread failed", e);
        }
    }

    private static long cellReads(Worker[] workers) {
        long n = 0;
        for (Worker w : workers) n += w.counts.get(Action.CROSSBAR_CELL_READ);
        return n;
    }
}
