package io.engram.runtime.session;

import io.engram.chip.core.CoreState;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.SpecException;
import io.engram.chip.stats.ChipCounters;
import io.engram.chip.stats.SpikeProbe;
import io.engram.chip.stats.TimelineProbe;
import io.engram.chip.stats.WeightProbe;

/**
 * The probes of one session ({@link ExperimentSpec.Probes}): the step observer of its spiking samples and the hooks the
 * session calls around every sample. It holds the spike/voltage/current probe of the first test samples (spiking runs),
 * the weight snapshots of the probed layer during training and the run's timeline (every step of a spiking run,
 * every sample of a rate run). Observing changes nothing on the chip.
 */
public final class Probing implements Chip.StepObserver {
    private final ExperimentSpec.Probes spec;
    private final Chip chip;
    private final boolean spiking;
    private final int layer;
    private final TimelineProbe timeline;
    private final WeightProbe weights;
    private SpikeProbe spikes;
    /** Samples presented so far (every phase); the sample running now while one runs. */
    private long runSample;
    /** Whether the running sample is being recorded by the spike probe. */
    private boolean recording;

    /**
     * After the program is loaded: checks the probed layer and reads the counters the timeline starts from.
     *
     * @param file the experiment file (for errors)
     */
    Probing(ExperimentSpec.Probes spec, Chip chip, boolean spiking, String file) {
        this.spec = spec;
        this.chip = chip;
        this.spiking = spiking;
        int last = 0;
        for (int i = chip.layerCount() - 1; i >= 0; i--) {
            if (chip.program().layers().get(i).hasWeights()) {
                last = i;
                break;
            }
        }
        layer = spec.layer() < 0 ? last : spec.layer();
        if (layer >= chip.layerCount() || !chip.program().layers().get(layer).hasWeights()) {
            throw new SpecException(file, "probes.layer", String.valueOf(layer), "a weight layer of the network (0 .. "
                    + (chip.layerCount() - 1) + ")");
        }
        weights = spec.weightsEvery() > 0 ? new WeightProbe(layer, spec.weightsEvery(), spec.maxValues()) : null;
        if (spec.timeline()) {
            timeline = new TimelineProbe(spec.timelineRows(), spiking, TimelineProbe.Reading.zero(CoreState.values().length));
            timeline.start(read(chip, chip.now()));
        } else {
            timeline = null;
        }
    }

    /** The chip's cumulative counters at {@code cycle}: its actions, NoC traffic and the used cores' state cycles. */
    static TimelineProbe.Reading read(Chip chip, long cycle) {
        ChipCounters c = chip.counters();
        return new TimelineProbe.Reading(c.counts(), cycle, c.nocPackets(), c.nocFlits(), c.stateCycles());
    }

    public int layer() { return layer; }

    /** Spikes, membrane and currents of the first test samples (null: a rate run, or no test sample ran yet). */
    public SpikeProbe spikes() { return spikes; }

    /** Weight snapshots of the layer (null: not asked for). */
    public WeightProbe weights() { return weights; }

    /** The run's timeline (null: turned off). */
    public TimelineProbe timeline() { return timeline; }

    /** What was recorded, for {@link io.engram.runtime.report.ProbesFile}. */
    public io.engram.runtime.report.ProbesFile.Contents contents() {
        return new io.engram.runtime.report.ProbesFile.Contents(layer, spikes, weights, timeline);
    }

    /** Whether the chip should call this observer for the next sample. */
    boolean observes() { return timeline != null || recording; }

    /** Before training sample {@code trained} (counted over the whole training): a weight snapshot when one is due. */
    void beforeTraining(long trained) {
        if (weights != null && weights.due(trained)) snapshot(trained);
    }

    /** After the last training sample ({@code trained} in all). */
    void endTraining(long trained) {
        if (weights != null) snapshot(trained);
    }

    private void snapshot(long trained) {
        var lp = chip.program().layers().get(layer);
        weights.add(trained, chip.weights(layer), lp.rows(), lp.cols());
    }

    /**
     * A sample of phase {@code phase} starts; {@code testIndex} is its index in the test set when it is a test
     * feature sample (else -1) and {@code steps} its time steps (spiking).
     */
    void beginSample(String phase, int testIndex, int steps) {
        if (timeline != null) timeline.phase(phase, runSample);
        if (spiking && testIndex >= spec.firstSample() && testIndex - spec.firstSample() < spec.samples()) {
            if (spikes == null) spikes = new SpikeProbe(layer, spec.neurons(), spec.maxValues());
            var lp = chip.program().layers().get(layer);
            // a spiking convolution has a neuron per channel and position, channel-major (c x positions + p)
            recording = spikes.begin(testIndex, steps, lp.cols() * lp.positions());
        }
    }

    /** The sample ended (a rate run's timeline row is read here). */
    void endSample() {
        if (recording) {
            spikes.end();
            recording = false;
        }
        if (!spiking && timeline != null) timeline.record(runSample, 0, read(chip, chip.now()));
        runSample++;
    }

    /** The run is over and its report made (the chip settled): the timeline's last difference. */
    public void finish() {
        if (timeline != null) timeline.finish(read(chip, chip.now()));
    }

    @Override
    public void step(int step, int l, byte[] s, double[] v) {
        if (recording && l == layer) spikes.step(step, s, v);
    }

    @Override
    public void current(int step, int l, double[] i) {
        if (recording && l == layer) spikes.current(step, i);
    }

    @Override
    public void stepEnd(int step, long cycle) {
        if (timeline != null) timeline.record(runSample, step, read(chip, cycle));
    }
}
