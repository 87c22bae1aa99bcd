package io.engram.chip.eventcore;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The technology of an event-driven core: energy and latency of every {@link EventKind}, and the barrier table.
 * <pre>
 * name: loihi-sanafe
 * events:
 *   neuron_access: { energy_pj: 51.2, latency_ns: 6.0, source: "..." }
 *   ...                                   # every event kind, zero written explicitly where it does not apply
 * barrier: { rule: step_up, energy_pj: 0, ns_by_tiles: { 1: 600, 2: 1000 }, source: "..." }
 * </pre>
 * A missing event is a load error (a missing cost is never zero by default).
 */
public record EventCosts(String name, String description, Map<EventKind, EventCost> costs, BarrierTable barrier,
                         String sha256) {
    /** Built-in event technologies. */
    public static final java.util.List<String> BUILT_IN = java.util.List.of("loihi-sanafe", "loihi-davies2018");
    private static final double MAX_PJ = 1e9;
    private static final double MAX_NS = 1e9;
    private static final int MAX_TILES = 1 << 20;

    public EventCosts {
        costs = java.util.Collections.unmodifiableMap(new EnumMap<>(costs));
        for (EventKind k : EventKind.values()) {
            if (!costs.containsKey(k)) throw new IllegalStateException("no cost for " + k.key());
        }
    }

    public EventCost cost(EventKind k) { return costs.get(k); }

    /** A built-in event technology, {@code eventcore/technology/NAME.yaml} on the classpath; null if there is none. */
    public static EventCosts builtIn(String name) {
        String res = "eventcore/technology/" + name + ".yaml";
        try (InputStream in = EventCosts.class.getClassLoader().getResourceAsStream(res)) {
            return in == null ? null : parse(in.readAllBytes(), res);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in resource " + res, e);
        }
    }

    /** A built-in name or a file path. */
    public static EventCosts resolve(String nameOrPath) {
        EventCosts b = builtIn(nameOrPath);
        if (b != null) return b;
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new SpecException(nameOrPath, "", null, "no built-in event technology of that name "
                    + "(built in: " + BUILT_IN + ") and no such file");
        }
        try {
            return parse(Files.readAllBytes(p), p.toString());
        } catch (IOException e) {
            throw new SpecException(p.toString(), "", null, "cannot read: " + e.getMessage());
        }
    }

    public static EventCosts parse(byte[] bytes, String fileName) {
        SpecNode root = SpecNode.parse(new java.io.ByteArrayInputStream(bytes), fileName);
        String name = root.requireString("name");
        String description = root.optString("description", "");
        SpecNode ev = root.object("events");
        Map<EventKind, EventCost> costs = new EnumMap<>(EventKind.class);
        for (EventKind k : EventKind.values()) {
            if (!ev.has(k.key())) {
                throw ev.error(k.key(), null, "missing cost for event " + k.key()
                        + "; give energy_pj, latency_ns and source (0 is allowed, but must be written)");
            }
            SpecNode n = ev.object(k.key());
            costs.put(k, new EventCost(n.requireDouble("energy_pj", 0, MAX_PJ), n.requireDouble("latency_ns", 0, MAX_NS),
                    n.requireString("source")));
            n.finish();
        }
        ev.finish();
        SpecNode b = root.object("barrier");
        BarrierTable.Rule rule = switch (b.requireString("rule")) {
            case "step_up" -> BarrierTable.Rule.STEP_UP;
            case "linear" -> BarrierTable.Rule.LINEAR;
            default -> throw b.error("rule", b.raw().get("rule").asText(), "one of: step_up, linear");
        };
        double energy = b.requireDouble("energy_pj", 0, MAX_PJ);
        SpecNode t = b.object("ns_by_tiles");
        Map<Integer, Double> table = new TreeMap<>();
        for (String key : t.keys()) {
            int tiles;
            try {
                tiles = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw t.error(key, key, "keys are tile counts, 1 to " + MAX_TILES);
            }
            if (tiles < 1 || tiles > MAX_TILES) throw t.error(key, key, "keys are tile counts, 1 to " + MAX_TILES);
            table.put(tiles, t.requireDouble(key, 0, MAX_NS));
        }
        if (table.isEmpty()) throw b.error("ns_by_tiles", "{}", "at least one tile count with its barrier latency");
        t.finish();
        String src = b.requireString("source");
        b.finish();
        root.finish();
        return new EventCosts(name, description, costs, new BarrierTable(rule, table, energy, src), sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
