package io.engram.chip.spec;

/** What happens to a cell written more times than its endurance limit. */
public enum EndurancePolicy {
    /** Only counted; the cell keeps working. */
    COUNT_ONLY,
    /** The cell freezes at its present conductance. */
    STUCK_AT_CURRENT,
    /** The cell fails to its low-conductance state and stays there. */
    STUCK_LOW
}
