package io.engram.compiler.nir;

import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.ir.Network;

import java.nio.file.Path;
import java.util.Map;

/**
 * Maps an NIR graph onto our layer vocabulary in three steps:
 * <ol>
 *   <li>reading: {@link NirReader} reads the HDF5 file into a {@link NirGraph} whose nodes have a {@link NirKind};
 *   {@link NirFlattener} replaces nested graphs by their nodes; {@link NirStructure} checks the kinds and the graph's shape and returns the chain Input -> ... -> Output;</li>
 *   <li>folding: {@link ScaleFolder} carries Scale and SumPool2d factors into the next weight matrix;</li>
 *   <li>mapping: {@link NirMapper} emits layers, {@link NirNeurons} discretises the neuron nodes.</li>
 * </ol>
 * Every number read from a node is checked in {@link NirParams}. Weights from NIR become initial weights; the rule
 * is none unless an overlay attaches one. Everything that cannot be mapped is reported with the node's name and
 * type: unknown types (E201), unsupported features such as Delay, dilation, groups or a nested subgraph (E202),
 * recurrent loops other than a neuron's own recurrent weight (E203), branches and merges (E204), bad parameters (E206).
 */
public final class NirImporter {
    private NirImporter() {}

    /**
     * Reads and maps an NIR file; returns null when errors were reported. Overlay file mistakes throw
     * {@link io.engram.chip.spec.SpecException}.
     *
     * @param dtSeconds time step for discretising time constants; NaN = from the file, else 1e-4 s (noted)
     */
    public static Network importGraph(Path nir, Path overlay, double dtSeconds, NirSemantics semantics, Diagnostics diags) {
        NirGraph g = NirReader.read(nir, diags);
        if (g == null) return null;
        Map<String, NirOverlay.Entry> ov = overlay == null ? Map.of() : NirOverlay.read(overlay);
        return map(g, ov, dtSeconds, semantics, diags);
    }

    /** Maps an already read graph (tests, tools). */
    public static Network map(NirGraph g, Map<String, NirOverlay.Entry> overlay, double dtSeconds, NirSemantics semantics,
                              Diagnostics diags) {
        NirReport report = new NirReport(diags, g.file());
        int before = report.errorCount();
        NirStructure.Chain chain = NirStructure.chain(NirFlattener.flatten(g, report), report);
        if (chain == null) return null;
        Network net = new NirMapper(g, overlay, dtSeconds, semantics, report).walk(chain.nodes(), chain.recurrent());
        return report.errorCount() > before ? null : net;
    }
}
