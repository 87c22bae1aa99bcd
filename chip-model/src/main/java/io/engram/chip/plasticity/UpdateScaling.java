package io.engram.chip.plasticity;

/**
 * How an update is scaled before it is applied. The SoftHebb reference code divides each update by the largest
 * |dw| of the whole layer; that needs a reduction over every core holding the layer (non-local).
 */
public enum UpdateScaling {
    /** dw as the rule gives it, times eta. Local. */
    NONE,
    /** Each neuron's update divided by its own largest |dw_ik| (one max over the column the core holds). Local. */
    PER_NEURON,
    /** Reference behaviour: divided by the largest |dw| of the whole layer. Non-local: charged as a reduction. */
    LAYER
}
