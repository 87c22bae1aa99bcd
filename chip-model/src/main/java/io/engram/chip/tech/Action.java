package io.engram.chip.tech;

import java.util.Locale;

/**
 * Every action the chip model counts. Each belongs to one component class and must have a cost in the technology
 * file (zero written explicitly where it does not apply). Energy is never computed in the hot path: components
 * count actions, and energy = count x cost after the run.
 */
public enum Action {
    /** One row driven for one input bit (1-bit DAC / word-line driver). */
    ROW_DRIVER_ACTIVATE(Component.ROW_DRIVER, "activate"),
    /** One crossbar read pulse (all active rows, all columns at once); carries the read-pulse latency. */
    CROSSBAR_READ_PULSE(Component.CROSSBAR, "read_pulse"),
    /** One cell conducting during one read pulse. */
    CROSSBAR_CELL_READ(Component.CROSSBAR, "cell_read"),
    /** One SET programming pulse on one cell. */
    CROSSBAR_SET_PULSE(Component.CROSSBAR, "set_pulse"),
    /** One RESET programming pulse on one cell. */
    CROSSBAR_RESET_PULSE(Component.CROSSBAR, "reset_pulse"),
    /** One verify read of one cell during write-verify. */
    CROSSBAR_VERIFY_READ(Component.CROSSBAR, "verify_read"),
    /** One analog-to-digital conversion of one column. */
    ADC_CONVERSION(Component.ADC, "conversion"),
    /** One shift-and-add of a converted partial result (bit-serial accumulation, partial-sum add). */
    SHIFT_ADD_OP(Component.SHIFT_ADD, "op"),
    /** One 32-bit word read from core SRAM. */
    SRAM_READ_WORD(Component.SRAM, "read_word"),
    /** One 32-bit word written to core SRAM. */
    SRAM_WRITE_WORD(Component.SRAM, "write_word"),
    /** One rate-neuron update (activation function on one neuron). */
    NEURON_RATE_UPDATE(Component.NEURON, "rate_update"),
    /** One LIF update of a neuron that received input or spiked. */
    NEURON_LIF_ACTIVE(Component.NEURON, "lif_update_active"),
    /** One LIF update of a neuron that only leaked. */
    NEURON_LIF_IDLE(Component.NEURON, "lif_update_idle"),
    /**
     * One digital multiply-add in the neuron unit for an input norm: standardising one value, (x - mean) x inv_std,
     * or accumulating one value's statistics.
     */
    NEURON_NORM_OP(Component.NEURON, "norm_op"),
    /** One comparison in the competition unit (max tree). */
    COMPETITION_COMPARE(Component.COMPETITION, "compare"),
    /** One exponential look-up (softmax). */
    COMPETITION_EXP(Component.COMPETITION, "exp_lookup"),
    /** One normalisation (divide / multiply) of one neuron's output (softmax). */
    COMPETITION_NORMALIZE(Component.COMPETITION, "normalize"),
    /** One weight update computed by the plasticity engine (one synapse, one sample). */
    PLASTICITY_UPDATE(Component.PLASTICITY, "update"),
    /** One cell conductance read back for a rule that needs w (includes its sensing). */
    PLASTICITY_WEIGHT_READBACK(Component.PLASTICITY, "weight_readback"),
    /** One synaptic operation in a digital (SRAM-synapse) core: read weight and accumulate. */
    SYNAPSE_SRAM_OP(Component.SYNAPSE_SRAM, "synaptic_op"),
    /** One digital synaptic weight update (read-modify-write). */
    SYNAPSE_SRAM_UPDATE(Component.SYNAPSE_SRAM, "synaptic_update"),
    /**
     * One flit passing one router through any output, ejection to the local core included: a flit over h links
     * passes h + 1 routers. Not a hop: the flit-hop is {@link #LINK_FLIT}.
     */
    ROUTER_FLIT(Component.ROUTER, "traversal"),
    /** One flit crossing one mesh link: one flit-hop (technology files price router + link per flit-hop here). */
    LINK_FLIT(Component.LINK, "flit_hop"),
    /** One time-step barrier across the mesh (spiking mode). */
    BARRIER_SYNC(Component.BARRIER, "sync");

    private final Component component;
    private final String key;

    Action(Component component, String key) {
        this.component = component;
        this.key = key;
    }

    public Component component() { return component; }

    /** Name of the action inside its component in technology files and reports. */
    public String key() { return key; }

    /** Fully qualified name, e.g. {@code adc.conversion}. */
    public String qualifiedName() { return component.key() + "." + key; }

    public static final int COUNT = values().length;

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
