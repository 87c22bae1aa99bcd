package io.engram.chip.spec;

/** Synaptic device families. */
public enum DeviceKind {
    /** Continuous, exact conductance; one "pulse" applies any change exactly. */
    IDEAL,
    /** N equally spaced conductance levels, one level per pulse. */
    LINEAR_STEP,
    /** Step shrinks linearly toward each bound (aihwkit SoftBounds). */
    SOFT_BOUNDS,
    /** NeuroSim exponential G(P) = B (1 - e^(-P/A)) + Gmin, separate LTP/LTD shape. */
    NONLINEAR,
    /** Digital weight of N bits in SRAM (exact, quantised). */
    DIGITAL
}
