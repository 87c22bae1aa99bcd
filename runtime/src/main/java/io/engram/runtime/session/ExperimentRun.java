package io.engram.runtime.session;

import io.engram.chip.spec.ChipSpec;
import io.engram.runtime.checkpoint.CheckpointFile;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.Manifest;
import io.engram.runtime.report.ProbesFile;
import io.engram.runtime.report.Report;
import io.engram.runtime.report.ReportBuilder;
import io.engram.runtime.report.RunFolder;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code engram run} does after reading the experiment: run the session, build the report and the manifest,
 * and write the run folder. One public path, so that every caller (the command line, {@code engram sweep}'s Spark
 * workers) writes the same bytes for the same experiment.
 */
public final class ExperimentRun {
    /** The version a build without a jar manifest (classes from a build tree) reports. */
    public static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExperimentRun.class);

    private ExperimentRun() {}

    /**
     * The session's result (its chip closed), the report written to the run folder and what the probes recorded
     * (null when the experiment has none).
     */
    public record Finished(SessionResult session, Report report, ProbesFile.Recorded probes) {
        public Finished(SessionResult session, Report report) {
            this(session, report, null);
        }
    }

    /**
     * Runs {@code spec} and writes its run folder {@code dir} (report.json, report.txt, counters.csv, weights.h5,
     * plots, manifest.json last). The checkpoints that {@code training.checkpoint_every} asks for go to {@code dir}.
     *
     * @param resumeDir       run folder whose checkpoint the run continues from (null: from the beginning)
     * @param engramVersion   recorded in the report, the manifest and the checkpoints
     */
    public static Finished run(ExperimentSpec spec, Progress progress, Path dir, Path resumeDir, String engramVersion) {
        return run(spec, Session.Given.none(), spec.chipLabel(), progress, dir, resumeDir, engramVersion);
    }

    /**
     * As {@link #run(ExperimentSpec, Progress, Path, Path, String)}, with a chip, network or data made in Java.
     *
     * @param chipLabel the chip as the manifest and headers show it, e.g. {@code rram-22nm (+ core.adc.bits=6)}
     */
    public static Finished run(ExperimentSpec spec, Session.Given given, String chipLabel, Progress progress, Path dir,
                               Path resumeDir, String engramVersion) {
        Instant start = Instant.now();
        Session.Checkpoints ck = new Session.Checkpoints(
                spec.training().checkpointEvery() > 0 ? dir.resolve(CheckpointFile.NAME) : null,
                resumeDir == null ? null : resumeDir.resolve(CheckpointFile.NAME), engramVersion);
        Session session = new Session(spec, given, progress, ck);
        try (SessionResult r = session.run()) {
            Manifest.NetworkInfo network = given.network() != null
                    ? Manifest.NetworkInfo.built(given.network().name(), given.network().toString())
                    : Manifest.NetworkInfo.ofFile(spec.network());
            return finish(spec, r, dir, start, engramVersion, chipLabel, network, session.probing());
        }
    }

    private static Finished finish(ExperimentSpec spec, SessionResult r, Path dir, Instant start, String engramVersion,
                                   String chipLabel, Manifest.NetworkInfo network, Probing probing) {
        AccuracyFigures acc = new AccuracyFigures(r.trainAccuracy(), r.testAccuracy(), r.readout(), r.perEpoch());
        Report report = ReportBuilder.from(r.chip(), spec.seed(), engramVersion, acc, r.phases());
        ProbesFile.Recorded probes = null;
        if (probing != null) {
            // after the report settled the chip, so that the timeline's last difference ends where the report does
            probing.finish();
            probes = ProbesFile.write(dir, r.chip(), probing.contents(), spec.encoding().dtMs());
            for (String note : probes.notes()) LOG.warn(note);
        }
        ChipSpec chip = r.chip().spec();
        Manifest m = Manifest.of(engramVersion, spec.seed(), chip, chipLabel, network, spec.resolved(), start,
                Instant.now());
        RunFolder.write(dir, r.chip(), report, m, r.epochCounts());
        return new Finished(r, report, probes);
    }

    /** The version of the jar that holds {@code anchor} (its manifest's Implementation-Version), else the development one. */
    public static String version(Class<?> anchor) {
        String v = anchor.getPackage().getImplementationVersion();
        return v == null ? DEVELOPMENT_VERSION : v;
    }
}
