package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;

/**
 * One spiking-mode time step on its way through the layers (the spiking counterpart of {@link SampleStep}): the
 * cycle the step's critical path has reached, the last weight layer whose output is on its way to the next one, and
 * how many address events one unit of the values in between stands for (a sum pool's count travels as its spikes).
 */
final class SpikeStep {
    final ChipSpec spec;
    final Core[] cores;
    final Interconnect noc;
    final PhaseTimer phases;
    final RandomStreams streams;
    final double dtMs;
    final double traceTauMs;
    /** Sees each weight layer after each step (null: nobody). */
    final Chip.StepObserver observer;
    /** The step's index in the sample. */
    int step;
    /** Cycle the step's work has reached on the critical path. */
    long t;
    /** The last weight layer the step went through (null: the values come from the host). */
    MappedLayer prev;
    /** Address events one unit of the current values stands for: 1 for spikes, k*k after a k x k average pool. */
    double eventsPerUnit = 1;

    SpikeStep(ChipSpec spec, Core[] cores, Interconnect noc, PhaseTimer phases, RandomStreams streams, double dtMs,
              double traceTauMs, Chip.StepObserver observer, long start) {
        this.spec = spec;
        this.cores = cores;
        this.noc = noc;
        this.phases = phases;
        this.streams = streams;
        this.dtMs = dtMs;
        this.traceTauMs = traceTauMs;
        this.observer = observer;
        this.t = start;
    }

    /** Starts step {@code s}: its input comes from the host. */
    void begin(int s) {
        step = s;
        prev = null;
        eventsPerUnit = 1;
    }

    /** The core whose neuron units run work between layers: the previous weight layer's first owner, else core 0. */
    Core hostCore() {
        return cores[prev != null ? prev.ownerCores()[0] : 0];
    }
}
