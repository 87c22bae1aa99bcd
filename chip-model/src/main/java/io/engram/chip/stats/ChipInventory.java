package io.engram.chip.stats;

import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.SynapseKind;
import io.engram.chip.spec.UnusedCores;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.PerInstance;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The instances of every component class a chip holds, counted from its spec, with the technology's leakage and area
 * of one instance: what leakage and area scale with. Only arithmetic here; every figure comes from the technology file.
 *
 * <p>Per core: one row driver (1-bit DAC) per crossbar row, rows x cols cells, cols / columns_per_adc ADCs (rounded up)
 * and as many shift-and-add units, on RRAM cores only; SRAM bytes / 1024 KiB of buffer; the neuron, competition and
 * plasticity lanes; on SRAM-synapse cores rows x weight columns x bits per weight / 8 / 1024 KiB of synaptic memory.
 * Per chip: one router per mesh node, 2 (w - 1) h + 2 w (h - 1) directed links, one barrier. An SAR ADC's leakage and
 * area are scaled to its resolution as its conversion energy is ({@link io.engram.chip.tech.AdcScaling}).
 *
 * <p>Leakage counts the powered instances: core classes on used cores only when unused cores are power-gated
 * ({@link UnusedCores#GATED}, the default), on every core otherwise; routers, links and the barrier always (the mesh
 * must route through a gated core's router). Area counts every instance.
 *
 * @param cores        cores of the chip
 * @param coresPowered cores whose core classes leak
 * @param unusedCores  what cores without a tile do
 * @param items        one per component class, in {@link Component} order
 */
public record ChipInventory(int cores, int coresPowered, UnusedCores unusedCores, List<Item> items) {
    private static final double BYTES_PER_KIB = 1024.0;
    private static final double UM2_PER_MM2 = 1e6;

    public ChipInventory {
        Objects.requireNonNull(unusedCores);
        items = Collections.unmodifiableList(new ArrayList<>(items));
        if (coresPowered < 0 || coresPowered > cores) throw new IllegalArgumentException("coresPowered " + coresPowered);
    }

    /**
     * @param component the class
     * @param perCore   instances in one core (0 for chip-level classes)
     * @param perChip   chip-level instances (routers, links, barrier; 0 for core classes)
     * @param each      leakage and area of one instance (an ADC at the chip's resolution)
     */
    public record Item(Component component, double perCore, double perChip, PerInstance each) {
        /** Instances present on a chip of {@code cores} cores. */
        public double instances(int cores) { return perCore * cores + perChip; }
    }

    /**
     * @param coresUsed cores holding a tile (the others are gated unless the spec keeps them powered)
     */
    public static ChipInventory of(ChipSpec spec, int coresUsed) {
        int cores = spec.mesh().cores();
        if (coresUsed < 0 || coresUsed > cores) throw new IllegalArgumentException("coresUsed " + coresUsed);
        Technology tech = spec.technology();
        CoreSpec core = spec.core();
        boolean rram = core.synapse() == SynapseKind.RRAM;
        int rows = core.crossbar().rows();
        int cols = core.crossbar().cols();
        double adcs = rram ? Math.ceil((double) cols / core.adc().columnsPerAdc()) : 0;
        int w = spec.mesh().width();
        int h = spec.mesh().height();
        List<Item> items = new ArrayList<>();
        for (Component c : Component.values()) {
            PerInstance each = tech.perInstance(c);
            double perCore = 0;
            double perChip = 0;
            switch (c) {
                case ROW_DRIVER -> perCore = rram ? rows : 0;
                case CROSSBAR -> perCore = rram ? (double) rows * cols : 0;
                case ADC -> {
                    perCore = adcs;
                    if (core.adc().mode() == AdcSpec.Mode.SAR && tech.adcScaling() != null) {
                        each = tech.adcScaling().instanceFor(core.adc().bits(), each);
                    }
                }
                case SHIFT_ADD -> perCore = adcs;
                case SRAM -> perCore = core.sramBytes() / BYTES_PER_KIB;
                case NEURON -> perCore = core.neuronLanes();
                case COMPETITION -> perCore = core.competitionLanes();
                case PLASTICITY -> perCore = core.plasticity().lanes();
                case SYNAPSE_SRAM -> perCore = rram ? 0
                        : (double) rows * core.crossbar().weightCols() * bitsPerWeight(core.device().levels()) / 8
                                / BYTES_PER_KIB;
                case ROUTER -> perChip = (double) w * h;
                case LINK -> perChip = 2.0 * (w - 1) * h + 2.0 * w * (h - 1);
                case BARRIER -> perChip = 1;
            }
            items.add(new Item(c, perCore, perChip, each));
        }
        int powered = spec.unusedCores() == UnusedCores.POWERED ? cores : coresUsed;
        return new ChipInventory(cores, powered, spec.unusedCores(), items);
    }

    /** Bits that hold one of {@code levels} weight values. */
    static int bitsPerWeight(int levels) {
        return 32 - Integer.numberOfLeadingZeros(levels - 1);
    }

    /** Powered instances of an item: per-core ones on the powered cores, plus the chip-level ones. */
    public double powered(Item i) { return i.perCore() * coresPowered + i.perChip(); }

    /** Static power of the powered instances, summed over the classes. */
    public double leakageMw() {
        double mw = 0;
        for (Item i : items) mw += powered(i) * i.each().leakageMw();
        return mw;
    }

    /** Static power of one core's instances (the core classes; no router, link or barrier). */
    public double coreLeakageMw() {
        double mw = 0;
        for (Item i : items) mw += i.perCore() * i.each().leakageMw();
        return mw;
    }

    /** Area of one core (the core classes). */
    public double coreAreaMm2() {
        double um2 = 0;
        for (Item i : items) um2 += i.perCore() * i.each().areaUm2();
        return um2 / UM2_PER_MM2;
    }

    /** Area of the whole chip: every core, router, link and the barrier. */
    public double chipAreaMm2() {
        double um2 = 0;
        for (Item i : items) um2 += i.instances(cores) * i.each().areaUm2();
        return um2 / UM2_PER_MM2;
    }

    /** Area of every instance of one class on the chip. */
    public double areaMm2(Item i) { return i.instances(cores) * i.each().areaUm2() / UM2_PER_MM2; }
}
