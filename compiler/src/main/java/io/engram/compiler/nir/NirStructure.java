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
     * feeds a neuron population's output back into it, with that population (the neuron itself: a loop neuron ->
     * weight -> neuron; or a later neuron node of the chain: neuron -> ... -> later neuron -> weight -> neuron).
     */
    record Chain(List<Node> nodes, Map<String, Recurrence> recurrent) {}

    /** A recurrent weight node and the neuron node whose spikes it carries back (one step later). */
    record Recurrence(Node weight, String source) {}

    private final Map<String, Recurrence> recurrent = new TreeMap<>();

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

    /**
     * The loop v -> ... -> b -> u -> v with v and b neuron nodes (b = v for a population's own recurrence) and u a
     * dense weight that only b feeds and that only feeds v: b's spikes return to v one step later. Returns b, or null.
     */
    private String recurrenceSource(List<String> loop, Node u, Node v) {
        if (loop.size() < 3 || v.kind().role() != NirKind.Role.NEURON) return null;
        if (u.kind() != NirKind.AFFINE && u.kind() != NirKind.LINEAR) return null;
        String b = loop.get(loop.size() - 3);
        Node bn = g.nodes().get(b);
        if (bn.kind().role() != NirKind.Role.NEURON) return null;
        return succ.get(u.name()).equals(java.util.Set.of(v.name())) && pred.get(u.name()).equals(java.util.Set.of(b))
                ? b : null;
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
                    Node un = g.nodes().get(u), vn = g.nodes().get(v);
                    String source = recurrenceSource(loop, un, vn);
                    if (source != null && !recurrent.containsKey(v)) {
                        // only the weight node exists to close the loop; the nodes between v and b are the chain
                        loopOnly.add(u);
                        recurrent.put(v, new Recurrence(un, source));
                        continue;
                    }
                    Set<String> inLoop = new HashSet<>(loop);
                    for (String x : loop) {
                        if (!x.equals(v) && inLoop.containsAll(succ.get(x))) loopOnly.add(x);
                    }
                    report.at(DiagCode.E203, un, "node `" + u + "` (" + un.type() + ") feeds back into `" + v + "` ("
                                    + vn.type() + "), closing the loop " + String.join(" -> ", loop) + "; only a"
                                    + " recurrence from a neuron population through one Affine or Linear node back to itself or"
                                    + " to an earlier neuron population is mapped (its weights become more rows of that"
                                    + " layer's crossbar), one per population",
                            "export the recurrence as neuron -> Affine/Linear -> the same or an earlier neuron, or a"
                                    + " feed-forward network");
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
