package io.engram.api;

import io.engram.chip.stats.SpikeProbe;
import io.engram.chip.stats.TimelineProbe;
import io.engram.chip.stats.WeightProbe;
import io.engram.runtime.report.EnergyTimeline;
import io.engram.runtime.report.ProbesFile;

import java.util.List;

/**
 * What a run's probes recorded ({@link Probes}), as {@code probes.h5} holds it: each part is null when it was not
 * asked for (spikes, membrane and currents also in rate runs).
 */
public final class ProbeResult {
    private final ProbesFile.Recorded recorded;

    ProbeResult(ProbesFile.Recorded recorded) {
        this.recorded = recorded;
    }

    /** The probed layer's index in the program. */
    public int layer() { return recorded.contents().layer(); }

    /** The probed layer's name. */
    public String layerName() { return recorded.layerName(); }

    /** Spikes, membrane and (CubaLIF) synaptic currents of the first test samples, step by step; null in rate runs. */
    public SpikeProbe spikes() { return recorded.contents().spikes(); }

    /** Snapshots of the layer's weights during training; null unless {@link Probes#weightsEvery} was set. */
    public WeightProbe weights() { return recorded.contents().weights(); }

    /** The timeline's rows (counts, NoC packets and flits, core-state cycles); null when turned off. */
    public TimelineProbe timeline() { return recorded.contents().timeline(); }

    /** The timeline priced by component (pJ), adding up to the report's total energy; null when turned off. */
    public EnergyTimeline energy() { return recorded.energy(); }

    /** What was cut or thinned to keep memory bounded, one sentence each. */
    public List<String> notes() { return recorded.notes(); }
}
