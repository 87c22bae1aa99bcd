package io.engram.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.chip.noc.Noc;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.ir.Network;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.encode.Encoder;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A checked experiment: chip, network, data, encoding, training and readout. Made with {@link #builder(String)};
 * every field not set takes the experiment file's default, and every value is checked against the experiment file's
 * ranges when {@link Builder#build()} runs (a {@link io.engram.chip.spec.SpecException} names the field).
 * Immutable; run it with {@link Engram#run(Experiment)}.
 */
public final class Experiment {
    private final ExperimentSpec spec;
    private final Session.Given given;
    private final String chipLabel;

    private Experiment(ExperimentSpec spec, Session.Given given, String chipLabel) {
        this.spec = spec;
        this.given = given;
        this.chipLabel = chipLabel;
    }

    public static Builder builder(String name) { return new Builder(name); }

    /** The experiment as the runtime reads it, every default explicit ({@link ExperimentSpec#resolved()}). */
    public ExperimentSpec spec() { return spec; }

    /** The chip as a header shows it, e.g. {@code rram-22nm (+ core.adc.bits=6)}. */
    public String chipLabel() { return chipLabel; }

    Session.Given given() { return given; }

    @Override
    public String toString() { return spec.name() + " on " + chipLabel; }

    /** Builder of an {@link Experiment}; setters return the builder, {@link #build()} checks everything. */
    public static final class Builder {
        private final ObjectNode root = JsonNodeFactory.instance.objectNode();
        private final ObjectNode data = JsonNodeFactory.instance.objectNode();
        private final ObjectNode encoding = JsonNodeFactory.instance.objectNode();
        private final ObjectNode training = JsonNodeFactory.instance.objectNode();
        private final ObjectNode readout = JsonNodeFactory.instance.objectNode();
        private final List<String> chipOverrides = new ArrayList<>();
        private String chip = "rram-22nm";
        private Path chipFile;
        private String chipLabel = "rram-22nm";
        private ChipSpec chipSpec;
        private Path networkFile;
        private Network network;
        private Data source = Data.generated();
        private boolean meshToFit;

        private Builder(String name) {
            root.put("name", Objects.requireNonNull(name, "name"));
        }

        public Builder seed(long seed) {
            root.put("seed", seed);
            return this;
        }

        /** Tiles of a layer evaluated in parallel; results are identical for any count (default: the processors). */
        public Builder threads(int threads) {
            root.put("threads", threads);
            return this;
        }

        /** Simulation engine; both give identical results (default: fast). */
        public Builder engine(Noc.Engine engine) {
            root.put("engine", SpecNode.displayName(engine));
            return this;
        }

        /** A preset or chip file with overrides; recorded as base plus overrides. */
        public Builder chip(ChipBuilder chip) {
            this.chip = chip.base();
            this.chipFile = chip.file();
            this.chipOverrides.clear();
            this.chipOverrides.addAll(chip.overrides());
            this.chipLabel = chip.describe();
            this.chipSpec = null;
            return this;
        }

        /** A preset name (default {@code rram-22nm}). */
        public Builder chip(String preset) { return chip(ChipBuilder.preset(preset)); }

        /** A chip made in Java (e.g. with {@link ChipSpec#withCore}); recorded by its name. */
        public Builder chip(ChipSpec spec) {
            this.chipSpec = Objects.requireNonNull(spec, "spec");
            this.chip = spec.name();
            this.chipFile = null;
            this.chipOverrides.clear();
            this.chipLabel = spec.name() + " (built in Java)";
            return this;
        }

        /**
         * Grow the chip's mesh until the network fits: when the network does not compile on the chip as given, the
         * smallest square mesh of side 2, 4, 8, ... times the larger of the chip's mesh sides (at most
         * {@value #MAX_FIT_SIDE}) on which it compiles. Recorded as {@code mesh.width} and {@code mesh.height}
         * overrides of the chip (a chip given as a {@link ChipSpec} gets the mesh with {@link ChipSpec#withMesh}).
         * A network that fits no such mesh is a {@link io.engram.chip.spec.SpecException} from {@link #build()}. The
         * network is fitted as given: the on-chip layer a {@code hebbian} readout appends is not counted.
         */
        public Builder meshToFit() {
            this.meshToFit = true;
            return this;
        }

        /** The largest mesh side {@link #meshToFit()} tries. */
        public static final int MAX_FIT_SIDE = 64;

        /** A network YAML or NIR file. */
        public Builder network(Path file) {
            this.networkFile = Objects.requireNonNull(file, "file");
            this.network = null;
            return this;
        }

        /** A network made with {@link Network#builder(String)}. */
        public Builder network(Network built) {
            this.network = Objects.requireNonNull(built, "built");
            this.networkFile = null;
            return this;
        }

        public Builder data(Data data) {
            this.source = Objects.requireNonNull(data, "data");
            return this;
        }

        /** Training and test samples to load (default 2000 and 500). */
        public Builder samples(int train, int test) {
            data.put("train", train);
            data.put("test", test);
            return this;
        }

        /** Training samples the readout is fitted on (default: all). */
        public Builder readoutSamples(int n) {
            data.put("readout_train", n);
            return this;
        }

        /** Per-sample preprocessing of a loaded source (default: scale). */
        public Builder preprocess(Preprocess p) {
            data.put("preprocess", SpecNode.displayName(p));
            return this;
        }

        /** Input coding (default rate: values drive the DACs; the others present spike trains). */
        public Builder encoding(Encoder.Kind kind) {
            encoding.put("kind", SpecNode.displayName(kind));
            return this;
        }

        /** Spike coding parameters (ignored by rate coding). */
        public Builder spikes(int steps, double dtMs, double maxRateHz, double traceTauMs) {
            encoding.put("steps", steps);
            encoding.put("dt_ms", dtMs);
            encoding.put("max_rate_hz", maxRateHz);
            encoding.put("trace_tau_ms", traceTauMs);
            return this;
        }

        /** Unsupervised epochs (0: the initial weights stay) and mini-batch size (default 1 and 1). */
        public Builder training(int epochs, int batch) {
            training.put("epochs", epochs);
            training.put("batch", batch);
            return this;
        }

        /** Greedy (one learning layer at a time, default) or all layers together. */
        public Builder trainingMode(ExperimentSpec.Mode mode) {
            training.put("mode", SpecNode.displayName(mode));
            return this;
        }

        public Builder schedule(ExperimentSpec.Schedule schedule) {
            training.put("schedule", SpecNode.displayName(schedule));
            return this;
        }

        /** Readout accuracy after every epoch (with per-epoch phases). */
        public Builder evalEveryEpoch(boolean on) {
            training.put("eval_every_epoch", on);
            return this;
        }

        /** The readout with its defaults (linear for rate coding, vote for spikes). */
        public Builder readout(ExperimentSpec.ReadoutKind kind) {
            readout.put("kind", SpecNode.displayName(kind));
            return this;
        }

        /** The readout with its training settings. */
        public Builder readout(ExperimentSpec.ReadoutKind kind, int epochs, int batch, double learningRate) {
            readout(kind);
            readout.put("epochs", epochs);
            readout.put("batch", batch);
            readout.put("learning_rate", learningRate);
            return this;
        }

        /** What the readout sees: the chip's features (default) or the preprocessed input (a no-chip baseline). */
        public Builder readoutFeatures(ExperimentSpec.Features features) {
            readout.put("features", SpecNode.displayName(features));
            return this;
        }

        /** Probes: what the run records step by step or sample by sample besides its report ({@link RunResult#probes()}). */
        public Builder probes(Probes probes) {
            root.set("probes", probes.node());
            return this;
        }

        /** Where {@link Engram#run(Experiment, Path)} would default to (recorded in the manifest; default runs/NAME). */
        public Builder output(Path dir) {
            root.put("output", dir.toString());
            return this;
        }

        private Builder meshToFitDone() {
            this.meshToFit = false;
            return this;
        }

        private boolean fits(ChipSpec chip, ExperimentSpec spec) {
            NetworkSource src = network != null ? NetworkSource.of(network) : NetworkSource.file(networkFile);
            CompileOptions options = CompileOptions.defaults().withSeed(spec.seed()).withNirSemantics(spec.encoding().nir());
            return new Compiler().compile(src, chip, options).ok();
        }

        private MeshSpec fittingMesh(ChipSpec chip, ExperimentSpec spec) {
            int side = Math.max(chip.mesh().width(), chip.mesh().height());
            for (side *= 2; side <= MAX_FIT_SIDE; side *= 2) {
                MeshSpec m = new MeshSpec(side, side);
                if (fits(chip.withMesh(m), spec)) return m;
            }
            throw new SpecException(chipLabel, "mesh", null, "the network "
                    + (network != null ? network.name() : networkFile) + " fits no square mesh up to "
                    + MAX_FIT_SIDE + "x" + MAX_FIT_SIDE + " of this chip's cores");
        }

        /** Checks every field as an experiment file is checked; the chip and network are read here too. */
        public Experiment build() {
            if (networkFile == null && network == null) {
                throw new IllegalStateException("no network: call network(Path) or network(Network)");
            }
            ObjectNode n = root.deepCopy();
            n.put("chip", chip);
            n.put("network", networkFile != null ? networkFile.toString() : network.name());
            ObjectNode d = data.deepCopy();
            d.put("source", source.source());
            if (source.splits() != null) {
                d.put("train", source.splits().train().size());
                d.put("test", source.splits().test().size());
            }
            n.set("data", d);
            n.set("encoding", encoding.deepCopy());
            n.set("training", training.deepCopy());
            n.set("readout", readout.deepCopy());
            String label = "experiment " + n.get("name").asText() + " (built in Java)";
            SpecNode node = SpecNode.empty(label, "").mergedWith(n, label);
            List<String> overrides = new ArrayList<>();
            for (String o : chipOverrides) overrides.add("chip." + o);
            if (!overrides.isEmpty()) node = node.withOverrides(overrides);
            ExperimentSpec spec = ExperimentSpec.read(node, null, networkFile != null, chipSpec == null);
            ChipSpec resolved = chipSpec != null ? chipSpec : Session.resolveChip(spec, null);
            if (meshToFit && !fits(resolved, spec)) {
                MeshSpec mesh = fittingMesh(resolved, spec);
                if (chipSpec != null) {
                    return new Experiment(spec, new Session.Given(resolved.withMesh(mesh), network, source.splits()),
                            chipLabel + ", mesh " + mesh.width() + "x" + mesh.height());
                }
                ChipBuilder grown = (chipFile != null ? ChipBuilder.file(chipFile) : ChipBuilder.preset(chip));
                for (String o : chipOverrides) {
                    int eq = o.indexOf('=');
                    grown.set(o.substring(0, eq), o.substring(eq + 1));
                }
                grown.mesh(mesh.width(), mesh.height());
                return chip(grown).meshToFitDone().build();
            }
            return new Experiment(spec, new Session.Given(resolved, network, source.splits()), chipLabel);
        }
    }
}
