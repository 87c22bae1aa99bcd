package io.engram.chip.plasticity;

import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;

/**
 * Per-neuron weight normalisation on the plasticity engine of one tile (Diehl and Cook 2015 rescale every excitatory
 * neuron's input weights to sum 78 before each image). Three counted steps, all on the cores that hold the weights:
 * <ol>
 *   <li>{@link #columnSums}: every weight of the tile is read back ({@link PlasticityEngine#readBack}, the
 *   same counted conductance read-back the rules that need w use, sensing included) and added into its column's
 *   partial sum (rows x cols read-backs);</li>
 *   <li>{@link #factors}: on the column's owner core, after the partial sums of its row tiles were added (the
 *   caller moves them over the network), one division per column: f_c = target / sum_c
 *   ({@link Action#PLASTICITY_UPDATE} each; a column whose sum is not positive keeps f = 1);</li>
 *   <li>{@link #rescale}: every weight is read back again (rows x cols read-backs: the engine keeps no copy of the
 *   tile) and multiplied by f_c (rows x cols {@link Action#PLASTICITY_UPDATE}); dw = clip(w f_c, lo, hi) - w is
 *   programmed through the device model by {@link PlasticityEngine#programAll} exactly like a learning update
 *   (pulses, sub-pulse policy, write-verify, endurance are counted there).</li>
 * </ol>
 * With an ideal device the column sums equal the target up to float rounding unless the bounds clip; a real device
 * leaves the pulse quantisation of every weight (a sum error of up to about sqrt(rows) x half a pulse step).
 */
public final class WeightNormaliser {
    private float[] delta = new float[0];

    /**
     * Adds each column's sum of held weights into sums[off + c] (c over the tile's columns); counts rows x cols
     * read-backs. Returns the engine cycles.
     */
    public long columnSums(PlasticityEngine engine, SynapseBlock block, double[] sums, int off, ActionCounters counts) {
        int rows = block.rows();
        int cols = block.cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) sums[off + c] += block.weight(r, c);
        }
        long n = (long) rows * cols;
        return engine.readBack(block, rows, n, counts) + engine.opCycles(n);
    }

    /**
     * f[off + c] = target / sums[off + c] for c in [0, n) (1 where the sum is not positive); one counted engine
     * operation per column. Returns the engine cycles.
     */
    public static long factors(PlasticityEngine engine, double[] sums, double[] f, int off, int n, double target,
                               ActionCounters counts) {
        for (int c = off; c < off + n; c++) f[c] = sums[c] > 0 ? target / sums[c] : 1.0;
        counts.add(Action.PLASTICITY_UPDATE, n);
        return engine.opCycles(n);
    }

    /**
     * Reprograms every weight of the tile to clip(w f[off + c], lo, hi) (NaN bounds: no clipping). Counts rows x cols
     * read-backs and rows x cols updates, and the programming through {@link PlasticityEngine#programAll}. Returns
     * the engine cycles (compute and programming).
     */
    public long rescale(PlasticityEngine engine, SynapseBlock block, double[] f, int off, double lo, double hi,
                        ActionCounters counts) {
        int rows = block.rows();
        int cols = block.cols();
        if (delta.length < rows * cols) delta = new float[rows * cols];
        boolean bounded = !Double.isNaN(lo);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                double w = block.weight(r, c);
                double target = w * f[off + c];
                if (bounded) target = Math.min(hi, Math.max(lo, target));
                delta[i] = (float) (target - w);
            }
        }
        long n = (long) rows * cols;
        long read = engine.readBack(block, rows, n, counts);
        counts.add(Action.PLASTICITY_UPDATE, n);
        return read + engine.opCycles(2 * n) + engine.programAll(block, delta, counts);
    }
}
