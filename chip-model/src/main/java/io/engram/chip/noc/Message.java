package io.engram.chip.noc;

/**
 * What a core hands the network in one phase: a packet of a kind from a core to one or more cores (duplicates and the
 * source itself allowed; those are not network traffic), ready at a cycle. The {@link PhaseComposer} reads phases of
 * them; the simulator's transfers are messages.
 */
public interface Message {
    PacketKind kind();

    int src();

    /** The destination cores; the array must not be changed. */
    int[] dests();

    long payloadBits();

    long readyCycle();
}
