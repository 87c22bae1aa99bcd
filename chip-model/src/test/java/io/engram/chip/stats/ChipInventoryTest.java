package io.engram.chip.stats;

import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.UnusedCores;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Component;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Defect 4 of issue 15: leakage scales with the instances present and their resolution, unused cores are gated by
 * default, and area comes from the same instances. Every expected figure is derived by hand from the technology
 * files' per-instance values in the comments.
 */
class ChipInventoryTest {

    private static ChipInventory.Item item(ChipInventory inv, Component c) {
        return inv.items().stream().filter(i -> i.component() == c).findFirst().orElseThrow();
    }

    @Test
    void rramCoreInstancesAndLeakage() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        ChipInventory inv = ChipInventory.of(spec, 14);
        // 128 rows, 128 x 128 cells, 128 columns / 8 per ADC = 16 ADCs and shift-adders, 65,536 B = 64 KiB,
        // 16 lanes each, no synaptic SRAM; 4 x 4 mesh: 16 routers, 2 x 3 x 4 + 2 x 4 x 3 = 48 directed links
        assertEquals(128, item(inv, Component.ROW_DRIVER).perCore());
        assertEquals(16384, item(inv, Component.CROSSBAR).perCore());
        assertEquals(16, item(inv, Component.ADC).perCore());
        assertEquals(16, item(inv, Component.SHIFT_ADD).perCore());
        assertEquals(64, item(inv, Component.SRAM).perCore());
        assertEquals(16, item(inv, Component.NEURON).perCore());
        assertEquals(0, item(inv, Component.SYNAPSE_SRAM).perCore());
        assertEquals(16, item(inv, Component.ROUTER).perChip());
        assertEquals(48, item(inv, Component.LINK).perChip());
        // per core (mW): rows 128 x 0.000273 = 0.034944; ADCs 16 x 0.0148 = 0.2368; shift-add 16 x 0.0035 = 0.056;
        // SRAM 64 x 0.00503 = 0.32192; neuron and competition 16 x 0.00132 = 0.02112 each; plasticity 16 x 0.00407
        // = 0.06512; crossbar 0 -> 0.757024 mW per core. Routers 16 x 0.287 = 4.592 mW.
        // Gated (default): 14 x 0.757024 + 4.592 = 15.190336 mW
        assertEquals(UnusedCores.GATED, spec.unusedCores());
        assertEquals(14, inv.coresPowered());
        assertEquals(15.190336, inv.leakageMw(), 1e-9);
        // powered: 16 x 0.757024 + 4.592 = 16.704384 mW
        ChipInventory on = ChipInventory.of(spec.withUnusedCores(UnusedCores.POWERED), 14);
        assertEquals(16, on.coresPowered());
        assertEquals(16.704384, on.leakageMw(), 1e-9);
    }

    @Test
    void adcLeakageIsAFractionOfItsFullLoadDynamicPowerAndScalesWithBits() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        ChipInventory inv = ChipInventory.of(spec, 16);
        ChipInventory.Item adc = item(inv, Component.ADC);
        // full load: 1.2 pJ per 9-cycle conversion at 1 GHz = 0.1333 mW per ADC; leakage 0.0148 mW = 11.1 % of it
        // (PUMA's 0.2 / 1.8 mW); the old figure, 2.24 mW per core for 16 ADCs = 0.14 mW each, exceeded it
        double fullLoadMw = spec.technology().energyPj(Action.ADC_CONVERSION)
                / spec.technology().cycles(Action.ADC_CONVERSION);
        assertEquals(0.1333333, fullLoadMw, 1e-6);
        assertEquals(0.111, adc.each().leakageMw() / fullLoadMw, 0.001);
        // 6-bit ADCs: the Saberi/ISAAC factor 0.719 on leakage and area: 0.0148 x 0.719 = 0.0106412 mW, 567 x 0.719
        // = 407.673 um2
        ChipSpec six = spec.withCore(spec.core().withAdc(new AdcSpec(AdcSpec.Mode.SAR, 6, 8, 0.25)));
        ChipInventory.Item adc6 = item(ChipInventory.of(six, 16), Component.ADC);
        assertEquals(0.0106412, adc6.each().leakageMw(), 1e-12);
        assertEquals(407.673, adc6.each().areaUm2(), 1e-9);
        assertTrue(adc6.each().leakageSource().contains("scaled to 6 bits x0.719"), adc6.each().leakageSource());
        // 4 columns per ADC: 32 converters per core, twice the leakage of the ADC line
        ChipSpec shared4 = spec.withCore(spec.core().withAdc(new AdcSpec(AdcSpec.Mode.SAR, 8, 4, 0.25)));
        assertEquals(32, item(ChipInventory.of(shared4, 16), Component.ADC).perCore());
    }

    @Test
    void rramAreaFromPerInstanceFigures() {
        ChipInventory inv = ChipInventory.of(ChipSpec.preset("rram-22nm"), 0);
        // per core (um2): rows 128 x 0.0789 = 10.0992; cells 16384 x 48 F^2 x (0.022 um)^2 = 16384 x 0.023232 =
        // 380.633088; ADCs 16 x 567 = 9072; shift-add 16 x 28.4 = 454.4; SRAM 64 x 635 = 40640; neuron and
        // competition 16 x 84.1 = 1345.6 each; plasticity 16 x 204 = 3264 -> 56512.332288 um2
        assertEquals(0.056512332288, inv.coreAreaMm2(), 1e-12);
        // chip: 16 cores + 16 routers x 22200 um2 = 904197.316608 + 355200 = 1259397.316608 um2 (gated cores count)
        assertEquals(1.259397316608, inv.chipAreaMm2(), 1e-12);
        assertEquals(380.633088 * 16 / 1e6, inv.areaMm2(item(inv, Component.CROSSBAR)), 1e-15);
    }

    @Test
    void digitalCoresHaveNoAnalogInstancesAndTheirSynapsesInSram() {
        ChipSpec spec = ChipSpec.preset("digital-sram");
        ChipInventory inv = ChipInventory.of(spec, 2);
        assertEquals(0, item(inv, Component.ADC).perCore());
        assertEquals(0, item(inv, Component.ROW_DRIVER).perCore());
        assertEquals(0, item(inv, Component.CROSSBAR).perCore());
        // one 8-bit word per weight (256 levels, cells_per_weight 1): 128 x 128 x 8 / 8 / 1024 = 16 KiB
        assertEquals(1, spec.core().crossbar().cellsPerWeight());
        assertEquals(16, item(inv, Component.SYNAPSE_SRAM).perCore());
        // Loihi's 104 mW static over 33 MB: 0.00308 mW per KiB on (64 + 16) KiB = 0.2464 mW per powered core;
        // logic and routers are inside that share: 2 cores -> 0.4928 mW
        assertEquals(0.4928, inv.leakageMw(), 1e-12);
        // area: 80 KiB x 1776 um2 = 142080 um2 per core, 16 cores = 2.27328 mm2
        assertEquals(0.14208, inv.coreAreaMm2(), 1e-12);
        assertEquals(2.27328, inv.chipAreaMm2(), 1e-12);
    }

    @Test
    void leakageLinesCountPoweredInstancesOverTheElapsedTime() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        ChipInventory inv = ChipInventory.of(spec, 1);
        // 1,000 cycles at 1 GHz = 1,000 ns; 1 core: 0.757024 mW + routers 4.592 mW = 5.349024 mW -> 5349.024 pJ
        EnergyAccount acc = EnergyAccount.of(new ActionCounters(), spec.technology(), inv, 1000);
        assertEquals(5349.024, acc.leakagePj(), 1e-6);
        assertEquals(0, acc.dynamicPj());
        LeakageLine adc = acc.leakageLines().stream().filter(l -> l.component().equals("adc")).findFirst().orElseThrow();
        // 16 ADCs on the one powered core: 16 x 0.0148 = 0.2368 mW x 1000 ns = 236.8 pJ
        assertEquals(16, adc.instances());
        assertEquals("adc", adc.unit());
        assertEquals(236.8, adc.energyPj(), 1e-9);
        assertTrue(adc.source().contains("PUMA"), adc.source());
        // the crossbar line is listed with its zero and its reason
        LeakageLine xbar = acc.leakageLines().stream().filter(l -> l.component().equals("crossbar")).findFirst()
                .orElseThrow();
        assertEquals(0, xbar.powerMw());
        assertFalse(xbar.source().isBlank());
    }
}
