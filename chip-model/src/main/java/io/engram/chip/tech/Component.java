package io.engram.chip.tech;

import java.util.Locale;

/** A component class of the chip; the technology file prices the actions of each class and its leakage. */
public enum Component {
    ROW_DRIVER, CROSSBAR, ADC, SHIFT_ADD, SRAM, NEURON, COMPETITION, PLASTICITY, SYNAPSE_SRAM, ROUTER, LINK, BARRIER;

    /** Name used in technology files and reports, e.g. {@code row_driver}. */
    public String key() { return name().toLowerCase(Locale.ROOT); }
}
