package io.engram.compiler.pass;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostic;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.Pass;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 784-2000 SoftHebb layer: ceil(784/128) = 7 row blocks x ceil(2000/64) = 32 column blocks = 224 tiles. */
class DenseTilingTest {
    static Network mnist2000() {
        return Network.builder("softhebb-mnist").input(1, 28, 28)
                .flatten()
                .dense("hidden", 2000).competition(Competition.softmax(1 / 12.0))
                .rule(new LearningRule.SoftHebb(0.045, 1 / 12.0, 0, 0, UpdateScaling.PER_NEURON))
                .init(Init.uniformPositive(35))
                .build();
    }

    @Test
    void doesNotFitSixteenCoresAndSaysHowManyItNeeds() {
        CompileResult r = TestChips.compile(NetworkSource.of(mnist2000()), TestChips.rram());
        assertNull(r.program());
        Diagnostic d = r.withCode(DiagCode.E401).get(0);
        assertTrue(d.message().contains("needs 224 cores"), d.message());
        assertTrue(d.message().contains("has 16 (4x4 mesh)"), d.message());
        assertTrue(d.hint().contains("hidden 224 (7 row x 32 column blocks)"), d.hint());
        PartitionedIr part = (PartitionedIr) r.ir(Pass.PARTITION);
        assertEquals(224, part.tiles().size());
        assertEquals(Pass.PARTITION, r.completed().get(r.completed().size() - 1));
    }

    @Test
    void fitsA16x16MeshWith224Tiles() {
        CompileResult r = TestChips.compile(NetworkSource.of(mnist2000()), TestChips.withMesh(TestChips.rram(), 16, 16));
        assertTrue(r.ok(), r.renderDiagnostics());
        ChipProgram p = r.program();
        LayerProgram hidden = p.layers().get(1);
        assertEquals(224, hidden.tiles().size());
        assertEquals(224, p.coresUsed());
        assertEquals(784, hidden.rows());
        assertEquals(2000, hidden.cols());
        Set<Integer> cores = new HashSet<>();
        long cells = 0;
        for (Tile t : hidden.tiles()) {
            assertTrue(t.rows() <= 128 && t.cols() <= 64, t.toString());
            assertTrue(cores.add(t.core()), "one tile per core");
            cells += (long) t.rows() * t.cols();
        }
        assertEquals(784L * 2000, cells, "tiles cover the matrix");
        // last row block holds 784 - 6*128 = 16 rows, last column block 2000 - 31*64 = 16 neurons
        assertTrue(hidden.tiles().stream().anyMatch(t -> t.rowStart() == 768 && t.rows() == 16 && t.colStart() == 1984 && t.cols() == 16));
        // 32 column blocks x 6 partial-sum senders; 32 post broadcasts; 31 + 1 competition reductions, and per-neuron
        // scaling's largest |dw| of every row tile to its owner, 32 x 6 (the chip sends them: one traffic model)
        assertEquals(192, count(p, PacketKind.PARTIAL_SUM));
        assertEquals(32, count(p, PacketKind.POST_BROADCAST));
        assertEquals(32 + 192, count(p, PacketKind.REDUCTION));
        assertEquals(0, count(p, PacketKind.ACTIVATION));
        assertNotNull(r.report());
        assertEquals(224, r.report().coresUsed());
        assertEquals(256, r.report().coresAvailable());
    }

    private static long count(ChipProgram p, PacketKind k) {
        return p.routes().stream().filter(x -> x.kind() == k).count();
    }
}
