package io.engram.chip.sim;

import io.engram.chip.noc.Message;
import io.engram.chip.noc.PacketKind;

/** One packet the cores hand to the network-on-chip: from a core to one or more cores, ready at a cycle. */
public record Transfer(PacketKind kind, int src, int[] dests, long payloadBits, long readyCycle) implements Message {}
