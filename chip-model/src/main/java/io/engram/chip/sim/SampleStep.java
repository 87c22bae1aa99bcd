package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.spec.ChipSpec;

/**
 * One rate-mode sample on its way through the layers: when its data is ready, when the last work it caused ends,
 * when the chip accepted it, and the last weight layer it left (whose owner cores hand the next layer its input).
 */
final class SampleStep {
    final ChipSpec spec;
    final Core[] cores;
    final Interconnect noc;
    final PhaseTimer phases;
    /** Cycle the sample's data is ready for the next layer. */
    long ready;
    /** Cycle the last work the sample caused ends (learning included). */
    long end;
    /** Cycle the first layer took the sample in (-1 before). */
    long accepted = -1;
    /** The last weight layer the sample went through (null: the input comes from the host). */
    MappedLayer prev;

    SampleStep(ChipSpec spec, Core[] cores, Interconnect noc, PhaseTimer phases, long start) {
        this.spec = spec;
        this.cores = cores;
        this.noc = noc;
        this.phases = phases;
        this.ready = start;
        this.end = start;
    }

    /** The core whose neuron units run work between layers: the previous weight layer's first owner, else core 0. */
    Core hostCore(int fallback) {
        return cores[prev != null ? prev.ownerCores()[0] : fallback];
    }
}
