package io.engram.compiler.pass;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.compiler.ir.AllocatedIr;
import io.engram.compiler.ir.EmittedIr;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.LoweredIr;
import io.engram.compiler.ir.LoweredIr.Matrix;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.PartitionedIr.TilePlan;
import io.engram.compiler.ir.RoutedIr.RoutedFlow;
import io.engram.compiler.ir.ShapedIr.ShapedLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * emit: the {@link ChipProgram}. Weighted layers carry their matrix, bias, weight scale and tiles; pooling and
 * flatten layers carry shapes only (rate neuron, identity, no competition, no rule, no tiles, weight scale 1) and run
 * on the cores of the weighted layer before them. Weight arrays are shared with the IR, not copied.
 */
public final class EmitPass {
    private EmitPass() {}

    public static EmittedIr run(AllocatedIr in, PassContext ctx) {
        PartitionedIr part = in.routed().placed().partitioned();
        LoweredIr lowered = part.lowered();
        int[] coreOf = in.routed().placed().coreOfTile();
        List<List<Tile>> tilesOfMatrix = new ArrayList<>();
        for (int i = 0; i < lowered.matrices().size(); i++) tilesOfMatrix.add(new ArrayList<>());
        for (TilePlan t : part.tiles()) {
            tilesOfMatrix.get(t.matrix()).add(new Tile(coreOf[t.id()], t.rowStart(), t.rows(), t.colStart(), t.cols()));
        }
        Matrix[] byLayer = new Matrix[lowered.shaped().layers().size()];
        for (Matrix m : lowered.matrices()) byLayer[m.layer()] = m;
        List<LayerProgram> layers = new ArrayList<>();
        long weightBytes = 0;
        for (ShapedLayer l : lowered.shaped().layers()) {
            Matrix m = byLayer[l.index()];
            if (m != null) {
                layers.add(new LayerProgram(m.name(), m.kind(), m.in(), m.out(), m.kernel(), m.stride(), m.padding(),
                        m.config().neuron(), m.config().activation(), m.config().competition(), m.config().rule(),
                        m.rows(), m.cols(), m.weights(), m.bias(), m.weightScale(), tilesOfMatrix.get(m.id()),
                        m.config().norm(), m.recurrentFrom()));
                weightBytes += 4L * m.weights().length + (m.bias() == null ? 0 : 4L * m.bias().length);
            } else {
                LayerSpec s = l.spec();
                int kernel = s instanceof LayerSpec.Pool p ? p.kernel() : 0;
                int stride = s instanceof LayerSpec.Pool p ? p.stride() : 0;
                layers.add(new LayerProgram(s.name(), s.kind(), l.in(), l.out(), kernel, stride, 0, new NeuronModel.Rate(),
                        Activation.identity(), Competition.none(), new LearningRule.None(), 0, 0, null, null, 1.0, List.of()));
            }
        }
        List<ChipProgram.Route> routes = new ArrayList<>();
        for (RoutedFlow rf : in.routed().routes()) routes.add(rf.route());
        long[] sram = new long[in.routed().placed().cores()];
        for (var cm : in.cores()) sram[cm.core()] = cm.total();
        ChipProgram p = new ChipProgram(ctx.chip().name(), lowered.shaped().network().input(), layers, routes, sram);
        return new EmittedIr(in, p, new EmittedIr.Stats(layers.size(), part.tiles().size(), routes.size(), p.coresUsed(), weightBytes));
    }

    /** Verifier: program layers match the network; tiles, routes and SRAM agree with the IR. */
    public static void verify(EmittedIr ir) {
        ChipProgram p = ir.program();
        PartitionedIr part = ir.allocated().routed().placed().partitioned();
        if (p.layers().size() != part.lowered().shaped().layers().size()) throw new IllegalStateException("emit layer count");
        int tiles = 0;
        for (LayerProgram l : p.layers()) {
            tiles += l.tiles().size();
            if (l.hasWeights() && (l.weights() == null || l.tiles().isEmpty())) throw new IllegalStateException("layer " + l.name());
            if (!l.hasWeights() && !l.tiles().isEmpty()) throw new IllegalStateException("tiles on " + l.name());
        }
        if (tiles != part.tiles().size()) throw new IllegalStateException("emit tile count");
        if (p.routes().size() != part.flows().size()) throw new IllegalStateException("emit route count");
        if (p.sramBytesPerCore().length != ir.allocated().routed().placed().cores()) throw new IllegalStateException("sram length");
        if (p.coresUsed() != tiles) throw new IllegalStateException("one tile per core violated");
    }
}
