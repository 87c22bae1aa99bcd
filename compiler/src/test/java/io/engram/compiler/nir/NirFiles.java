package io.engram.compiler.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small NIR graphs for tests, in the layout NIR's Python package uses. */
public final class NirFiles {
    private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    public NirFiles node(String name, String type, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        for (int i = 0; i < params.length; i += 2) p.put((String) params[i], params[i + 1]);
        nodes.put(name, p);
        return this;
    }

    public NirFiles edge(String src, String dst) {
        edges.add(new String[] {src, dst});
        return this;
    }

    /** @param edgeGroup true: edges as a group with src/dst lists; false: an n x 2 string dataset */
    public Path write(Path file, boolean edgeGroup) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("version", "0.2.0");
            WritableGroup node = f.putGroup("node");
            node.putDataset("type", "NIRGraph");
            WritableGroup ns = node.putGroup("nodes");
            for (var e : nodes.entrySet()) {
                WritableGroup g = ns.putGroup(e.getKey());
                for (var p : e.getValue().entrySet()) g.putDataset(p.getKey(), p.getValue());
            }
            if (edgeGroup) {
                WritableGroup eg = node.putGroup("edges");
                eg.putDataset("src", edges.stream().map(x -> x[0]).toArray(String[]::new));
                eg.putDataset("dst", edges.stream().map(x -> x[1]).toArray(String[]::new));
            } else {
                node.putDataset("edges", edges.toArray(new String[0][]));
            }
        }
        return file;
    }

    /** A weight [out][in] of the given value pattern w[o][i] = (o + 1) * 0.1 + i * 0.01. */
    public static float[][] weight(int out, int in) {
        float[][] w = new float[out][in];
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) w[o][i] = (o + 1) * 0.1f + i * 0.01f;
        return w;
    }
}
