package io.engram.chip.core;

/** Every core cycle is charged to exactly one of these states; they sum to the elapsed cycles. */
public enum CoreState { BUSY_READ, BUSY_NEURON, BUSY_COMPETE, BUSY_LEARN, STALLED_NOC, IDLE }
