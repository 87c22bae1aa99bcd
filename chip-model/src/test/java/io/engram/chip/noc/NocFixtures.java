package io.engram.chip.noc;

import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Cost;
import io.engram.chip.tech.Technology;
import io.engram.chip.spec.TechnologyLoader;

import java.util.EnumMap;
import java.util.Map;

/** Technologies and networks for the NoC tests. */
final class NocFixtures {
    static final double CLOCK_MHZ = 1000.0;

    private NocFixtures() {}

    /** The built-in 22 nm technology (router 2 cycles, link 1 cycle, barrier 300 cycles at 1 GHz). */
    static Technology rram() {
        return TechnologyLoader.builtIn("rram-22nm", CLOCK_MHZ);
    }

    /** The built-in technology with other router and link latencies. */
    static Technology withLatencies(long routerCycles, long linkCycles) {
        Technology base = rram();
        Map<Action, Cost> costs = new EnumMap<>(base.costs());
        costs.put(Action.ROUTER_FLIT, new Cost(base.energyPj(Action.ROUTER_FLIT), routerCycles, "test"));
        costs.put(Action.LINK_FLIT, new Cost(base.energyPj(Action.LINK_FLIT), linkCycles, "test"));
        return base.withCosts(base.name() + "-test", costs);
    }

    static NocSpec spec(int flitBits, int headerBits, int bufferFlits, NocSpec.Multicast multicast) {
        return new NocSpec(flitBits, headerBits, bufferFlits, multicast);
    }

    static Noc noc(int w, int h, NocSpec spec, Technology tech, Noc.Engine engine) {
        return new Noc(new MeshSpec(w, h), spec, tech, engine);
    }

    /** Payload bits that make exactly {@code flits} flits under {@code spec}. */
    static long payloadForFlits(NocSpec spec, int flits) {
        long bits = (long) flits * spec.flitBits() - spec.headerBits();
        if (spec.flitsFor(bits) != flits) throw new IllegalStateException();
        return bits;
    }
}
