package io.engram.chip.stats;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.PerInstance;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every energy figure is priced by {@link EnergyAccount}: the dynamic lines (count x cost, with the cost's source),
 * the leakage lines (powered instances x static power x time, with the figure's source), and the NoC traffic of a
 * packet kind from a {@link ChipStats} snapshot. A technology without a class's leakage cannot be built, so leakage is
 * never silently zero.
 */
class EnergyAccountTest {
    @Test
    void leakageOfAChipWithNoCoreUsedIsItsRoutersWithTheirSource() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        Technology tech = spec.technology();
        // no core used, unused cores gated: only the chip-level classes leak. rram-22nm: 16 routers x 0.287 mW
        // (PUMA 0.41 mW x 0.7) = 4.592 mW; 48 links and the barrier at 0 mW. 1,000 cycles at 1 GHz = 1,000 ns:
        // 4.592 mW x 1,000 ns = 4,592 pJ (mW x ns = pJ)
        EnergyAccount a = EnergyAccount.of(new ActionCounters(), tech, ChipInventory.of(spec, 0), 1000);
        assertEquals(List.of("router", "link", "barrier"), a.leakageLines().stream().map(LeakageLine::component).toList());
        LeakageLine router = a.leakageLines().get(0);
        assertEquals(16, router.instances());
        assertEquals(0.287, router.perInstanceMw(), 1e-12);
        assertEquals(4.592, router.powerMw(), 1e-12);
        assertEquals(4592, router.energyPj(), 1e-9);
        assertEquals(tech.perInstance(Component.ROUTER).leakageSource(), router.source());
        assertTrue(router.source().contains("PUMA"), router.source());
        assertEquals(4592, a.leakagePj(), 1e-9);
        assertEquals(0, a.dynamicPj());
        assertEquals(4592, a.totalPj(), 1e-9);
    }

    @Test
    void oneCoresLeakageLeavesTheChipLevelClassesOut() {
        // rram-22nm per core (mW): rows 128 x 0.000273 = 0.034944; ADCs 16 x 0.0148 = 0.2368; shift-add 16 x 0.0035
        // = 0.056; SRAM 64 KiB x 0.00503 = 0.32192; neuron and competition 16 x 0.00132 = 0.02112 each; plasticity
        // 16 x 0.00407 = 0.06512; crossbar 0: 0.757024 mW, whatever the mesh (routers 16 x 0.287 mW not in it)
        ChipInventory inv = ChipInventory.of(ChipSpec.preset("rram-22nm"), 1);
        assertEquals(0.757024, inv.coreLeakageMw(), 1e-12);
        assertEquals(0.757024 + 4.592, inv.leakageMw(), 1e-12);
    }

    @Test
    void dynamicLinesAreCountTimesCostWithTheCostsSource() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        Technology tech = spec.technology();
        ActionCounters c = new ActionCounters();
        c.add(Action.ADC_CONVERSION, 10);
        c.add(Action.LINK_FLIT, 4);
        EnergyAccount a = EnergyAccount.of(c, tech, ChipInventory.of(spec, 0), 0);
        // rram-22nm: an 8-bit conversion 1.2 pJ, a link flit-hop 5 pJ: 12 + 20 = 32 pJ; no time, no leakage
        assertEquals(2, a.lines().size());
        assertEquals(12, a.lines().get(0).energyPj(), 1e-12);
        assertEquals(tech.cost(Action.ADC_CONVERSION).source(), a.lines().get(0).source());
        assertEquals(20, a.lines().get(1).energyPj(), 1e-12);
        assertEquals(32, a.dynamicPj(), 1e-12);
        assertEquals(0, a.leakagePj());
        assertEquals(32, EnergyAccount.dynamicPj(c, tech), 1e-12);
    }

    @Test
    void aPacketKindsTrafficIsPricedAtTheRouterAndLinkCosts() {
        Technology tech = ChipSpec.preset("rram-22nm").technology();
        // 12 router traversals at 0 pJ (charged in the link's flit-hop) and 9 link flit-hops at 5 pJ = 45 pJ
        NocStatsSnapshot noc = ChipStatsAggregationTest.snapshot().noc();
        assertEquals(45, EnergyAccount.dynamicPj(noc.kindCounts(0), tech), 1e-12);
    }

    @Test
    void aTechnologyWithoutAClasssLeakageCannotBeBuilt() {
        Technology t = ChipSpec.preset("rram-22nm").technology();
        Map<Component, PerInstance> statics = new EnumMap<>(t.perInstance());
        statics.remove(Component.SRAM);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Technology(t.name(), t.clockMhz(), t.costs(), statics, t.sha256(), t.adcScaling()));
        assertEquals("technology 'rram-22nm' has no leakage and area for sram", e.getMessage());
        // and a figure without its source is refused (the loader's missing-entry errors: SpecValidationTest)
        assertThrows(IllegalArgumentException.class, () -> new PerInstance(0.1, " ", 1, "x"));
    }
}
