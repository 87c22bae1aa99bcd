package io.engram.runtime.session;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
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
import io.engram.runtime.readout.LinearReadout;
import io.engram.runtime.readout.VoteReadout;
import io.engram.runtime.report.PhaseStats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compile (or take) a program, load it onto a chip, train with plasticity on, evaluate with plasticity off, and fit
 * the readout. The same API serves the CLI and Java users.
 */
public final class Session {
    private final ExperimentSpec spec;
    private final Progress progress;

    public Session(ExperimentSpec spec, Progress progress) {
        this.spec = spec;
        this.progress = progress;
    }

    /** Resolves a chip preset or a chip file (relative to the experiment file's folder when it exists there). */
    public static ChipSpec resolveChip(String chip, Path baseDir) {
        if (ChipSpec.PRESETS.contains(chip) || baseDir == null) return ChipSpec.resolve(chip);
        Path p = baseDir.resolve(chip);
        return Files.exists(p) ? ChipSpec.load(p) : ChipSpec.resolve(chip);
    }

    public SessionResult run() {
        Path base = spec.file() == null ? null : Path.of(spec.file()).toAbsolutePath().getParent();
        ChipSpec chipSpec = resolveChip(spec.chip(), base);
        CompileResult compiled = new Compiler().compile(NetworkSource.file(spec.network()), chipSpec,
                CompileOptions.defaults().withSeed(spec.seed()));
        if (!compiled.ok()) {
            throw new SpecException(spec.network().toString(), "", null,
                    "the network does not compile for chip " + chipSpec.name() + ":\n" + compiled.renderDiagnostics());
        }
        ChipProgram program = compiled.program();
        Splits data = DatasetSource.resolve(spec.data().source(), base, spec.data().train(), spec.data().test(), spec.seed());
        data = spec.data().preprocess().apply(data);
        if (data.train().pixels() != program.input().size()) {
            throw new SpecException(spec.file(), "data.source", spec.data().source(), "the data has "
                    + data.train().pixels() + " values per sample but the network input " + program.input()
                    + " needs " + program.input().size());
        }
        Chip chip = new Chip(chipSpec, spec.seed());
        chip.load(program);
        List<PhaseStats> phases = new ArrayList<>();

        PhaseMark mark = new PhaseMark(chip);
        train(chip, data.train());
        phases.add(mark.close("train"));

        mark = new PhaseMark(chip);
        Dataset readoutSet = data.train().limit(spec.data().readoutTrain());
        float[][] trainFeatures = features(chip, readoutSet, "features (train)");
        float[][] testFeatures = features(chip, data.test(), "features (test)");
        phases.add(mark.close("evaluate"));

        double trainAcc;
        double testAcc;
        String readoutName;
        int classes = Math.max(data.train().classes(), data.test().classes());
        if (spec.readout().kind() == ExperimentSpec.ReadoutKind.LINEAR) {
            LinearReadout lr = new LinearReadout(trainFeatures[0].length, classes);
            lr.fit(trainFeatures, readoutSet.labels(), new LinearReadout.Settings(spec.readout().epochs(),
                    spec.readout().batch(), spec.readout().learningRate(), LinearReadout.Settings.defaults(0).l2(),
                    spec.seed()));
            trainAcc = lr.accuracy(trainFeatures, readoutSet.labels());
            testAcc = lr.accuracy(testFeatures, data.test().labels());
            readoutName = "linear (softmax regression trained off-chip on chip features)";
        } else {
            VoteReadout v = new VoteReadout(trainFeatures[0].length, classes);
            v.fit(trainFeatures, readoutSet.labels());
            trainAcc = v.accuracy(trainFeatures, readoutSet.labels());
            testAcc = v.accuracy(testFeatures, data.test().labels());
            readoutName = "vote (neurons labelled by strongest class, Diehl & Cook)";
        }
        return new SessionResult(spec, chip, program, compiled.report(), trainAcc, testAcc, readoutName, List.of(), phases);
    }

    private boolean spiking() { return spec.encoding().kind() != Encoder.Kind.RATE; }

    private void train(Chip chip, Dataset train) {
        int layers = chip.layerCount();
        List<Integer> learnable = new ArrayList<>();
        for (int i = 0; i < layers; i++) if (chip.hasWeights(i) && !(chip.program().layers().get(i).rule() instanceof io.engram.chip.plasticity.LearningRule.None)) learnable.add(i);
        if (learnable.isEmpty() || spec.training().epochs() == 0) return;
        List<int[]> stages = new ArrayList<>();
        if (spec.training().mode() == ExperimentSpec.Mode.GREEDY) {
            for (int l : learnable) stages.add(new int[]{l});
        } else {
            stages.add(learnable.stream().mapToInt(Integer::intValue).toArray());
        }
        RandomStreams streams = new RandomStreams(spec.seed());
        int batch = spec.training().batch();
        for (int[] stage : stages) {
            int upTo = Arrays.stream(stage).max().orElseThrow();
            boolean[] learn = new boolean[layers];
            for (int l : stage) learn[l] = true;
            long total = (long) spec.training().epochs() * train.size();
            long t = 0;
            for (int epoch = 0; epoch < spec.training().epochs(); epoch++) {
                int[] order = shuffled(train.size(), streams.stream("training", "order-" + upTo + "-" + epoch));
                progress.begin("train layer " + upTo + " epoch " + (epoch + 1), train.size());
                for (int s = 0; s < order.length; s++) {
                    if (spec.training().schedule() == ExperimentSpec.Schedule.LINEAR_DECAY) {
                        for (int l : stage) chip.setRateScale(l, 1.0 - (double) t / total);
                    }
                    boolean open = batch > 1 && s % batch == 0;
                    boolean close = batch > 1 && (s % batch == batch - 1 || s == order.length - 1);
                    if (open) for (int l : stage) chip.beginBatch(l);
                    present(chip, train.images()[order[s]], upTo, learn, "train", order[s] + (long) epoch * train.size());
                    if (close) for (int l : stage) chip.endBatch(l);
                    t++;
                    progress.step();
                }
            }
            for (int l : stage) chip.setRateScale(l, 1.0);
        }
    }

    private float[] present(Chip chip, float[] x, int upTo, boolean[] learn, String phase, long index) {
        if (!spiking()) return chip.run(x, upTo, learn);
        SpikeEncoder enc = encoder();
        SpikeTrain train = enc.encode(x, new RandomStreams(spec.seed()).stream("encoder", phase + "-" + index));
        int[] counts = chip.runSpiking((step, v) -> {
            Arrays.fill(v, 0f);
            for (int k = train.start(step); k < train.end(step); k++) v[train.index(k)] = 1f;
        }, enc.steps(), spec.encoding().dtMs(), spec.encoding().traceTauMs(), upTo, learn);
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

    static int[] shuffled(int n, SplittableRandom r) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    /** Counter snapshot at the start of a phase; the chip is drained at both ends so the phase owns its work. */
    private static final class PhaseMark {
        private final Chip chip;
        private final PhaseStats.Mark mark;

        PhaseMark(Chip chip) {
            this.chip = chip;
            chip.settle();
            this.mark = PhaseStats.mark(chip);
        }

        PhaseStats close(String name) {
            chip.settle();
            return mark.end(name, chip);
        }
    }
}
