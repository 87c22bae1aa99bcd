package io.engram.chip.noc;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.engram.chip.noc.NocFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** FAST and REFERENCE agree on random traffic; a seed fixes the result. */
class NocEngineEquivalenceTest {
    private static final int PATTERNS = 60;
    private static final long SEED = 20240611L;

    /** A random network and two phases of traffic. */
    private record Pattern(MeshSpec mesh, NocSpec spec, Technology tech, List<List<Packet>> phases) {}

    /** Everything observable after running a pattern. */
    private record Outcome(List<Long> runResults, List<Long> nows, List<Long> deliveries, List<NocStats> stats,
                           List<String> routerCounters) {}

    private static Pattern pattern(SplittableRandom rnd) { return pattern(rnd, 1, 6); }

    private static Pattern pattern(SplittableRandom rnd, int minSide, int maxSide) {
        int w = minSide + rnd.nextInt(maxSide - minSide + 1);
        int h = minSide + rnd.nextInt(maxSide - minSide + 1);
        int nodes = w * h;
        int flitBits = new int[] {16, 32, 64}[rnd.nextInt(3)];
        int headerBits = rnd.nextInt(Math.min(flitBits, 17));
        NocSpec.Multicast mode = rnd.nextBoolean() ? NocSpec.Multicast.TREE : NocSpec.Multicast.UNICAST;
        NocSpec spec = new NocSpec(flitBits, headerBits, 1 + rnd.nextInt(5), mode);
        Technology tech = withLatencies(1 + rnd.nextInt(3), rnd.nextInt(3));
        List<List<Packet>> phases = new ArrayList<>();
        long id = 0;
        int phaseCount = 1 + rnd.nextInt(2);
        for (int ph = 0; ph < phaseCount; ph++) {
            boolean dense = rnd.nextBoolean();
            int count = dense ? 30 + rnd.nextInt(120) : 1 + rnd.nextInt(30);
            long span = dense ? rnd.nextInt(40) : 1 + rnd.nextInt(1500);
            int hotspot = rnd.nextInt(nodes);
            List<Packet> packets = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int src = rnd.nextInt(nodes);
                int[] dests = destinations(rnd, nodes, hotspot);
                long payload = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(300);
                PacketKind kind = PacketKind.values()[rnd.nextInt(PacketKind.values().length)];
                packets.add(new Packet(id++, src, dests, payload, kind, rnd.nextLong(span + 1)));
            }
            phases.add(packets);
        }
        return new Pattern(new MeshSpec(w, h), spec, tech, phases);
    }

    /** Mostly unicast (half of it to a hotspot, for contention), some small multicast, some broadcast. */
    private static int[] destinations(SplittableRandom rnd, int nodes, int hotspot) {
        int pick = rnd.nextInt(10);
        if (pick < 6) return new int[] {rnd.nextBoolean() ? hotspot : rnd.nextInt(nodes)};
        int n = pick < 9 ? Math.min(nodes, 2 + rnd.nextInt(4)) : nodes;
        int[] perm = new int[nodes];
        for (int i = 0; i < nodes; i++) perm[i] = i;
        for (int i = nodes - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] d = new int[n];
        System.arraycopy(perm, 0, d, 0, n);
        return d;
    }

    private static Outcome run(Pattern p, Noc.Engine engine) {
        Noc noc = new Noc(p.mesh(), p.spec(), p.tech(), engine);
        List<Long> runs = new ArrayList<>();
        List<Long> nows = new ArrayList<>();
        List<Long> deliveries = new ArrayList<>();
        List<NocStats> stats = new ArrayList<>();
        List<String> routerCounters = new ArrayList<>();
        for (List<Packet> phase : p.phases()) {
            for (Packet pk : phase) noc.inject(pk);
            runs.add(noc.run());
            nows.add(noc.now());
            for (Packet pk : phase) {
                for (int d : pk.dests()) deliveries.add(noc.deliveryCycle(pk.id(), d));
            }
            nows.add(noc.barrier());
            NocStats s = noc.snapshot();
            stats.add(s);
            for (int r = 0; r < p.mesh().cores(); r++) routerCounters.add(noc.counters(r).toString());
            checkInvariants(phase, s);
            noc.resetStats();
        }
        return new Outcome(runs, nows, deliveries, stats, routerCounters);
    }

    private static void checkInvariants(List<Packet> phase, NocStats s) {
        long expected = phase.stream().mapToLong(pk -> pk.dests().length).sum();
        assertEquals(expected, s.deliveries());
        assertEquals(phase.size(), s.packets());
        assertEquals(s.flitsInjected() + s.flitsReplicated(), s.flitsEjected());
        assertEquals(s.flitsEjected() + s.linkFlits(), s.routerFlits(), "every router pass is a link or an ejection");
        assertEquals(s.stallCycles(), s.routers().stream().mapToLong(NocStats.RouterLoad::stallCycles).sum());
        assertEquals(s.linkStallCycles(), s.links().stream().mapToLong(NocStats.LinkLoad::stallCycles).sum());
        assertTrue(s.linkStallCycles() + s.injectionStallCycles() <= s.stallCycles());
        assertEquals(expected, s.latencyHistogram().count());
        assertEquals(1, s.barriers());
    }

    @Test
    void fastEqualsReferenceOnRandomTraffic() {
        RandomStreams streams = new RandomStreams(SEED);
        long contended = 0;
        for (int i = 0; i < PATTERNS; i++) {
            Pattern p = pattern(streams.stream("noc-test", "pattern-" + i));
            Outcome ref = run(p, Noc.Engine.REFERENCE);
            Outcome fast = run(p, Noc.Engine.FAST);
            String what = "pattern " + i + " " + p.mesh() + " " + p.spec();
            assertEquals(ref.runResults(), fast.runResults(), what);
            assertEquals(ref.nows(), fast.nows(), what);
            assertEquals(ref.deliveries(), fast.deliveries(), what);
            assertEquals(ref.routerCounters(), fast.routerCounters(), what);
            assertEquals(ref.stats(), fast.stats(), what);
            assertEquals(ref, fast, what);
            if (ref.stats().get(0).stallCycles() > 0) contended++;
        }
        assertTrue(contended >= PATTERNS / 3, "enough patterns have contention: " + contended);
    }

    /**
     * Large meshes with few busy routers: the fast engine visits only the routers that hold work, in index order, and
     * a router filled in a cycle by a push from a router earlier in that order is visited in the same cycle.
     */
    @Test
    void fastEqualsReferenceOnLargeMeshes() {
        RandomStreams streams = new RandomStreams(SEED);
        for (int i = 0; i < 12; i++) {
            Pattern p = pattern(streams.stream("noc-test", "large-" + i), 10, 16);
            assertEquals(run(p, Noc.Engine.REFERENCE), run(p, Noc.Engine.FAST), "pattern " + i + " " + p.mesh());
        }
    }

    @Test
    void sameSeedSameResult() {
        for (int i = 0; i < 5; i++) {
            Pattern a = pattern(new RandomStreams(SEED).stream("noc-test", "pattern-" + i));
            Pattern b = pattern(new RandomStreams(SEED).stream("noc-test", "pattern-" + i));
            assertEquals(run(a, Noc.Engine.FAST), run(b, Noc.Engine.FAST));
        }
    }
}
