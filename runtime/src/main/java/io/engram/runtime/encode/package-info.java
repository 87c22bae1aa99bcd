/**
 * Input coding: rate coding drives the DACs with the values; the spike encoders (Poisson, deterministic rate,
 * time to first spike) turn a sample into a seeded spike train.
 */
package io.engram.runtime.encode;
