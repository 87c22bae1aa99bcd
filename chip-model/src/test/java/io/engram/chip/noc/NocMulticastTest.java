package io.engram.chip.noc;

import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static io.engram.chip.noc.NocFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Tree multicast against unicast copies, checked against hand-counted link traversals. */
class NocMulticastTest {
    private static final long R = 2;
    private static final long L = 1;
    private static final int F = 3;

    /*
     * 4x4 mesh, source 0 = (0,0), destinations 3 = (3,0), 15 = (3,3), 12 = (0,3), 5 = (1,1).
     * XY paths:  0->3: 0-1-2-3 (3 links)     0->15: 0-1-2-3-7-11-15 (6)
     *            0->12: 0-4-8-12 (3)          0->5: 0-1-5 (2)
     * Unicast: 3 + 6 + 3 + 2 = 14 link traversals per flit; router passes = 14 + 4 ejections = 18.
     * Tree (union of paths): 0-1, 1-2, 2-3, 3-7, 7-11, 11-15, 0-4, 4-8, 8-12, 1-5 = 10 links; router passes 10 + 4 = 14.
     * Branches: at 0 {E: 3,15,5 | S: 12}, at 1 {E: 3,15 | S: 5}, at 3 {LOCAL: 3 | S: 15}: 3 extra copies per flit.
     */
    private static final int SRC = 0;
    private static final int[] DESTS = {3, 15, 12, 5};

    private static Noc run(NocSpec.Multicast mode, Noc.Engine engine) {
        NocSpec spec = spec(32, 8, (int) (R + L + 1), mode);
        Noc noc = noc(4, 4, spec, rram(), engine);
        noc.inject(new Packet(1, SRC, DESTS, payloadForFlits(spec, F), PacketKind.POST_BROADCAST, 0));
        noc.run();
        return noc;
    }

    @Test
    void treeCountsMatchHandComputation() {
        for (Noc.Engine engine : Noc.Engine.values()) {
            Noc noc = run(NocSpec.Multicast.TREE, engine);
            NocStats s = noc.snapshot();
            assertEquals(10L * F, s.linkFlits());
            assertEquals(14L * F, s.routerFlits());
            assertEquals(10L * F, noc.totalCounters().get(Action.LINK_FLIT));
            assertEquals(14L * F, noc.totalCounters().get(Action.ROUTER_FLIT));
            assertEquals(F, s.flitsInjected());
            assertEquals(3L * F, s.flitsReplicated());
            assertEquals(4L * F, s.flitsEjected());
            assertEquals(s.flitsInjected() + s.flitsReplicated(), s.flitsEjected());
            assertEquals(F, s.maxLinkLoad(), "every tree link carries the packet once");
            assertEquals(10, s.links().stream().filter(k -> k.flits() > 0).count());
            assertEquals(0, s.stallCycles());
            assertEquals(4, s.deliveries());
            assertEquals(1, s.packets());
            assertEquals(1L, s.packetsByKind().get(PacketKind.POST_BROADCAST));
            for (int d : DESTS) {
                int h = noc.hops(SRC, d);
                assertEquals((h + 1) * R + h * L + (F - 1), noc.deliveryCycle(1, d), "dest " + d);
            }
            assertEquals(3 + 6 + 3 + 2, s.hops());
        }
    }

    @Test
    void unicastCountsMatchHandComputation() {
        for (Noc.Engine engine : Noc.Engine.values()) {
            Noc noc = run(NocSpec.Multicast.UNICAST, engine);
            NocStats s = noc.snapshot();
            assertEquals(14L * F, s.linkFlits());
            assertEquals(18L * F, s.routerFlits());
            assertEquals(4L * F, s.flitsInjected());
            assertEquals(0, s.flitsReplicated());
            assertEquals(4L * F, s.flitsEjected());
            // link 0 -> 1 carries the copies for 3, 15 and 5
            NocStats.LinkLoad first = s.links().stream()
                    .filter(k -> k.from() == 0 && k.direction() == Port.EAST).findFirst().orElseThrow();
            assertEquals(3L * F, first.flits());
            assertEquals(3L * F, s.maxLinkLoad());
            // copies leave the source one after the other, in the order of dests
            int h0 = noc.hops(SRC, DESTS[0]);
            assertEquals((h0 + 1) * R + h0 * L + (F - 1), noc.deliveryCycle(1, DESTS[0]));
        }
    }

    @Test
    void treeUsesFewerLinkTraversalsThanUnicast() {
        NocStats tree = run(NocSpec.Multicast.TREE, Noc.Engine.FAST).snapshot();
        NocStats unicast = run(NocSpec.Multicast.UNICAST, Noc.Engine.FAST).snapshot();
        assertTrue(tree.linkFlits() < unicast.linkFlits());
        assertTrue(tree.routerFlits() < unicast.routerFlits());
        assertEquals(tree.hops(), unicast.hops(), "hops per delivery are the XY distance either way");
        assertTrue(tree.latencyHistogram().max() < unicast.latencyHistogram().max());
    }

    @Test
    void broadcastFromTheCentreIncludingItselfIsASpanningTree() {
        NocSpec spec = spec(32, 8, (int) (R + L + 1), NocSpec.Multicast.TREE);
        Noc noc = noc(3, 3, spec, rram(), Noc.Engine.REFERENCE);
        int[] all = IntStream.range(0, 9).toArray();
        noc.inject(new Packet(9, 4, all, payloadForFlits(spec, 2), PacketKind.POST_BROADCAST, 5));
        noc.run();
        NocStats s = noc.snapshot();
        assertEquals(8L * 2, s.linkFlits(), "8 links span 9 routers");
        assertEquals(9L * 2, s.flitsEjected());
        assertEquals(5 + R + 1, noc.deliveryCycle(9, 4), "the source's own copy only passes its router");
        assertEquals(5 + 3 * R + 2 * L + 1, noc.deliveryCycle(9, 0));
    }

    @Test
    void allToAllTreeMulticastWithOneFlitBuffersCompletes() {
        for (NocSpec.Multicast mode : NocSpec.Multicast.values()) {
            NocSpec spec = spec(32, 8, 1, mode);
            Noc noc = noc(4, 4, spec, rram(), Noc.Engine.FAST);
            int[] all = IntStream.range(0, 16).toArray();
            for (int s = 0; s < 16; s++) {
                noc.inject(new Packet(s, s, all, payloadForFlits(spec, 5), PacketKind.POST_BROADCAST, 0));
            }
            noc.run();
            NocStats st = noc.snapshot();
            assertEquals(16 * 16, st.deliveries(), mode.toString());
            assertEquals(16L * 16 * 5, st.flitsEjected(), mode.toString());
            assertEquals(st.flitsInjected() + st.flitsReplicated(), st.flitsEjected(), mode.toString());
            for (int s = 0; s < 16; s++) assertTrue(noc.delivered(s));
        }
    }
}
