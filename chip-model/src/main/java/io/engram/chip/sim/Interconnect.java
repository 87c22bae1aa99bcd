package io.engram.chip.sim;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.stats.ActionCounters;

import java.util.List;

/** Moves the packets of one phase between cores and says when each arrives. */
public interface Interconnect {
    /**
     * Delivers the transfers (all of one phase, so they may contend) and returns, per transfer, the cycle its last
     * destination received the last flit. A transfer whose destinations are all its source arrives at readyCycle.
     */
    long[] deliver(List<Transfer> transfers);

    /** Router and link action counts so far. */
    ActionCounters counts();

    /** Packets, flits, hops, stall cycles so far. */
    NocTotals totals();

    /**
     * Tells the interconnect that the chip's clock has reached {@code cycle} (end of a sample); an engine that steps
     * every cycle simulates the idle cycles up to it. Changes no result.
     */
    default void advanceTo(long cycle) {}

    /** How the interconnect advances time. Both engines give identical results. */
    default io.engram.chip.noc.Noc.Engine engine() { return io.engram.chip.noc.Noc.Engine.FAST; }

    /** Spiking mode: one barrier at the end of a time step; returns its latency in cycles. */
    long barrier();

    /**
     * Flits carried by each directed mesh link, indexed router x 4 + {@link io.engram.chip.noc.Port} ordinal (the
     * outgoing port), or null for an interconnect that does not count per link. A copy.
     */
    default long[] linkLoads() { return null; }

    record NocTotals(long packets, long flits, long hops, long stallCycles, long maxLinkLoad) {}

    /** Values kept per packet kind in {@link #byKind()}: packets, router flit passes, link flit traversals. */
    int KIND_FIELDS = 3;

    /**
     * Traffic per packet kind ({@link io.engram.chip.noc.PacketKind} order), {@link #KIND_FIELDS}
     * values each: packets, router flit passes (router.traversal), link flit traversals (link.flit_hop). The router
     * and link counts add up to {@link #counts()}.
     */
    long[] byKind();

    /** Counters and totals so far, for a checkpoint. */
    NocState saveState();

    /** Puts back a {@link #saveState()} of an interconnect built from the same chip spec. */
    void restoreState(NocState s);

    /**
     * What an interconnect accumulates over a run. Caches that are a pure function of their inputs are not part of it.
     *
     * @param counts    router and link action counts, in {@link io.engram.chip.tech.Action} order
     * @param linkLoads flits per link (empty for a model without links)
     * @param byKind    traffic per packet kind, as {@link #byKind()}
     */
    record NocState(long[] counts, long[] linkLoads, long packets, long flits, long hops, long stallCycles,
                    long[] byKind) {
        public NocState {
            counts = counts.clone();
            linkLoads = linkLoads.clone();
            byKind = byKind.clone();
        }

        @Override
        public long[] byKind() { return byKind.clone(); }

        @Override
        public long[] counts() { return counts.clone(); }

        @Override
        public long[] linkLoads() { return linkLoads.clone(); }
    }
}
