package io.engram.compiler.nir;

import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.diag.Location;
import io.engram.compiler.nir.NirGraph.Node;

/** Where the importer's diagnostics go: the graph's file and the node they name. */
final class NirReport {
    private final Diagnostics diags;
    private final String file;

    NirReport(Diagnostics diags, String file) {
        this.diags = diags;
        this.file = file;
    }

    String file() { return file; }

    int errorCount() { return diags.errorCount(); }

    /** A diagnostic at a node (null: the graph as a whole). */
    void at(DiagCode code, Node n, String message, String hint) {
        diags.report(code, Location.of(file, n == null ? "graph" : n.label()), message, hint);
    }

    /** A diagnostic at a free-form element of the file (an edge list, several nodes, an overlay entry). */
    void at(DiagCode code, String element, String message, String hint) {
        diags.report(code, Location.of(file, element), message, hint);
    }
}
