package io.engram.chip.cim;

import java.util.Locale;

/** The supply rails a CIM chip's energy is measured on (NeuRRAM's three, Wan et al. 2022 Extended Data Fig. 12). */
public enum Rail {
    /** Word-line switching (NeuRRAM: between 0.9 V and 2.2 V). */
    WORD_LINE,
    /** Neurons and control (NeuRRAM: 1.8 V). */
    NEURON,
    /** Input pulses on the array (NeuRRAM: 0.5 V read voltage). */
    INPUT_PULSE;

    public String key() { return name().toLowerCase(Locale.ROOT); }
}
