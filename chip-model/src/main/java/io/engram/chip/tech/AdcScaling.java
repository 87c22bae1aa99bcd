package io.engram.chip.tech;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the cost of one ADC conversion depends on the ADC's resolution. The technology file prices a conversion at
 * {@code referenceBits}; a chip with an N-bit SAR ADC pays energy x {@code energyFactor[N]} and a SAR latency of
 * (N + 1) / (referenceBits + 1) times the reference latency (one cycle per bit plus sampling).
 *
 * @param referenceBits resolution the listed {@code adc.conversion} cost is for
 * @param energyFactor  energy relative to the reference, per resolution the technology prices
 * @param reference     the listed conversion cost
 * @param source        where the factors come from
 */
public record AdcScaling(int referenceBits, Map<Integer, Double> energyFactor, Cost reference, String source) {
    public AdcScaling {
        energyFactor = Collections.unmodifiableMap(new TreeMap<>(energyFactor));
        if (!energyFactor.containsKey(referenceBits)) {
            throw new IllegalArgumentException("energy factors must include the reference resolution " + referenceBits);
        }
    }

    public boolean prices(int bits) { return energyFactor.containsKey(bits); }

    /** The cost of one conversion at {@code bits}, with a source saying how it was scaled. */
    public Cost costFor(int bits) {
        Double f = energyFactor.get(bits);
        if (f == null) {
            throw new IllegalArgumentException("no ADC cost for " + bits + " bits; priced: " + energyFactor.keySet());
        }
        if (bits == referenceBits) return reference;
        long cycles = (long) Math.ceil(reference.latencyCycles() * (double) (bits + 1) / (referenceBits + 1) - 1e-9);
        return new Cost(reference.energyPj() * f, cycles, reference.source() + "; scaled to " + bits
                + " bits: energy x" + f + " (" + source + "), latency x(" + (bits + 1) + "/" + (referenceBits + 1) + ")");
    }

    /**
     * One converter's leakage and area at {@code bits}: the listed figures (for {@code referenceBits}) times the same
     * factor as the conversion energy, since a SAR converter's capacitor DAC sets its energy, leakage and area alike.
     */
    public PerInstance instanceFor(int bits, PerInstance reference) {
        Double f = energyFactor.get(bits);
        if (f == null) {
            throw new IllegalArgumentException("no ADC figures for " + bits + " bits; priced: " + energyFactor.keySet());
        }
        if (bits == referenceBits) return reference;
        return reference.scaled(f, "scaled to " + bits + " bits x" + f + " as the conversion energy (" + source + ")");
    }
}
