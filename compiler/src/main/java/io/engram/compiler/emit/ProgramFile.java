package io.engram.compiler.emit;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.ir.Describe;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads a {@link ChipProgram} as HDF5 (written with jhdf, readable by any HDF5 reader).
 * <pre>
 * /                      attrs: format = "engram-program", format_version = 1, chip_name, input_shape [c,h,w],
 *                               layer_count, route_count, core_count
 *   sram_bytes_per_core  int64 [cores]
 *   layers/NNN_name      attrs: index, name, kind, in_shape, out_shape, kernel, stride, padding, rows, cols,
 *                               positions, weight_scale, tile_count, neuron (rate|lif) + lif_*, activation (+ _power,
 *                               _clamp_low, _clamp_high), competition (+ _k, _temperature), rule (+ rule_* params),
 *                               norm (none|batch) + norm_eps (files without norm load as none)
 *                               recurrent_from (a recurrent dense layer: the layer whose spikes drive its
 *                               rows below the inputs; files without it: rows = in + cols is recurrent on itself)
 *     weights            float32 [rows, cols]   (weighted layers)
 *     bias               float32 [cols]         (when present)
 *     tiles              int32 [n, 5]: core, row_start, rows, col_start, cols
 *   cores/N              attrs: tile_count, sram_bytes (cores with a tile or SRAM in use)
 *     tiles              int32 [n, 6]: layer, core, row_start, rows, col_start, cols
 *     routes_out         int32 [..] indices of routes sourced here; routes_in: routes delivered here
 *   routes               attrs: count; datasets kind (string [n]), src int32 [n], dest_offsets int32 [n+1],
 *                        dests int32 [..], payload_bits int64 [n], layer int32 [n]
 * </pre>
 * jhdf 0.9.4 cannot write empty arrays, so empty datasets are left out and counts are kept as attributes. The
 * {@code cores} groups are a per-core view for other tools; {@link #read} rebuilds the program from {@code layers},
 * {@code routes} and {@code sram_bytes_per_core}. Writes are atomic: a temporary file in the target directory, then
 * a rename, so a failed write leaves no partial file behind.
 */
public final class ProgramFile {
    public static final String FORMAT = "engram-program";
    public static final int FORMAT_VERSION = 1;

    private ProgramFile() {}

    public static void write(ChipProgram p, Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.removeAttribute("_jHDF"); // jHDF tags every file it writes with its version; not ours to ship
                writeInto(f, p);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write program " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write already failed
                }
            }
        }
    }

    private static void writeInto(WritableHdfFile f, ChipProgram p) {
        f.putAttribute("format", FORMAT);
        f.putAttribute("format_version", FORMAT_VERSION);
        f.putAttribute("chip_name", p.chipName());
        f.putAttribute("input_shape", shape(p.input()));
        f.putAttribute("layer_count", p.layers().size());
        f.putAttribute("route_count", p.routes().size());
        f.putAttribute("core_count", p.sramBytesPerCore().length);
        if (p.sramBytesPerCore().length > 0) f.putDataset("sram_bytes_per_core", p.sramBytesPerCore());
        WritableGroup layers = f.putGroup("layers");
        for (int i = 0; i < p.layers().size(); i++) writeLayer(layers, i, p.layers().get(i));

        WritableGroup cores = f.putGroup("cores");
        Map<Integer, List<int[]>> tilesOn = new TreeMap<>();
        for (int i = 0; i < p.layers().size(); i++) {
            for (Tile t : p.layers().get(i).tiles()) {
                tilesOn.computeIfAbsent(t.core(), k -> new ArrayList<>()).add(new int[] {i, t.core(), t.rowStart(), t.rows(),
                        t.colStart(), t.cols()});
            }
        }
        Map<Integer, List<Integer>> out = new TreeMap<>(), in = new TreeMap<>();
        for (int r = 0; r < p.routes().size(); r++) {
            ChipProgram.Route route = p.routes().get(r);
            out.computeIfAbsent(route.src(), k -> new ArrayList<>()).add(r);
            for (int d : route.dests()) in.computeIfAbsent(d, k -> new ArrayList<>()).add(r);
        }
        for (int c = 0; c < p.sramBytesPerCore().length; c++) {
            List<int[]> tiles = tilesOn.get(c);
            if (tiles == null && p.sramBytesPerCore()[c] == 0) continue;
            WritableGroup g = cores.putGroup(Integer.toString(c));
            g.putAttribute("sram_bytes", p.sramBytesPerCore()[c]);
            g.putAttribute("tile_count", tiles == null ? 0 : tiles.size());
            if (tiles != null) g.putDataset("tiles", tiles.toArray(new int[0][]));
            if (out.containsKey(c)) g.putDataset("routes_out", ints(out.get(c)));
            if (in.containsKey(c)) g.putDataset("routes_in", ints(in.get(c)));
        }

        WritableGroup routes = f.putGroup("routes");
        int n = p.routes().size();
        routes.putAttribute("count", n);
        if (n > 0) {
            String[] kind = new String[n];
            int[] src = new int[n], layer = new int[n], offsets = new int[n + 1];
            long[] bits = new long[n];
            int total = 0;
            for (int r = 0; r < n; r++) total += p.routes().get(r).dests().length;
            int[] dests = new int[total];
            int k = 0;
            for (int r = 0; r < n; r++) {
                ChipProgram.Route route = p.routes().get(r);
                kind[r] = route.kind().name();
                src[r] = route.src();
                layer[r] = route.layer();
                bits[r] = route.payloadBits();
                offsets[r] = k;
                for (int d : route.dests()) dests[k++] = d;
            }
            offsets[n] = k;
            routes.putDataset("kind", kind);
            routes.putDataset("src", src);
            routes.putDataset("dest_offsets", offsets);
            if (total > 0) routes.putDataset("dests", dests);
            routes.putDataset("payload_bits", bits);
            routes.putDataset("layer", layer);
        }
    }

    private static void writeLayer(WritableGroup layers, int index, LayerProgram l) {
        WritableGroup g = layers.putGroup(String.format(Locale.ROOT, "%03d_%s", index, l.name().replace('/', '_')));
        g.putAttribute("index", index);
        g.putAttribute("name", l.name());
        g.putAttribute("kind", Describe.lower(l.kind()));
        g.putAttribute("in_shape", shape(l.in()));
        g.putAttribute("out_shape", shape(l.out()));
        g.putAttribute("kernel", l.kernel());
        g.putAttribute("stride", l.stride());
        g.putAttribute("padding", l.padding());
        g.putAttribute("rows", l.rows());
        g.putAttribute("cols", l.cols());
        g.putAttribute("positions", l.positions());
        g.putAttribute("weight_scale", l.weightScale());
        g.putAttribute("tile_count", l.tiles().size());
        if (l.recurrent()) g.putAttribute("recurrent_from", l.recurrentFrom());
        if (l.neuron() instanceof NeuronModel.Lif lif) {
            LifParams p = lif.params();
            g.putAttribute("neuron", "lif");
            g.putAttribute("lif_decay", p.decay());
            g.putAttribute("lif_threshold", p.threshold());
            g.putAttribute("lif_reset", Describe.lower(p.reset()));
            g.putAttribute("lif_reset_value", p.resetValue());
            g.putAttribute("lif_refractory_steps", p.refractorySteps());
            g.putAttribute("lif_theta_plus", p.thetaPlus());
            g.putAttribute("lif_theta_decay", p.thetaDecay());
            if (lif.synapse() != null) {
                g.putAttribute("lif_synapse_decay", lif.synapse().decay());
                g.putAttribute("lif_synapse_direct", lif.synapse().direct());
            }
        } else {
            g.putAttribute("neuron", "rate");
        }
        Activation a = l.activation();
        g.putAttribute("activation", Describe.lower(a.kind()));
        g.putAttribute("activation_power", a.power());
        g.putAttribute("activation_clamp_low", a.clampLow());
        g.putAttribute("activation_clamp_high", a.clampHigh());
        Competition c = l.competition();
        g.putAttribute("competition", Describe.lower(c.kind()));
        g.putAttribute("competition_k", c.k());
        g.putAttribute("competition_temperature", c.temperature());
        g.putAttribute("competition_inhibition", c.inhibition());
        g.putAttribute("competition_inhibition_floor", c.inhibitionFloor());
        writeRule(g, l.rule());
        g.putAttribute("norm", Describe.lower(l.norm().kind()));
        g.putAttribute("norm_eps", l.norm().eps());
        if (l.weights() != null && l.weights().length > 0) {
            float[][] w = new float[l.rows()][l.cols()];
            for (int r = 0; r < l.rows(); r++) System.arraycopy(l.weights(), r * l.cols(), w[r], 0, l.cols());
            g.putDataset("weights", w);
        }
        if (l.bias() != null && l.bias().length > 0) g.putDataset("bias", l.bias());
        if (!l.tiles().isEmpty()) {
            int[][] t = new int[l.tiles().size()][];
            for (int i = 0; i < t.length; i++) {
                Tile x = l.tiles().get(i);
                t[i] = new int[] {x.core(), x.rowStart(), x.rows(), x.colStart(), x.cols()};
            }
            g.putDataset("tiles", t);
        }
    }

    /** The rule's kind and its parameters as {@code rule_NAME} attributes (a range as _min and _max). */
    private static void writeRule(WritableGroup g, LearningRule r) {
        g.putAttribute("rule", r.kindName());
        for (LearningRule.Parameter p : r.parameters()) {
            String key = "rule_" + p.name();
            if (p instanceof LearningRule.Parameter.Real x) {
                g.putAttribute(key, x.value());
            } else if (p instanceof LearningRule.Parameter.Range x) {
                g.putAttribute(key + "_min", x.low());
                g.putAttribute(key + "_max", x.high());
            } else {
                g.putAttribute(key, Describe.lower(((LearningRule.Parameter.Choice) p).value()));
            }
        }
    }

    private static int[] shape(Shape s) { return new int[] {s.channels(), s.height(), s.width()}; }

    private static int[] ints(List<Integer> l) { return l.stream().mapToInt(Integer::intValue).toArray(); }

    // ---- reading

    /** Loads a program; a missing, truncated, corrupt or foreign file throws {@link SpecException} naming the file. */
    public static ChipProgram read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new SpecException(name, "", null, "no such program file");
        Reader r = new Reader(name);
        try (HdfFile f = new HdfFile(file)) {
            return r.program(f);
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SpecException(name, r.where(), null, "corrupt or not an Engram program file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")", e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads with a cursor ({@code where}) so errors can name the HDF5 path being read. */
    private static final class Reader extends io.engram.chip.io.Hdf5Fields {
        Reader(String file) { super(file); }

        ChipProgram program(HdfFile f) {
            String format = f.getAttributes().containsKey("format") ? str(f, "format") : null;
            if (!FORMAT.equals(format)) {
                throw new SpecException(file, "/", format, "not an Engram program file (attribute format must be '" + FORMAT + "')");
            }
            int version = integer(f, "format_version");
            if (version != FORMAT_VERSION) {
                throw new SpecException(file, "/format_version", Integer.toString(version), "supported: " + FORMAT_VERSION);
            }
            String chip = str(f, "chip_name");
            Shape input = shape(f, "input_shape");
            int layerCount = integer(f, "layer_count");
            int routeCount = integer(f, "route_count");
            int coreCount = integer(f, "core_count");
            long[] sram = coreCount == 0 ? new long[0] : (long[]) dataset(f, "sram_bytes_per_core").getData();
            if (sram.length != coreCount) throw new SpecException(file, "/sram_bytes_per_core", null, "length != core_count");
            Group layersGroup = group(f, "layers");
            List<LayerProgram> layers = new ArrayList<>();
            TreeMap<Integer, Group> byIndex = new TreeMap<>();
            for (Node n : layersGroup) {
                if (n instanceof Group g) {
                    where = g.getPath();
                    byIndex.put(integer(g, "index"), g);
                }
            }
            if (byIndex.size() != layerCount) {
                throw new SpecException(file, "/layers", Integer.toString(byIndex.size()), "layer_count says " + layerCount);
            }
            for (int i = 0; i < layerCount; i++) {
                Group g = byIndex.get(i);
                if (g == null) throw new SpecException(file, "/layers", null, "missing layer " + i);
                where = g.getPath();
                layers.add(layer(g));
            }
            where = "/routes";
            List<ChipProgram.Route> routes = routes(group(f, "routes"), routeCount);
            return new ChipProgram(chip, input, layers, routes, sram);
        }

        LayerProgram layer(Group g) {
            String name = str(g, "name");
            LayerKind kind = parseEnum(LayerKind.class, g, "kind");
            Shape in = shape(g, "in_shape"), out = shape(g, "out_shape");
            int kernel = integer(g, "kernel"), stride = integer(g, "stride"), padding = integer(g, "padding");
            int rows = integer(g, "rows"), cols = integer(g, "cols");
            double scale = dbl(g, "weight_scale");
            NeuronModel neuron;
            if ("lif".equals(str(g, "neuron"))) {
                neuron = new NeuronModel.Lif(new LifParams(dbl(g, "lif_decay"), dbl(g, "lif_threshold"),
                        parseEnum(LifParams.Reset.class, g, "lif_reset"), dbl(g, "lif_reset_value"),
                        integer(g, "lif_refractory_steps"), dbl(g, "lif_theta_plus"), dbl(g, "lif_theta_decay")),
                        !g.getAttributes().containsKey("lif_synapse_decay") ? null
                                : new NeuronModel.Synapse(dbl(g, "lif_synapse_decay"), dbl(g, "lif_synapse_direct")));
            } else {
                neuron = new NeuronModel.Rate();
            }
            Activation act = new Activation(parseEnum(Activation.Kind.class, g, "activation"),
                    dbl(g, "activation_power"), dbl(g, "activation_clamp_low"), dbl(g, "activation_clamp_high"));
            Competition comp = new Competition(parseEnum(Competition.Kind.class, g, "competition"),
                    integer(g, "competition_k"), dbl(g, "competition_temperature"),
                    // absent in files written before graded inhibition existed: off
                    g.getAttributes().containsKey("competition_inhibition") ? dbl(g, "competition_inhibition") : 0,
                    g.getAttributes().containsKey("competition_inhibition_floor") ? dbl(g, "competition_inhibition_floor") : 0);
            LearningRule rule = rule(g);
            float[] weights = null;
            if (g.getChildren().containsKey("weights")) {
                float[][] w = (float[][]) dataset(g, "weights").getData();
                if (w.length != rows || (rows > 0 && w[0].length != cols)) {
                    throw new SpecException(file, g.getPath() + "/weights", null, "shape does not match rows x cols " + rows + "x" + cols);
                }
                weights = new float[rows * cols];
                for (int r = 0; r < rows; r++) System.arraycopy(w[r], 0, weights, r * cols, cols);
            }
            float[] bias = g.getChildren().containsKey("bias") ? (float[]) dataset(g, "bias").getData() : null;
            List<Tile> tiles = new ArrayList<>();
            int tileCount = integer(g, "tile_count");
            if (tileCount > 0) {
                int[][] t = (int[][]) dataset(g, "tiles").getData();
                if (t.length != tileCount) throw new SpecException(file, g.getPath() + "/tiles", null, "tile_count says " + tileCount);
                for (int[] x : t) tiles.add(new Tile(x[0], x[1], x[2], x[3], x[4]));
            }
            InputNorm norm = InputNorm.none();
            if (g.getAttributes().containsKey("norm")
                    && parseEnum(InputNorm.Kind.class, g, "norm") == InputNorm.Kind.BATCH) {
                double eps = dbl(g, "norm_eps");
                if (!(eps > 0 && eps <= 1)) throw new SpecException(file, g.getPath() + "/norm_eps", String.valueOf(eps), "must be in (0, 1]");
                norm = InputNorm.batch(eps);
            }
            if (g.getAttributes().containsKey("recurrent_from")) {
                String from = str(g, "recurrent_from");
                if (kind != LayerKind.DENSE || rows <= in.size()) {
                    throw new SpecException(file, g.getPath() + "/recurrent_from", from, "recurrent rows need a dense layer"
                            + " with more rows than its " + in.size() + " inputs");
                }
                return new LayerProgram(name, kind, in, out, kernel, stride, padding, neuron, act, comp, rule, rows, cols,
                        weights, bias, scale, tiles, norm, from);
            }
            // files without the attribute: a dense layer with in + cols rows is recurrent on itself
            return new LayerProgram(name, kind, in, out, kernel, stride, padding, neuron, act, comp, rule, rows, cols,
                    weights, bias, scale, tiles, norm);
        }

        /** The layer's rule from its {@code rule} attribute and {@code rule_NAME} parameters (a range: _min, _max). */
        LearningRule rule(Group g) {
            String kind = str(g, "rule");
            LearningRule rule = LearningRule.read(kind, new LearningRule.ParameterSource() {
                @Override
                public double real(String name) { return dbl(g, "rule_" + name); }

                @Override
                public double real(String name, double absent) {
                    return g.getAttributes().containsKey("rule_" + name) ? dbl(g, "rule_" + name) : absent;
                }

                @Override
                public double[] range(String name) {
                    double low = dbl(g, "rule_" + name + "_min");
                    return new double[] {low, dbl(g, "rule_" + name + "_max")};
                }

                @Override
                public <E extends Enum<E>> E choice(String name, Class<E> type) {
                    return parseEnum(type, g, "rule_" + name);
                }
            });
            if (rule == null) throw new SpecException(file, g.getPath() + "@rule", kind, "unknown rule");
            return rule;
        }

        List<ChipProgram.Route> routes(Group g, int count) {
            List<ChipProgram.Route> out = new ArrayList<>();
            if (integer(g, "count") != count) throw new SpecException(file, "/routes@count", null, "route_count mismatch");
            if (count == 0) return out;
            String[] kind = (String[]) dataset(g, "kind").getData();
            int[] src = (int[]) dataset(g, "src").getData();
            int[] off = (int[]) dataset(g, "dest_offsets").getData();
            int[] dests = g.getChildren().containsKey("dests") ? (int[]) dataset(g, "dests").getData() : new int[0];
            long[] bits = (long[]) dataset(g, "payload_bits").getData();
            int[] layer = (int[]) dataset(g, "layer").getData();
            if (kind.length != count || src.length != count || off.length != count + 1 || bits.length != count
                    || layer.length != count || off[count] != dests.length) {
                throw new SpecException(file, "/routes", null, "route datasets disagree in length");
            }
            for (int r = 0; r < count; r++) {
                out.add(new ChipProgram.Route(parseEnum(PacketKind.class, kind[r], "kind"), src[r],
                        java.util.Arrays.copyOfRange(dests, off[r], off[r + 1]), bits[r], layer[r]));
            }
            return out;
        }

        // ---- typed access with precise errors

        Shape shape(Node n, String key) {
            Object o = attr(n, key).getData();
            if (!(o instanceof int[] s) || s.length != 3) {
                throw new SpecException(file, n.getPath() + "@" + key, String.valueOf(o), "expected 3 integers");
            }
            return new Shape(s[0], s[1], s[2]);
        }

    }
}
