package io.engram.chip.noc;

import io.engram.chip.spec.NocSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import static io.engram.chip.noc.NocFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** An uncontended packet follows the closed form (h + 1) * R + h * L + (F - 1). */
class NocLatencyTest {

    @Test
    void defaultTechnologyGivesThreeCyclesPerHopPlusFlitsPlusOne() {
        NocSpec spec = spec(64, 16, 4, NocSpec.Multicast.TREE);
        for (Noc.Engine engine : Noc.Engine.values()) {
            Noc noc = noc(4, 4, spec, rram(), engine);
            // 200 payload bits + 16 header bits = 216 bits = 4 flits of 64; 0 -> 15 is 6 hops
            noc.inject(Packet.unicast(1, 0, 15, 200, PacketKind.ACTIVATION, 10));
            long last = noc.run();
            assertEquals(10 + 3 * 6 + 4 + 1, last);
            assertEquals(last, noc.deliveryCycle(1, 15));
            assertEquals(last + 1, noc.now());
            NocStats s = noc.snapshot();
            assertEquals(4 * 7, s.routerFlits());
            assertEquals(4 * 6, s.linkFlits());
            assertEquals(6, s.hops());
            assertEquals(0, s.stallCycles());
            assertEquals(23, s.latencyHistogram().max());
        }
    }

    @Test
    void everyLatencyCombinationMatchesClosedForm() {
        int[][] pairs = {{0, 0}, {0, 1}, {0, 4}, {0, 24}, {24, 0}, {12, 7}, {3, 21}, {20, 4}, {6, 18}};
        for (long r = 1; r <= 3; r++) {
            for (long l = 0; l <= 2; l++) {
                Technology tech = withLatencies(r, l);
                NocSpec spec = spec(32, 8, (int) (r + l + 1), NocSpec.Multicast.UNICAST);
                for (int flits : new int[] {1, 2, 5, 9}) {
                    for (int[] sd : pairs) {
                        Noc noc = noc(5, 5, spec, tech, Noc.Engine.FAST);
                        int h = noc.hops(sd[0], sd[1]);
                        long ready = 3;
                        noc.inject(Packet.unicast(7, sd[0], sd[1], payloadForFlits(spec, flits), PacketKind.SPIKE, ready));
                        noc.run();
                        long expected = ready + (h + 1) * r + h * l + (flits - 1);
                        String what = "R=" + r + " L=" + l + " F=" + flits + " " + sd[0] + "->" + sd[1];
                        assertEquals(expected, noc.deliveryCycle(7, sd[1]), what);
                        ActionCounters c = noc.totalCounters();
                        assertEquals((long) (h + 1) * flits, c.get(Action.ROUTER_FLIT), what);
                        assertEquals((long) h * flits, c.get(Action.LINK_FLIT), what);
                        assertEquals(0, noc.snapshot().stallCycles(), what);
                    }
                }
            }
        }
    }

    @Test
    void routerAndLinkActionsAreChargedWhereTheFlitsPass() {
        NocSpec spec = spec(64, 16, 4, NocSpec.Multicast.TREE);
        Noc noc = noc(3, 3, spec, rram(), Noc.Engine.REFERENCE);
        // 0 (0,0) -> 8 (2,2): X along row 0 via 1, 2, then Y via 5, 8
        noc.inject(Packet.unicast(1, 0, 8, 100, PacketKind.SPIKE, 0));
        noc.run();
        int f = spec.flitsFor(100);
        long[] routerFlits = {f, f, f, 0, 0, f, 0, 0, f};
        long[] linkFlits = {f, f, f, 0, 0, f, 0, 0, 0};
        for (int r = 0; r < 9; r++) {
            assertEquals(routerFlits[r], noc.counters(r).get(Action.ROUTER_FLIT), "router " + r);
            assertEquals(linkFlits[r], noc.counters(r).get(Action.LINK_FLIT), "router " + r);
        }
        NocStats s = noc.snapshot();
        assertEquals(f, s.links().stream().filter(k -> k.from() == 2 && k.direction() == Port.SOUTH)
                .findFirst().orElseThrow().flits());
        assertEquals(f, s.maxLinkLoad());
    }

    @Test
    void shallowBuffersSlowAStreamToBufferOverRoundTrip() {
        // R = 2, L = 1: a buffer of 1 passes one flit every R + L + 1 = 4 cycles
        NocSpec spec = spec(32, 8, 1, NocSpec.Multicast.TREE);
        Noc noc = noc(4, 1, spec, rram(), Noc.Engine.FAST);
        int flits = 6;
        noc.inject(Packet.unicast(1, 0, 3, payloadForFlits(spec, flits), PacketKind.ACTIVATION, 0));
        long last = noc.run();
        long closedForm = 4 * 2 + 3 * 1 + (flits - 1);
        assertEquals(closedForm + (flits - 1) * 3L, last, "each later flit waits 3 more cycles for a credit");
        assertTrue(noc.snapshot().stallCycles() > 0);
    }
}
