package io.engram.runtime.session;

import io.engram.chip.stats.ActionCounters;

/**
 * What one phase (train, evaluate) cost: action counts, cycles on the chip clock, samples, and per-core state cycles.
 *
 * @param coreStates per core, cycles in each CoreState during the phase
 */
public record PhaseRecord(String name, ActionCounters counts, long cycles, long serialCycles, long samples,
                          long[][] coreStates) {}
