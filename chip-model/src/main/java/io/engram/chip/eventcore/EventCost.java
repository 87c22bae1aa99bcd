package io.engram.chip.eventcore;

/** Energy and latency of one event, with where the figure comes from. */
public record EventCost(double energyPj, double latencyNs, String source) {}
