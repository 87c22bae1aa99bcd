package io.engram.chip.spec;

/** What the plasticity engine does with an update smaller than one programming pulse. */
public enum SmallUpdatePolicy {
    /** Round to the nearest whole number of pulses; less than half a pulse is dropped. */
    DROP,
    /** Round up or down at random with probability equal to the fraction (unbiased in expectation). */
    STOCHASTIC_ROUNDING,
    /** Keep the remainder in an SRAM accumulator per synapse until a whole pulse is due (counted SRAM traffic). */
    ACCUMULATE
}
