package io.engram.chip.sim;

import io.engram.chip.program.ChipProgram;

/** One packet the cores hand to the network-on-chip: from a core to one or more cores, ready at a cycle. */
public record Transfer(ChipProgram.Route.Kind kind, int src, int[] dests, long payloadBits, long readyCycle) {}
