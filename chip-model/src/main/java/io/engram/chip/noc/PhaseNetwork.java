package io.engram.chip.noc;

import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs phases of {@link Message}s on the cycle-level mesh ({@link Noc}): XY wormhole routing, finite buffers with
 * back-pressure, tree or unicast multicast. The packets of one phase ({@link #run}) are simulated together, so they
 * contend, on a network that is drained when the phase starts and whose arbiters start from their power-on priority.
 *
 * <p>The two engines reach the same result two ways.
 * <ul>
 * <li>{@link Noc.Engine#FAST}: each phase runs on a fresh network from the phase's earliest ready cycle, skipping
 * cycles in which nothing changes. Since such a phase depends only on its messages relative to that cycle, the
 * results of recent phases are kept and reused when the same phase comes again. A new phase is first put together
 * by the {@link PhaseComposer} from runs of groups of its packets that never meet (exactly the phase's run, only
 * cheaper: a packet alone is a closed form), and run whole only if that fails.</li>
 * <li>{@link Noc.Engine#REFERENCE}: one network for the whole run, whose every router is simulated in every cycle,
 * including the idle cycles between phases (while the cores compute, during barriers, up to the end of each sample:
 * {@link #advanceTo}). No cache. A phase that starts before the network's clock (pipelined rate-mode layers hand over
 * phases out of time order) runs on a network of its own, also cycle by cycle.</li>
 * </ul>
 * Not thread-safe.
 */
public final class PhaseNetwork {
    private static final int MEMO_PHASES = 256;
    private final MeshSpec mesh;
    private final NocSpec spec;
    private final Technology technology;
    private final Noc.Engine engine;
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
    /** Fast engine: composes phases whose packets never meet from runs of a few of them, or null. */
    private final PhaseComposer composer;
    private long composedPhases;
    private long simulatedPhases;
    /** Reference engine: the network of the whole run (created at the first phase, clock from cycle 0). */
    private Noc whole;
    /** Reference engine: phases that started before the whole-run network's clock and ran on a network of their own. */
    private long separatePhases;

    /**
     * @param compose fast engine: compose phases from groups of packets that never meet ({@link PhaseComposer}); off,
     *                every new phase is simulated whole (the results are the same)
     */
    public PhaseNetwork(MeshSpec mesh, NocSpec spec, Technology technology, Noc.Engine engine, boolean compose) {
        this.mesh = mesh;
        this.spec = spec;
        this.technology = technology;
        this.engine = engine;
        this.composer = compose && engine == Noc.Engine.FAST ? new PhaseComposer(mesh, spec, technology) : null;
    }

    public Noc.Engine engine() { return engine; }

    /**
     * Delivers one phase.
     *
     * @param phase the phase's messages
     * @param base  their earliest ready cycle; the result's times are relative to it
     */
    public PhaseResult run(List<? extends Message> phase, long base) {
        if (engine == Noc.Engine.REFERENCE) return simulateInWholeRun(phase, base);
        PhaseKey key = PhaseKey.of(phase, base);
        PhaseResult r = memo.get(key);
        if (r == null) {
            r = composer == null ? null : composer.compose(phase, base);
            if (r == null) {
                r = simulate(new Noc(mesh, spec, technology, engine), phase, base, 0);
                simulatedPhases++;
            } else {
                composedPhases++;
            }
            memo.put(key, r);
        }
        return r;
    }

    /** Reference engine: steps every router through every cycle up to {@code cycle}. The fast engine has nothing to do. */
    public void advanceTo(long cycle) {
        if (engine != Noc.Engine.REFERENCE) return;
        if (whole == null) whole = new Noc(mesh, spec, technology, Noc.Engine.REFERENCE);
        whole.advanceTo(cycle);
    }

    /**
     * Forgets the phase cache and the reference engine's network, which restarts from cycle 0 (after a checkpoint is
     * restored: both only save work or replay idle cycles, never change a result).
     */
    public void restart() {
        memo.clear();
        whole = null;
    }

    /** Reference engine: the whole-run network's clock, i.e. the cycles it has simulated (0 for the fast engine). */
    public long steppedCycles() { return whole == null ? 0 : whole.now(); }

    /** Reference engine: phases that ran on a network of their own because they started before the run's clock. */
    public long separatePhases() { return separatePhases; }

    /** Fast engine: phases composed by the {@link PhaseComposer}, and phases simulated whole (cache hits are neither). */
    public long composedPhases() { return composedPhases; }

    public long simulatedPhases() { return simulatedPhases; }

    /** The fast engine's composer, or null (reference engine, or composition off). */
    public PhaseComposer composer() { return composer; }

    /**
     * The reference engine's phase: on the whole-run network, stepped cycle by cycle from where it stopped to the
     * phase's start; or, for a phase that starts earlier than that, on a network of its own.
     */
    private PhaseResult simulateInWholeRun(List<? extends Message> phase, long base) {
        if (whole == null) whole = new Noc(mesh, spec, technology, Noc.Engine.REFERENCE);
        if (base < whole.now()) {
            separatePhases++;
            return simulate(new Noc(mesh, spec, technology, Noc.Engine.REFERENCE), phase, base, 0);
        }
        whole.advanceTo(base);
        whole.resetArbiters();
        whole.resetStats();
        return simulate(whole, phase, base, base);
    }

    /**
     * Runs one phase on a drained network whose clock is at most {@code origin + (earliest ready - base)}; packet
     * times are {@code origin} plus their ready cycle relative to base. Returns times relative to base.
     */
    private static PhaseResult simulate(Noc noc, List<? extends Message> phase, long base, long origin) {
        long[] offsets = new long[phase.size()];
        List<Integer> injected = new ArrayList<>();
        for (int i = 0; i < phase.size(); i++) {
            Message t = phase.get(i);
            int[] dests = Arrays.stream(t.dests()).filter(d -> d != t.src()).distinct().toArray();
            offsets[i] = t.readyCycle() - base;
            if (dests.length == 0) continue;
            noc.inject(new Packet(i, t.src(), dests, t.payloadBits(), t.kind(), origin + t.readyCycle() - base));
            injected.add(i);
        }
        if (injected.isEmpty()) return new PhaseResult(offsets, new ActionCounters(), 0, 0, 0, 0, new int[0], new long[0]);
        noc.run();
        for (int i : injected) {
            Message t = phase.get(i);
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

    /**
     * A phase as the fresh network sees it: every message's kind, source, destinations, payload and ready cycle
     * relative to the phase's earliest one. Equal keys give equal simulations.
     */
    private static final class PhaseKey {
        private final long[] v;
        private final int hash;

        private PhaseKey(long[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        static PhaseKey of(List<? extends Message> phase, long base) {
            int n = 1;
            for (Message t : phase) n += 5 + t.dests().length;
            long[] v = new long[n];
            int k = 0;
            v[k++] = phase.size();
            for (Message t : phase) {
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
}
