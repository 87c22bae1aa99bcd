package io.engram.chip.noc;

/**
 * What a packet carries: the one packet-kind list of the compiler's routes ({@code ChipProgram.Route}), the chip's
 * transfers and the network's statistics, so that planned and counted traffic are split the same way. The order is
 * the order of every per-kind array and report.
 */
public enum PacketKind {
    /** Activation values of a layer's outputs, to the next layer's tiles that hold the rows they feed. */
    ACTIVATION,
    /** Partial sums of a row-split layer on their way to the column block's owner core. */
    PARTIAL_SUM,
    /** Post-synaptic factors (a, b per neuron) from a column block's owner to its row tiles, for learning. */
    POST_BROADCAST,
    /** Partial and global values of a cross-core competition, group mean or update scaling. */
    REDUCTION,
    /** Address-event spikes of a spiking layer to the next layer's tiles that hold the rows they feed. */
    SPIKE
}
