package io.engram.runtime.encode;

/**
 * Turns one preprocessed sample into the drive of a chip's input lines.
 * {@link RateEncoder} produces multi-bit magnitudes for bit-serial DACs; the {@link SpikeEncoder}s produce spike
 * trains over a fixed number of time steps. Encoders are immutable parameter records; randomness comes only from
 * the generator the caller passes, so an encoding is reproducible from its stream's seed.
 */
public sealed interface Encoder permits RateEncoder, SpikeEncoder {

    /**
     * The encoding families, for configuration files. RECORDED has no encoder: the data already holds each step's
     * spikes or currents ({@link io.engram.runtime.data.RecordedInputs}).
     */
    enum Kind { RATE, POISSON, DETERMINISTIC_RATE, TTFS, RECORDED }

    Kind kind();

    /** Time steps one sample occupies: bit-serial cycles for {@link RateEncoder}, spike steps otherwise. */
    int steps();
}
