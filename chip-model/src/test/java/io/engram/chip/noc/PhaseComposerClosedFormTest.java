package io.engram.chip.noc;

import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link PhaseComposer}'s closed form of a packet alone equals its simulation on the network, footprint included,
 * wherever it applies (deep enough buffers), on random meshes, flit sizes, buffers, multicast modes and router and
 * link latencies.
 */
class PhaseComposerClosedFormTest {
    /** A message of the tests. */
    private record Send(PacketKind kind, int src, int[] dests, long payloadBits, long readyCycle) implements Message {}

    @Test
    void closedFormEqualsSimulationAlone() {
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (int net = 0; net < 200; net++) {
            MeshSpec mesh = new MeshSpec(1 + rnd.nextInt(7), 1 + rnd.nextInt(7));
            int flitBits = new int[] {16, 32, 64}[rnd.nextInt(3)];
            int headerBits = rnd.nextInt(Math.min(flitBits, 17));
            NocSpec.Multicast mode = rnd.nextInt(3) == 0 ? NocSpec.Multicast.UNICAST : NocSpec.Multicast.TREE;
            NocSpec spec = NocFixtures.spec(flitBits, headerBits, 1 + rnd.nextInt(5), mode);
            Technology tech = NocFixtures.withLatencies(1 + rnd.nextInt(3), rnd.nextInt(3));
            PhaseComposer pc = new PhaseComposer(mesh, spec, tech);
            int nodes = mesh.cores();
            for (int i = 0; i < 20; i++) {
                int src = rnd.nextInt(nodes);
                int dest = rnd.nextInt(nodes);
                if (dest == src) continue;
                long payload = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : rnd.nextInt(2000);
                PhaseComposer.Run closed = pc.closedForm(src, dest, payload);
                if (closed == null) continue;
                PhaseComposer.Run sim = pc.simulatedAlone(new Send(PacketKind.PARTIAL_SUM, src, new int[] {dest}, payload, 0));
                String what = "network " + net + " " + mesh + " " + spec + " " + src + "->" + dest + " payload " + payload;
                assertArrayEquals(sim.arrival(), closed.arrival(), what);
                assertEquals(sim.counts(), closed.counts(), what);
                assertEquals(sim.packets(), closed.packets(), what);
                assertEquals(sim.flits(), closed.flits(), what);
                assertEquals(sim.hops(), closed.hops(), what);
                assertEquals(sim.stalls(), closed.stalls(), what);
                assertEquals(linkMap(sim), linkMap(closed), what);
                Footprint a = sim.footprint();
                Footprint b = closed.footprint();
                assertArrayEquals(a.resources(), b.resources(), what);
                assertArrayEquals(a.first(), b.first(), what);
                assertArrayEquals(a.last(), b.last(), what);
                assertArrayEquals(a.priorityAfter(), b.priorityAfter(), what);
                assertArrayEquals(a.contended(), b.contended(), what);
                checked++;
            }
        }
        assertTrue(checked >= 500, "closed forms checked: " + checked);
    }

    private static Map<Integer, Long> linkMap(PhaseComposer.Run r) {
        Map<Integer, Long> m = new TreeMap<>();
        for (int k = 0; k < r.links().length; k++) m.merge(r.links()[k], r.linkFlits()[k], Long::sum);
        return m;
    }
}
