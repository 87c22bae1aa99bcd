package io.engram.chip.tech;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-action costs and per-component leakage of one technology, resolved to cycles at a clock.
 * Immutable; every {@link Action} has a cost (the loader guarantees it).
 *
 * @param name       technology name
 * @param clockMhz   clock the latencies were resolved at
 * @param costs      cost of each action
 * @param leakageMw  static power per component instance class (per core for core components, per router for ROUTER)
 * @param leakageSource source strings for the leakage figures
 * @param sha256     hash of the file text the technology was read from (for manifests)
 * @param adcScaling how a conversion's cost depends on the ADC resolution (null: one price for every resolution)
 */
public record Technology(String name, double clockMhz, Map<Action, Cost> costs, Map<Component, Double> leakageMw,
                         Map<Component, String> leakageSource, String sha256, AdcScaling adcScaling) {
    public Technology {
        Objects.requireNonNull(name);
        costs = java.util.Collections.unmodifiableMap(new EnumMap<>(costs));
        leakageMw = java.util.Collections.unmodifiableMap(new EnumMap<>(leakageMw));
        leakageSource = java.util.Collections.unmodifiableMap(new EnumMap<>(leakageSource));
        for (Action a : Action.values()) {
            if (!costs.containsKey(a)) {
                throw new IllegalStateException("technology '" + name + "' has no cost for " + a.qualifiedName());
            }
        }
    }

    public Cost cost(Action a) { return costs.get(a); }

    /** This technology with the ADC conversion priced for a {@code bits}-bit converter (see {@link AdcScaling}). */
    public Technology forAdcBits(int bits) {
        if (adcScaling == null) return this;
        Map<Action, Cost> c = new EnumMap<>(costs);
        c.put(Action.ADC_CONVERSION, adcScaling.costFor(bits));
        return new Technology(name, clockMhz, c, leakageMw, leakageSource, sha256, adcScaling);
    }

    public double energyPj(Action a) { return costs.get(a).energyPj(); }

    public long cycles(Action a) { return costs.get(a).latencyCycles(); }

    public double leakageMw(Component c) { return leakageMw.getOrDefault(c, 0.0); }

    /** Nanoseconds per clock cycle. */
    public double nsPerCycle() { return 1000.0 / clockMhz; }
}
