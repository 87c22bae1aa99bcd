package io.engram.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run records besides its report: the experiment file's {@code probes:} section. Every field not set takes the
 * file's default; {@link Experiment.Builder#build()} checks the values against the file's ranges. Immutable: each
 * setter returns a new value.
 *
 * <pre>{@code
 * Probes.of().layer(1).weightsEvery(25)          // weights of layer 1 every 25 training samples, and the timeline
 * Probes.of().samples(2).neurons(38)             // spiking runs: spikes, membrane, synaptic current of 2 test samples
 * }</pre>
 */
public final class Probes {
    private final ObjectNode node;

    private Probes(ObjectNode node) {
        this.node = node;
    }

    /** The defaults: the last weight layer, the timeline on; in spiking runs also 16 neurons of 4 test samples. */
    public static Probes of() { return new Probes(JsonNodeFactory.instance.objectNode()); }

    private Probes with(String key, long value) {
        ObjectNode n = node.deepCopy();
        n.put(key, value);
        return new Probes(n);
    }

    /** The probed layer's index in the program (-1: the last weight layer). */
    public Probes layer(int layer) { return with("layer", layer); }

    /** Neurons recorded step by step (the layer's first ones). */
    public Probes neurons(int neurons) { return with("neurons", neurons); }

    /** The first test sample recorded step by step (default 0). */
    public Probes firstSample(int index) { return with("first_sample", index); }

    /** Test samples recorded step by step from {@link #firstSample} on (spiking runs; 0 in rate runs). */
    public Probes samples(int samples) { return with("samples", samples); }

    /** Bound on the values one probe holds (samples x steps x neurons; snapshots x rows x cols). */
    public Probes maxValues(long maxValues) { return with("max_values", maxValues); }

    /** A snapshot of the layer's weights every n training samples (0: none). */
    public Probes weightsEvery(long n) { return with("weights_every", n); }

    /** Whether to record the timeline of energy, NoC traffic and core states. */
    public Probes timeline(boolean on) {
        ObjectNode n = node.deepCopy();
        n.put("timeline", on);
        return new Probes(n);
    }

    /** Bound on the timeline's rows (neighbouring rows are added when more come). */
    public Probes timelineRows(int rows) { return with("timeline_rows", rows); }

    /** The section as the experiment file would hold it. */
    ObjectNode node() { return node.deepCopy(); }

    @Override
    public String toString() { return "probes " + node; }
}
