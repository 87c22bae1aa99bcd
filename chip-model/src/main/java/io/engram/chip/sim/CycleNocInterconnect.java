package io.engram.chip.sim;

import io.engram.chip.noc.Noc;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.noc.PhaseNetwork;
import io.engram.chip.noc.PhaseResult;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;

import java.util.List;

/**
 * The chip's packets on the cycle-level mesh, phase by phase through a {@link PhaseNetwork} (either engine, with the
 * same results), and the account of what they cost: router and link actions, traffic per packet kind, packets, flits,
 * hops, stalls and the flits each link carried.
 */
public final class CycleNocInterconnect implements Interconnect {
    private final ChipSpec chip;
    private final PhaseNetwork phases;
    private final ActionCounters counts = new ActionCounters();
    private final long[] byKind = new long[PacketKind.values().length * KIND_FIELDS];
    private final long[] linkLoad;
    private long packets;
    private long flits;
    private long hops;
    private long stalls;

    public CycleNocInterconnect(ChipSpec chip) { this(chip, Noc.Engine.FAST); }

    public CycleNocInterconnect(ChipSpec chip, Noc.Engine engine) { this(chip, engine, true); }

    /** @param compose fast engine: compose phases from groups of packets that never meet ({@link PhaseNetwork}) */
    CycleNocInterconnect(ChipSpec chip, Noc.Engine engine, boolean compose) {
        this.chip = chip;
        this.phases = new PhaseNetwork(chip.mesh(), chip.noc(), chip.technology(), engine, compose);
        this.linkLoad = new long[chip.mesh().cores() * 4];
    }

    @Override
    public long[] deliver(List<Transfer> transfers) {
        long[] out = new long[transfers.size()];
        long base = Long.MAX_VALUE;
        for (Transfer t : transfers) base = Math.min(base, t.readyCycle());
        PhaseResult r = phases.run(transfers, base);
        for (int i = 0; i < out.length; i++) out[i] = base + r.arrivalOffset()[i];
        counts.addAll(r.counts());
        PacketKind kind = transfers.isEmpty() ? null : transfers.get(0).kind();
        for (Transfer t : transfers) {
            if (t.kind() != kind) throw new IllegalStateException("a phase carries one kind of packet: " + kind + ", " + t.kind());
        }
        if (kind != null) {
            int b = kind.ordinal() * KIND_FIELDS;
            byKind[b] += r.packets();
            byKind[b + 1] += r.counts().get(Action.ROUTER_FLIT);
            byKind[b + 2] += r.counts().get(Action.LINK_FLIT);
        }
        packets += r.packets();
        flits += r.flits();
        hops += r.hops();
        stalls += r.stalls();
        for (int k = 0; k < r.links().length; k++) linkLoad[r.links()[k]] += r.linkFlits()[k];
        return out;
    }

    /** The phases' network (engine, phase cache, composer). */
    PhaseNetwork phases() { return phases; }

    @Override
    public ActionCounters counts() { return counts; }

    @Override
    public long[] byKind() { return byKind.clone(); }

    @Override
    public NocTotals totals() {
        long max = 0;
        for (long l : linkLoad) max = Math.max(max, l);
        return new NocTotals(packets, flits, hops, stalls, max);
    }

    /** Flits carried by each link so far, indexed as {@link Noc#linkIndex(int, io.engram.chip.noc.Port)}. */
    public long[] linkLoads() { return linkLoad.clone(); }

    /** Reference engine: steps every router through every cycle up to {@code cycle}. The fast engine has nothing to do. */
    @Override
    public void advanceTo(long cycle) { phases.advanceTo(cycle); }

    @Override
    public Noc.Engine engine() { return phases.engine(); }

    /** Reference engine: the whole-run network's clock, i.e. the cycles it has simulated (0 for the fast engine). */
    public long steppedCycles() { return phases.steppedCycles(); }

    /** Reference engine: phases that ran on a network of their own because they started before the run's clock. */
    public long separatePhases() { return phases.separatePhases(); }

    @Override
    public long barrier() {
        counts.inc(Action.BARRIER_SYNC);
        return chip.technology().cycles(Action.BARRIER_SYNC);
    }

    @Override
    public NocState saveState() {
        return new NocState(counts.toArray(), linkLoad, packets, flits, hops, stalls, byKind);
    }

    /** Restores counters and link loads; the phase cache starts empty (it only saves work, never changes a result). */
    @Override
    public void restoreState(NocState s) {
        if (s.linkLoads().length != linkLoad.length) {
            throw new IllegalArgumentException("NoC state has " + s.linkLoads().length + " links, this mesh has "
                    + linkLoad.length);
        }
        counts.reset();
        counts.addAll(ActionCounters.fromArray(s.counts()));
        long[] k = s.byKind();
        if (k.length != byKind.length) throw new IllegalArgumentException("traffic by kind: " + k.length + " values, expected " + byKind.length);
        System.arraycopy(k, 0, byKind, 0, k.length);
        System.arraycopy(s.linkLoads(), 0, linkLoad, 0, linkLoad.length);
        packets = s.packets();
        flits = s.flits();
        hops = s.hops();
        stalls = s.stallCycles();
        phases.restart(); // the reference engine's network restarts from cycle 0 and steps up to the resumed phases
    }
}
