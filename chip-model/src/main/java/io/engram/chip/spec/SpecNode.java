package io.engram.chip.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML/JSON mapping with its file name and field path, so every read can name the exact place of a mistake.
 * Reads are typed and range-checked; {@link #finish()} rejects fields nobody read (typos).
 */
public final class SpecNode {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final String path;
    private final JsonNode node;
    private final Set<String> consumed = new HashSet<>();

    private SpecNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public static SpecNode parse(Path p) {
        String name = p.toString();
        if (Files.isDirectory(p)) throw new SpecException(name, "", null, "a folder where a YAML file is expected");
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            // a FIFO or a device could block forever or never end: only regular files are read
            throw new SpecException(name, "", null, "not a regular file (a pipe or a device); give a YAML file");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return parse(in, name);
        } catch (NoSuchFileException e) {
            throw new SpecException(name, "", null, "file not found");
        } catch (IOException e) {
            throw new SpecException(name, "", null, "cannot read file: " + e.getMessage());
        }
    }

    public static SpecNode parse(InputStream in, String name) {
        try {
            JsonNode root = readYaml(YAML.getFactory().createParser(in), name);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new SpecException(name, "", null, "file is empty; expected a mapping");
            }
            if (!root.isObject()) {
                throw new SpecException(name, "", root.getNodeType().toString().toLowerCase(Locale.ROOT),
                        "expected a mapping at the top level");
            }
            return new SpecNode(name, "", root);
        } catch (JsonProcessingException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof java.io.CharConversionException || c instanceof java.nio.charset.CharacterCodingException) {
                    throw new SpecException(name, "", null, "not UTF-8 text (" + firstLine(String.valueOf(c.getMessage()))
                            + "); save the file as UTF-8");
                }
            }
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new SpecException(name, "", null, "not valid YAML: " + firstLine(e.getOriginalMessage()) + where);
        } catch (java.io.CharConversionException | java.nio.charset.CharacterCodingException e) {
            throw new SpecException(name, "", null, "not UTF-8 text (" + firstLine(String.valueOf(e.getMessage())) + ")");
        } catch (IOException e) {
            throw new SpecException(name, "", null, "not valid YAML: " + firstLine(e.getMessage()));
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // the YAML library's own failures on malformed input (deep nesting, bad encodings, unknown tags)
            throw new SpecException(name, "", null, "not valid YAML (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")");
        }
    }

    /** YAML 1.1 non-finite floats, which Jackson 2's YAML parser recognises as numbers but cannot convert. */
    private static final Pattern NON_FINITE = Pattern.compile("([-+]?)\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /**
     * Builds the tree from a parser instead of {@code ObjectMapper.readTree}, so that {@code .nan} and {@code .inf}
     * become numbers (and reach the field's range check, which names the field) and a repeated key is an error
     * rather than silently keeping the last value.
     */
    static JsonNode readYaml(JsonParser p, String file) throws IOException {
        try (p) {
            JsonToken t = p.nextToken();
            return t == null ? null : readValue(p, t, file, "");
        }
    }

    private static JsonNode readValue(JsonParser p, JsonToken t, String file, String path) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    JsonNode v = readValue(p, p.nextToken(), file, child);
                    if (o.has(key)) throw new SpecException(file, child, null, "field given twice; give it once");
                    o.set(key, v);
                }
                return o;
            }
            case START_ARRAY -> {
                var a = f.arrayNode();
                int i = 0;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(readValue(p, e, file, path + "[" + i++ + "]"));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> f.numberNode(p.getIntValue());
                    case LONG -> f.numberNode(p.getLongValue());
                    default -> f.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                Matcher m = NON_FINITE.matcher(p.getText());
                if (m.matches()) {
                    double v = m.group(3) != null ? Double.NaN
                            : "-".equals(m.group(1)) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    return f.numberNode(v);
                }
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                Object o = p.getEmbeddedObject();
                return o instanceof byte[] b ? f.binaryNode(b) : f.pojoNode(o);
            }
            default -> throw new IllegalStateException("unexpected YAML token " + t + " at " + path);
        }
    }

    public static SpecNode parseString(String yaml, String name) {
        return parse(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), name);
    }

    /** An empty mapping standing for an omitted optional section, so defaults apply. */
    public static SpecNode empty(String file, String path) {
        return new SpecNode(file, path, JsonNodeFactory.instance.objectNode());
    }

    /** Key naming the preset or file a mapping of overrides applies to, e.g. {@code chip: {base: rram-22nm, ...}}. */
    public static final String BASE_KEY = "base";

    /**
     * Returns a copy of this mapping with {@code key=value} overrides applied (dotted keys, YAML scalars). Overriding
     * a field inside a value that is a name (a preset or a file, e.g. {@code chip: rram-22nm} with
     * {@code chip.core.adc.bits=6}) turns that value into {@code {base: name, core: {adc: {bits: 6}}}}.
     */
    public SpecNode withOverrides(List<String> assignments) {
        ObjectNode copy = node.deepCopy();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new SpecException(file, a, null, "an override must look like key.path=value");
            }
            String[] keys = a.substring(0, eq).split("\\.");
            String raw = a.substring(eq + 1);
            JsonNode value;
            try {
                value = readYaml(YAML.getFactory().createParser(raw.isEmpty() ? "''" : raw), file);
            } catch (IOException e) {
                throw new SpecException(file, a.substring(0, eq), raw, "not a valid YAML value");
            }
            ObjectNode cur = copy;
            for (int i = 0; i < keys.length - 1; i++) {
                JsonNode next = cur.get(keys[i]);
                if (next != null && next.isTextual()) {
                    // a name (preset or file) whose fields are overridden becomes { base: name, ...fields }
                    String name = next.textValue();
                    ObjectNode o = cur.putObject(keys[i]);
                    o.put(BASE_KEY, name);
                    next = o;
                } else if (next == null || !next.isObject()) {
                    next = cur.putObject(keys[i]);
                }
                cur = (ObjectNode) next;
            }
            cur.set(keys[keys.length - 1], value);
        }
        return new SpecNode(file, path, copy);
    }

    /**
     * This mapping with {@code overrides} merged in (mappings merged key by key, anything else replaced), read as
     * coming from {@code fileLabel}.
     */
    public SpecNode mergedWith(JsonNode overrides, String fileLabel) {
        ObjectNode copy = node.deepCopy();
        merge(copy, overrides);
        return new SpecNode(fileLabel, path, copy);
    }

    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<String> it = from.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            JsonNode v = from.get(k);
            JsonNode cur = into.get(k);
            if (v.isObject() && cur != null && cur.isObject()) merge((ObjectNode) cur, v);
            else into.set(k, v.deepCopy());
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public String file() { return file; }
    public String path() { return path; }
    public JsonNode raw() { return node; }

    private String child(String key) { return path.isEmpty() ? key : path + "." + key; }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode get(String key) {
        consumed.add(key);
        JsonNode v = node.get(key);
        return (v == null || v.isNull()) ? null : v;
    }

    public SpecException error(String key, Object value, String allowed) {
        return new SpecException(file, key == null ? path : child(key), value == null ? null : String.valueOf(value), allowed);
    }

    // ---- mappings and lists

    public SpecNode object(String key) {
        JsonNode v = get(key);
        if (v == null) throw error(key, null, "required section is missing");
        if (!v.isObject()) throw error(key, v, "expected a mapping");
        return new SpecNode(file, child(key), v);
    }

    public SpecNode optObject(String key) {
        JsonNode v = get(key);
        if (v == null) return empty(file, child(key));
        if (!v.isObject()) throw error(key, v, "expected a mapping");
        return new SpecNode(file, child(key), v);
    }

    public List<SpecNode> objectList(String key) {
        JsonNode v = get(key);
        if (v == null) throw error(key, null, "required list is missing");
        if (!v.isArray()) throw error(key, v, "expected a list");
        List<SpecNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = child(key) + "[" + i + "]";
            if (!e.isObject()) throw new SpecException(file, p, e.toString(), "expected a mapping");
            out.add(new SpecNode(file, p, e));
        }
        return out;
    }

    /** Keys of this mapping, in file order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // ---- scalars

    public int requireInt(String key, int min, int max) {
        JsonNode v = get(key);
        if (v == null) throw error(key, null, "required; allowed range [" + min + ", " + max + "]");
        return checkInt(key, v, min, max);
    }

    public int optInt(String key, int dflt, int min, int max) {
        JsonNode v = get(key);
        return v == null ? dflt : checkInt(key, v, min, max);
    }

    private int checkInt(String key, JsonNode v, int min, int max) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key, v, "expected an integer in [" + min + ", " + max + "]");
        }
        int x = v.intValue();
        if (x < min || x > max) throw error(key, x, "allowed range [" + min + ", " + max + "]");
        return x;
    }

    public long optLong(String key, long dflt, long min, long max) {
        JsonNode v = get(key);
        if (v == null) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, v, "expected an integer in [" + min + ", " + max + "]");
        }
        long x = v.longValue();
        if (x < min || x > max) throw error(key, x, "allowed range [" + min + ", " + max + "]");
        return x;
    }

    public double requireDouble(String key, double min, double max) {
        JsonNode v = get(key);
        if (v == null) throw error(key, null, "required; allowed range [" + fmt(min) + ", " + fmt(max) + "]");
        return checkDouble(key, v, min, max);
    }

    public double optDouble(String key, double dflt, double min, double max) {
        JsonNode v = get(key);
        return v == null ? dflt : checkDouble(key, v, min, max);
    }

    private double checkDouble(String key, JsonNode v, double min, double max) {
        double x;
        if (v.isNumber()) {
            x = v.doubleValue();
        } else if (v.isTextual() && (v.textValue().equalsIgnoreCase(".nan") || v.textValue().equalsIgnoreCase("nan"))) {
            x = Double.NaN;
        } else {
            throw error(key, v, "expected a number in [" + fmt(min) + ", " + fmt(max) + "]");
        }
        if (Double.isNaN(x) || x < min || x > max) {
            throw error(key, fmt(x), "allowed range [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return x;
    }

    private static String fmt(double d) {
        if (d == Double.MAX_VALUE || d == Double.POSITIVE_INFINITY) return "inf";
        if (d == -Double.MAX_VALUE || d == Double.NEGATIVE_INFINITY) return "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    public boolean optBool(String key, boolean dflt) {
        JsonNode v = get(key);
        if (v == null) return dflt;
        if (!v.isBoolean()) throw error(key, v, "expected true or false");
        return v.booleanValue();
    }

    public String requireString(String key) {
        JsonNode v = get(key);
        if (v == null) throw error(key, null, "required text field is missing");
        if (!v.isValueNode()) throw error(key, v, "expected text");
        return v.asText();
    }

    public String optString(String key, String dflt) {
        JsonNode v = get(key);
        if (v == null) return dflt;
        if (!v.isValueNode()) throw error(key, v, "expected text");
        return v.asText();
    }

    public List<Integer> optIntList(String key, List<Integer> dflt, int min, int max) {
        JsonNode v = get(key);
        if (v == null) return dflt;
        if (!v.isArray()) throw error(key, v, "expected a list of integers");
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String k = key + "[" + i + "]";
            if (!e.isIntegralNumber()) throw error(k, e, "expected an integer in [" + min + ", " + max + "]");
            int x = e.intValue();
            if (x < min || x > max) throw error(k, x, "allowed range [" + min + ", " + max + "]");
            out.add(x);
        }
        return List.copyOf(out);
    }

    /** Reads a closed choice; names are matched case-insensitively with '-' and '_' equivalent. */
    public <E extends Enum<E>> E requireEnum(String key, Class<E> type) {
        JsonNode v = get(key);
        if (v == null) throw error(key, null, "required; one of " + choices(type));
        return parseEnum(key, v.asText(), type);
    }

    public <E extends Enum<E>> E optEnum(String key, Class<E> type, E dflt) {
        JsonNode v = get(key);
        return v == null ? dflt : parseEnum(key, v.asText(), type);
    }

    public <E extends Enum<E>> E parseEnum(String key, String text, Class<E> type) {
        String norm = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) return e;
        }
        throw error(key, "'" + text + "'", "one of " + choices(type));
    }

    public static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(displayName(e));
        return String.join(", ", names);
    }

    public static String displayName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Fails on any field that no reader consumed: a misspelt key must not be silently ignored. */
    public void finish() {
        Set<String> unknown = new TreeSet<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!consumed.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            String k = unknown.iterator().next();
            List<String> known = new ArrayList<>(consumed);
            known.sort(null);
            String guess = closest(k, known);
            throw error(k, node.get(k), "unknown field"
                    + (guess == null ? "" : "; did you mean '" + guess + "'?")
                    + "; known fields here: " + String.join(", ", known));
        }
    }

    /** The known name a misspelt key most likely meant (edit distance at most 2, or a third of its length). */
    static String closest(String key, List<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        int limit = Math.max(2, key.length() / 3);
        for (String k : known) {
            int d = editDistance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestD) {
                best = k;
                bestD = d;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public String toString() {
        return file + ":" + path + " " + node;
    }

    static List<String> list(String... s) { return Arrays.asList(s); }
}
