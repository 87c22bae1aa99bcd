package io.engram.chip.stats;

import io.engram.chip.noc.Noc;
import io.engram.chip.noc.Packet;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Defect 6 of issue 15: router plus link cost 5 pJ per 64-bit flit-hop (ISAAC's router, 0.081 pJ/bit x 64, the link
 * included); ejection is not a hop, so a 1-hop packet costs one flit-hop per flit, not 3.3 of them; Loihi's per-hop
 * cost is per 32-bit message, so a 64-bit flit-hop on digital-sram costs two of them.
 */
class FlitHopPricingTest {

    private static ActionCounters send(ChipSpec spec, int src, int dst, long payloadBits) {
        Noc noc = new Noc(spec.mesh(), spec.noc(), spec.technology(), Noc.Engine.FAST);
        noc.inject(Packet.unicast(1, src, dst, payloadBits, PacketKind.ACTIVATION, 0));
        noc.run();
        return noc.totalCounters();
    }

    private static double pj(ActionCounters c, Technology t) {
        return EnergyAccount.dynamicPj(c, t);
    }

    @Test
    void oneHopPacketCostsOneFlitHopPerFlit() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        Technology t = spec.technology();
        // 32 payload bits + 16 header = 48 bits: one 64-bit flit; core 0 -> core 1 is one hop: it passes 2 routers
        // (injection at 0, ejection at 1) and crosses 1 link
        ActionCounters c = send(spec, 0, 1, 32);
        assertEquals(2, c.get(Action.ROUTER_FLIT));
        assertEquals(1, c.get(Action.LINK_FLIT));
        // 2 x 0 + 1 x 5.0 = 5.0 pJ: the reference's flit-hop (was 2 x 5.0 + 6.4 = 16.4 pJ, 3.3x)
        assertEquals(5.0, pj(c, t), 1e-12);
        // 0 -> 15 on the 4 x 4 mesh is 6 hops; 200 + 16 bits = 4 flits: 7 x 4 traversals, 6 x 4 = 24 flit-hops
        // -> 24 x 5.0 = 120 pJ
        ActionCounters far = send(spec, 0, 15, 200);
        assertEquals(28, far.get(Action.ROUTER_FLIT));
        assertEquals(24, far.get(Action.LINK_FLIT));
        assertEquals(120.0, pj(far, t), 1e-12);
        // the router still takes its 2 pipeline cycles per traversal
        assertEquals(2, t.cycles(Action.ROUTER_FLIT));
    }

    @Test
    void loihiHopCostIsPerThirtyTwoBits() {
        ChipSpec spec = ChipSpec.preset("digital-sram");
        assertEquals(64, spec.noc().flitBits());
        // one 64-bit flit over one hop carries two 32-bit Loihi messages' worth: 2 x 3.5 pJ (mean of 3.0 E-W and
        // 4.0 N-S) = 7.0 pJ; a 4-flit packet over 6 hops: 24 x 7.0 = 168 pJ
        assertEquals(7.0, pj(send(spec, 0, 1, 32), spec.technology()), 1e-12);
        assertEquals(168.0, pj(send(spec, 0, 15, 200), spec.technology()), 1e-12);
    }
}
