package io.engram.compiler.frontend.sanafe;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.chip.eventcore.EventChipSpec;
import io.engram.chip.eventcore.EventNetwork;
import io.engram.chip.eventcore.SynapseClass;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Frontend for SANA-FE's network description format (the YAML of its {@code snn/} folder), onto an event chip:
 * <pre>
 * network:
 *   name: ...
 *   groups:
 *   - name: G
 *     attributes: { soma_hw_name: U, synapse_hw_name: S, threshold: T, reset: R, leak_decay: L, bias: B }
 *     neurons:
 *     - 0: { bias: 6 }           # one neuron, attributes overriding the group's
 *     - 1..99: {}                # a range of neuron ids
 *   edges:
 *   - G -> H: { type: conv2d, input_width, input_height, input_channels, kernel_width, kernel_height,
 *               kernel_count, stride_width, stride_height, weight: [...] }    # weights [ky][kx][c_in][c_out]
 *   - G -> H: { type: dense, weight: [...] }                                  # weight index src * |H| + dst
 *   - G.i -> H.j: { weight: w }                                              # one synapse
 * mappings:
 * - G.i: { core: T.C }           # neuron i of group G on core C of tile T (or G.a..b for a range)
 * </pre>
 * Convolutions are unpadded; neurons are indexed channel-major (c x H x W + y x W + x), so a group that a
 * convolution touches must number its neurons 0..N-1. Attributes that only select what SANA-FE logs
 * ({@code log_spikes}, {@code log_potential}, {@code log_u}) are accepted and do not change the run; any other
 * attribute is an error naming the supported ones. Every mistake is a {@link SpecException} with the file and the
 * field path.
 */
public final class SanafeNetworkReader {
    private static final Set<String> LOG_ATTRIBUTES = Set.of("log_spikes", "log_potential", "log_u");
    private static final Set<String> ATTRIBUTES = Set.of("soma_hw_name", "synapse_hw_name", "threshold", "reset",
            "leak_decay", "bias");
    private static final String SUPPORTED = "soma_hw_name, synapse_hw_name, threshold, reset, leak_decay, bias "
            + "(and the logging flags log_spikes, log_potential, log_u)";
    private static final int MAX_DIM = 1 << 16;

    private final String file;
    private final EventChipSpec chip;

    private SanafeNetworkReader(String file, EventChipSpec chip) {
        this.file = file;
        this.chip = chip;
    }

    /** Reads {@code path} and maps it onto {@code chip}. */
    public static EventNetwork read(Path path, EventChipSpec chip) {
        SpecNode root = SpecNode.parse(path);
        return new SanafeNetworkReader(path.toString(), chip).read(root.raw());
    }

    /** Reads YAML text (tests). */
    public static EventNetwork read(String yaml, String name, EventChipSpec chip) {
        return new SanafeNetworkReader(name, chip).read(SpecNode.parseString(yaml, name).raw());
    }

    private record Group(int index, String name, int first, int size, Map<Long, Integer> ids) {}

