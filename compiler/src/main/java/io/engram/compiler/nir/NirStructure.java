package io.engram.compiler.nir;

import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.nir.NirGraph.Edge;
import io.engram.compiler.nir.NirGraph.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reading the graph's structure: node kinds are checked (E201, E202), edges resolved (E200), and the graph must be
 * a chain from its one Input to an Output (E203 loops, E204 branches, merges and loose nodes). The result is the
 * chain of nodes in order, Input first.
 */
final class NirStructure {
    private final NirGraph g;
    private final NirReport report;
    private final Map<String, TreeSet<String>> succ = new TreeMap<>();
    private final Map<String, TreeSet<String>> pred = new TreeMap<>();

    private NirStructure(NirGraph g, NirReport report) {
        this.g = g;
        this.report = report;
    }

    /**
     * The chain Input -> ... -> Output and the recurrent weights: neuron node name -> the Affine/Linear node that
     * feeds the neuron's own output back into it (a loop neuron -> weight -> neuron).
     */
    record Chain(List<Node> nodes, Map<String, Node> recurrent) {}

    private final Map<String, Node> recurrent = new TreeMap<>();

    /** The chain, or null after reporting why the graph is not one. */
    static Chain chain(NirGraph g, NirReport report) {
        NirStructure s = new NirStructure(g, report);
        List<Node> nodes = s.chain();
        return nodes == null ? null : new Chain(nodes, s.recurrent);
    }

    private List<Node> chain() {
        int before = report.errorCount();
        checkKinds();
        for (String n : g.nodes().keySet()) {
            succ.put(n, new TreeSet<>());
            pred.put(n, new TreeSet<>());
        }
        for (Edge e : g.edges()) {
            if (!g.nodes().containsKey(e.src()) || !g.nodes().containsKey(e.dst())) {
                report.at(DiagCode.E200, "/node/edges", "edge " + e.src() + " -> " + e.dst()
                        + " names a node that does not exist", "");
                continue;
            }
            succ.get(e.src()).add(e.dst());
            pred.get(e.dst()).add(e.src());
        }
        List<Node> inputs = new ArrayList<>();
        for (Node n : g.nodes().values()) if (n.kind() == NirKind.INPUT) inputs.add(n);
        if (inputs.size() != 1) {
            report.at(DiagCode.E204, (Node) null, "the graph has " + inputs.size() + " Input nodes; exactly one is needed",
                    "a layer chain has one input");
            return null;
        }
        Node input = inputs.get(0);
        Set<String> loopOnly = new HashSet<>();
        Set<String> reachable = removeBackEdges(input.name(), loopOnly);
        for (Node n : g.nodes().values()) {
            if (loopOnly.contains(n.name())) continue;
            if (!reachable.contains(n.name())) {
                report.at(DiagCode.E204, n, "node `" + n.name() + "` is not reachable from the Input node `" + input.name()
                        + "`", "remove unconnected nodes before export");
                continue;
            }
            if (succ.get(n.name()).size() > 1) {
                report.at(DiagCode.E204, n, "node `" + n.name() + "` feeds " + succ.get(n.name()).size() + " nodes ("
                        + String.join(", ", succ.get(n.name())) + "); branching graphs (skip connections) cannot be"
                        + " mapped to a chain of layers", "export a sequential network");
            }
            if (pred.get(n.name()).size() > 1) {
                report.at(DiagCode.E204, n, "node `" + n.name() + "` sums the outputs of " + pred.get(n.name()).size()
                        + " nodes (" + String.join(", ", pred.get(n.name())) + "); merging graphs cannot be mapped to a"
                        + " chain of layers", "export a sequential network");
            }
            if (succ.get(n.name()).isEmpty() && n.kind() != NirKind.OUTPUT) {
                report.at(DiagCode.E204, n, "node `" + n.name() + "` leads nowhere: it is not connected to an Output node", "");
            }
        }
        if (report.errorCount() > before) return null;
        List<Node> chain = new ArrayList<>();
        Node cur = input;
        while (true) {
            chain.add(cur);
            if (succ.get(cur.name()).isEmpty()) break;
            cur = g.nodes().get(succ.get(cur.name()).first());
        }
        return chain;
    }

