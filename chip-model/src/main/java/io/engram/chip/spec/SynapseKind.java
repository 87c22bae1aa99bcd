package io.engram.chip.spec;

/** How a core stores synapses. */
public enum SynapseKind {
    /** Analog RRAM crossbar with DACs, ADCs and programming pulses. */
    RRAM,
    /** Digital SRAM synapses, one synaptic operation per active (row, column) pair. */
    SRAM
}
