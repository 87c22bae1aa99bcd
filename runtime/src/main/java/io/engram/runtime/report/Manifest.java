package io.engram.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.chip.spec.ChipSpec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json}: how a run was made. The chip as it ran (its label with the overrides, every field after
 * presets and overrides, and the SHA-256 of that resolved form), the technology (name, SHA-256 of its file and every
 * cost as loaded), the network (file, SHA-256 and text), the resolved configuration (every default explicit), the
 * seed, the version and the wall-clock times. Wall-clock time lives only here, so that {@code report.json} stays
 * byte-identical for the same seed.
 *
 * @param chip          {@code name}, {@code label} (e.g. {@code rram-22nm (+ core.adc.bits=6)}), {@code resolved}
 *                      and {@code sha256} (of the compact JSON of {@code resolved}, keys in their written order)
 * @param technology    {@code name}, {@code sha256} (of the technology file), {@code resolved}
 * @param network       {@code name}, {@code file}, {@code sha256}, {@code text} (null for a binary NIR file)
 * @param configuration resolved configuration as the runtime used it (written as given, keys in their order)
 */
public record Manifest(String engramVersion, long seed, JsonNode chip, JsonNode technology, JsonNode network,
                       JsonNode configuration, Instant startedAt, Instant finishedAt) {
    public Manifest {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(technology, "technology");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** What ran: the network by its file (or, built in Java, by its name and description). */
    public record NetworkInfo(String name, String file, String sha256, String text) {
        /** A network file: its SHA-256, and its text when it is text (YAML); an NIR graph is binary HDF5. */
        public static NetworkInfo ofFile(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the network file " + file, e);
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                if (text.indexOf('\0') >= 0) text = null;
            } catch (CharacterCodingException e) {
                text = null;
            }
            String name = file.getFileName().toString();
            return new NetworkInfo(name, file.toAbsolutePath().normalize().toString(), Manifest.sha256(bytes), text);
        }

        /** A network built in Java: no file; the description is hashed and recorded. */
        public static NetworkInfo built(String name, String description) {
            return new NetworkInfo(name, null, Manifest.sha256(description.getBytes(StandardCharsets.UTF_8)), description);
        }
    }

    /**
     * @param chip      the chip as it ran (after presets and overrides)
     * @param chipLabel the chip as headers show it, e.g. {@code rram-22nm (+ core.adc.bits=6)}
     */
    public static Manifest of(String version, long seed, ChipSpec chip, String chipLabel, NetworkInfo network,
                              Map<String, ?> configuration, Instant startedAt, Instant finishedAt) {
        var m = ReportJson.mapper();
        ObjectNode resolved = m.createObjectNode();
        resolved.put("name", chip.name());
        resolved.put("clock_mhz", chip.clockMhz());
        resolved.set("mesh", m.valueToTree(chip.mesh()));
        resolved.set("core", m.valueToTree(chip.core()));
        resolved.set("noc", m.valueToTree(chip.noc()));
        resolved.put("technology", chip.technology().name());
        ObjectNode c = m.createObjectNode();
        c.put("name", chip.name());
        c.put("label", chipLabel);
        try {
            c.put("sha256", sha256(m.writeValueAsBytes(resolved)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        c.set("resolved", resolved);
        ObjectNode t = m.createObjectNode();
        t.put("name", chip.technology().name());
        t.put("sha256", chip.technology().sha256());
        JsonNode tech = m.valueToTree(chip.technology());
        ((ObjectNode) tech).remove("sha256");
        t.set("resolved", tech);
        return new Manifest(version, seed, c, t, m.valueToTree(network), m.valueToTree(configuration),
                startedAt, finishedAt);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long durationMs() { return Duration.between(startedAt, finishedAt).toMillis(); }

    public JsonNode toJson() {
        ObjectNode n = ReportJson.mapper().createObjectNode();
        n.put("engram_version", engramVersion);
        n.put("seed", seed);
        n.set("chip", chip);
        n.set("technology", technology);
        n.set("network", network);
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
