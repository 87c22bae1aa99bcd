package io.engram.api;

import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.CycleNocInterconnect;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.ir.Network;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.ProbesFile;
import io.engram.runtime.report.Report;
import io.engram.runtime.report.ReportBuilder;
import io.engram.runtime.session.ExperimentRun;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Probing;
import io.engram.runtime.session.Progress;
import io.engram.runtime.session.Session;
import io.engram.runtime.session.SessionResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Runs experiments: the entry point of the Java API (see the package documentation for an example). */
public final class Engram {
    private static final String VERSION = readVersion();

    private Engram() {}

    /** The library's version, as reports and manifests record it. */
    public static String version() { return VERSION; }

    /** The compiler's typed network builder (the same vocabulary as the network YAML). */
    public static Network.Builder network(String name) { return Network.builder(name); }

    /**
     * Compiles the network for the chip, loads it, trains with plasticity on, evaluates with plasticity off and fits
     * the readout. Writes nothing. The same experiment and seed give the same figures.
     */
    public static RunResult run(Experiment experiment) {
        Session session = session(experiment);
        try (SessionResult r = session.run()) {
            return result(experiment, r, session.probing());
        }
    }

    /**
     * As {@link #run(Experiment)}, and writes the run folder the command line writes (report.json, report.txt,
     * manifest.json, counters.csv, weights.h5, plots) into {@code runFolder}, replacing files of the same names.
     */
    public static RunResult run(Experiment experiment, Path runFolder) {
        ExperimentRun.Finished f = ExperimentRun.run(experiment.spec(), experiment.given(), experiment.chipLabel(),
                Progress.silent(), runFolder, null, VERSION);
        return new RunResult(experiment.chipLabel(), f.session().chip().spec(), f.report(), weights(f.session().chip()),
                featureCount(experiment, f.session()), f.probes() == null ? null : new ProbeResult(f.probes()));
    }

    /**
     * Compiles the experiment's network for its chip (with the experiment's seed) and loads it onto a new chip, as a
     * run does before it trains: for step-by-step work the pipeline does not do, such as comparing a rule with its
     * float reference sample by sample ({@link Chip#run(float[], int, boolean[])} with a learn mask,
     * {@link Chip#weights(int)}, {@link Chip#runSpiking}). Data, encoding, training and readout settings are not used.
     * The caller closes the chip (it holds the tile threads).
     *
     * @throws SpecException when the network does not compile for the chip (with the compiler's diagnostics)
     */
    public static Chip load(Experiment experiment) {
        ExperimentSpec spec = experiment.spec();
        Network net = experiment.given().network();
        NetworkSource src = net != null ? NetworkSource.of(net) : NetworkSource.file(spec.network());
        ChipSpec chipSpec = experiment.given().chip();
        CompileResult compiled = new Compiler().compile(src, chipSpec,
                CompileOptions.defaults().withSeed(spec.seed()).withNirSemantics(spec.encoding().nir()));
        if (!compiled.ok()) {
            throw new SpecException(net != null ? net.name() : spec.network().toString(), "", null,
                    "the network does not compile for chip " + chipSpec.name() + ":\n" + compiled.renderDiagnostics());
        }
        Chip chip = new Chip(chipSpec, spec.seed(), s -> new CycleNocInterconnect(s, spec.engine()), spec.threads());
        chip.load(compiled.program());
        return chip;
    }

    private static Session session(Experiment e) {
        return new Session(e.spec(), e.given(), Progress.silent(), Session.Checkpoints.none());
    }

    private static RunResult result(Experiment e, SessionResult r, Probing probing) {
        AccuracyFigures acc = new AccuracyFigures(r.trainAccuracy(), r.testAccuracy(), r.readout(), r.perEpoch());
        Report report = ReportBuilder.from(r.chip(), e.spec().seed(), VERSION, acc, r.phases());
        ProbeResult probes = null;
        if (probing != null) {
            probing.finish(); // after the report settled the chip: the timeline ends where the report does
            probes = new ProbeResult(ProbesFile.collect(r.chip(), probing.contents()));
        }
        return new RunResult(e.chipLabel(), r.chip().spec(), report, weights(r.chip()), featureCount(e, r), probes);
    }

    /** Copies of every weight layer's weights and bias, in layer order (the chip's cells are read, not changed). */
    private static List<RunResult.LayerWeights> weights(Chip chip) {
        List<RunResult.LayerWeights> out = new ArrayList<>();
        for (int l = 0; l < chip.layerCount(); l++) {
            if (!chip.hasWeights(l)) continue;
            LayerProgram lp = chip.program().layers().get(l);
            out.add(new RunResult.LayerWeights(lp.name(), lp.rows(), lp.cols(), chip.weights(l), chip.bias(l)));
        }
        return out;
    }

    private static int featureCount(Experiment e, SessionResult r) {
        if (e.spec().readout().features() == ExperimentSpec.Features.INPUT) return r.program().input().size();
        List<LayerProgram> layers = r.program().layers();
        return layers.get(layers.size() - 1).out().size();
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = Engram.class.getResourceAsStream("engram.properties")) {
            if (in == null) throw new IllegalStateException("missing resource io/engram/api/engram.properties");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
