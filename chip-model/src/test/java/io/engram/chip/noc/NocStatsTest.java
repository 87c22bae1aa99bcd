package io.engram.chip.noc;

import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import static io.engram.chip.noc.NocFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Barrier, phases, snapshots and input checks. */
class NocStatsTest {
    private final NocSpec spec = spec(64, 16, 4, NocSpec.Multicast.TREE);

    @Test
    void barrierDrainsThenChargesOneSyncAndItsLatency() {
        Technology tech = rram();
        Noc noc = new Noc(new MeshSpec(2, 2), spec, tech);
        noc.inject(Packet.unicast(1, 0, 3, 10, PacketKind.SPIKE, 0));
        long lat = tech.cycles(Action.BARRIER_SYNC);
        assertEquals(300, lat, "300 ns at 1 GHz in the built-in technology");
        long after = noc.barrier();
        long delivered = noc.deliveryCycle(1, 3);
        assertEquals(delivered + 1 + lat, after);
        assertEquals(after, noc.now());
        assertEquals(1, noc.totalCounters().get(Action.BARRIER_SYNC));
        assertEquals(1, noc.snapshot().barriers());
        assertEquals(after + lat, noc.barrier(), "an empty network still pays the barrier");
        assertEquals(2, noc.totalCounters().get(Action.BARRIER_SYNC));
    }

    @Test
    void resetStartsANewPhase() {
        Noc noc = new Noc(new MeshSpec(3, 3), spec, rram());
        noc.inject(Packet.unicast(1, 0, 8, 100, PacketKind.ACTIVATION, 0));
        noc.run();
        NocStats before = noc.snapshot();
        assertTrue(before.linkFlits() > 0);
        noc.resetStats();
        NocStats after = noc.snapshot();
        assertEquals(0, after.packets());
        assertEquals(0, after.linkFlits());
        assertEquals(0, after.routerFlits());
        assertEquals(0, after.deliveries());
        assertEquals(0, after.cycles());
        assertEquals(0, after.latencyHistogram().count());
        assertEquals(0, noc.totalCounters().get(Action.ROUTER_FLIT));
        assertEquals(before.now(), after.now());
        for (NocStats.LinkLoad l : after.links()) assertEquals(0, l.peakBufferFlits(), "drained buffers, peaks restart");
        assertThrows(IllegalArgumentException.class, () -> noc.deliveryCycle(1, 8), "delivered packets are forgotten");
        noc.inject(Packet.unicast(1, 8, 0, 100, PacketKind.ACTIVATION, 0));
        long last = noc.run();
        assertEquals(last, noc.deliveryCycle(1, 0));
        assertEquals(before.now() + 3 * 4 + spec.flitsFor(100) + 1, last,
                "a packet ready in the past starts at now(): latency 3h + F + 1 from there");
        assertEquals(1, noc.snapshot().packets());
    }

    @Test
    void snapshotIsImmutableAndComparable() {
        Noc noc = new Noc(new MeshSpec(2, 1), spec, rram());
        noc.inject(Packet.unicast(1, 0, 1, 10, PacketKind.SPIKE, 0));
        noc.run();
        NocStats s = noc.snapshot();
        s.counters().add(Action.ROUTER_FLIT, 1000);
        assertEquals(s, noc.snapshot());
        assertThrows(UnsupportedOperationException.class, () -> s.links().clear());
        assertThrows(UnsupportedOperationException.class, () -> s.packetsByKind().put(PacketKind.SPIKE, 5L));
        assertEquals(2, s.links().size(), "a 2x1 mesh has two directed links");
        assertEquals(1L, s.packetsByKind().get(PacketKind.SPIKE));
        assertEquals(0L, s.packetsByKind().get(PacketKind.REDUCTION));
    }

    @Test
    void meshGeometry() {
        Noc noc = new Noc(new MeshSpec(3, 2), spec, rram());
        assertEquals(1, noc.neighbour(0, Port.EAST));
        assertEquals(3, noc.neighbour(0, Port.SOUTH));
        assertEquals(-1, noc.neighbour(0, Port.NORTH));
        assertEquals(-1, noc.linkIndex(0, Port.WEST));
        assertEquals(4 * 4 + Port.NORTH.ordinal(), noc.linkIndex(4, Port.NORTH));
        assertEquals(3, noc.hops(0, 5));
        assertEquals(14, noc.snapshot().links().size(), "3x2 mesh: 7 edges, 14 directed links");
    }

    @Test
    void badInputsAreRejected() {
        Noc noc = new Noc(new MeshSpec(2, 2), spec, rram());
        assertThrows(IllegalArgumentException.class, () -> noc.inject(Packet.unicast(1, 4, 0, 0, PacketKind.SPIKE, 0)));
        assertThrows(IllegalArgumentException.class, () -> noc.inject(Packet.unicast(1, 0, -1, 0, PacketKind.SPIKE, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Packet(1, 0, new int[] {1, 1}, 0, PacketKind.SPIKE, 0));
        assertThrows(IllegalArgumentException.class, () -> new Packet(1, 0, new int[0], 0, PacketKind.SPIKE, 0));
        assertThrows(IllegalArgumentException.class, () -> new Packet(1, 0, new int[] {1}, -1, PacketKind.SPIKE, 0));
        noc.inject(Packet.unicast(1, 0, 3, 0, PacketKind.SPIKE, 0));
        assertThrows(IllegalArgumentException.class, () -> noc.inject(Packet.unicast(1, 0, 2, 0, PacketKind.SPIKE, 0)));
        assertThrows(IllegalArgumentException.class, () -> noc.deliveryCycle(1, 2));
        assertThrows(IllegalArgumentException.class, () -> noc.deliveryCycle(99, 3));
        assertEquals(-1, noc.deliveryCycle(1, 3), "not yet delivered");
        assertThrows(IllegalArgumentException.class,
                () -> new Noc(new MeshSpec(2, 2), spec, withLatencies(0, 1)), "a router needs a pipeline cycle");
    }

    @Test
    void packetCopiesItsDestinations() {
        int[] d = {1, 2};
        Packet p = new Packet(1, 0, d, 0, PacketKind.SPIKE, 0);
        d[0] = 3;
        assertArrayEquals(new int[] {1, 2}, p.dests());
        p.dests()[0] = 3;
        assertArrayEquals(new int[] {1, 2}, p.dests());
        assertEquals(p, new Packet(1, 0, new int[] {1, 2}, 0, PacketKind.SPIKE, 0));
    }
}
