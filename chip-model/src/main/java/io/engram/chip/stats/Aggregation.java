package io.engram.chip.stats;

/** How a statistic kept per core becomes the chip's figure, or that it is kept once per chip. */
public enum Aggregation {
    /** Sum over every core (unused cores contribute 0 or their idle figures). */
    SUM,
    /** Sum over the cores that hold a tile (an unused core's idle cycles left out). */
    SUM_USED,
    /** Largest value of any core. */
    MAX,
    /** Kept once for the whole chip (or the whole NoC): no per-core values to combine. */
    NONE
}
