package io.engram.chip.noc;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message injected into the network at its source core's network interface.
 * Its size in flits is {@code NocSpec.flitsFor(payloadBits)} (the header rides in the first flit).
 *
 * @param id          unique among the packets in the network (delivery records are looked up by it)
 * @param src         source router (mesh index y * width + x)
 * @param dests       destination routers, at least one, no duplicates; the source itself is allowed
 * @param payloadBits payload bits, excluding the header
 * @param kind        what the packet carries
 * @param readyCycle  first cycle the source may inject the packet
 */
public record Packet(long id, int src, int[] dests, long payloadBits, PacketKind kind, long readyCycle) {
    public Packet {
        Objects.requireNonNull(dests, "dests");
        Objects.requireNonNull(kind, "kind");
        if (dests.length == 0) throw new IllegalArgumentException("packet " + id + " has no destination");
        if (payloadBits < 0) throw new IllegalArgumentException("packet " + id + ": negative payloadBits " + payloadBits);
        if (readyCycle < 0) throw new IllegalArgumentException("packet " + id + ": negative readyCycle " + readyCycle);
        dests = dests.clone();
        int[] sorted = dests.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("packet " + id + " lists destination " + sorted[i] + " twice");
            }
        }
    }

    /** A packet with a single destination. */
    public static Packet unicast(long id, int src, int dest, long payloadBits, PacketKind kind, long readyCycle) {
        return new Packet(id, src, new int[] {dest}, payloadBits, kind, readyCycle);
    }

    @Override
    public int[] dests() { return dests.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && id == p.id && src == p.src && Arrays.equals(dests, p.dests)
                && payloadBits == p.payloadBits && kind == p.kind && readyCycle == p.readyCycle;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, src, Arrays.hashCode(dests), payloadBits, kind, readyCycle);
    }

    @Override
    public String toString() {
        return "Packet[id=" + id + ", src=" + src + ", dests=" + Arrays.toString(dests) + ", payloadBits="
                + payloadBits + ", kind=" + kind + ", readyCycle=" + readyCycle + "]";
    }
}
