package io.engram.chip.sim;

import io.engram.chip.noc.Noc;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.noc.PhaseComposer;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Cost;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Phases composed from groups of packets that never meet ({@link PhaseComposer}) equal the phases simulated whole,
 * in every result and counter, on random networks and traffic: spread-out phases (mostly composed of packets alone),
 * clustered ones (groups that contend, at outputs other packets used before), hotspots, multicast in both modes,
 * shallow buffers and various router and link latencies. (A packet alone: {@code noc.PhaseComposerClosedFormTest}.)
 */
class PhaseComposerTest {
    private static final int NETWORKS = 150;

    @Test
    void composedPhasesEqualWholeSimulation() {
        SplittableRandom rnd = new SplittableRandom(20261128L);
        long composed = 0;
        long phases = 0;
        long groupRuns = 0;
        long priorityRuns = 0;
        long stalledComposed = 0;
        for (int net = 0; net < NETWORKS; net++) {
            ChipSpec chip = chip(rnd);
            CycleNocInterconnect fast = new CycleNocInterconnect(chip, Noc.Engine.FAST, true);
            CycleNocInterconnect whole = new CycleNocInterconnect(chip, Noc.Engine.FAST, false);
            CycleNocInterconnect ref = net % 10 == 0 ? new CycleNocInterconnect(chip, Noc.Engine.REFERENCE) : null;
            long base = rnd.nextInt(1000);
            int count = 1 + rnd.nextInt(8);
            for (int ph = 0; ph < count; ph++) {
                List<Transfer> phase = phase(rnd, chip.mesh().cores(), base);
                String what = "network " + net + " phase " + ph + " " + chip.mesh() + " " + chip.noc();
                long stallsBefore = fast.totals().stallCycles();
                long composedBefore = fast.phases().composedPhases();
                long[] a = fast.deliver(phase);
                long[] b = whole.deliver(phase);
                assertArrayEquals(b, a, what);
                if (ref != null) assertArrayEquals(ref.deliver(phase), a, what + " (reference)");
                assertEquals(whole.counts(), fast.counts(), what);
                assertEquals(whole.totals(), fast.totals(), what);
                assertArrayEquals(whole.byKind(), fast.byKind(), what);
                assertArrayEquals(whole.linkLoads(), fast.linkLoads(), what);
                if (fast.phases().composedPhases() > composedBefore && fast.totals().stallCycles() > stallsBefore) stalledComposed++;
                for (long t : a) base = Math.max(base, t);
                base += rnd.nextInt(50);
                phases++;
            }
            composed += fast.phases().composedPhases();
            groupRuns += fast.phases().composer().groupRuns();
            priorityRuns += fast.phases().composer().priorityRuns();
        }
        assertTrue(composed >= phases / 3, "phases composed: " + composed + " of " + phases);
        assertTrue(stalledComposed >= 20, "composed phases with stalls: " + stalledComposed);
        assertTrue(groupRuns >= 100, "runs of groups of packets: " + groupRuns);
        assertTrue(priorityRuns >= 10, "runs with the priorities left by earlier packets: " + priorityRuns);
    }

    private static ChipSpec chip(SplittableRandom rnd) {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        int w = 1 + rnd.nextInt(7);
        int h = 1 + rnd.nextInt(7);
        int flitBits = new int[] {16, 32, 64}[rnd.nextInt(3)];
        int headerBits = rnd.nextInt(Math.min(flitBits, 17));
        NocSpec.Multicast mode = rnd.nextInt(3) == 0 ? NocSpec.Multicast.UNICAST : NocSpec.Multicast.TREE;
        NocSpec noc = new NocSpec(flitBits, headerBits, 1 + rnd.nextInt(5), mode);
        Technology t = base.technology();
        Map<Action, Cost> costs = new EnumMap<>(t.costs());
        costs.put(Action.ROUTER_FLIT, new Cost(t.energyPj(Action.ROUTER_FLIT), 1 + rnd.nextInt(3), "test"));
        costs.put(Action.LINK_FLIT, new Cost(t.energyPj(Action.LINK_FLIT), rnd.nextInt(3), "test"));
        Technology tech = t.withCosts(t.name() + "-test", costs);
        return new ChipSpec(base.name(), base.clockMhz(), new MeshSpec(w, h), base.core(), noc, tech);
    }

    /** One phase, one packet kind: a few to a hundred packets, spread over a short or a long span. */
    private static List<Transfer> phase(SplittableRandom rnd, int nodes, long base) {
        PacketKind kind = PacketKind.values()[rnd.nextInt(PacketKind.values().length)];
        int style = rnd.nextInt(4);
        int count = style == 0 ? 1 + rnd.nextInt(8) : 5 + rnd.nextInt(100);
        long span = switch (style) {
            case 0, 1 -> 1 + rnd.nextInt(5000);
            case 2 -> 1 + rnd.nextInt(400);
            default -> 1 + rnd.nextInt(40);
        };
        int hotspot = rnd.nextInt(nodes);
        long step = 1 + rnd.nextInt(60); // ready cycles on a grid, as cores' timings often are: equal offsets recur
        List<Transfer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int src = rnd.nextInt(nodes);
            int[] dests = dests(rnd, nodes, hotspot, src);
            long payload = rnd.nextInt(6) == 0 ? rnd.nextInt(40) : rnd.nextInt(600);
            long ready = base + rnd.nextLong(span + 1) / step * step;
            out.add(new Transfer(kind, src, dests, payload, ready));
        }
        return out;
    }

    private static int[] dests(SplittableRandom rnd, int nodes, int hotspot, int src) {
        int pick = rnd.nextInt(12);
        if (pick < 5) return new int[] {hotspot};
        if (pick < 8) return new int[] {rnd.nextInt(nodes)};
        if (pick == 8) return new int[] {src};
        int n = pick < 11 ? 2 + rnd.nextInt(4) : nodes;
        int[] d = new int[n];
        for (int i = 0; i < n; i++) d[i] = pick < 11 ? rnd.nextInt(nodes) : i; // duplicates and the source included
        return d;
    }
}
