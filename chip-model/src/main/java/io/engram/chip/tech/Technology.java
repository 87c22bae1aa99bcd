package io.engram.chip.tech;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-action costs, and per-instance leakage and area of each component class, of one technology, resolved to cycles
 * at a clock. Immutable; every {@link Action} has a cost and every {@link Component} its per-instance figures (the
 * loader guarantees both: a missing one is a load error).
 *
 * @param name        technology name
 * @param clockMhz    clock the latencies were resolved at
 * @param costs       cost of each action
 * @param perInstance leakage and area of one instance of each component class ({@link Component#instanceUnit()})
 * @param sha256      hash of the file text the technology was read from (for manifests)
 * @param adcScaling  how a conversion's cost depends on the ADC resolution (null: one price for every resolution)
 */
public record Technology(String name, double clockMhz, Map<Action, Cost> costs, Map<Component, PerInstance> perInstance,
                         String sha256, AdcScaling adcScaling) {
    public Technology {
        Objects.requireNonNull(name);
        costs = Collections.unmodifiableMap(new EnumMap<>(costs));
        perInstance = Collections.unmodifiableMap(new EnumMap<>(perInstance));
        for (Action a : Action.values()) {
            if (!costs.containsKey(a)) {
                throw new IllegalStateException("technology '" + name + "' has no cost for " + a.qualifiedName());
            }
        }
        for (Component c : Component.values()) {
            if (!perInstance.containsKey(c)) {
                throw new IllegalStateException("technology '" + name + "' has no leakage and area for " + c.key());
            }
        }
    }

    public Cost cost(Action a) { return costs.get(a); }

    /** This technology with other action costs (same leakage, area, name suffix by the caller). */
    public Technology withCosts(String newName, Map<Action, Cost> newCosts) {
        return new Technology(newName, clockMhz, newCosts, perInstance, sha256, adcScaling);
    }

    /** This technology with the ADC conversion priced for a {@code bits}-bit converter (see {@link AdcScaling}). */
    public Technology forAdcBits(int bits) {
        if (adcScaling == null) return this;
        Map<Action, Cost> c = new EnumMap<>(costs);
        c.put(Action.ADC_CONVERSION, adcScaling.costFor(bits));
        return new Technology(name, clockMhz, c, perInstance, sha256, adcScaling);
    }

    public double energyPj(Action a) { return costs.get(a).energyPj(); }

    public long cycles(Action a) { return costs.get(a).latencyCycles(); }

    /** Leakage and area of one instance of a class, as the file gives them (an ADC at the reference resolution). */
    public PerInstance perInstance(Component c) { return perInstance.get(c); }

    /** Nanoseconds per clock cycle. */
    public double nsPerCycle() { return 1000.0 / clockMhz; }
}
