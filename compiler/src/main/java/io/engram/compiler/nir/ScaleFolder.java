package io.engram.compiler.nir;

import io.engram.chip.program.Shape;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.nir.NirGraph.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folding: Scale nodes and the k*k factor of a SumPool2d (which runs as average pooling on chip) have no unit on
 * chip; their factors are kept per feature of the current tensor and multiplied into the rows of the next weighted
 * layer (N202). A factor left after the last weighted layer is reported (W201).
 */
final class ScaleFolder {
    private final NirReport report;
    /** Factor per feature of the current tensor still to be multiplied into the next weighted layer's rows. */
    private double[] pending;
    private final List<String> sources = new ArrayList<>();

    ScaleFolder(NirReport report) { this.report = report; }

    boolean pending() { return pending != null; }

    /** The factor of input feature i of the next weighted layer (1 when nothing is pending). */
    double rowScale(int i) { return pending == null ? 1 : pending[i]; }

    /** A Scale node on a tensor of the given shape; false after an error. */
    boolean scale(Node n, Shape shape) {
        NirGraph.Param s = n.param("scale");
        if (s == null || !s.numeric()) {
            report.at(DiagCode.E206, n, "needs a numeric scale", "");
            return false;
        }
        double[] v = s.values();
        int size = shape.size();
        if (pending == null) {
            pending = new double[size];
            Arrays.fill(pending, 1);
        }
        if (v.length == 1) {
            for (int i = 0; i < size; i++) pending[i] *= v[0];
        } else if (v.length == size) {
            for (int i = 0; i < size; i++) pending[i] *= v[i];
        } else if (v.length == shape.channels()) {
            int hw = shape.height() * shape.width();
            for (int i = 0; i < size; i++) pending[i] *= v[i / hw];
        } else {
            report.at(DiagCode.E206, n, "scale has " + v.length + " values; the input " + shape + " needs 1, "
                    + shape.channels() + " or " + size, "");
            return false;
        }
        sources.add("`" + n.name() + "` (Scale)");
        return true;
    }

    /** A pooling node from {@code in} to {@code out}: pending factors follow their channel; a sum pool adds k*k. */
    boolean pool(Node n, Shape in, Shape out, int k) {
        if (pending != null) {
            double[] ch = channelScale(n, in);
            if (ch == null) return false;
            pending = new double[out.size()];
            int hw = out.height() * out.width();
            for (int i = 0; i < pending.length; i++) pending[i] = ch[i / hw];
        }
        if (n.kind() == NirKind.SUM_POOL2D) {
            if (pending == null) {
                pending = new double[out.size()];
                Arrays.fill(pending, 1);
            }
            for (int i = 0; i < pending.length; i++) pending[i] *= k * k;
            sources.add("`" + n.name() + "` (SumPool2d, factor " + (k * k) + ")");
        }
        return true;
    }

    /**
     * The pending factor as one value per channel of {@code shape}; null when nothing is pending, or after E202 when
     * it varies within a channel (check {@link #pending()} to tell the two apart).
     */
    double[] channelScale(Node n, Shape shape) {
        if (pending == null) return null;
        int hw = shape.height() * shape.width();
        double[] ch = new double[shape.channels()];
        for (int c = 0; c < ch.length; c++) {
            ch[c] = pending[c * hw];
            for (int j = 1; j < hw; j++) {
                if (pending[c * hw + j] != ch[c]) {
                    report.at(DiagCode.E202, n, "the scaling by " + String.join(", ", sources) + " varies within a"
                            + " channel, so it cannot be folded into `" + n.name() + "`", "use a per-channel scale");
                    return null;
                }
            }
        }
        return ch;
    }

    /** The pending factors were multiplied into {@code into}'s weights: note it and start afresh. */
    void consume(Node into) {
        if (pending == null) return;
        report.at(DiagCode.N202, into, String.join(", ", sources) + " folded into the weights of `" + into.name() + "`"
                + (sources.stream().anyMatch(s -> s.contains("SumPool"))
                ? "; sum pooling runs as average pooling on chip" : ""), "");
        pending = null;
        sources.clear();
    }

    /** End of the chain: a factor with no weighted layer after it is not applied (W201). */
    void finish() {
        if (pending == null) return;
        report.at(DiagCode.W201, "NIR node " + String.join(", ", sources), "the scaling by " + String.join(", ", sources)
                + " after the last weighted layer is not applied on chip: there is no later weight matrix to fold it"
                + " into", "apply it to the outputs off-chip");
    }
}
