package io.engram.compiler.nir;

import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.nir.NirGraph.Edge;
import io.engram.compiler.nir.NirGraph.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reading, nested graphs: a node that is itself an NIR graph is replaced by its nodes, named {@code outer.inner}.
 * Its Input and Output nodes are ports: an edge into the graph node (named {@code g} or {@code g.<input>}) goes to
 * the nodes its Input feeds, an edge out of it ({@code g} or {@code g.<output>}) leaves from the nodes that feed its
 * Output. Graphs nested deeper are flattened first.
 */
final class NirFlattener {
    private NirFlattener() {}

    /**
     * Flattens; an inner edge that names no node of its graph is resolved to the one node whose name begins with
     * the edge's name (some exporters name a node `lif1` but its edges `lif`), with a W201 warning.
     */
    static NirGraph flatten(NirGraph g, NirReport report) {
        boolean nested = false;
        for (Node n : g.nodes().values()) nested |= n.subgraph() != null;
        if (!nested) return g;
        Map<String, Node> nodes = new TreeMap<>();
        Map<String, List<String>> entries = new TreeMap<>(); // port name -> inner nodes fed by it
        Map<String, List<String>> exits = new TreeMap<>();   // port name -> inner nodes feeding it
        List<Edge> edges = new ArrayList<>();
        for (Node n : g.nodes().values()) {
            if (n.subgraph() == null) {
                nodes.put(n.name(), n);
                continue;
            }
            NirGraph sub = resolveEdges(flatten(n.subgraph(), report), n.name(), report);
            String pre = n.name() + ".";
            List<String> allIn = new ArrayList<>(), allOut = new ArrayList<>();
            for (Node inner : sub.nodes().values()) {
                NirKind k = inner.kind();
                if (k == NirKind.INPUT || k == NirKind.OUTPUT) continue;
                nodes.put(pre + inner.name(), new Node(pre + inner.name(), inner.type(), inner.params(), null));
            }
            for (Edge e : sub.edges()) {
                Node s = sub.nodes().get(e.src()), d = sub.nodes().get(e.dst());
                boolean fromPort = s != null && s.kind() == NirKind.INPUT;
                boolean toPort = d != null && d.kind() == NirKind.OUTPUT;
                if (fromPort && !toPort) {
                    entries.computeIfAbsent(pre + e.src(), x -> new ArrayList<>()).add(pre + e.dst());
                    allIn.add(pre + e.dst());
                } else if (toPort && !fromPort) {
                    exits.computeIfAbsent(pre + e.dst(), x -> new ArrayList<>()).add(pre + e.src());
                    allOut.add(pre + e.src());
                } else if (!fromPort) {
                    edges.add(new Edge(pre + e.src(), pre + e.dst()));
                }
            }
            entries.put(n.name(), allIn);
            exits.put(n.name(), allOut);
        }
        Set<Edge> out = new LinkedHashSet<>(edges);
        for (Edge e : g.edges()) {
            List<String> srcs = exits.getOrDefault(e.src(), List.of(e.src()));
            List<String> dsts = entries.getOrDefault(e.dst(), List.of(e.dst()));
            for (String s : srcs) for (String d : dsts) out.add(new Edge(s, d));
        }
        return new NirGraph(g.file(), g.version(), nodes, new ArrayList<>(out));
    }

    private static NirGraph resolveEdges(NirGraph sub, String outer, NirReport report) {
        List<Edge> edges = new ArrayList<>();
        boolean changed = false;
        Set<String> warned = new java.util.HashSet<>();
        for (Edge e : sub.edges()) {
            String a = resolve(sub, e.src(), outer, report, warned), b = resolve(sub, e.dst(), outer, report, warned);
            changed |= !a.equals(e.src()) || !b.equals(e.dst());
            edges.add(new Edge(a, b));
        }
        return changed ? new NirGraph(sub.file(), sub.version(), sub.nodes(), edges) : sub;
    }

    private static String resolve(NirGraph sub, String name, String outer, NirReport report, Set<String> warned) {
        if (sub.nodes().containsKey(name)) return name;
        List<String> match = new ArrayList<>();
        for (String n : sub.nodes().keySet()) if (n.startsWith(name)) match.add(n);
        if (match.size() != 1) return name;
        if (warned.add(name)) report.at(DiagCode.W201, "NIR node `" + outer + "` (NIRGraph)", "an edge of the nested graph names `" + name
                + "`, which is not one of its nodes; taken as `" + match.get(0) + "`, the only node whose name begins"
                + " with it", "fix the node or edge names in the exporter");
        return match.get(0);
    }
}
