package io.engram.compiler.nir;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The NIR node kinds the importer knows, each with its NIR type name(s) and the role it plays in a layer chain.
 * The importer dispatches on these values only; a type name is looked up once, in {@link #of(String)}.
 */
public enum NirKind {
    INPUT(Role.INPUT, "Input"),
    OUTPUT(Role.OUTPUT, "Output"),
    AFFINE(Role.WEIGHTED, "Affine"),
    LINEAR(Role.WEIGHTED, "Linear"),
    CONV2D(Role.WEIGHTED, "Conv2d"),
    LIF(Role.NEURON, "LIF"),
    CUBA_LIF(Role.NEURON, "CubaLIF"),
    IF(Role.NEURON, "IF"),
    LI(Role.NEURON, "LI"),
    INTEGRATOR(Role.NEURON, "I", "Integrator"),
    THRESHOLD(Role.NEURON, "Threshold"),
    SUM_POOL2D(Role.POOL, "SumPool2d"),
    AVG_POOL2D(Role.POOL, "AvgPool2d"),
    FLATTEN(Role.RESHAPE, "Flatten"),
    SCALE(Role.SCALE, "Scale"),
    DELAY(Role.DELAY, "Delay"),
    /** A nested NIR graph (a node with its own nodes and edges). */
    GRAPH(Role.GRAPH, "NIRGraph"),
    /** Any other type name: reported as unsupported (E201). */
    UNKNOWN(Role.UNKNOWN);

    /** What a kind does in a chain of layers. */
    public enum Role { INPUT, OUTPUT, WEIGHTED, NEURON, POOL, RESHAPE, SCALE, DELAY, GRAPH, UNKNOWN }

    private static final Map<String, NirKind> BY_NAME = new TreeMap<>();

    static {
        for (NirKind k : values()) for (String n : k.names) BY_NAME.put(n, k);
    }

    private final Role role;
    private final String[] names;

    NirKind(Role role, String... names) {
        this.role = role;
        this.names = names;
    }

    public Role role() { return role; }

    /** The NIR type name written on export (the first of the accepted names). */
    public String typeName() { return names.length == 0 ? "<unknown>" : names[0]; }

    /** The kind of an NIR type name; {@link #UNKNOWN} for a name the importer does not know. */
    public static NirKind of(String typeName) {
        NirKind k = typeName == null ? null : BY_NAME.get(typeName);
        return k == null ? UNKNOWN : k;
    }

    /** The type names a flat graph may use, sorted (for the E201 hint). */
    static String supportedNames() {
        TreeSet<String> s = new TreeSet<>();
        for (NirKind k : values()) if (k != GRAPH) for (String n : k.names) s.add(n);
        return String.join(", ", s);
    }
}
