package io.engram.chip.noc;

/** What a packet carries; counted per kind so reports can split traffic by purpose. */
public enum PacketKind {
    /** An address-event spike. */
    SPIKE,
    /** Activation values of a layer's outputs. */
    ACTIVATION,
    /** Partial sums of a row-split layer on their way to the accumulating core. */
    PARTIAL_SUM,
    /** Partial max / sum-of-exp of a cross-core competition group. */
    REDUCTION,
    /** Post-activity or other one-to-many traffic. */
    BROADCAST
}
