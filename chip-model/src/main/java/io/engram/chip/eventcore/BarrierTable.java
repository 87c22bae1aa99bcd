package io.engram.chip.eventcore;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost of the time-step barrier as a function of the number of tiles taking part, from a few listed points.
 * {@link Rule#STEP_UP} takes the point of the smallest listed tile count at or above the tiles used (SANA-FE's table
 * lists 1, 2, 4 and 29 tiles); {@link Rule#LINEAR} interpolates linearly between the neighbouring points (Davies 2018
 * gives the two ends, 1 and 32 tiles). Beyond the largest point both take the largest.
 */
public record BarrierTable(Rule rule, Map<Integer, Double> nsByTiles, double energyPj, String source) {
    public enum Rule { STEP_UP, LINEAR }

    public BarrierTable {
        nsByTiles = Collections.unmodifiableMap(new TreeMap<>(nsByTiles));
        if (nsByTiles.isEmpty()) throw new IllegalArgumentException("empty barrier table");
    }

    /** Barrier latency for a step on {@code tiles} tiles. */
    public double ns(int tiles) {
        TreeMap<Integer, Double> t = new TreeMap<>(nsByTiles);
        Map.Entry<Integer, Double> hi = t.ceilingEntry(tiles);
        if (hi == null) return t.lastEntry().getValue();
        if (rule == Rule.STEP_UP || hi.getKey() == tiles) return hi.getValue();
        Map.Entry<Integer, Double> lo = t.floorEntry(tiles);
        if (lo == null) return hi.getValue();
        double f = (double) (tiles - lo.getKey()) / (hi.getKey() - lo.getKey());
        return lo.getValue() + f * (hi.getValue() - lo.getValue());
    }
}
