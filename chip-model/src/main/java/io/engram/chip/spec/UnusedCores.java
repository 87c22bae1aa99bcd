package io.engram.chip.spec;

/**
 * What a core that holds no tile does while the chip runs: {@code GATED} (power-gated, no leakage; the default) or
 * {@code POWERED} (left on, leaking like a used core; not written `on`, which YAML reads as true). Chip files write it as {@code power: { unused_cores: gated }}.
 */
public enum UnusedCores { GATED, POWERED }
