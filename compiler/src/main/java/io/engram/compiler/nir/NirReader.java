package io.engram.compiler.nir;

import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.diag.Location;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the structure and parameters of an NIR HDF5 file with jhdf. An unreadable file is E200 in the user's terms
 * (a folder, not a regular file, truncated or not HDF5); a parameter that is not finite (NaN, infinite) or larger than
 * the simulator can hold is E206 naming the node and the parameter, so no later stage sees such a value.
 */
public final class NirReader {
    /** Most elements of one Java array (the JVM's limit is a little below Integer.MAX_VALUE). */
    static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    /** The group of a node that holds its metadata (nir.write); read as parameters named {@code metadata/KEY}. */
    public static final String METADATA = "metadata";

    private NirReader() {}

    /** Returns the graph, or null after reporting E200. */
    public static NirGraph read(Path file, Diagnostics diags) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            diags.report(DiagCode.E200, Location.of(name, ""), "a folder, not a file", "give the path of the NIR graph file");
            return null;
        }
        if (!Files.exists(file)) {
            diags.report(DiagCode.E200, Location.of(name, ""), "no such file", "check the path of the NIR graph");
            return null;
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO or a device would block or never end: only regular files are read
            diags.report(DiagCode.E200, Location.of(name, ""), "not a regular file (a pipe or a device)",
                    "give the path of the NIR graph file");
            return null;
        }
        try (HdfFile f = new HdfFile(file)) {
            Node nodeGroup = child(f, "node");
            if (!(nodeGroup instanceof Group root)) {
                diags.report(DiagCode.E200, Location.of(name, "/node"), "the file has no /node group, so it is not an NIR graph",
                        "export the network with nir.write(...)");
                return null;
            }
            String version = text(child(f, "version"));
            Node nodesNode = child(root, "nodes");
            if (!(nodesNode instanceof Group nodes)) {
                diags.report(DiagCode.E200, Location.of(name, "/node/nodes"), "missing group /node/nodes", "");
                return null;
            }
            return graph(name, version, root, nodes, "/node", diags);
        } catch (TooLarge e) {
            diags.report(DiagCode.E206, Location.of(name, ""), e.getMessage(),
                    "make the layer smaller or split it over several layers");
            return null;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError | InternalError e) {
            // jhdf reports a short or damaged file with assorted exceptions (a damaged header may also declare an
            // absurd size or a cycle): the user's words first, the library's detail after
            diags.report(DiagCode.E200, Location.of(name, ""), "truncated or not an HDF5 file (" + size(file)
                    + "; detail: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + firstLine(e.getMessage())) + ")", "check that the file is a complete NIR (HDF5) export");
            return null;
        }
    }

    private static String size(Path file) {
        try {
            return Files.size(file) + " bytes";
        } catch (java.io.IOException e) {
            return "size unknown";
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** True when every numeric parameter of the node is finite; else reports E206 naming node and parameter. */
    private static boolean finite(String file, NirGraph.Node n, Diagnostics diags) {
        for (NirGraph.Param p : n.params().values()) {
            if (!p.numeric()) continue;
            double[] v = p.values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    diags.report(DiagCode.E206, Location.of(file, n.label() + " parameter `" + p.name() + "`"),
                            "parameter " + p.name() + " of node " + n.name() + " holds " + v[i] + " at index " + i
                                    + " (shape " + p.shapeText() + "); every value must be a finite number",
                            "fix the exported network (a NaN usually comes from a diverged training run)");
                    return false;
                }
            }
        }
        return true;
    }

    /** Refuses, before reading it, a parameter larger than a Java array or than the heap can hold. */
    private static void checkSize(Group g, String name, Dataset d) {
        long elements = d.getSize();
        long heap = Runtime.getRuntime().maxMemory();
        // read as its own type, then widened to double: up to 8 + 8 bytes per element while both exist
        long bytes = elements > Long.MAX_VALUE / (2 * Double.BYTES) ? Long.MAX_VALUE : elements * 2 * Double.BYTES;
        if (elements > MAX_ARRAY_ELEMENTS || bytes > heap) {
            throw new TooLarge("parameter " + name + " of node " + g.getName() + " has " + elements + " values (shape "
                    + java.util.Arrays.toString(d.getDimensions()) + "); the simulator holds at most "
                    + MAX_ARRAY_ELEMENTS + " values per array and this JVM's heap of " + heap + " bytes about "
                    + heap / (2 * Double.BYTES) + " values; no chip layer of this size can be simulated here");
        }
    }

    /** A parameter too large to read: reported as E206 by {@link #read}. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) { super(message); }
    }

    /** The graph held by {@code root} (the file's /node, or a nested graph node); null after E200. */
    private static NirGraph graph(String file, String version, Group root, Group nodes, String path, Diagnostics diags) {
        Map<String, NirGraph.Node> out = new TreeMap<>();
        for (Node n : nodes) {
            if (!(n instanceof Group g)) continue;
            NirGraph.Node node = node(file, version, g, path + "/nodes/" + g.getName(), diags);
            if (node == null) return null;
            out.put(n.getName(), node);
        }
        List<NirGraph.Edge> edges = edges(child(root, "edges"), file, path + "/edges", diags);
        if (edges == null) return null;
        return new NirGraph(file, version, out, edges);
    }

    private static NirGraph.Node node(String file, String version, Group g, String path, Diagnostics diags) {
        String type = text(child(g, "type"));
        Map<String, NirGraph.Param> params = new TreeMap<>();
        for (Node c : g) {
            if (c.getName().equals("type")) continue;
            if (c instanceof Group meta && c.getName().equals(METADATA)) {
                // nir.write's per-node metadata: its datasets become parameters named metadata/KEY
                for (Node m : meta) {
                    if (m instanceof Dataset d) {
                        checkSize(g, METADATA + "/" + m.getName(), d);
                        params.put(METADATA + "/" + m.getName(), param(METADATA + "/" + m.getName(), d));
                    }
                }
                continue;
            }
            if (c instanceof Group) {
                if (type == null) type = "NIRGraph";
                continue;
            }
            if (c instanceof Dataset d) {
                checkSize(g, c.getName(), d);
                params.put(c.getName(), param(c.getName(), d));
            }
        }
        if (type == null) type = g.getChildren().containsKey("nodes") ? "NIRGraph" : "<missing type>";
        NirGraph sub = null;
        if (child(g, "nodes") instanceof Group nested) {
            sub = graph(file, version, g, nested, path, diags);
            if (sub == null) return null;
        }
        NirGraph.Node node = new NirGraph.Node(g.getName(), type, params, sub);
        return finite(file, node, diags) ? node : null;
    }

    private static NirGraph.Param param(String name, Dataset d) {
        int[] dims = d.isScalar() ? new int[0] : d.getDimensions();
        if (d.getJavaType() == String.class) {
            Object data = d.getData();
            return new NirGraph.Param(name, dims, null, data instanceof String s ? s : String.valueOf(flatFirst(data)));
        }
        Object data = d.isScalar() ? d.getData() : d.getDataFlat();
        return new NirGraph.Param(name, dims, toDoubles(data), null);
    }

    private static Node child(Group g, String name) { return g.getChildren().get(name); }

    private static Object flatFirst(Object a) {
        while (a != null && a.getClass().isArray()) a = Array.getLength(a) == 0 ? null : Array.get(a, 0);
        return a;
    }

    static double[] toDoubles(Object data) {
        if (data instanceof Number n) return new double[] {n.doubleValue()};
        if (data instanceof Boolean b) return new double[] {b ? 1 : 0};
        if (data instanceof double[] a) return a.clone();
        if (data instanceof float[] a) {
            double[] o = new double[a.length];
            for (int i = 0; i < a.length; i++) o[i] = a[i];
            return o;
        }
        if (data instanceof long[] a) {
            double[] o = new double[a.length];
            for (int i = 0; i < a.length; i++) o[i] = a[i];
            return o;
        }
        if (data instanceof int[] a) {
            double[] o = new double[a.length];
            for (int i = 0; i < a.length; i++) o[i] = a[i];
            return o;
        }
        if (data != null && data.getClass().isArray()) {
            int n = Array.getLength(data);
            double[] o = new double[n];
            for (int i = 0; i < n; i++) o[i] = ((Number) Array.get(data, i)).doubleValue();
            return o;
        }
        throw new IllegalArgumentException("unsupported parameter data " + (data == null ? "null" : data.getClass().getSimpleName()));
    }

    private static String text(Node n) {
        if (!(n instanceof Dataset d)) return null;
        Object o = d.getData();
        Object first = o instanceof String ? o : flatFirst(o);
        return first == null ? null : first.toString();
    }

    private static List<NirGraph.Edge> edges(Node e, String file, String where, Diagnostics diags) {
        List<NirGraph.Edge> out = new ArrayList<>();
        if (e == null) return out;
        if (e instanceof Dataset d) {
            Object data = d.getData();
            if (data instanceof String[][] pairs) {
                for (String[] p : pairs) {
                    if (p.length != 2) {
                        diags.report(DiagCode.E200, Location.of(file, where), "an edge row has " + p.length + " entries, expected 2", "");
                        return null;
                    }
                    out.add(new NirGraph.Edge(p[0], p[1]));
                }
                return out;
            }
            diags.report(DiagCode.E200, Location.of(file, where), "edges dataset is not an n x 2 string array", "");
            return null;
        }
        Group g = (Group) e;
        Node src = child(g, "src"), dst = child(g, "dst");
        if (!(src instanceof Dataset s) || !(dst instanceof Dataset t)) {
            diags.report(DiagCode.E200, Location.of(file, where), "edges group needs src and dst datasets", "");
            return null;
        }
        String[] a = strings(s.getData()), b = strings(t.getData());
        if (a == null || b == null || a.length != b.length) {
            diags.report(DiagCode.E200, Location.of(file, where), "edges src and dst must be string lists of equal length", "");
            return null;
        }
        for (int i = 0; i < a.length; i++) out.add(new NirGraph.Edge(a[i], b[i]));
        return out;
    }

    private static String[] strings(Object o) {
        if (o instanceof String[] a) return a;
        if (o instanceof String s) return new String[] {s};
        return null;
    }
}
