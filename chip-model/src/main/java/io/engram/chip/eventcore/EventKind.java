package io.engram.chip.eventcore;

import java.util.Locale;

/**
 * Every event an event-driven neuromorphic core is charged for, the ones SANA-FE's Loihi model charges (Boyle et al.,
 * TCAD 2025) plus Loihi's within-tile spike (Davies 2018 Table 2). Each has an energy and a latency in the event
 * technology file; where a source has no figure the file writes zero with a source saying so.
 */
public enum EventKind {
    /** Every mapped neuron (compartment), every time step: its state is read whether it does anything or not. */
    NEURON_ACCESS(Where.SOURCE_CORE),
    /** A neuron that is active this step: non-zero potential, input received, or a bias. */
    NEURON_UPDATE(Where.SOURCE_CORE),
    /** A neuron firing. */
    SPIKE_GENERATION(Where.SOURCE_CORE),
    /** One synapse of a dense connection processing a spike, at the destination core. */
    SYNAPTIC_OP_DENSE(Where.DESTINATION_CORE),
    /** One synapse of a sparse connection processing a spike. */
    SYNAPTIC_OP_SPARSE(Where.DESTINATION_CORE),
    /** One synapse of a convolution processing a spike. */
    SYNAPTIC_OP_CONV(Where.DESTINATION_CORE),
    /** One spike message leaving its core (one per distinct destination core of a spiking neuron). */
    MESSAGE_OUT(Where.SOURCE_CORE),
    /** One spike message arriving at its destination core. */
    MESSAGE_IN(Where.DESTINATION_CORE),
    /** A message whose destination core is on the source's own tile (no mesh hop). */
    WITHIN_TILE_MESSAGE(Where.NETWORK),
    /** One mesh hop east or west. */
    HOP_EAST_WEST(Where.NETWORK),
    /** One mesh hop north or south. */
    HOP_NORTH_SOUTH(Where.NETWORK);

    /** Whose time an event takes: a core's (serial inside it) or the network's. */
    public enum Where { SOURCE_CORE, DESTINATION_CORE, NETWORK }

    private final Where where;

    EventKind(Where where) { this.where = where; }

    public Where where() { return where; }

    /** Name in event technology files and reports, e.g. {@code synaptic_op_conv}. */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static final int COUNT = values().length;
}
