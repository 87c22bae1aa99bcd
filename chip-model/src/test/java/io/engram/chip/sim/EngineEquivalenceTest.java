package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.neuron.Competition;
import io.engram.chip.noc.Noc;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.MeshSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fast NoC engine (skips cycles in which nothing changes) and the reference engine (advances every router every
 * cycle) give identical outputs, counters, per-core state cycles and cycle counts on 60 randomly generated small
 * chips and networks: random mesh and crossbar sizes (row and column splits, so partial sums, reductions and post
 * broadcasts contend on the mesh), random rules and competitions, dense and sparse inputs, two layers.
 */
class EngineEquivalenceTest {
    @Test
    void fastEqualsReferenceOnRandomChipsAndNetworks() {
        SplittableRandom r = new SplittableRandom(2026);
        for (int trial = 0; trial < 60; trial++) {
            int xr = 4 + r.nextInt(13);
            int xc = 2 * (2 + r.nextInt(7));
            ChipSpec base = ChipSpec.preset("rram-22nm");
            ChipSpec chip = base.withCore(base.core().withCrossbar(new CrossbarSpec(xr, xc, 2, xr)))
                    .withMesh(new MeshSpec(3 + r.nextInt(4), 3 + r.nextInt(4)));
            int in = 3 + r.nextInt(20);
            int hidden = 2 + r.nextInt(10);
            int out = 2 + r.nextInt(6);
            int tilesA = ceil(in, xr) * ceil(hidden, xc / 2);
            int tilesB = ceil(hidden, xr) * ceil(out, xc / 2);
            if (tilesA + tilesB > chip.mesh().cores()) {
                trial--;
                continue;
            }
            LearningRule rule = switch (r.nextInt(4)) {
                case 0 -> new LearningRule.Hebb(0.01, 0.1);
                case 1 -> new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR);
                case 2 -> new LearningRule.SoftHebb(0.05, 0.2, 0, 0, UpdateScaling.NONE);
                default -> new LearningRule.SoftAntiHebb(0.02, 0.5, 0.5, UpdateScaling.LAYER);
            };
            Competition comp = rule instanceof LearningRule.HardWta ? Competition.hardWta()
                    : rule instanceof LearningRule.Hebb ? Competition.none() : Competition.softmax(0.3);
            long seed = r.nextLong();
            double sparsity = r.nextBoolean() ? 0.9 : 0.1;
            float[][] inputs = new float[12][in];
            for (float[] x : inputs) for (int i = 0; i < in; i++) x[i] = r.nextDouble() < sparsity ? 0f : (float) r.nextDouble();
            float[] wa = TestPrograms.randomWeights(in * hidden, 0.5, seed, false);
            float[] wb = TestPrograms.randomWeights(hidden * out, 0.5, seed + 1, false);
            Chip[] chips = new Chip[2];
            float[][] lastOut = new float[2][];
            Noc.Engine[] engines = {Noc.Engine.FAST, Noc.Engine.REFERENCE};
            for (int e = 0; e < 2; e++) {
                Noc.Engine engine = engines[e];
                Chip c = new Chip(chip, seed, s -> new CycleNocInterconnect(s, engine));
                LayerProgram a = TestPrograms.dense(chip, "a", in, hidden, rule, comp, wa, null, 1.0);
                LayerProgram b = shift(TestPrograms.dense(chip, "b", hidden, out, rule, comp, wb, null, 1.0), tilesA);
                c.load(TestPrograms.program(chip, a, b));
                for (float[] x : inputs) lastOut[e] = c.run(x, 1, new boolean[]{true, true});
                c.settle();
                chips[e] = c;
            }
            String label = "trial " + trial;
            assertArrayEquals(lastOut[0], lastOut[1], label + " outputs");
            assertEquals(chips[0].totalCounts(), chips[1].totalCounts(), label + " counters");
            assertEquals(chips[0].now(), chips[1].now(), label + " cycles");
            assertEquals(chips[0].noc().totals(), chips[1].noc().totals(), label + " NoC totals");
            for (int k = 0; k < chips[0].cores().length; k++) {
                Core p = chips[0].cores()[k];
                Core q = chips[1].cores()[k];
                assertArrayEquals(p.stateCyclesArray(), q.stateCyclesArray(), label + " core " + k + " states");
            }
            assertArrayEquals(chips[0].weights(0), chips[1].weights(0), label + " weights");
            assertArrayEquals(chips[0].noc().byKind(), chips[1].noc().byKind(), label + " traffic by kind");
            long router = 0;
            long link = 0;
            long[] k = chips[0].noc().byKind();
            for (int i = 0; i < k.length; i += Interconnect.KIND_FIELDS) {
                router += k[i + 1];
                link += k[i + 2];
            }
            assertEquals(chips[0].noc().counts().get(io.engram.chip.tech.Action.ROUTER_FLIT), router, label + " router by kind");
            assertEquals(chips[0].noc().counts().get(io.engram.chip.tech.Action.LINK_FLIT), link, label + " link by kind");
        }
    }

    private static int ceil(int a, int b) { return (a + b - 1) / b; }

    /** The same layer with its tiles moved to the cores after the first layer's. */
    private static LayerProgram shift(LayerProgram l, int by) {
        var tiles = l.tiles().stream().map(t -> new io.engram.chip.program.Tile(t.core() + by, t.rowStart(), t.rows(),
                t.colStart(), t.cols())).toList();
        return new LayerProgram(l.name(), l.kind(), l.in(), l.out(), l.kernel(), l.stride(), l.padding(), l.neuron(),
                l.activation(), l.competition(), l.rule(), l.rows(), l.cols(), l.weights(), l.bias(), l.weightScale(),
                tiles);
    }
}
