package io.engram.chip.readout;

/**
 * How a crossbar's columns are read out: a closed family chosen by the chip description. The current-mode SAR path
 * of today's crossbar cores ({@code core/CrossbarReader}: one bit-plane per read pulse, one SAR conversion per column
 * and plane) stays where it is; this family holds the readouts that path cannot express.
 * <ul>
 * <li>{@link VoltageIntegrating}: NeuRRAM's (Wan et al. 2022) voltage-mode sensing: each bit line settles to the
 * conductance-weighted mean of its rows' input voltages, the neuron integrates the difference of a differential
 * pair's two bit lines over the input pulses (bit k weighted 2^k, a second phase for negative inputs), then converts
 * the integrated value itself, one step per output bit, with variable precision.</li>
 * </ul>
 */
public sealed interface Readout permits VoltageIntegrating {
    /** Name in chip files, e.g. {@code voltage_integrating}. */
    String key();
}
