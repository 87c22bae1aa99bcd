package io.engram.compiler.emit;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;

import java.util.Arrays;
import java.util.Objects;

/**
 * Deep equality of programs. {@link ChipProgram}, {@link LayerProgram} and {@link ChipProgram.Route} are records
 * with array components, whose generated equals compares arrays by reference; this compares their contents.
 */
public final class ProgramEquality {
    private ProgramEquality() {}

    public static boolean equal(ChipProgram a, ChipProgram b) { return difference(a, b) == null; }

    /** The first difference found, as text, or null when the programs are equal. */
    public static String difference(ChipProgram a, ChipProgram b) {
        if (a == b) return null;
        if (a == null || b == null) return "one program is null";
        if (!Objects.equals(a.chipName(), b.chipName())) return "chip name " + a.chipName() + " vs " + b.chipName();
        if (!Objects.equals(a.input(), b.input())) return "input " + a.input() + " vs " + b.input();
        if (!Arrays.equals(a.sramBytesPerCore(), b.sramBytesPerCore())) return "sram bytes per core";
        if (a.layers().size() != b.layers().size()) return "layer count " + a.layers().size() + " vs " + b.layers().size();
        for (int i = 0; i < a.layers().size(); i++) {
            String d = layerDifference(a.layers().get(i), b.layers().get(i));
            if (d != null) return "layer " + i + ": " + d;
        }
        if (a.routes().size() != b.routes().size()) return "route count " + a.routes().size() + " vs " + b.routes().size();
        for (int i = 0; i < a.routes().size(); i++) {
            ChipProgram.Route x = a.routes().get(i), y = b.routes().get(i);
            if (x.kind() != y.kind() || x.src() != y.src() || x.payloadBits() != y.payloadBits() || x.layer() != y.layer()
                    || !Arrays.equals(x.dests(), y.dests())) {
                return "route " + i;
            }
        }
        return null;
    }

    static String layerDifference(LayerProgram x, LayerProgram y) {
        if (!Objects.equals(x.name(), y.name())) return "name " + x.name() + " vs " + y.name();
        if (x.kind() != y.kind()) return "kind";
        if (!Objects.equals(x.in(), y.in()) || !Objects.equals(x.out(), y.out())) return "shapes";
        if (x.kernel() != y.kernel() || x.stride() != y.stride() || x.padding() != y.padding()) return "kernel/stride/padding";
        if (!Objects.equals(x.neuron(), y.neuron())) return "neuron " + x.neuron() + " vs " + y.neuron();
        if (!Objects.equals(x.activation(), y.activation())) return "activation";
        if (!Objects.equals(x.competition(), y.competition())) return "competition";
        if (!Objects.equals(x.rule(), y.rule())) return "rule " + x.rule() + " vs " + y.rule();
        if (!Objects.equals(x.norm(), y.norm())) return "norm " + x.norm() + " vs " + y.norm();
        if (x.rows() != y.rows() || x.cols() != y.cols()) return "matrix size";
        if (!Arrays.equals(x.weights(), y.weights())) return "weights";
        if (!Arrays.equals(x.bias(), y.bias())) return "bias";
        if (Double.compare(x.weightScale(), y.weightScale()) != 0) return "weight scale";
        if (!x.tiles().equals(y.tiles())) return "tiles";
        return null;
    }
}
