package io.engram.chip.program;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The program records: their counts, their shape arithmetic and the malformed values they refuse. */
class ChipProgramTest {
    private static LayerProgram dense(String name, int in, int out, List<Tile> tiles) {
        return new LayerProgram(name, LayerKind.DENSE, Shape.flat(in), Shape.flat(out), 1, 1, 0, new NeuronModel.Rate(),
                Activation.identity(), Competition.none(), new LearningRule.None(), in, out, new float[in * out], null,
                1.0, tiles);
    }

    @Test
    void coresUsedCountsDistinctCoresOverAllLayers() {
        // layer a on cores 0, 3, 3 (two tiles on one core); layer b on cores 3 and 5: distinct {0, 3, 5} = 3
        LayerProgram a = dense("a", 20, 10, List.of(new Tile(0, 0, 10, 0, 10), new Tile(3, 10, 5, 0, 10),
                new Tile(3, 15, 5, 0, 10)));
        LayerProgram b = dense("b", 10, 4, List.of(new Tile(3, 0, 5, 0, 4), new Tile(5, 5, 5, 0, 4)));
        ChipProgram p = new ChipProgram("chip", Shape.flat(20), List.of(a, b), List.of(), new long[8]);
        assertEquals(3, p.coresUsed());
        assertEquals(0, new ChipProgram("chip", Shape.flat(1), List.of(), List.of(), new long[1]).coresUsed());
    }

    @Test
    void programListsAreCopies() {
        List<LayerProgram> layers = new ArrayList<>(List.of(dense("a", 2, 2, List.of(new Tile(0, 0, 2, 0, 2)))));
        List<ChipProgram.Route> routes = new ArrayList<>(List.of(new ChipProgram.Route(PacketKind.ACTIVATION, 0,
                new int[]{1}, 16, 0)));
        ChipProgram p = new ChipProgram("chip", Shape.flat(2), layers, routes, new long[2]);
        layers.clear();
        routes.clear();
        assertEquals(1, p.layers().size());
        assertEquals(1, p.routes().size());
        assertThrows(UnsupportedOperationException.class, () -> p.layers().add(null));
    }

    @Test
    void shapesAndTiles() {
        // 3 channels x 4 x 5 = 60 values
        assertEquals(60, new Shape(3, 4, 5).size());
        assertEquals("3x4x5", new Shape(3, 4, 5).toString());
        assertEquals(new Shape(7, 1, 1), Shape.flat(7));
        assertThrows(IllegalArgumentException.class, () -> new Shape(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Shape(1, 1, -2));
        assertThrows(IllegalArgumentException.class, () -> new Tile(-1, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tile(0, -1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tile(0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tile(0, 0, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tile(0, 0, 1, 0, 0));
    }

    @Test
    void layerShapeArithmetic() {
        LayerProgram d = dense("d", 6, 4, List.of(new Tile(0, 0, 6, 0, 4)));
        assertTrue(d.hasWeights());
        assertEquals(1, d.positions());
        assertFalse(d.recurrent());
        // recurrent: 6 input rows + 4 rows of its own previous spikes = 10 rows
        LayerProgram r = new LayerProgram("r", LayerKind.DENSE, Shape.flat(6), Shape.flat(4), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(), 10, 4,
                new float[40], null, 1.0, List.of(new Tile(0, 0, 10, 0, 4)));
        assertTrue(r.recurrent());
        // a 3x3 convolution of 2 channels to 5 channels at 6x7 outputs: 18 rows x 5 columns, 42 positions
        LayerProgram c = new LayerProgram("c", LayerKind.CONV2D, new Shape(2, 8, 9), new Shape(5, 6, 7), 3, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(), 18, 5,
                new float[90], null, 1.0, List.of(new Tile(0, 0, 18, 0, 5)));
        assertEquals(42, c.positions());
        assertFalse(c.recurrent());
        LayerProgram pool = new LayerProgram("p", LayerKind.MAXPOOL, new Shape(5, 6, 6), new Shape(5, 3, 3), 2, 2, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(), 0, 0, null,
                null, 1.0, List.of());
        assertFalse(pool.hasWeights());
        assertEquals(1, pool.positions());
    }

    @Test
    void malformedLayersAreRefused() {
        // 3 x 4 needs 12 weights
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerProgram("w",
                LayerKind.DENSE, Shape.flat(3), Shape.flat(4), 1, 1, 0, new NeuronModel.Rate(), Activation.identity(),
                Competition.none(), new LearningRule.None(), 3, 4, new float[11], null, 1.0, List.of()));
        assertTrue(e.getMessage().contains("11") && e.getMessage().contains("3x4"), e.getMessage());
        LayerProgram pool = new LayerProgram("p", LayerKind.AVGPOOL, new Shape(1, 2, 2), new Shape(1, 1, 1), 2, 2, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.none(), new LearningRule.None(), 0, 0, null,
                null, 1.0, List.of());
        InputNorm norm = InputNorm.batch();
        assertThrows(IllegalArgumentException.class, () -> pool.withNorm(norm));
        LayerProgram d = dense("d", 1, 1, List.of(new Tile(0, 0, 1, 0, 1)));
        assertEquals(norm, d.withNorm(norm).norm());
        assertFalse(d.norm().on());
    }
}
