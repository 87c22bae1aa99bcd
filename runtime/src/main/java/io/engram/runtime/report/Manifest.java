package io.engram.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json}: how a run was made. The resolved configuration (every default explicit), the seed, the
 * version, the technology file and its hash, and the wall-clock times. Wall-clock time lives only here, so that
 * {@code report.json} stays byte-identical for the same seed.
 *
 * @param configuration resolved configuration as the runtime used it (written as given, keys in their order)
 */
public record Manifest(String engramVersion, long seed, String chip, String technology, String technologySha256,
                       JsonNode configuration, Instant startedAt, Instant finishedAt) {
    public Manifest {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** Same, from a configuration map (converted with the report's JSON settings, insertion order kept). */
    public static Manifest of(String version, long seed, String chip, String technology, String sha256,
                              Map<String, ?> configuration, Instant startedAt, Instant finishedAt) {
        return new Manifest(version, seed, chip, technology, sha256,
                ReportJson.mapper().valueToTree(configuration), startedAt, finishedAt);
    }

    public long durationMs() { return Duration.between(startedAt, finishedAt).toMillis(); }

    public JsonNode toJson() {
        ObjectNode n = ReportJson.mapper().createObjectNode();
        n.put("engram_version", engramVersion);
        n.put("seed", seed);
        n.put("chip", chip);
        ObjectNode tech = n.putObject("technology");
        tech.put("name", technology);
        tech.put("sha256", technologySha256);
        n.set("configuration", configuration);
        ObjectNode wall = n.putObject("wall_clock");
        wall.put("started_at", startedAt.toString());
        wall.put("finished_at", finishedAt.toString());
        wall.put("duration_ms", durationMs());
        return n;
    }

    public void write(Path file) {
        AtomicFiles.writeBytes(file, ReportJson.toBytes(toJson()));
    }
}
