package io.engram.compiler.nir;

import java.util.List;
import java.util.Map;

/**
 * An NIR graph as stored in HDF5: {@code /node/nodes/<name>/{type, params...}} and {@code /node/edges} (an n x 2
 * string dataset, or a group with {@code src} and {@code dst} string datasets). Parameters are read as flat doubles
 * with their dimensions, or as text.
 */
public record NirGraph(String file, String version, Map<String, Node> nodes, List<Edge> edges) {
    public NirGraph {
        nodes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(nodes));
        edges = List.copyOf(edges);
    }

    /**
     * A node; {@code type} is the NIR type name, e.g. Affine or CubaLIF ("NIRGraph" for a nested subgraph, whose
     * nodes and edges are in {@code subgraph}; null for any other node).
     */
    public record Node(String name, String type, Map<String, Param> params, NirGraph subgraph) {
        public Node {
            params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
        }

        public Node(String name, String type, Map<String, Param> params) { this(name, type, params, null); }

        public Param param(String key) { return params.get(key); }

        public boolean has(String key) { return params.containsKey(key); }

        /** The node's kind, looked up from its NIR type name. */
        public NirKind kind() { return NirKind.of(type); }

        /** How diagnostics name the node: {@code NIR node `fc1` (Affine)}. */
        public String label() { return "NIR node `" + name + "` (" + type + ")"; }
    }

    /** A parameter: numbers (row-major, with dims; a scalar has dims []) or text. */
    public record Param(String name, int[] dims, double[] values, String text) {
        public boolean numeric() { return values != null; }

        public int size() { return values == null ? 0 : values.length; }

        public String shapeText() { return java.util.Arrays.toString(dims); }
    }

    public record Edge(String src, String dst) {}
}
