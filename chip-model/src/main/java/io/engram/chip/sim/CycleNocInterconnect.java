package io.engram.chip.sim;

import io.engram.chip.noc.Noc;
import io.engram.chip.noc.NocStats;
import io.engram.chip.noc.Packet;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chip's packets on the cycle-level mesh ({@link Noc}): XY wormhole routing, finite buffers with back-pressure,
 * tree or unicast multicast. The packets of one phase (one {@link #deliver} call) are simulated together, so they
 * contend; phases are simulated on a fresh network starting at the phase's earliest ready cycle, because the chip's
 * pipelined layers hand over phases out of time order.
 */
public final class CycleNocInterconnect implements Interconnect {
    private final ChipSpec chip;
    private final Noc.Engine engine;
    private final ActionCounters counts = new ActionCounters();
    private final long[] linkLoad;
    private long packets;
    private long flits;
    private long hops;
    private long stalls;

    public CycleNocInterconnect(ChipSpec chip) { this(chip, Noc.Engine.FAST); }

    public CycleNocInterconnect(ChipSpec chip, Noc.Engine engine) {
        this.chip = chip;
        this.engine = engine;
        this.linkLoad = new long[chip.mesh().cores() * 4];
    }

    @Override
    public long[] deliver(List<Transfer> transfers) {
        long[] out = new long[transfers.size()];
        long base = Long.MAX_VALUE;
        for (Transfer t : transfers) base = Math.min(base, t.readyCycle());
        Noc noc = new Noc(chip.mesh(), chip.noc(), chip.technology(), engine);
        List<Integer> injected = new ArrayList<>();
        for (int i = 0; i < transfers.size(); i++) {
            Transfer t = transfers.get(i);
            int[] dests = Arrays.stream(t.dests()).filter(d -> d != t.src()).distinct().toArray();
            out[i] = t.readyCycle();
            if (dests.length == 0) continue;
            noc.inject(new Packet(i, t.src(), dests, t.payloadBits(), kind(t.kind()), t.readyCycle() - base));
            injected.add(i);
        }
        if (injected.isEmpty()) return out;
        noc.run();
        for (int i : injected) {
            Transfer t = transfers.get(i);
            long last = t.readyCycle();
            for (int d : t.dests()) {
                if (d == t.src()) continue;
                last = Math.max(last, base + noc.deliveryCycle(i, d));
            }
            out[i] = last;
        }
        NocStats s = noc.snapshot();
        counts.addAll(noc.totalCounters());
        packets += s.packets();
        flits += s.flitsInjected();
        hops += s.hops();
        stalls += s.stallCycles();
        for (NocStats.LinkLoad l : s.links()) linkLoad[l.index()] += l.flits();
        return out;
    }

    private static PacketKind kind(ChipProgram.Route.Kind k) {
        return switch (k) {
            case SPIKE -> PacketKind.SPIKE;
            case ACTIVATION -> PacketKind.ACTIVATION;
            case PARTIAL_SUM -> PacketKind.PARTIAL_SUM;
            case REDUCTION -> PacketKind.REDUCTION;
            case POST_BROADCAST -> PacketKind.BROADCAST;
        };
    }

    @Override
    public ActionCounters counts() { return counts; }

    @Override
    public NocTotals totals() {
        long max = 0;
        for (long l : linkLoad) max = Math.max(max, l);
        return new NocTotals(packets, flits, hops, stalls, max);
    }

    /** Flits carried by each link so far, indexed as {@link Noc#linkIndex(int, io.engram.chip.noc.Port)}. */
    public long[] linkLoads() { return linkLoad.clone(); }

    @Override
    public long barrier() {
        counts.inc(Action.BARRIER_SYNC);
        return chip.technology().cycles(Action.BARRIER_SYNC);
    }
}
