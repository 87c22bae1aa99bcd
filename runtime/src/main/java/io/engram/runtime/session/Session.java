package io.engram.runtime.session;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.runtime.data.Dataset;
import io.engram.runtime.data.DatasetSource;
import io.engram.runtime.data.Splits;
import io.engram.runtime.encode.DeterministicRateEncoder;
import io.engram.runtime.encode.Encoder;
import io.engram.runtime.encode.PoissonEncoder;
import io.engram.runtime.encode.SpikeEncoder;
import io.engram.runtime.encode.SpikeTrain;
import io.engram.runtime.encode.TimeToFirstSpikeEncoder;
import io.engram.compiler.frontend.NetworkYaml;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.chip.neuron.Competition;
import io.engram.runtime.readout.LinearReadout;
import io.engram.runtime.readout.VoteReadout;
import io.engram.runtime.checkpoint.RunIdentity;
import io.engram.runtime.checkpoint.SessionPosition;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.PhaseStats;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.stats.ActionCounters;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compile (or take) a program, load it onto a chip, train with plasticity on, evaluate with plasticity off, and fit
 * the readout. The same API serves the CLI and Java users.
 */
public final class Session {
    private final ExperimentSpec spec;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Session.class);
    private final Progress progress;
    /** The experiment's probes (null: none configured, or the run has not loaded its program yet). */
    private Probing probing;

    /** What the probes recorded (null when the experiment has none). */
    public Probing probing() { return probing; }
    private final Checkpoints checkpoints;
    private final Given given;

    public Session(ExperimentSpec spec, Progress progress) {
        this(spec, progress, Checkpoints.none());
    }

    public Session(ExperimentSpec spec, Progress progress, Checkpoints checkpoints) {
        this(spec, Given.none(), progress, checkpoints);
    }

    /** A session whose chip, network or data (each optional) were made in Java rather than named by the spec. */
    public Session(ExperimentSpec spec, Given given, Progress progress, Checkpoints checkpoints) {
        this.spec = spec;
        this.given = given;
        this.progress = progress;
        this.checkpoints = checkpoints;
    }

    /**
     * Inputs made in Java (see {@code io.engram.api}); each null one comes from the spec as usual.
     *
     * @param chip    the chip, instead of resolving {@link ExperimentSpec#chip()} and its overrides
     * @param network the network, instead of reading {@link ExperimentSpec#network()}
     * @param data    the data, used as given (no loading, no preprocessing)
     */
    public record Given(ChipSpec chip, Network network, Splits data) {
        public static Given none() { return new Given(null, null, null); }
    }

    /**
     * Where checkpoints go and where a resumed run comes from.
     *
     * @param file          checkpoint written every {@code training.checkpoint_every} training samples (null: none)
     * @param resumeFrom    checkpoint to continue from (null: start from the beginning)
     * @param engramVersion recorded in the checkpoint
     */
    public record Checkpoints(Path file, Path resumeFrom, String engramVersion) {
        public static Checkpoints none() { return new Checkpoints(null, null, ""); }
    }

    /** Resolves a chip preset or a chip file (relative to the experiment file's folder when it exists there). */
    public static ChipSpec resolveChip(String chip, Path baseDir) {
        if (ChipSpec.PRESETS.contains(chip) || baseDir == null) return ChipSpec.resolve(chip);
        Path p = baseDir.resolve(chip);
        return Files.exists(p) ? ChipSpec.load(p) : ChipSpec.resolve(chip);
    }

    /** The experiment's chip: a preset or file, with the experiment's field overrides (if any) merged in. */
    public static ChipSpec resolveChip(ExperimentSpec spec, Path baseDir) {
        if (spec.chipOverrides() == null) return resolveChip(spec.chip(), baseDir);
        String chip = spec.chip();
        SpecNode node;
        Path chipDir = null;
        if (ChipSpec.PRESETS.contains(chip)) {
            node = ChipSpec.presetNode(chip);
        } else {
            Path p = baseDir != null && Files.exists(baseDir.resolve(chip)) ? baseDir.resolve(chip) : Path.of(chip);
            if (!Files.exists(p)) {
                throw new SpecException(spec.file(), "chip.base", chip, "not a preset (" + String.join(", ",
                        ChipSpec.PRESETS) + ") and no such chip file");
            }
            node = SpecNode.parse(p);
            chipDir = p.toAbsolutePath().getParent();
        }
        String label = chip + " with the chip overrides of " + (spec.file() == null ? "the experiment" : spec.file());
        return ChipSpec.read(node.mergedWith(spec.chipOverrides(), label), chipDir);
    }

    public SessionResult run() {
        Path base = spec.file() == null ? null : Path.of(spec.file()).toAbsolutePath().getParent();
        ChipSpec chipSpec = given.chip() != null ? given.chip() : resolveChip(spec, base);
        Splits data = given.data();
        if (data == null) {
            try {
                data = DatasetSource.resolve(spec.data().source(), base, spec.data().train(), spec.data().test(), spec.seed());
            } catch (SpecException e) {
                // the reader names the data file and what is wrong with it; say which field of which experiment led there
                throw new SpecException(spec.file(), "data.source", spec.data().source(), e.getMessage(), e);
            }
            // recorded inputs are each step's spikes or currents as the source framework saw them: never preprocessed
            if (!recorded()) data = spec.data().preprocess().apply(data);
        }
        int classes = Math.max(data.train().classes(), data.test().classes());
        boolean hebbian = spec.readout().kind() == ExperimentSpec.ReadoutKind.HEBBIAN;
        NetworkSource source = given.network() != null ? NetworkSource.of(given.network()) : NetworkSource.file(spec.network());
        if (hebbian) source = NetworkSource.of(withHebbianReadout(source, classes));
        CompileOptions options = CompileOptions.defaults().withSeed(spec.seed()).withNirSemantics(spec.encoding().nir());
        // an NIR graph's time constants are discretised with the run's time step (the graph's own dt, if any, is
        // compared with it in a note)
        if (spiking() && source instanceof NetworkSource.Nir) options = options.withNirDtSeconds(spec.encoding().dtMs() / 1000.0);
        CompileResult compiled = new Compiler().compile(source, chipSpec, options);
        if (source instanceof NetworkSource.Nir) {
            for (var d : compiled.diagnostics()) if (!d.isError()) LOG.warn("compile {}", d.render().replace("\n", "; "));
        }
        if (!compiled.ok()) {
            throw new SpecException(spec.network().toString(), "", null,
                    "the network does not compile for chip " + chipSpec.name() + ":\n" + compiled.renderDiagnostics());
        }
        ChipProgram program = compiled.program();
        if (recorded() && data.train().width() != program.input().size()) {
            throw new SpecException(spec.file(), "data.source", spec.data().source(), "the recorded samples have "
                    + data.train().width() + " inputs per step but the network input " + program.input() + " needs "
                    + program.input().size());
        }
        if (!recorded() && data.train().pixels() != program.input().size()) {
            throw new SpecException(spec.file(), "data.source", spec.data().source(), "the data has "
                    + data.train().pixels() + " values per sample but the network input " + program.input()
                    + " needs " + program.input().size());
        }
        Chip chip = new Chip(chipSpec, spec.seed(), s -> new io.engram.chip.sim.CycleNocInterconnect(s, spec.engine()),
                spec.threads());
        try {
            return run(chip, chipSpec, program, compiled, data, classes, hebbian);
        } catch (RuntimeException | Error e) {
            chip.close(); // on success the result owns the chip (reports read it) and closes it
            throw e;
        }
    }

    private SessionResult run(Chip chip, ChipSpec chipSpec, ChipProgram program, CompileResult compiled, Splits data,
                              int classes, boolean hebbian) {
        chip.load(program);
        Checkpointer checkpointer = new Checkpointer(checkpoints, spec.training().checkpointEvery(),
                given.network() != null ? RunIdentity.of(spec.resolved(), chipSpec,
                        given.network().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), data)
                        : identity(spec, chipSpec, data));
        SessionPosition resumeAt = checkpointer.restore(chip, chipSpec);
        if (spec.probes() != null) probing = new Probing(spec.probes(), chip, spiking(), spec.file());
        Dataset readoutSet = data.train().limit(spec.data().readoutTrain());
        Run run = new Run(chip, readoutSet, data.test());
        if (spec.readout().features() == ExperimentSpec.Features.INPUT) {
            // baseline: the readout on the preprocessed input itself; the chip is loaded but never used
            float[][] trainF = readoutSet.images();
            double[] acc = readout(trainF, readoutSet.labels(), data.test().images(), data.test().labels(), classes);
            return new SessionResult(spec, chip, program, compiled.report(), acc[0], acc[1],
                    SpecNode.displayName(spec.readout().kind()) + " readout on the preprocessed input (a baseline: no chip)",
                    List.of(), List.of(), List.of());
        }
        int readoutLayer = hebbian ? chip.layerCount() - 1 : -1;
        train(run, data.train(), readoutLayer, resumeAt, checkpointer);
        if (hebbian) trainHebbianReadout(run, readoutLayer);

        PhaseMark mark = new PhaseMark(chip);
        float[][] trainFeatures = features(chip, readoutSet, "features (train)");
        float[][] testFeatures = features(chip, data.test(), TEST_FEATURES);
        run.phases.add(mark.close("evaluate"));
        double[] acc = hebbian
                ? new double[]{argmaxAccuracy(trainFeatures, readoutSet.labels()), argmaxAccuracy(testFeatures, data.test().labels())}
                : readout(trainFeatures, readoutSet.labels(), testFeatures, data.test().labels(), classes);
        return new SessionResult(spec, chip, program, compiled.report(), acc[0], acc[1], readoutName(), run.perEpoch,
                run.epochCounts, run.phases);
    }

    /** Name of the appended on-chip readout layer. */
    public static final String HEBBIAN_READOUT = "hebbian_readout";
    /** Initial weight radius and full-scale weight of the on-chip readout (features of normalised inputs are <= 1). */
    private static final double READOUT_INIT_RADIUS = 0.1;
    private static final double READOUT_WEIGHT_SCALE = 1.0;

    /** The network with a supervised Hebbian readout layer (one neuron per class) appended. */
    private Network withHebbianReadout(NetworkSource source, int classes) {
        if (!(source instanceof NetworkSource.Yaml) && !(source instanceof NetworkSource.Built)) {
            throw new SpecException(spec.file(), "readout.kind", "hebbian",
                    "the on-chip readout is appended to a network YAML; this network is an NIR graph");
        }
        Network net = source instanceof NetworkSource.Built b ? b.network() : NetworkYaml.read(((NetworkSource.Yaml) source).file());
        Network tail = Network.builder("readout").input(1).flatten(HEBBIAN_READOUT + "_flatten")
                .dense(HEBBIAN_READOUT, classes).competition(Competition.hardWta())
                .rule(new LearningRule.HardWta(spec.readout().learningRate(), LearningRule.HardWta.Variant.INSTAR))
                .init(Init.uniformPositive(READOUT_INIT_RADIUS)).weightScale(READOUT_WEIGHT_SCALE).build();
        List<LayerSpec> layers = new ArrayList<>(net.layers());
        layers.addAll(tail.layers());
        return new Network(net.name(), net.input(), layers, net.allowRowSplit(), net.file());
    }

    /** The on-chip readout learns with the label as teacher: only the labelled class's neuron moves, toward x. */
    private void trainHebbianReadout(Run run, int layer) {
        Chip chip = run.chip;
        boolean[] learn = new boolean[chip.layerCount()];
        learn[layer] = true;
        PhaseMark mark = new PhaseMark(chip);
        RandomStreams streams = new RandomStreams(spec.seed());
        Dataset d = run.readoutSet;
        for (int e = 0; e < spec.readout().epochs(); e++) {
            int[] order = TrainingSchedule.shuffled(d.size(), streams.stream("readout", "order-" + e));
            progress.begin("on-chip readout epoch " + (e + 1), d.size());
            for (int i : order) {
                chip.setTeacher(layer, d.labels()[i]);
                present(chip, d.images()[i], layer, learn, "readout", i + (long) e * d.size());
                progress.step();
            }
        }
        chip.setTeacher(layer, -1);
        run.phases.add(mark.close("train-readout"));
    }

    private static double argmaxAccuracy(float[][] outputs, int[] labels) {
        int ok = 0;
        for (int i = 0; i < outputs.length; i++) {
            int best = 0;
            for (int k = 1; k < outputs[i].length; k++) if (outputs[i][k] > outputs[i][best]) best = k;
            if (best == labels[i]) ok++;
        }
        return outputs.length == 0 ? 0 : (double) ok / outputs.length;
    }

    /** What a run accumulates while it trains. */
    private static final class Run {
        final Chip chip;
        final Dataset readoutSet;
        final Dataset test;
        final List<PhaseStats> phases = new ArrayList<>();
        final List<AccuracyFigures.EpochAccuracy> perEpoch = new ArrayList<>();
        final List<ActionCounters> epochCounts = new ArrayList<>();

        Run(Chip chip, Dataset readoutSet, Dataset test) {
            this.chip = chip;
            this.readoutSet = readoutSet;
            this.test = test;
        }
    }

    private String readoutName() {
        return switch (spec.readout().kind()) {
            case LINEAR -> "linear (softmax regression trained off-chip on chip features)";
            case VOTE -> "vote (neurons labelled by strongest class, Diehl & Cook)";
            case HEBBIAN -> "hebbian (on-chip supervised instar layer, teacher = label; prediction = its winner)";
        };
    }

    /** Fits the readout on the training features and returns {train accuracy, test accuracy}. */
    private double[] readout(float[][] trainF, int[] trainY, float[][] testF, int[] testY, int classes) {
        if (spec.readout().kind() == ExperimentSpec.ReadoutKind.LINEAR) {
            LinearReadout lr = new LinearReadout(trainF[0].length, classes);
            lr.fit(trainF, trainY, new LinearReadout.Settings(spec.readout().epochs(), spec.readout().batch(),
                    spec.readout().learningRate(), LinearReadout.Settings.defaults(0).l2(), spec.seed()));
            return new double[]{lr.accuracy(trainF, trainY), lr.accuracy(testF, testY)};
        }
        VoteReadout v = new VoteReadout(trainF[0].length, classes);
        v.fit(trainF, trainY);
        return new double[]{v.accuracy(trainF, trainY), v.accuracy(testF, testY)};
    }

    private boolean spiking() { return spec.encoding().kind() != Encoder.Kind.RATE; }

    private boolean recorded() { return spec.encoding().kind() == Encoder.Kind.RECORDED; }

    /** Whether a rule learns in this session's mode: on spikes any rule but none, in rate mode the rate rules. */
    private boolean learnsIn(LearningRule r) { return spiking() ? r.learns() : r.learnsInRateMode(); }

    private void train(Run run, Dataset train, int skipLayer, SessionPosition resumeAt, Checkpointer checkpointer) {
        Chip chip = run.chip;
        int layers = chip.layerCount();
        List<Integer> learnable = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            // a layer with an input norm gets a training pass even without a rule: the pass gathers the norm's statistics
            if (i != skipLayer && chip.hasWeights(i)
                    && (learnsIn(chip.program().layers().get(i).rule()) || chip.hasNorm(i))) learnable.add(i);
        }
        TrainingSchedule schedule = new TrainingSchedule(spec.training(), learnable, train.size(), spec.seed());
        if (resumeAt != null && schedule.outside(resumeAt) != null) throw badPosition(resumeAt, schedule.outside(resumeAt));
        if (schedule.empty()) {
            if (probing != null) probing.endTraining(0); // no training: the programmed weights, once
            return;
        }
        boolean perEpoch = spec.training().evalEveryEpoch();
        PhaseMark whole = resumeAt == null ? new PhaseMark(chip) : new PhaseMark(chip, resumeAt.whole());
        if (resumeAt != null) {
            run.phases.addAll(resumeAt.phases());
            run.perEpoch.addAll(resumeAt.perEpoch());
            run.epochCounts.addAll(resumeAt.epochCounts());
        }
        int epochNumber = 0;
        long trained = 0; // training samples so far over all stages and epochs (sets the checkpoint cadence)
        for (TrainingSchedule.Stage stage : schedule.stages()) {
            boolean[] learn = stage.learnMask(layers);
            long t = 0; // samples of this stage so far (sets the rate decay)
            for (int epoch = 0; epoch < schedule.epochs(); epoch++) {
                epochNumber++;
                int first = 0;
                PhaseMark epochMark;
                if (resumeAt != null) {
                    if (TrainingSchedule.compare(stage.index(), epoch, resumeAt) < 0) {
                        // finished before the checkpoint: its results came with the checkpoint
                        t += train.size();
                        trained += train.size();
                        continue;
                    }
                    epochMark = new PhaseMark(chip, resumeAt.epochMark());
                    first = resumeAt.sample();
                    resumeAt = null;
                } else {
                    epochMark = new PhaseMark(chip);
                }
                t += first;
                trained += first;
                int[] order = schedule.order(stage, epoch);
                progress.begin("train layer " + stage.upTo() + " epoch " + (epoch + 1), train.size());
                for (int s = first; s < order.length; s++) {
                    if (schedule.decays()) for (int l : stage.layers()) chip.setRateScale(l, schedule.rateScale(t));
                    if (schedule.opensBatch(s)) for (int l : stage.layers()) chip.beginBatch(l);
                    if (probing != null) probing.beforeTraining(trained);
                    present(chip, train.images()[order[s]], stage.upTo(), learn, "train",
                            order[s] + (long) epoch * train.size());
                    if (schedule.closesBatch(s)) for (int l : stage.layers()) chip.endBatch(l);
                    t++;
                    trained++;
                    progress.step();
                    int si = stage.index();
                    int ep = epoch;
                    int next = s + 1;
                    checkpointer.afterSample(trained, chip, () -> new SessionPosition(si, ep, next, whole.mark,
                            epochMark.mark, run.phases, run.perEpoch, run.epochCounts));
                }
                PhaseStats ep = epochMark.close("train-epoch-" + epochNumber);
                run.epochCounts.add(ep.counts());
                if (perEpoch) {
                    run.phases.add(ep);
                    PhaseMark evalMark = new PhaseMark(chip);
                    float[][] tf = features(chip, run.readoutSet, "epoch " + epochNumber + " features (train)");
                    float[][] vf = features(chip, run.test, "epoch " + epochNumber + " features (test)");
                    run.phases.add(evalMark.close("evaluate-epoch-" + epochNumber));
                    double[] acc = readout(tf, run.readoutSet.labels(), vf, run.test.labels(),
                            Math.max(run.readoutSet.classes(), run.test.classes()));
                    run.perEpoch.add(new AccuracyFigures.EpochAccuracy(epochNumber, acc[0], acc[1]));
                }
            }
            for (int l : stage.layers()) chip.setRateScale(l, 1.0);
        }
        if (probing != null) probing.endTraining(trained);
        if (!perEpoch) run.phases.add(whole.close("train"));
    }

    private float[] present(Chip chip, float[] x, int upTo, boolean[] learn, String phase, long index) {
        if (probing == null) return present(chip, x, upTo, learn, phase, index, null);
        int steps = !spiking() ? 0 : recorded() ? x.length / chip.program().input().size() : encoder().steps();
        probing.beginSample(phase, phase.equals(TEST_FEATURES) ? (int) index : -1, steps);
        float[] out = present(chip, x, upTo, learn, phase, index, probing.observes() ? probing : null);
        probing.endSample();
        return out;
    }

    private float[] present(Chip chip, float[] x, int upTo, boolean[] learn, String phase, long index,
                            Chip.StepObserver observer) {
        if (!spiking()) return chip.run(x, upTo, learn);
        if (recorded()) {
            // x holds [steps x inputs], step-major: each step's row drives the first layer as it is
            int inputs = chip.program().input().size();
            int steps = x.length / inputs;
            int[] counts = chip.runSpiking((step, v) -> System.arraycopy(x, step * inputs, v, 0, inputs), steps,
                    spec.encoding().dtMs(), spec.encoding().traceTauMs(), upTo, learn, observer);
            float[] out = new float[counts.length];
            for (int i = 0; i < counts.length; i++) out[i] = counts[i];
            return out;
        }
        SpikeEncoder enc = encoder();
        SpikeTrain train = enc.encode(x, new RandomStreams(spec.seed()).stream("encoder", phase + "-" + index));
        int[] counts = chip.runSpiking((step, v) -> {
            Arrays.fill(v, 0f);
            for (int k = train.start(step); k < train.end(step); k++) v[train.index(k)] = 1f;
        }, enc.steps(), spec.encoding().dtMs(), spec.encoding().traceTauMs(), upTo, learn, observer);
        float[] out = new float[counts.length];
        for (int i = 0; i < counts.length; i++) out[i] = counts[i];
        return out;
    }

    private SpikeEncoder encoder() {
        var e = spec.encoding();
        return switch (e.kind()) {
            case POISSON -> new PoissonEncoder(e.steps(), e.maxRateHz(), e.dtMs() / 1000.0);
            case DETERMINISTIC_RATE -> new DeterministicRateEncoder(e.steps(), e.maxRateHz(), e.dtMs() / 1000.0);
            case TTFS -> new TimeToFirstSpikeEncoder(e.steps());
            case RECORDED -> throw new IllegalStateException("recorded inputs need no encoder");
            case RATE -> throw new IllegalStateException("rate coding has no spike encoder");
        };
    }

    private float[][] features(Chip chip, Dataset d, String label) {
        float[][] f = new float[d.size()][];
        int last = chip.layerCount() - 1;
        progress.begin(label, d.size());
        for (int i = 0; i < d.size(); i++) {
            f[i] = present(chip, d.images()[i], last, null, label, i);
            progress.step();
        }
        return f;
    }

    static final String TEST_FEATURES = "features (test)";

    /** Counter snapshot at the start of a phase; the chip is drained at both ends so the phase owns its work. */
    private static final class PhaseMark {
        private final Chip chip;
        private final PhaseStats.Mark mark;

        PhaseMark(Chip chip) {
            this.chip = chip;
            chip.settle();
            this.mark = PhaseStats.mark(chip);
        }

        /** A mark taken earlier, restored from a checkpoint (the chip is not settled again). */
        PhaseMark(Chip chip, PhaseStats.Mark mark) {
            this.chip = chip;
            this.mark = mark;
        }

        PhaseStats close(String name) {
            chip.settle();
            return mark.end(name, chip);
        }
    }

    private SpecException badPosition(SessionPosition p, String what) {
        return new SpecException(String.valueOf(checkpoints.resumeFrom()), "/session", "stage " + p.stage() + ", epoch "
                + p.epoch() + ", sample " + p.sample(), "outside the training of this experiment (" + what + ")");
    }

    /**
     * Identifies what a checkpoint may be resumed into ({@link RunIdentity}): the resolved experiment without the
     * fields that do not change results, the resolved chip, the technology and network files' content and the data
     * loaded. No path, so a moved run folder resumes.
     */
    public static RunIdentity identity(ExperimentSpec spec, ChipSpec chip, Splits data) {
        try {
            return RunIdentity.of(spec.resolved(), chip, Files.readAllBytes(spec.network()), data);
        } catch (IOException e) {
            throw new SpecException(spec.network().toString(), "", null, "cannot read the network file: "
                    + e.getMessage(), e);
        }
    }
}
