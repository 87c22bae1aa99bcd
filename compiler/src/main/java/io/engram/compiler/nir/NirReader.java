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

/** Reads the structure and parameters of an NIR HDF5 file with jhdf. Problems become E200 diagnostics. */
public final class NirReader {
    private NirReader() {}

    /** Returns the graph, or null after reporting E200. */
    public static NirGraph read(Path file, Diagnostics diags) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            diags.report(DiagCode.E200, Location.of(name, ""), "no such file", "check the path of the NIR graph");
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
        } catch (RuntimeException e) {
            diags.report(DiagCode.E200, Location.of(name, ""), "cannot read the file as HDF5: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), "check that the file is a complete NIR (HDF5) export");
            return null;
        }
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
            if (c instanceof Group) {
                if (type == null) type = "NIRGraph";
                continue;
            }
            if (c instanceof Dataset d) params.put(c.getName(), param(c.getName(), d));
        }
        if (type == null) type = g.getChildren().containsKey("nodes") ? "NIRGraph" : "<missing type>";
        NirGraph sub = null;
        if (child(g, "nodes") instanceof Group nested) {
            sub = graph(file, version, g, nested, path, diags);
            if (sub == null) return null;
        }
        return new NirGraph.Node(g.getName(), type, params, sub);
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
