package io.engram.compiler.pass;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.spec.ChipSpec;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.TestChips;
import io.engram.compiler.emit.ProgramEquality;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.PlacedIr;
import io.engram.compiler.ir.RoutedIr;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlacementTest {
    /** Three weighted layers, 784-300-200-10: 7x5 + 3x4 + 2x1 = 49 tiles. */
    static Network threeLayers() {
        return Network.builder("three").input(784)
                .dense("h1", 300).competition(Competition.softmax(0.1))
                .rule(new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.PER_NEURON)).init(Init.uniformPositive(10))
                .dense("h2", 200).competition(Competition.hardWta()).rule(new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR))
                .dense("out", 10)
                .build();
    }

    static ChipSpec chip8x8() { return TestChips.withMesh(TestChips.rram(), 8, 8); }

    @Test
    void beatsRowMajorOnAThreeLayerNetwork() {
        CompileResult r = TestChips.compile(NetworkSource.of(threeLayers()), chip8x8());
        assertTrue(r.ok(), r.renderDiagnostics());
        PlacedIr.Stats s = (PlacedIr.Stats) r.stats(Pass.PLACE);
        assertEquals(49, s.tiles());
        assertTrue(s.objective() < s.rowMajorObjective(), s.toString());
        assertTrue(s.ratioToRowMajor() < 0.9, "at least 10% better: " + s);
        assertEquals(s.objective(), r.report().placementObjective());
        // the objective is the sum over routes and destinations of payload x Manhattan hops
        long check = 0;
        RoutedIr routed = (RoutedIr) r.ir(Pass.ROUTE);
        for (RoutedIr.RoutedFlow rf : routed.routes()) for (int h : rf.hops()) check += rf.route().payloadBits() * h;
        assertEquals(s.objective(), check);
    }

    @Test
    void deterministicForASeed() {
        CompileOptions o = CompileOptions.defaults().withSeed(11);
        CompileResult a = new Compiler().compile(NetworkSource.of(threeLayers()), chip8x8(), o);
        CompileResult b = new Compiler().compile(NetworkSource.of(threeLayers()), chip8x8(), o);
        assertArrayEquals(((PlacedIr) a.ir(Pass.PLACE)).coreOfTile(), ((PlacedIr) b.ir(Pass.PLACE)).coreOfTile());
        assertTrue(ProgramEquality.equal(a.program(), b.program()));
        assertEquals(a.dump(Pass.ROUTE), b.dump(Pass.ROUTE));
    }

    @Test
    void xyRoutesGoAlongXThenY() {
        int[] p = io.engram.compiler.pass.XyTree.path(0, 4 * 2 + 3, 4); // (0,0) -> (3,2) on a 4-wide mesh
        assertArrayEquals(new int[] {0, 1, 2, 3, 7, 11}, p);
        CompileResult r = TestChips.compile(NetworkSource.of(threeLayers()), chip8x8());
        RoutedIr routed = (RoutedIr) r.ir(Pass.ROUTE);
        for (RoutedIr.RoutedFlow rf : routed.routes()) {
            ChipProgram.Route route = rf.route();
            long hops = 0;
            for (int h : rf.hops()) hops += h;
            assertTrue(rf.links().length <= hops, "a tree never uses more links than separate paths");
            int max = 0;
            for (int h : rf.hops()) max = Math.max(max, h);
            assertTrue(rf.links().length >= max);
            assertEquals(route.dests().length, rf.hops().length);
        }
    }
}
