package io.engram.chip.sim;

import io.engram.chip.device.CellArray;
import io.engram.chip.plasticity.PlasticityEngine;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Chip} carries from one sample to the next, taken by {@link Chip#checkpoint()} and put back by
 * {@link Chip#restore(ChipState)} into a chip freshly built and loaded from the same spec, program and seed. What
 * that chip rebuilds from the seed (fault maps, device-to-device factors) and what is scratch within a sample is not
 * here. Arrays are copied in and out, so a state never changes once taken.
 *
 * @param now          cycle at which the last booked work ends ({@link Chip#now()})
 * @param lastEnd      end of the latest work of any sample
 * @param serialCycles latency without pipelining overlap, summed over samples
 * @param samples      samples run so far
 * @param cores        one entry per core of the mesh, in index order
 * @param layers       one entry per weight layer, in layer order
 * @param noc          the interconnect's counters
 * @param overlap      learn-overlap measurement (per-core totals and the intervals still open), flat
 * @param stepPhases   critical-path cycles per {@link StepPhase}, in ordinal order
 */
public record ChipState(long now, long lastEnd, long serialCycles, long samples, List<Core> cores, List<Layer> layers,
                        Interconnect.NocState noc, long[] overlap, long[] stepPhases) {
    public ChipState {
        cores = List.copyOf(cores);
        layers = List.copyOf(layers);
        Objects.requireNonNull(noc, "noc");
        overlap = overlap.clone();
        stepPhases = stepPhases.clone();
    }

    @Override
    public long[] overlap() { return overlap.clone(); }

    @Override
    public long[] stepPhases() { return stepPhases.clone(); }

    /**
     * One core.
     *
     * @param counts       action counts, in {@link io.engram.chip.tech.Action} order
     * @param stateCycles  cycles per {@link io.engram.chip.core.CoreState}, in ordinal order
     * @param freeAt       cycle the core finishes its booked work
     * @param tile         the state of the tile it holds (null for an unused core)
     */
    public record Core(int index, long[] counts, long[] stateCycles, long freeAt, Tile tile) {
        public Core {
            counts = counts.clone();
            stateCycles = stateCycles.clone();
        }

        @Override
        public long[] counts() { return counts.clone(); }

        @Override
        public long[] stateCycles() { return stateCycles.clone(); }
    }

    /**
     * The tile held by a used core.
     *
     * @param cells           conductances, write counts, cell states and the write-noise generator
     * @param readNoiseRng    state of the crossbar reader's read-noise generator
     * @param clipped         ADC conversions that clipped so far
     * @param plasticity      the plasticity engine's generator, residuals and mini-batch
     */
    public record Tile(CellArray.Snapshot cells, long readNoiseRng, long clipped, PlasticityEngine.Snapshot plasticity) {
        public Tile {
            Objects.requireNonNull(cells, "cells");
            Objects.requireNonNull(plasticity, "plasticity");
        }
    }

    /**
     * One weight layer.
     *
     * @param index      layer index in the program
     * @param bias       digital bias (learned by SoftHebb's bias rule)
     * @param rateScale  learning-rate multiplier of the schedule
     * @param batchOpen  a mini-batch is open on the layer
     * @param spiking    spiking-mode neuron state (null when the layer never ran spiking)
     * @param norm       statistics of the layer's input norm (null when the layer has none)
     */
    public record Layer(int index, double[] bias, double rateScale, boolean batchOpen, Spiking spiking, Norm norm) {
        public Layer {
            bias = bias.clone();
        }

        /** A layer without an input norm. */
        public Layer(int index, double[] bias, double rateScale, boolean batchOpen, Spiking spiking) {
            this(index, bias, rateScale, batchOpen, spiking, null);
        }

        @Override
        public double[] bias() { return bias.clone(); }
    }

    /**
     * Statistics of a layer's input norm: values seen per channel, and per channel their sum and sum of squares.
     */
    public record Norm(long count, double[] sum, double[] sumSq) {
        public Norm {
            sum = sum.clone();
            sumSq = sumSq.clone();
            if (sum.length != sumSq.length) throw new IllegalArgumentException("norm sums of different lengths");
        }

        @Override
        public double[] sum() { return sum.clone(); }

        @Override
        public double[] sumSq() { return sumSq.clone(); }
    }

    /**
     * Spiking-mode state of a layer. Membrane potentials, refractory counters and traces are cleared at the start of
     * every sample, but are kept so that a state taken between steps is complete.
     *
     * @param theta      adaptive thresholds (null when the neuron has none)
     * @param samplerRng state of the soft-WTA sampler
     */
    public record Spiking(double[] v, double[] theta, int[] refractory, float[] preTrace, double[] post1,
                          double[] post2, long samplerRng) {
        public Spiking {
            v = v.clone();
            theta = theta == null ? null : theta.clone();
            refractory = refractory.clone();
            preTrace = preTrace.clone();
            post1 = post1.clone();
            post2 = post2.clone();
        }

        @Override
        public double[] v() { return v.clone(); }

        @Override
        public double[] theta() { return theta == null ? null : theta.clone(); }

        @Override
        public int[] refractory() { return refractory.clone(); }

        @Override
        public float[] preTrace() { return preTrace.clone(); }

        @Override
        public double[] post1() { return post1.clone(); }

        @Override
        public double[] post2() { return post2.clone(); }
    }
}
