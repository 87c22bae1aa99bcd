package io.engram.runtime.checkpoint;

import io.engram.chip.spec.ChipSpec;
import io.engram.runtime.data.Dataset;
import io.engram.runtime.data.Splits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a checkpoint may be resumed into: every field that changes a run's results, flattened to {@code key -> value}
 * so a refused resume can name what changed. It holds the experiment's result-bearing fields, every field of the
 * resolved chip (after presets and overrides), the technology file's SHA-256, the network file's SHA-256 and a
 * SHA-256 of the data the run actually loaded (after preprocessing). It holds no path, so a run folder that was moved
 * still resumes; thread count, engine (both give identical results), output folder and checkpoint interval are left
 * out because they do not change results.
 *
 * @param fields flattened identity in a fixed (sorted) order
 */
public record RunIdentity(Map<String, String> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Experiment fields that do not change a run's results, or are paths (covered by content digests). */
    private static final List<String> NOT_IDENTITY = List.of("threads", "engine", "output", "network", "chip", "name",
            "data.source", "training.checkpoint_every");

    public RunIdentity {
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /**
     * @param experiment  the resolved experiment ({@code ExperimentSpec.resolved()})
     * @param chip        the resolved chip
     * @param networkFile the network file's bytes
     * @param data        the data the run loaded, after preprocessing
     */
    public static RunIdentity of(Map<String, Object> experiment, ChipSpec chip, byte[] networkFile, Splits data) {
        Map<String, String> f = new TreeMap<>();
        flatten("", JSON.valueToTree(experiment), f);
        f.keySet().removeIf(k -> NOT_IDENTITY.stream().anyMatch(x -> k.equals(x) || k.startsWith(x + ".")));
        f.put("chip.name", chip.name());
        f.put("chip.clock_mhz", Double.toString(chip.clockMhz()));
        flatten("chip.mesh", JSON.valueToTree(chip.mesh()), f);
        flatten("chip.core", JSON.valueToTree(chip.core()), f);
        flatten("chip.noc", JSON.valueToTree(chip.noc()), f);
        f.put("technology.name", chip.technology().name());
        f.put("technology.sha256", chip.technology().sha256());
        f.put("network.sha256", sha256(networkFile));
        f.put("data.train.sha256", digest(data.train()));
        f.put("data.test.sha256", digest(data.test()));
        return new RunIdentity(f);
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) flatten(prefix + "[" + i + "]", n.get(i), out);
            if (n.isEmpty()) out.put(prefix, "[]");
        } else {
            out.put(prefix, n.isNull() ? "null" : n.asText());
        }
    }

    /** SHA-256 of a data set: its shape, every value's bits and every label. */
    static String digest(Dataset d) {
        MessageDigest md = sha();
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES * 3);
        b.putLong(d.size()).putLong(d.pixels()).putLong(d.classes());
        md.update(b.array());
        for (float[] row : d.images()) {
            ByteBuffer r = ByteBuffer.allocate(row.length * Float.BYTES);
            for (float x : row) r.putInt(Float.floatToRawIntBits(x));
            md.update(r.array());
        }
        ByteBuffer l = ByteBuffer.allocate(d.labels().length * Integer.BYTES);
        for (int y : d.labels()) l.putInt(y);
        md.update(l.array());
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] bytes) { return HexFormat.of().formatHex(sha().digest(bytes)); }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of {@link #toJson()}: equal hashes mean equal identities. */
    public String hash() { return sha256(toJson().getBytes(StandardCharsets.UTF_8)); }

    public String toJson() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@link #toJson()}; null when the text is not such a map. */
    public static RunIdentity parse(String json) {
        try {
            Map<String, String> m = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
            return m == null ? null : new RunIdentity(m);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** What differs from {@code other} (this = the checkpoint's), one {@code key: old -> new} per field, sorted. */
    public List<String> differences(RunIdentity now) {
        Objects.requireNonNull(now, "now");
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(fields.keySet());
        keys.addAll(now.fields.keySet());
        for (String k : keys) {
            String a = fields.get(k);
            String b = now.fields.get(k);
            if (Objects.equals(a, b)) continue;
            out.add(k + ": " + describe(k, a) + " -> " + describe(k, b));
        }
        return out;
    }

    private static String describe(String key, String v) {
        if (v == null) return "(absent)";
        // digests are long: 12 hex digits tell two contents apart in a message
        return key.endsWith("sha256") && v.length() > 12 ? v.substring(0, 12) : v;
    }

    /** Human words for the digest fields, to say which file or data changed. */
    static String explain(String key) {
        return switch (key) {
            case "network.sha256" -> "the network file's content";
            case "technology.sha256" -> "the technology file's content";
            case "data.train.sha256" -> "the training data loaded";
            case "data.test.sha256" -> "the test data loaded";
            default -> key;
        };
    }

    /** The differences as one readable line per field, with the digest fields explained. */
    public String describeChanges(RunIdentity now) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String d : differences(now)) {
            String key = d.substring(0, d.indexOf(':'));
            lines.put(key, explain(key).equals(key) ? d : explain(key) + " changed (" + d + ")");
        }
        return String.join("; ", lines.values());
    }
}
