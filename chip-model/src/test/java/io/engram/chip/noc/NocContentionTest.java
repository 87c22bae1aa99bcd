package io.engram.chip.noc;

import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import static io.engram.chip.noc.NocFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Shared links serialise flit by flit, full buffers push back, and nothing is lost. */
class NocContentionTest {
    private static final long R = 2;
    private static final long L = 1;

    private static long closedForm(long ready, int hops, int flits) {
        return ready + (hops + 1) * R + hops * L + (flits - 1);
    }

    @Test
    void packetsFromOneSourceFollowEachOtherByTheirFlitCount() {
        NocSpec spec = spec(32, 8, (int) (R + L + 1), NocSpec.Multicast.TREE);
        for (Noc.Engine engine : Noc.Engine.values()) {
            Noc noc = noc(4, 4, spec, rram(), engine);
            int fa = 5;
            int fb = 3;
            noc.inject(Packet.unicast(1, 0, 11, payloadForFlits(spec, fa), PacketKind.ACTIVATION, 0));
            noc.inject(Packet.unicast(2, 0, 11, payloadForFlits(spec, fb), PacketKind.ACTIVATION, 0));
            noc.run();
            long a = noc.deliveryCycle(1, 11);
            assertEquals(closedForm(0, 5, fa), a);
            assertEquals(a + fb, noc.deliveryCycle(2, 11), "second packet waits one cycle per flit of the first");
        }
    }

    @Test
    void twoPacketsMeetingAtARouterSerialiseByTheWinnersFlits() {
        NocSpec spec = spec(32, 8, (int) (R + L + 1), NocSpec.Multicast.TREE);
        for (Noc.Engine engine : Noc.Engine.values()) {
            Noc noc = noc(4, 1, spec, rram(), engine);
            int fa = 6;
            int fb = 4;
            // A: 0 -> 3 reaches router 1's west input eligible at 2R + L = 5; B: 1 -> 3 ready at R + L is eligible at
            // router 1's local input in the same cycle. Round robin from north: west comes before local, A wins.
            noc.inject(Packet.unicast(1, 0, 3, payloadForFlits(spec, fa), PacketKind.PARTIAL_SUM, 0));
            noc.inject(Packet.unicast(2, 1, 3, payloadForFlits(spec, fb), PacketKind.PARTIAL_SUM, R + L));
            noc.run();
            assertEquals(closedForm(0, 3, fa), noc.deliveryCycle(1, 3), "winner is not delayed");
            assertEquals(closedForm(R + L, 2, fb) + fa, noc.deliveryCycle(2, 3), "loser waits fa cycles");
            NocStats s = noc.snapshot();
            NocStats.LinkLoad shared = s.links().stream()
                    .filter(k -> k.from() == 1 && k.direction() == Port.EAST).findFirst().orElseThrow();
            assertEquals(fa + fb, shared.flits());
            assertEquals(fa, shared.stallCycles(), "the loser's head stalls once per winner flit");
            assertEquals(fa, s.linkStallCycles());
            assertEquals(s.stallCycles(), s.linkStallCycles() + s.injectionStallCycles());
        }
    }

    @Test
    void roundRobinStartsAfterTheLastWinner() {
        NocSpec spec = spec(32, 8, (int) (R + L + 1), NocSpec.Multicast.TREE);
        Noc noc = noc(4, 1, spec, rram(), Noc.Engine.FAST);
        int f = 3;
        long p = payloadForFlits(spec, f);
        // round 1: only the west input uses router 1's east output, so local has priority next
        noc.inject(Packet.unicast(1, 0, 3, p, PacketKind.SPIKE, 0));
        noc.run();
        long second = 100;
        noc.inject(Packet.unicast(3, 0, 3, p, PacketKind.SPIKE, second));
        noc.inject(Packet.unicast(4, 1, 3, p, PacketKind.SPIKE, second + R + L));
        noc.run();
        assertEquals(closedForm(second + R + L, 2, f), noc.deliveryCycle(4, 3), "local wins this conflict");
        assertEquals(closedForm(second, 3, f) + f, noc.deliveryCycle(3, 3), "west waits f cycles");
    }

    @Test
    void saturatedLinkBackPressuresWithoutLoss() {
        Technology tech = rram();
        for (int buffer = 1; buffer <= 2; buffer++) {
            NocSpec spec = spec(32, 8, buffer, NocSpec.Multicast.UNICAST);
            for (Noc.Engine engine : Noc.Engine.values()) {
                Noc noc = noc(4, 3, spec, tech, engine);
                int flits = 4;
                int perSource = 10;
                int dest = 7; // (3, 1)
                int[] sources = {4, 5, 6}; // (0, 1), (1, 1), (2, 1): all cross link 6 -> 7
                long id = 0;
                for (int k = 0; k < perSource; k++) {
                    for (int s : sources) {
                        noc.inject(Packet.unicast(id++, s, dest, payloadForFlits(spec, flits), PacketKind.SPIKE, 0));
                    }
                }
                long last = noc.run();
                NocStats st = noc.snapshot();
                long total = (long) flits * perSource * sources.length;
                assertEquals(0, noc.outstandingDeliveries());
                for (long i = 0; i < id; i++) assertTrue(noc.delivered(i));
                assertEquals(id, st.deliveries());
                assertEquals(total, st.flitsInjected());
                assertEquals(total, st.flitsEjected());
                NocStats.LinkLoad hot = st.links().stream()
                        .filter(k -> k.from() == 6 && k.direction() == Port.EAST).findFirst().orElseThrow();
                assertEquals(total, hot.flits());
                assertEquals(total, st.maxLinkLoad());
                assertTrue(hot.stallCycles() > 0, "contention at the hot link is counted");
                assertTrue(st.injectionStallCycles() > 0, "full local buffers push back into the interfaces");
                // a link moves at most bufferFlits flits per credit round trip of R + L + 1 cycles
                long roundTrip = R + L + 1;
                assertTrue(last >= (total / buffer - 1) * roundTrip, "last=" + last);
                for (NocStats.LinkLoad k : st.links()) assertTrue(k.peakBufferFlits() <= buffer);
                for (NocStats.RouterLoad r : st.routers()) {
                    assertTrue(r.peakBufferFlits() <= (long) Port.values().length * buffer);
                    assertEquals(0, r.peakReplicationFlits());
                }
            }
        }
    }

    @Test
    void deeperBuffersFinishTheSameTrafficSooner() {
        long[] finish = new long[2];
        int[] depths = {1, (int) (R + L + 1)};
        for (int i = 0; i < depths.length; i++) {
            NocSpec spec = spec(32, 8, depths[i], NocSpec.Multicast.UNICAST);
            Noc noc = noc(4, 4, spec, rram(), Noc.Engine.FAST);
            for (int s = 0; s < 16; s++) {
                noc.inject(Packet.unicast(s, s, 15 - s, payloadForFlits(spec, 6), PacketKind.ACTIVATION, 0));
            }
            finish[i] = noc.run();
        }
        assertTrue(finish[0] > finish[1], finish[0] + " vs " + finish[1]);
    }
}
