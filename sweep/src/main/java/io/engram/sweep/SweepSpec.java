package io.engram.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A sweep file: a base experiment and axes over any key that {@code engram run --set} accepts.
 *
 * <pre>
 * name: adc-study
 * experiment: ../experiments/demo.yaml   # the base experiment, relative to this file
 * set: { data.train: 300 }               # --set overrides every point gets
 * axes:                                  # the points are the product of these blocks
 *   - grid: { chip.core.adc.bits: [4, 6, 8], chip.core.crossbar.rows: [64, 128] }   # every combination
 *   - zip: { training.epochs: [1, 2], data.train: [300, 600] }                       # moving together
 *   - list: [ { chip: rram-22nm }, { chip: digital-sram, chip.core.adc.bits: 8 } ]    # explicit points
 *   - random: { n: 8, seed: 3, ranges: { readout.learning_rate: [0.001, 0.01] },
 *               log_ranges: { encoding.max_rate_hz: [10, 100] }, choices: { encoding.kind: [rate, poisson] } }
 *   - one_at_a_time: { chip.core.device.levels: [4, 64], chip.core.adc.bits: [4, 6] }   # each key alone (4 points)
 * seeds: [1, 2, 3]                       # replicates: every point once per seed (or a count: seeds 1..N)
 * keep: reports                          # run folders kept: none | reports (report.*, manifest) | all
 * master: local[*]                       # Spark master when --master is not given
 * </pre>
 *
 * @param experiment the base experiment file (absolute)
 * @param fixed      overrides every point gets, first
 * @param blocks     each block's assignments (one list of key=value per choice); the points are their product
 * @param seeds      replicate seeds (empty: the experiment's own seed)
 */
public record SweepSpec(String name, Path file, Path experiment, List<String> fixed, List<List<List<String>>> blocks,
                        List<Long> seeds, Keep keep, String master) {

    /** Which files of each point's run folder stay on disk. */
    public enum Keep { NONE, REPORTS, ALL }

    /** Most points one sweep file may expand to (a typo in a grid must not start a billion runs). */
    static final int MAX_POINTS = 1_000_000;
    private static final int MAX_RANDOM = 1_000_000;
    private static final int MAX_SEEDS = 100_000;
    private static final String DEFAULT_MASTER = "local[*]";
    private static final String KINDS = "grid, list, one_at_a_time, random, zip";

    public static SweepSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SpecException(file.toString(), "", null, "no such sweep file");
        }
        SpecNode n = SpecNode.parse(file);
        Path dir = file.toAbsolutePath().getParent();
        String name = n.optString("name", stem(file));
        String exp = n.requireString("experiment");
        Path experiment = dir.resolve(exp).normalize();
        if (!Files.isRegularFile(experiment)) {
            throw n.error("experiment", exp, "no such experiment file (looked at " + experiment + ")");
        }
        List<String> fixed = new ArrayList<>();
        if (n.has("set")) {
            SpecNode s = n.object("set");
            for (String k : s.keys()) fixed.add(assignment(k, s.raw().get(k)));
        }
        List<List<List<String>>> blocks = new ArrayList<>();
        if (n.has("axes")) {
            for (SpecNode axis : n.objectList("axes")) blocks.add(block(axis));
        }
        List<Long> seeds = seeds(n);
        Keep keep = n.optEnum("keep", Keep.class, Keep.REPORTS);
        String master = n.optString("master", DEFAULT_MASTER);
        n.finish();
        SweepSpec spec = new SweepSpec(name, file, experiment, List.copyOf(fixed), List.copyOf(blocks), seeds, keep, master);
        long count = spec.countPoints();
        if (count > MAX_POINTS) {
            throw n.error("axes", count + " points", "at most " + MAX_POINTS + " points per sweep");
        }
        return spec;
    }

    private static String stem(Path file) {
        String f = file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /** {@code key=value} as {@code --set} takes it: a scalar as written, a list or mapping in YAML flow style. */
    static String assignment(String key, JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return key + "=" + text;
    }

    private static List<List<String>> block(SpecNode axis) {
        List<String> kinds = axis.keys();
        if (kinds.size() != 1) {
            throw new SpecException(axis.file(), axis.path(), axis.raw().toString(),
                    "each axis block has exactly one of: " + KINDS);
        }
        String kind = kinds.get(0);
        return switch (kind) {
            case "grid" -> grid(axis.object("grid"));
            case "zip" -> zip(axis.object("zip"));
            case "list" -> list(axis);
            case "random" -> random(axis.object("random"));
            case "one_at_a_time" -> oneAtATime(axis.object("one_at_a_time"));
            default -> throw axis.error(kind, null, "unknown axis kind; allowed: " + KINDS);
        };
    }

    private static List<JsonNode> values(SpecNode n, String key) {
        JsonNode v = n.raw().get(key);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw n.error(key, v, "expected a non-empty list of values");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    private static List<List<String>> grid(SpecNode g) {
        List<List<String>> points = new ArrayList<>();
        points.add(List.of());
        if (g.keys().isEmpty()) throw g.error(null, "{}", "a grid needs at least one key");
        for (String key : g.keys()) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> p : points) {
                for (JsonNode v : values(g, key)) {
                    List<String> q = new ArrayList<>(p);
                    q.add(assignment(key, v));
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** Each key through its values with every other key of the block at the experiment's value: one-axis studies. */
    private static List<List<String>> oneAtATime(SpecNode o) {
        if (o.keys().isEmpty()) throw o.error(null, "{}", "one_at_a_time needs at least one key");
        List<List<String>> points = new ArrayList<>();
        for (String key : o.keys()) {
            for (JsonNode v : values(o, key)) points.add(List.of(assignment(key, v)));
        }
        return points;
    }

    private static List<List<String>> zip(SpecNode z) {
        if (z.keys().isEmpty()) throw z.error(null, "{}", "a zip needs at least one key");
        int len = -1;
        String first = null;
        for (String key : z.keys()) {
            int l = values(z, key).size();
            if (len < 0) {
                len = l;
                first = key;
            } else if (l != len) {
                throw z.error(key, l + " values", "every list of a zip has the same length (" + first + " has " + len + ")");
            }
        }
        List<List<String>> points = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            List<String> p = new ArrayList<>();
            for (String key : z.keys()) p.add(assignment(key, values(z, key).get(i)));
            points.add(p);
        }
        return points;
    }

    private static List<List<String>> list(SpecNode axis) {
        List<SpecNode> entries = axis.objectList("list");
        if (entries.isEmpty()) throw axis.error("list", "[]", "a list needs at least one point");
        List<List<String>> points = new ArrayList<>();
        for (SpecNode e : entries) {
            List<String> p = new ArrayList<>();
            for (String key : e.keys()) p.add(assignment(key, e.raw().get(key)));
            points.add(p);
        }
        return points;
    }

    /**
     * N points drawn with one seeded generator: for each point, each key in file order (ranges, then log ranges,
     * then choices) draws once. A range whose bounds are both integers draws integers, bounds included.
     */
    private static List<List<String>> random(SpecNode r) {
        int n = r.requireInt("n", 1, MAX_RANDOM);
        long seed = r.optLong("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        SpecNode ranges = r.optObject("ranges");
        SpecNode logRanges = r.optObject("log_ranges");
        SpecNode choices = r.optObject("choices");
        r.finish();
        if (ranges.keys().isEmpty() && logRanges.keys().isEmpty() && choices.keys().isEmpty()) {
            throw r.error(null, r.raw(), "a random axis needs at least one of ranges, log_ranges, choices");
        }
        Map<String, double[]> lin = bounds(ranges, false);
        Map<String, double[]> log = bounds(logRanges, true);
        Map<String, List<JsonNode>> pick = new LinkedHashMap<>();
        for (String k : choices.keys()) pick.put(k, values(choices, k));
        SplittableRandom rnd = new SplittableRandom(seed);
        List<List<String>> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> p = new ArrayList<>();
            for (Map.Entry<String, double[]> e : lin.entrySet()) p.add(e.getKey() + "=" + draw(rnd, e.getValue(), false));
            for (Map.Entry<String, double[]> e : log.entrySet()) p.add(e.getKey() + "=" + draw(rnd, e.getValue(), true));
            for (Map.Entry<String, List<JsonNode>> e : pick.entrySet()) {
                p.add(assignment(e.getKey(), e.getValue().get(rnd.nextInt(e.getValue().size()))));
            }
            points.add(p);
        }
        return points;
    }

    /** [lo, hi, 1 if both are integers]. */
    private static Map<String, double[]> bounds(SpecNode ranges, boolean log) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String k : ranges.keys()) {
            JsonNode v = ranges.raw().get(k);
            if (v == null || !v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()
                    || v.get(0).doubleValue() > v.get(1).doubleValue()) {
                throw ranges.error(k, v, "expected [low, high] with low <= high");
            }
            if (log && v.get(0).doubleValue() <= 0) {
                throw ranges.error(k, v, "a log range needs low > 0");
            }
            boolean ints = v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber();
            out.put(k, new double[]{v.get(0).doubleValue(), v.get(1).doubleValue(), ints ? 1 : 0});
        }
        return out;
    }

    private static String draw(SplittableRandom rnd, double[] b, boolean log) {
        if (b[2] == 1 && !log) {
            return Long.toString((long) b[0] + rnd.nextLong((long) b[1] - (long) b[0] + 1));
        }
        double u = rnd.nextDouble();
        double x = log ? Math.exp(Math.log(b[0]) + u * (Math.log(b[1]) - Math.log(b[0]))) : b[0] + u * (b[1] - b[0]);
        if (b[2] == 1) return Long.toString(Math.round(x));
        return Double.toString(x);
    }

    private static List<Long> seeds(SpecNode n) {
        if (!n.has("seeds")) return List.of();
        JsonNode v = n.raw().get("seeds");
        List<Long> out = new ArrayList<>();
        if (v.isIntegralNumber()) {
            int count = n.optInt("seeds", 1, 1, MAX_SEEDS);
            for (long s = 1; s <= count; s++) out.add(s);
            return out;
        }
        if (!v.isArray() || v.isEmpty()) throw n.error("seeds", v, "a count (seeds 1..N) or a non-empty list of seeds");
        for (int s : n.optIntList("seeds", List.of(), 0, Integer.MAX_VALUE)) out.add((long) s);
        return List.copyOf(out);
    }

    long countPoints() {
        long c = 1;
        for (List<List<String>> b : blocks) c = Math.multiplyExact(c, (long) b.size());
        return Math.multiplyExact(c, Math.max(1, seeds.size()));
    }

    /** Every point, in order: the product of the blocks (the last block moving fastest), then the seeds. */
    public List<SweepPoint> points() {
        List<List<String>> combos = new ArrayList<>();
        combos.add(List.of());
        for (List<List<String>> b : blocks) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> c : combos) {
                for (List<String> choice : b) {
                    List<String> q = new ArrayList<>(c);
                    q.addAll(choice);
                    next.add(q);
                }
            }
            combos = next;
        }
        List<SweepPoint> out = new ArrayList<>();
        for (List<String> c : combos) {
            if (seeds.isEmpty()) {
                out.add(point(out.size(), c));
            } else {
                for (long s : seeds) {
                    List<String> q = new ArrayList<>(c);
                    q.add("seed=" + s);
                    out.add(point(out.size(), q));
                }
            }
        }
        return out;
    }

    private SweepPoint point(int index, List<String> varying) {
        List<String> sets = new ArrayList<>(fixed);
        sets.addAll(varying);
        return new SweepPoint(index, String.format(Locale.ROOT, "p%04d", index), sets, varying);
    }
}
