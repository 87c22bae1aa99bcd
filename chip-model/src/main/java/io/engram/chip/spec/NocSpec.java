package io.engram.chip.spec;

/**
 * Network-on-chip. Per-hop latency and energy come from the technology file (router.traversal, link.flit_hop).
 *
 * @param flitBits     bits per flit
 * @param headerBits   bits of a packet header (destination, type); the first flit carries them
 * @param bufferFlits  input-buffer depth per router port
 * @param multicast    tree (copies at branch routers) or unicast copies
 * @param spikeBits    payload bits of one address-event spike (neuron address; 32 b as Loihi's spike message)
 */
public record NocSpec(int flitBits, int headerBits, int bufferFlits, Multicast multicast, int spikeBits) {
    public enum Multicast { TREE, UNICAST }

    /** Loihi's 32-bit spike message (Davies et al., IEEE Micro 2018). */
    public static final int DEFAULT_SPIKE_BITS = 32;

    /** The same network with spikes of 32 bits. */
    public NocSpec(int flitBits, int headerBits, int bufferFlits, Multicast multicast) {
        this(flitBits, headerBits, bufferFlits, multicast, DEFAULT_SPIKE_BITS);
    }

    public NocSpec {
        if (flitBits < 8 || headerBits < 0 || headerBits >= flitBits || bufferFlits < 1 || spikeBits < 1) {
            throw new IllegalArgumentException();
        }
    }

    /** Flits needed for a packet with this many payload bits. */
    public int flitsFor(long payloadBits) {
        long total = headerBits + payloadBits;
        return (int) Math.max(1, (total + flitBits - 1) / flitBits);
    }

    static NocSpec read(SpecNode n) {
        String topo = n.optString("topology", "mesh2d");
        if (!topo.equals("mesh2d")) throw n.error("topology", topo, "only mesh2d is modelled");
        String routing = n.optString("routing", "xy");
        if (!routing.equals("xy")) throw n.error("routing", routing, "only xy routing is modelled");
        int fb = n.optInt("flit_bits", 64, 8, 4096);
        int hb = n.optInt("header_bits", 16, 0, fb - 1);
        int buf = n.optInt("buffer_flits", 4, 1, 1 << 16);
        Multicast m = n.optEnum("multicast", Multicast.class, Multicast.TREE);
        int spike = n.optInt("spike_bits", DEFAULT_SPIKE_BITS, 1, 1 << 16);
        n.finish();
        return new NocSpec(fb, hb, buf, m, spike);
    }
}
