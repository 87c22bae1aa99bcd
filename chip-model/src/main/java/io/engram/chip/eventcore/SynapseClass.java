package io.engram.chip.eventcore;

/** The synapse units of an event core, each with its own cost per synaptic op. */
public enum SynapseClass {
    DENSE(EventKind.SYNAPTIC_OP_DENSE), SPARSE(EventKind.SYNAPTIC_OP_SPARSE), CONV(EventKind.SYNAPTIC_OP_CONV);

    private final EventKind event;

    SynapseClass(EventKind event) { this.event = event; }

    /** The event a synaptic op of this class is charged as. */
    public EventKind event() { return event; }
}
