package io.engram.chip.program;

/** Layer types the compiler accepts. */
public enum LayerKind { DENSE, CONV2D, MAXPOOL, AVGPOOL, FLATTEN }