    private void checkKinds() {
        for (Node n : g.nodes().values()) {
            switch (n.kind()) {
                case GRAPH -> report.at(DiagCode.E202, n, "node `" + n.name() + "` is a nested NIR subgraph; only flat"
                        + " graphs are mapped", "flatten the graph before export (nir.NIRGraph flattening) so that its"
                        + " nodes appear at the top level");
                case DELAY -> report.at(DiagCode.E202, n, "node `" + n.name() + "` (Delay) delays its input in time; the"
                        + " chip has no axonal or synaptic delay lines", "export the network without delays");
                case UNKNOWN -> report.at(DiagCode.E201, n, "node `" + n.name() + "` has type " + n.type() + ", which the"
                        + " compiler does not map", "supported types: " + NirKind.supportedNames());
                default -> { }
            }
        }
    }

    /** The loop v -> u -> v with v a neuron node and u a dense weight that only v feeds and only feeds v. */
    private boolean selfRecurrence(List<String> loop, Node u, Node v) {
        return loop.size() == 3 && v.kind().role() == NirKind.Role.NEURON
                && (u.kind() == NirKind.AFFINE || u.kind() == NirKind.LINEAR)
                && succ.get(u.name()).equals(java.util.Set.of(v.name())) && pred.get(u.name()).equals(java.util.Set.of(v.name()));
    }

    /**
     * Depth-first search from the input in name order; every edge that closes a loop is reported (E203) and
     * removed from succ/pred so that the remaining structure can be checked too. Returns the reachable nodes.
     */
    private Set<String> removeBackEdges(String start, Set<String> loopOnly) {
        Set<String> done = new HashSet<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new HashSet<>();
        Deque<Iterator<String>> its = new ArrayDeque<>();
        List<Edge> back = new ArrayList<>();
        stack.add(start);
        onStack.add(start);
        its.push(new ArrayList<>(succ.get(start)).iterator());
        while (!its.isEmpty()) {
            Iterator<String> it = its.peek();
            if (it.hasNext()) {
                String v = it.next();
                String u = stack.get(stack.size() - 1);
                if (onStack.contains(v)) {
                    back.add(new Edge(u, v));
                    List<String> loop = new ArrayList<>(stack.subList(stack.indexOf(v), stack.size()));
                    loop.add(v);
                    Set<String> inLoop = new HashSet<>(loop);
                    for (String x : loop) {
                        if (!x.equals(v) && inLoop.containsAll(succ.get(x))) loopOnly.add(x);
                    }
                    Node un = g.nodes().get(u), vn = g.nodes().get(v);
                    if (selfRecurrence(loop, un, vn)) {
                        recurrent.put(v, un);
                        continue;
                    }
                    report.at(DiagCode.E203, un, "node `" + u + "` (" + un.type() + ") feeds back into `" + v + "` ("
                                    + vn.type() + "), closing the loop " + String.join(" -> ", loop) + "; only a"
                                    + " neuron population's recurrence through one Affine or Linear node back to itself is"
                                    + " mapped (its weights become more rows of the layer's crossbar)",
                            "export the recurrence as neuron -> Affine/Linear -> the same neuron, or a feed-forward network");
                } else if (!done.contains(v)) {
                    stack.add(v);
                    onStack.add(v);
                    its.push(new ArrayList<>(succ.get(v)).iterator());
                }
            } else {
                its.pop();
                String u = stack.remove(stack.size() - 1);
                onStack.remove(u);
                done.add(u);
            }
        }
        for (Edge e : back) {
            succ.get(e.src()).remove(e.dst());
            pred.get(e.dst()).remove(e.src());
        }
        // Nodes that exist only to close a reported loop (e.g. a recurrent weight) are left out of the structure checks,
        // so that the loop is reported once, as E203, and not again as a branch.
        for (String x : loopOnly) {
            for (String s : succ.get(x)) pred.get(s).remove(x);
            for (String p : pred.get(x)) succ.get(p).remove(x);
            succ.get(x).clear();
            pred.get(x).clear();
        }
        return done;
    }
}
