package io.engram.chip.sim;

import io.engram.chip.noc.Noc;
import io.engram.chip.noc.NocStats;
import io.engram.chip.noc.Packet;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.noc.PhaseComposer;
import io.engram.chip.noc.PhaseResult;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chip's packets on the cycle-level mesh ({@link Noc}): XY wormhole routing, finite buffers with back-pressure,
 * tree or unicast multicast. The packets of one phase (one {@link #deliver} call) are simulated together, so they
 * contend, on a network that is drained when the phase starts and whose arbiters start from their power-on priority.
 *
 * <p>The two engines reach the same result two ways.
 * <ul>
 * <li>{@link Noc.Engine#FAST}: each phase runs on a fresh network from the phase's earliest ready cycle, skipping
 * cycles in which nothing changes. Since such a phase depends only on its transfers relative to that cycle, the
 * results of recent phases are kept and reused when the same phase comes again. A new phase is first put together
 * by the {@link PhaseComposer} from runs of groups of its packets that never meet (exactly the phase's run, only
 * cheaper: a packet alone is a closed form), and run whole only if that fails.</li>
 * <li>{@link Noc.Engine#REFERENCE}: one network for the whole run, whose every router is simulated in every cycle,
 * including the idle cycles between phases (while the cores compute, during barriers, up to the end of each sample:
 * {@link #advanceTo}). No cache. A phase that starts before the network's clock (pipelined rate-mode layers hand over
 * phases out of time order) runs on a network of its own, also cycle by cycle.</li>
 * </ul>
 */
public final class CycleNocInterconnect implements Interconnect {
    private final ChipSpec chip;
    private final Noc.Engine engine;
    private final ActionCounters counts = new ActionCounters();
    private final long[] byKind = new long[PacketKind.values().length * KIND_FIELDS];
    private final long[] linkLoad;
    private long packets;
    private long flits;
    private long hops;
    private long stalls;
    /**
     * Results of recent phases. A phase runs on a fresh network, so its outcome depends only on its {@link PhaseKey};
     * a training loop repeats the same phases sample after sample. Looked up only, never iterated.
     */
    private final Map<PhaseKey, PhaseResult> memo = new LinkedHashMap<>(MEMO_PHASES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PhaseKey, PhaseResult> eldest) {
            return size() > MEMO_PHASES;
        }
    };
    private static final int MEMO_PHASES = 256;
    /** Fast engine: composes phases whose packets never meet from runs of a few of them, or null. */
    private final PhaseComposer composer;
    private long composedPhases;
    private long simulatedPhases;
    /** Reference engine: the network of the whole run (created at the first phase, clock from cycle 0). */
    private Noc whole;
    /** Reference engine: phases that started before the whole-run network's clock and ran on a network of their own. */
    private long separatePhases;

    public CycleNocInterconnect(ChipSpec chip) { this(chip, Noc.Engine.FAST); }

    public CycleNocInterconnect(ChipSpec chip, Noc.Engine engine) { this(chip, engine, true); }

    /** @param compose fast engine: compose phases from groups of packets that never meet ({@link PhaseComposer}) */
    CycleNocInterconnect(ChipSpec chip, Noc.Engine engine, boolean compose) {
        this.chip = chip;
        this.engine = engine;
        this.composer = compose && engine == Noc.Engine.FAST ? new PhaseComposer(chip.mesh(), chip.noc(), chip.technology()) : null;
        this.linkLoad = new long[chip.mesh().cores() * 4];
    }

    @Override
    public long[] deliver(List<Transfer> transfers) {
        long[] out = new long[transfers.size()];
        long base = Long.MAX_VALUE;
        for (Transfer t : transfers) base = Math.min(base, t.readyCycle());
        PhaseResult r;
        if (engine == Noc.Engine.REFERENCE) {
            r = simulateInWholeRun(transfers, base);
        } else {
            PhaseKey key = PhaseKey.of(transfers, base);
            r = memo.get(key);
            if (r == null) {
                r = composer == null ? null : composer.compose(transfers, base);
                if (r == null) {
                    r = simulate(new Noc(chip.mesh(), chip.noc(), chip.technology(), engine), transfers, base, 0);
                    simulatedPhases++;
                } else {
                    composedPhases++;
                }
                memo.put(key, r);
            }
        }
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

    /**
     * The reference engine's phase: on the whole-run network, stepped cycle by cycle from where it stopped to the
     * phase's start; or, for a phase that starts earlier than that, on a network of its own.
     */
    private PhaseResult simulateInWholeRun(List<Transfer> transfers, long base) {
        if (whole == null) whole = new Noc(chip.mesh(), chip.noc(), chip.technology(), Noc.Engine.REFERENCE);
        if (base < whole.now()) {
            separatePhases++;
            return simulate(new Noc(chip.mesh(), chip.noc(), chip.technology(), Noc.Engine.REFERENCE), transfers, base, 0);
        }
        whole.advanceTo(base);
        whole.resetArbiters();
        whole.resetStats();
        return simulate(whole, transfers, base, base);
    }

    /**
     * Runs one phase on a drained network whose clock is at most {@code origin + (earliest ready - base)}; packet
     * times are {@code origin} plus their ready cycle relative to base. Returns times relative to base.
     */
    private PhaseResult simulate(Noc noc, List<Transfer> transfers, long base, long origin) {
        long[] offsets = new long[transfers.size()];
        List<Integer> injected = new ArrayList<>();
        for (int i = 0; i < transfers.size(); i++) {
            Transfer t = transfers.get(i);
            int[] dests = Arrays.stream(t.dests()).filter(d -> d != t.src()).distinct().toArray();
            offsets[i] = t.readyCycle() - base;
            if (dests.length == 0) continue;
            noc.inject(new Packet(i, t.src(), dests, t.payloadBits(), t.kind(), origin + t.readyCycle() - base));
            injected.add(i);
        }
        if (injected.isEmpty()) return new PhaseResult(offsets, new ActionCounters(), 0, 0, 0, 0, new int[0], new long[0]);
        noc.run();
        for (int i : injected) {
            Transfer t = transfers.get(i);
            long last = t.readyCycle() - base;
            for (int d : t.dests()) {
                if (d == t.src()) continue;
                last = Math.max(last, noc.deliveryCycle(i, d) - origin);
            }
            offsets[i] = last;
        }
        NocStats s = noc.snapshot();
        int[] links = new int[s.links().size()];
        long[] linkFlits = new long[links.length];
        for (int k = 0; k < links.length; k++) {
            links[k] = s.links().get(k).index();
            linkFlits[k] = s.links().get(k).flits();
        }
        return new PhaseResult(offsets, noc.totalCounters(), s.packets(), s.flitsInjected(), s.hops(), s.stallCycles(),
                links, linkFlits);
    }

    /** Fast engine: phases composed by the {@link PhaseComposer}, and phases simulated whole (cache hits are neither). */
    long composedPhases() { return composedPhases; }

    long simulatedPhases() { return simulatedPhases; }

    PhaseComposer composer() { return composer; }

    /**
     * A phase as the fresh network sees it: every transfer's kind, source, destinations, payload and ready cycle
     * relative to the phase's earliest one. Equal keys give equal simulations.
     */
    private static final class PhaseKey {
        private final long[] v;
        private final int hash;

        private PhaseKey(long[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        static PhaseKey of(List<Transfer> transfers, long base) {
            int n = 1;
            for (Transfer t : transfers) n += 5 + t.dests().length;
            long[] v = new long[n];
            int k = 0;
            v[k++] = transfers.size();
            for (Transfer t : transfers) {
                v[k++] = t.kind().ordinal();
                v[k++] = t.src();
                v[k++] = t.payloadBits();
                v[k++] = t.readyCycle() - base;
                v[k++] = t.dests().length;
                for (int d : t.dests()) v[k++] = d;
            }
            return new PhaseKey(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PhaseKey p && p.hash == hash && Arrays.equals(p.v, v);
        }

        @Override
        public int hashCode() { return hash; }
    }

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
    public void advanceTo(long cycle) {
        if (engine != Noc.Engine.REFERENCE) return;
        if (whole == null) whole = new Noc(chip.mesh(), chip.noc(), chip.technology(), Noc.Engine.REFERENCE);
        whole.advanceTo(cycle);
    }

    @Override
    public Noc.Engine engine() { return engine; }

    /** Reference engine: the whole-run network's clock, i.e. the cycles it has simulated (0 for the fast engine). */
    public long steppedCycles() { return whole == null ? 0 : whole.now(); }

    /** Reference engine: phases that ran on a network of their own because they started before the run's clock. */
    public long separatePhases() { return separatePhases; }

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
        memo.clear();
        whole = null; // the reference engine's network restarts from cycle 0 and steps up to the resumed phases
    }
}
