package io.engram.chip.stats;

/**
 * One line of the leakage account: powered instances x static power of one instance x time = energy.
 *
 * @param component     component class key
 * @param unit          what one instance is (row, cell, adc, kib, lane, router, link, chip)
 * @param instances     powered instances (may be fractional for KiB of SRAM)
 * @param perInstanceMw static power of one instance
 * @param powerMw       instances x perInstanceMw
 * @param energyPj      powerMw x elapsed time
 * @param source        where the per-instance figure comes from
 */
public record LeakageLine(String component, String unit, double instances, double perInstanceMw, double powerMw,
                          double energyPj, String source) {}
