package io.engram.sweep;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's points, each validated as {@code engram run} validates its experiment (the experiment file with the
 * point's overrides read by {@link ExperimentSpec#read}, its chip resolved with the overrides merged), before any
 * point runs. Each point carries its resolved-configuration hash ({@link Session#configHash}: the same as the
 * checkpoints', independent of threads, engine and output folder), which {@code --resume} matches.
 */
public record SweepPlan(SweepSpec spec, List<Planned> points) {

    public record Planned(SweepPoint point, String configHash) implements java.io.Serializable {}

    /** @throws SpecException naming the point, its overrides and the field, for the first point that is not valid */
    public static SweepPlan of(SweepSpec spec) {
        List<Planned> out = new ArrayList<>();
        for (SweepPoint p : spec.points()) {
            try {
                ExperimentSpec e = experiment(spec.experiment(), p.sets());
                ChipSpec chip = Session.resolveChip(e, spec.experiment().toAbsolutePath().getParent());
                out.add(new Planned(p, Session.configHash(e, chip)));
            } catch (SpecException e) {
                throw new SpecException(spec.file().toString(), "", null,
                        "point " + p.id() + " (" + String.join(" ", p.varying()) + "): " + e.getMessage(), e);
            }
        }
        return new SweepPlan(spec, List.copyOf(out));
    }

    /** The experiment {@code engram run EXPERIMENT --set ...} reads: the same two calls as its run command. */
    static ExperimentSpec experiment(Path experimentFile, List<String> sets) {
        SpecNode node = SpecNode.parse(experimentFile).withOverrides(sets);
        return ExperimentSpec.read(node, experimentFile.toAbsolutePath().getParent());
    }
}
