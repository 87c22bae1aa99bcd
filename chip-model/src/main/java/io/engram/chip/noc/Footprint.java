package io.engram.chip.noc;

/**
 * The resources a traffic used on a {@link Noc}, as a {@link FootprintRecorder} saw them, in increasing order, with the
 * first and last cycle of use of each and, for outputs, the arbitration priority left there (-1 for an interface).
 *
 * <p>The resources of router r are {@code r * SLOTS + o}: output o (port ordinal; LOCAL is ejection) together with the
 * input buffer it feeds (the neighbour's, for a mesh output), and {@code r * SLOTS + 5}: the network interface together
 * with the local input buffer. A router's state is kept per input buffer (flits, route, branches, last departure), per
 * output (owner, round-robin priority, replication branches) and per interface, and each rule of a cycle reads and
 * writes the state of one input buffer, the output its head wants and the buffer that output feeds, or of the
 * interface and the local buffer. Traffic therefore affects other traffic only through a resource both use.
 *
 * <p>A resource's interval runs from the first to the last cycle in which a flit of the traffic was written into or
 * taken out of its buffer, or left through its output, or was written into an input buffer of the router from which it
 * will leave through that output (which precedes every arbitration for it); for an interface, it starts with the ready
 * cycle of its first packet.
 *
 * <p>Consequently, traffics whose intervals on every shared resource are disjoint run together on one network exactly
 * as each runs alone (same deliveries, moves, stalls and counters), provided that where one of them
 * {@linkplain #contended() arbitrated between several candidates} it found the round-robin priority the previous user
 * of that output left ({@link #priorityAfter()}; power-on 0 if none): only such an arbitration reads the priority, and
 * every other one sets it to the same value whatever it was.
 *
 * @param contended the outputs at which an arbitration for the free output, with a credit, had more than one candidate,
 *                  in increasing order
 */
public record Footprint(int[] resources, long[] first, long[] last, int[] priorityAfter, int[] contended) {
    /** Resources per router: its five outputs (in port order), then its network interface. */
    public static final int SLOTS = Port.values().length + 1;
    /** The slot of a router's network interface. */
    static final int INTERFACE = Port.values().length;
}
