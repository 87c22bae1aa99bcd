package io.engram.chip.tech;

import java.util.Locale;

/**
 * A component class of the chip; the technology file prices the actions of each class, and gives the leakage power
 * and the area of one instance of it. What one instance is depends on the class ({@link #instanceUnit()}): one row
 * driver per crossbar row, one ADC per converter, a KiB of SRAM, one lane of a digital unit, one router.
 */
public enum Component {
    ROW_DRIVER("row"), CROSSBAR("cell"), ADC("adc"), SHIFT_ADD("adc"), SRAM("kib"), NEURON("lane"),
    COMPETITION("lane"), PLASTICITY("lane"), SYNAPSE_SRAM("kib"), ROUTER("router"), LINK("link"), BARRIER("chip");

    private final String instanceUnit;

    Component(String instanceUnit) {
        this.instanceUnit = instanceUnit;
    }

    /** Name used in technology files and reports, e.g. {@code row_driver}. */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    /**
     * What one instance of the class is, as technology files write it after {@code per:}: {@code row} (one row
     * driver / 1-bit DAC per crossbar row), {@code cell} (one crossbar cell), {@code adc} (one converter; the
     * shift-and-add unit behind it counts per converter too), {@code kib} (1024 bytes of SRAM), {@code lane} (one
     * lane of a digital unit), {@code router}, {@code link} (one directed mesh link), {@code chip}.
     */
    public String instanceUnit() { return instanceUnit; }

    /** Whether the class is part of a core (powered down with it when the core is gated). */
    public boolean inCore() { return this != ROUTER && this != LINK && this != BARRIER; }
}
