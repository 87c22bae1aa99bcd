package io.engram.chip.stats;

/** One line of the energy account: count x cost = energy. */
public record EnergyLine(String component, String action, long count, double costPj, double energyPj, String source) {}
