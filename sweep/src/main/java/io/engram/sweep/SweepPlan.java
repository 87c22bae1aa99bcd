package io.engram.sweep;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Session;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's points, each validated as {@code engram run} validates its experiment (the experiment file with the
 * point's overrides read by {@link ExperimentSpec#read}, its chip resolved with the overrides merged), before any
 * point runs. Each point carries its resolved-configuration hash ({@link #configHash}), which {@code --resume}
 * matches.
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
                out.add(new Planned(p, configHash(e, chip)));
            } catch (SpecException e) {
                throw new SpecException(spec.file().toString(), "", null,
                        "point " + p.id() + " (" + String.join(" ", p.varying()) + "): " + e.getMessage(), e);
            }
        }
        return new SweepPlan(spec, List.copyOf(out));
    }

    /** Experiment fields that do not change a run's results (or are paths, covered by the network's content). */
    private static final List<String> NOT_RESULTS = List.of("threads", "engine", "output", "name", "network");

    /**
     * SHA-256 of what decides a point's results before any data is loaded: the resolved experiment without threads,
     * engine, output folder, name, checkpoint interval and network path; the resolved chip (every field after
     * presets and overrides); the technology file's SHA-256; the network file's content. The data is named by its
     * source, sizes, preprocessing and seed (a data file edited in place keeps its hash).
     */
    static String configHash(ExperimentSpec e, ChipSpec chip) {
        Map<String, Object> m = new LinkedHashMap<>(e.resolved());
        NOT_RESULTS.forEach(m::remove);
        @SuppressWarnings("unchecked")
        Map<String, Object> training = new LinkedHashMap<>((Map<String, Object>) m.get("training"));
        training.remove("checkpoint_every");
        m.put("training", training);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", chip.name());
        c.put("clock_mhz", chip.clockMhz());
        c.put("mesh", chip.mesh());
        c.put("core", chip.core());
        c.put("noc", chip.noc());
        m.put("chip", c);
        m.put("technology_sha256", chip.technology().sha256());
        try {
            m.put("network_sha256", sha256(Files.readAllBytes(e.network())));
            return sha256(JSON.writeValueAsBytes(m));
        } catch (IOException ex) {
            throw new SpecException(e.network().toString(), "", null, "cannot read the network file: " + ex.getMessage());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The experiment {@code engram run EXPERIMENT --set ...} reads: the same two calls as its run command. */
    static ExperimentSpec experiment(Path experimentFile, List<String> sets) {
        SpecNode node = SpecNode.parse(experimentFile).withOverrides(sets);
        return ExperimentSpec.read(node, experimentFile.toAbsolutePath().getParent());
    }
}
