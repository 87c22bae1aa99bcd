package io.engram.chip.stats;

import java.util.Locale;

/**
 * Things the chip counts that carry no cost of their own (the actions that do the work are priced): they measure the
 * work done, for efficiency figures.
 */
public enum Event {
    /**
     * One synaptic operation as the field counts it (NeuroBench's effective MACs / ACs): one per synapse per non-zero
     * input of a read, whatever the read costs (bit planes, conversions); a spike arriving at a row of w weights is w.
     */
    SYNAPTIC_OP;

    public static final int COUNT = values().length;

    /** Name in reports, e.g. {@code synaptic_op}. */
    public String key() { return name().toLowerCase(Locale.ROOT); }
}
