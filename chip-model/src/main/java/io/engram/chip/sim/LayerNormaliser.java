package io.engram.chip.sim;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.WeightNormaliser;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.program.Tile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-neuron weight normalisation of a mapped layer (every column's weights rescaled to sum to a target), run by the
 * plasticity engines of the layer's tiles ({@link WeightNormaliser}). A column split over row tiles is summed by a
 * reduction: each row tile sends its partial column sums (32 bits per column) to the column block's owner (the tile
 * at row 0), the owner computes the factors and broadcasts them back (32 bits per column) before every tile
 * reprograms its cells. Timing: all tiles read in parallel; the factors wait for the last partial sum of the layer
 * (a simplification that can only make it slower), then every tile reprograms in parallel.
 */
final class LayerNormaliser {
    private final MappedLayer ml;
    private final double[] sums;
    private final double[] factors;

    LayerNormaliser(MappedLayer ml) {
        this.ml = ml;
        this.sums = new double[ml.lp.cols()];
        this.factors = new double[ml.lp.cols()];
    }

    /**
     * Rescales every column of the layer to sum {@code target}, clipped to the STDP rule's weight bounds if the layer
     * has one. Returns the cycle the last tile finishes programming.
     */
    long run(double target, long ready, Interconnect noc) {
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("normalisation target must be a finite number > 0, got " + target);
        }
        double lo = ml.lp.rule().weightLow();
        double hi = ml.lp.rule().weightHigh();
        Tile[] tiles = ml.tiles();
        Core[] cores = ml.cores();
        Arrays.fill(sums, 0);
        long[] ends = new long[tiles.length];
        long t = ready;
        for (int i = 0; i < tiles.length; i++) {
            long cyc = cores[i].weightSums(sums, tiles[i].colStart());
            ends[i] = cores[i].occupy(ready, cyc, CoreState.BUSY_LEARN, CoreState.IDLE);
            t = Math.max(t, ends[i]);
        }
        List<Transfer> partials = new ArrayList<>();
        List<Transfer> back = new ArrayList<>();
        for (int i = 0; i < tiles.length; i++) {
            int owner = owner(tiles, i);
            if (owner != i) {
                partials.add(new Transfer(PacketKind.REDUCTION, tiles[i].core(), new int[]{tiles[owner].core()},
                        (long) tiles[i].cols() * 32, ends[i]));
            }
        }
        if (!partials.isEmpty()) for (long arr : noc.deliver(partials)) t = Math.max(t, arr);
        long factorsReady = t;
        for (int i = 0; i < tiles.length; i++) {
            if (owner(tiles, i) != i) continue;
            long cyc = cores[i].normaliseFactors(sums, factors, tiles[i].colStart(), tiles[i].cols(), target);
            long end = cores[i].occupy(t, cyc, CoreState.BUSY_LEARN, CoreState.STALLED_NOC);
            factorsReady = Math.max(factorsReady, end);
            List<Integer> dests = new ArrayList<>();
            for (int k = 0; k < tiles.length; k++) if (k != i && owner(tiles, k) == i) dests.add(tiles[k].core());
            if (!dests.isEmpty()) {
                back.add(new Transfer(PacketKind.POST_BROADCAST, tiles[i].core(),
                        dests.stream().mapToInt(Integer::intValue).toArray(), (long) tiles[i].cols() * 32, end));
            }
        }
        if (!back.isEmpty()) for (long arr : noc.deliver(back)) factorsReady = Math.max(factorsReady, arr);
        long end = factorsReady;
        for (int i = 0; i < tiles.length; i++) {
            long cyc = cores[i].rescaleWeights(factors, tiles[i].colStart(), lo, hi);
            end = Math.max(end, cores[i].occupy(factorsReady, cyc, CoreState.BUSY_LEARN, CoreState.STALLED_NOC));
        }
        return end;
    }

    /** Index of the tile that owns tile i's column block (the one at row 0 with the same columns). */
    private static int owner(Tile[] tiles, int i) {
        for (int k = 0; k < tiles.length; k++) {
            if (tiles[k].colStart() == tiles[i].colStart() && tiles[k].rowStart() == 0) return k;
        }
        return i;
    }
}
