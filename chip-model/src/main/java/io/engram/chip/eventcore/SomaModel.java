package io.engram.chip.eventcore;

/**
 * The neuron models an event core's soma units implement. {@link #LIF}: SANA-FE's leaky integrate-and-fire as Loihi
 * runs it: leak, truncation of the potential to a multiple of 1/64, bias and input added, fire above threshold, reset.
 */
public enum SomaModel { LIF }
