package io.engram.chip.tech;

/**
 * Price of one action: energy in picojoules, latency in clock cycles, and where the number comes from.
 *
 * @param energyPj      dynamic energy per action
 * @param latencyCycles cycles the action occupies its unit (0 when it overlaps with another action)
 * @param source        citation or derivation, printed next to the figure in reports
 */
public record Cost(double energyPj, long latencyCycles, String source) {
    public Cost {
        if (!(energyPj >= 0) || Double.isInfinite(energyPj)) {
            throw new IllegalArgumentException("energyPj must be finite and >= 0: " + energyPj);
        }
        if (latencyCycles < 0) throw new IllegalArgumentException("latencyCycles must be >= 0: " + latencyCycles);
        if (source == null) source = "";
    }
}