    private EventNetwork read(JsonNode root) {
        JsonNode network = require(root, "network", "", "the network section");
        String name = network.has("name") ? network.get("name").asText() : file;
        EventNetwork.Builder b = new EventNetwork.Builder(name);
        JsonNode groups = require(network, "groups", "network", "a list of neuron groups");
        if (!groups.isArray()) throw err("network.groups", groups, "a list of neuron groups");
        Map<String, Group> byName = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            Group gr = readGroup(groups.get(g), "network.groups[" + g + "]", b, byName);
            byName.put(gr.name(), gr);
        }
        JsonNode edges = network.get("edges");
        if (edges != null && !edges.isNull()) {
            if (!edges.isArray()) throw err("network.edges", edges, "a list of edges");
            for (int e = 0; e < edges.size(); e++) readEdge(edges.get(e), "network.edges[" + e + "]", b, byName);
        }
        for (Iterator<String> it = network.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("name", "groups", "edges").contains(k)) {
                throw err("network." + k, null, "unknown section; the network has name, groups and edges");
            }
        }
        JsonNode mappings = require(root, "mappings", "", "a list mapping every neuron to a core, G.i: { core: T.C }");
        if (!mappings.isArray()) throw err("mappings", mappings, "a list of G.i: { core: T.C }");
        int[] perCore = new int[chip.cores()];
        for (int m = 0; m < mappings.size(); m++) readMapping(mappings.get(m), "mappings[" + m + "]", b, byName, perCore);
        for (Group g : byName.values()) {
            for (int k = 0; k < g.size(); k++) {
                if (b.coreOf(g.first() + k) < 0) {
                    throw err("mappings", null, "neuron " + g.name() + "." + idOf(g, k) + " is not mapped to a core; "
                            + "every neuron needs a mapping " + g.name() + ".i: { core: T.C }");
                }
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("network") && !k.equals("mappings")) {
                throw err(k, null, "unknown top-level section; a SANA-FE network file has network and mappings");
            }
        }
        return b.build();
    }

    private Group readGroup(JsonNode g, String at, EventNetwork.Builder b, Map<String, Group> byName) {
        if (!g.isObject()) throw err(at, g, "a group mapping with name, attributes and neurons");
        String gname = require(g, "name", at, "the group's name").asText();
        if (byName.containsKey(gname)) throw err(at + ".name", gname, "group names must be unique");
        JsonNode attrs = g.get("attributes");
        Map<String, JsonNode> groupAttrs = attributes(attrs, at + ".attributes");
        JsonNode neurons = require(g, "neurons", at, "a list of neurons (id or a..b range) with their attributes");
        if (!neurons.isArray()) throw err(at + ".neurons", neurons, "a list of neurons");
        int gi = b.group(gname);
        int first = b.size();
        Map<Long, Integer> ids = new HashMap<>();
        for (int k = 0; k < neurons.size(); k++) {
            String nat = at + ".neurons[" + k + "]";
            JsonNode entry = neurons.get(k);
            Map.Entry<String, JsonNode> kv = single(entry, nat, "one neuron id or range with its attributes");
            long[] range = range(kv.getKey(), nat);
            Map<String, JsonNode> own = attributes(kv.getValue(), nat + "." + kv.getKey());
            Map<String, JsonNode> eff = new HashMap<>(groupAttrs);
            eff.putAll(own);
            String soma = text(eff, "soma_hw_name", nat);
            if (!chip.somaUnits().contains(soma)) {
                throw err(nat + ".soma_hw_name", soma, "chip " + chip.name() + " has soma units " + chip.somaUnits());
            }
            SynapseClass in = null;
            if (eff.containsKey("synapse_hw_name")) {
                String syn = eff.get("synapse_hw_name").asText();
                in = chip.synapseUnits().get(syn);
                if (in == null) {
                    throw err(nat + ".synapse_hw_name", syn, "chip " + chip.name() + " has synapse units "
                            + chip.synapseUnits().keySet());
                }
            }
            double threshold = number(eff, "threshold", nat, null);
            double reset = number(eff, "reset", nat, 0.0);
            double leak = number(eff, "leak_decay", nat, 1.0);
            if (leak < 0 || leak > 1) throw err(nat + ".leak_decay", leak, "a decay factor in [0, 1]");
            double bias = number(eff, "bias", nat, 0.0);
            for (long id = range[0]; id <= range[1]; id++) {
                if (ids.put(id, b.size() - first) != null) {
                    throw err(nat, kv.getKey(), "neuron id " + id + " appears twice in group " + gname);
                }
                b.neuron(gi, bias, threshold, reset, leak, in);
            }
        }
        return new Group(gi, gname, first, b.size() - first, ids);
    }

    private void readEdge(JsonNode e, String at, EventNetwork.Builder b, Map<String, Group> byName) {
        Map.Entry<String, JsonNode> kv = single(e, at, "one edge 'A -> B' with its attributes");
        String[] ends = kv.getKey().split("->");
        if (ends.length != 2) throw err(at, kv.getKey(), "an edge is written 'G -> H' or 'G.i -> H.j'");
        String src = ends[0].trim();
        String dst = ends[1].trim();
        JsonNode a = kv.getValue();
        String eat = at + "." + kv.getKey();
        if (a == null || !a.isObject()) throw err(eat, a, "a mapping of edge attributes");
        boolean srcNeuron = src.contains(".");
        boolean dstNeuron = dst.contains(".");
        if (srcNeuron != dstNeuron) throw err(at, kv.getKey(), "both ends are groups or both are neurons (G.i)");
        if (srcNeuron) {
            int s = neuron(src, byName, at);
            int d = neuron(dst, byName, at);
            expectKeys(a, eat, Set.of("weight"));
            b.synapse(s, d, number(a, "weight", eat));
            requireSynapseUnit(b, d, dst, at);
            return;
        }
        Group gs = group(src, byName, at);
        Group gd = group(dst, byName, at);
        String type = require(a, "type", eat, "conv2d or dense").asText();
        switch (type) {
            case "dense" -> {
                expectKeys(a, eat, Set.of("type", "weight"));
                double[] w = weights(a, eat, (long) gs.size() * gd.size(),
                        "|" + gs.name() + "| x |" + gd.name() + "| = " + gs.size() + " x " + gd.size());
                for (int i = 0; i < gs.size(); i++) {
                    for (int j = 0; j < gd.size(); j++) {
                        double wt = w[i * gd.size() + j];
                        b.synapse(gs.first() + i, gd.first() + j, wt);
                    }
                }
                for (int j = 0; j < gd.size(); j++) requireSynapseUnit(b, gd.first() + j, gd.name(), at);
            }
            case "conv2d" -> conv(a, eat, b, gs, gd, at);
            default -> throw err(eat + ".type", type, "supported hyperedge types: conv2d, dense "
                    + "(write other connections as neuron edges G.i -> H.j)");
        }
    }

    private void conv(JsonNode a, String eat, EventNetwork.Builder b, Group gs, Group gd, String at) {
        expectKeys(a, eat, Set.of("type", "weight", "input_width", "input_height", "input_channels", "kernel_width",
                "kernel_height", "kernel_count", "stride_width", "stride_height"));
        int w = dim(a, "input_width", eat, null);
        int h = dim(a, "input_height", eat, null);
        int cin = dim(a, "input_channels", eat, null);
        int kw = dim(a, "kernel_width", eat, null);
        int kh = dim(a, "kernel_height", eat, null);
        int cout = dim(a, "kernel_count", eat, null);
        int sw = dim(a, "stride_width", eat, 1);
        int sh = dim(a, "stride_height", eat, 1);
        if (kw > w || kh > h) throw err(eat, kw + "x" + kh, "the kernel must fit the " + w + "x" + h + " input");
        int ow = (w - kw) / sw + 1;
        int oh = (h - kh) / sh + 1;
        if (gs.size() != cin * h * w) {
            throw err(eat, gs.size(), "source group " + gs.name() + " has " + gs.size() + " neurons but the "
                    + "convolution's input is " + cin + " x " + h + " x " + w + " = " + (cin * h * w));
        }
        if (gd.size() != cout * oh * ow) {
            throw err(eat, gd.size(), "destination group " + gd.name() + " has " + gd.size() + " neurons but the "
                    + "unpadded convolution gives " + cout + " x " + oh + " x " + ow + " = " + (cout * oh * ow));
        }
        contiguous(gs, eat);
        contiguous(gd, eat);
        double[] wt = weights(a, eat, (long) kh * kw * cin * cout,
                "kernel_height x kernel_width x input_channels x kernel_count = " + kh + " x " + kw + " x " + cin
                        + " x " + cout);
        for (int co = 0; co < cout; co++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int d = gd.first() + (co * oh + oy) * ow + ox;
                    requireSynapseUnit(b, d, gd.name(), at);
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            for (int ci = 0; ci < cin; ci++) {
                                int s = gs.first() + (ci * h + oy * sh + ky) * w + ox * sw + kx;
                                b.synapse(s, d, wt[((ky * kw + kx) * cin + ci) * cout + co]);
                            }
                        }
                    }
                }
            }
        }
    }

    private void readMapping(JsonNode m, String at, EventNetwork.Builder b, Map<String, Group> byName, int[] perCore) {
        Map.Entry<String, JsonNode> kv = single(m, at, "one neuron G.i (or range G.a..b) with { core: T.C }");
        String key = kv.getKey();
        int dot = key.indexOf('.');
        if (dot < 0) throw err(at, key, "a neuron is written G.i or a range G.a..b");
        Group g = group(key.substring(0, dot), byName, at);
        long[] range = range(key.substring(dot + 1), at);
        JsonNode v = kv.getValue();
        String mat = at + "." + key;
        if (v == null || !v.isObject()) throw err(mat, v, "a mapping { core: T.C }");
        expectKeys(v, mat, Set.of("core"));
        String coreText = require(v, "core", mat, "T.C: tile T, core C of that tile").asText();
        int core = core(coreText, mat + ".core");
        for (long id = range[0]; id <= range[1]; id++) {
            Integer k = g.ids().get(id);
            if (k == null) throw err(at, key, "group " + g.name() + " has no neuron " + id);
            int n = g.first() + k;
            if (b.coreOf(n) >= 0) throw err(at, key, "neuron " + g.name() + "." + id + " is mapped twice");
            if (++perCore[core] > chip.compartmentsPerCore()) {
                throw err(mat + ".core", coreText, "core " + coreText + " holds at most " + chip.compartmentsPerCore()
                        + " neurons (compartments per core of chip " + chip.name() + ")");
            }
            b.map(n, core);
        }
    }

    private int core(String text, String at) {
        String[] p = text.split("\\.");
        int tile;
        int c;
        try {
            if (p.length != 2) throw new NumberFormatException();
            tile = Integer.parseInt(p[0].trim());
            c = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            throw err(at, text, "T.C: tile T in [0, " + (chip.tiles() - 1) + "], core C in [0, "
                    + (chip.coresPerTile() - 1) + "]");
        }
        if (tile < 0 || tile >= chip.tiles() || c < 0 || c >= chip.coresPerTile()) {
            throw err(at, text, "chip " + chip.name() + " has tiles 0-" + (chip.tiles() - 1) + " with cores 0-"
                    + (chip.coresPerTile() - 1));
        }
        return tile * chip.coresPerTile() + c;
    }

    // ---- helpers

    private void requireSynapseUnit(EventNetwork.Builder b, int neuron, String name, String at) {
        if (inClassMissing(b, neuron)) {
            throw err(at, name, "the destination neuron has no synapse_hw_name; synapses need one of "
                    + chip.synapseUnits().keySet());
        }
    }

    private static boolean inClassMissing(EventNetwork.Builder b, int neuron) { return b.inClassOf(neuron) == null; }

    private void contiguous(Group g, String at) {
        for (int k = 0; k < g.size(); k++) {
            Integer idx = g.ids().get((long) k);
            if (idx == null || idx != k) {
                throw err(at, g.name(), "a convolution's groups must number their neurons 0.." + (g.size() - 1)
                        + " in order (channel-major c x H x W + y x W + x)");
            }
        }
    }

    private Group group(String name, Map<String, Group> byName, String at) {
        Group g = byName.get(name);
        if (g == null) throw err(at, name, "no such group; groups: " + byName.keySet());
        return g;
    }

    private int neuron(String ref, Map<String, Group> byName, String at) {
        int dot = ref.indexOf('.');
        Group g = group(ref.substring(0, dot), byName, at);
        long id = range(ref.substring(dot + 1), at)[0];
        Integer k = g.ids().get(id);
        if (k == null) throw err(at, ref, "group " + g.name() + " has no neuron " + id);
        return g.first() + k;
    }

    private static long idOf(Group g, int k) {
        for (Map.Entry<Long, Integer> e : g.ids().entrySet()) if (e.getValue() == k) return e.getKey();
        return k;
    }

    private long[] range(String text, String at) {
        String t = text.trim();
        try {
            int dots = t.indexOf("..");
            if (dots < 0) {
                long v = Long.parseLong(t);
                if (v < 0) throw new NumberFormatException();
                return new long[]{v, v};
            }
            long lo = Long.parseLong(t.substring(0, dots).trim());
            long hi = Long.parseLong(t.substring(dots + 2).trim());
            if (lo < 0 || hi < lo) throw new NumberFormatException();
            return new long[]{lo, hi};
        } catch (NumberFormatException e) {
            throw err(at, text, "a neuron id (integer >= 0) or a range a..b with a <= b");
        }
    }

    private Map<String, JsonNode> attributes(JsonNode attrs, String at) {
        Map<String, JsonNode> out = new HashMap<>();
        if (attrs == null || attrs.isNull()) return out;
        if (!attrs.isObject()) throw err(at, attrs, "a mapping of attributes");
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (LOG_ATTRIBUTES.contains(f.getKey())) continue;
            if (!ATTRIBUTES.contains(f.getKey())) throw err(at + "." + f.getKey(), null, "unsupported attribute; "
                    + "supported: " + SUPPORTED);
            out.put(f.getKey(), f.getValue());
        }
        return out;
    }

    private Map.Entry<String, JsonNode> single(JsonNode n, String at, String what) {
        if (n == null || !n.isObject() || n.size() != 1) throw err(at, n, what);
        return n.fields().next();
    }

    private String text(Map<String, JsonNode> attrs, String key, String at) {
        JsonNode v = attrs.get(key);
        if (v == null || v.isNull()) throw err(at + "." + key, null, "required (on the neuron or its group)");
        return v.asText();
    }

    private double number(Map<String, JsonNode> attrs, String key, String at, Double dflt) {
        JsonNode v = attrs.get(key);
        if (v == null || v.isNull()) {
            if (dflt == null) throw err(at + "." + key, null, "required (on the neuron or its group); a number");
            return dflt;
        }
        if (!v.isNumber()) throw err(at + "." + key, v, "a number");
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw err(at + "." + key, v, "a finite number");
        return d;
    }

    private double number(JsonNode n, String key, String at) {
        JsonNode v = require(n, key, at, "a number");
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw err(at + "." + key, v, "a finite number");
        return v.asDouble();
    }

    private int dim(JsonNode n, String key, String at, Integer dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (dflt == null) throw err(at + "." + key, null, "required; an integer in [1, " + MAX_DIM + "]");
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_DIM) {
            throw err(at + "." + key, v, "an integer in [1, " + MAX_DIM + "]");
        }
        return v.asInt();
    }

    private double[] weights(JsonNode a, String at, long expected, String shape) {
        JsonNode w = require(a, "weight", at, "a list of " + expected + " weights");
        if (!w.isArray()) throw err(at + ".weight", null, "a list of " + expected + " weights (" + shape + ")");
        if (w.size() != expected) {
            throw err(at + ".weight", w.size() + " values", "expected " + expected + " weights (" + shape + ")");
        }
        double[] out = new double[w.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = w.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) throw err(at + ".weight[" + i + "]", x, "a number");
            out[i] = x.asDouble();
        }
        return out;
    }

    private void expectKeys(JsonNode n, String at, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw err(at + "." + k, null, "unknown attribute; allowed: "
                    + new java.util.TreeSet<>(allowed));
        }
    }

    private JsonNode require(JsonNode n, String key, String at, String what) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) throw err(at.isEmpty() ? key : at + "." + key, null, "required: " + what);
        return v;
    }

    private SpecException err(String at, Object value, String allowed) {
        String v = value == null ? null : (value instanceof JsonNode j ? abbreviate(j.toString()) : String.valueOf(value));
        return new SpecException(file, at, v, allowed);
    }

    private static String abbreviate(String s) { return s.length() > 60 ? s.substring(0, 57) + "..." : s; }
}
