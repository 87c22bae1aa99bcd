package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.noc.Noc;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spiking mode, whole runs: the fast engine (a fresh network per phase, idle cycles skipped, event-driven crossbar
 * reads) and the reference engine (one network for the whole run with every router simulated in every cycle, every
 * row of every read evaluated) give identical spike counts, weights, counters, per-core state cycles, NoC totals and
 * cycle counts on 50 random small chips with two LIF layers split over row tiles (partial sums and spike packets
 * contend on the mesh), random rules (STDP with and without per-neuron weight normalisation) and lateral inhibition
 * (hard, graded, softmax), sparse (2 %) and dense (40 %) input.
 */
class SpikingEngineEquivalenceTest {
    @Test
    void fastEqualsReferenceOnRandomSpikingChips() {
        SplittableRandom r = new SplittableRandom(4242);
        int sparseTrials = 0;
        long packets = 0;
        long stalls = 0;
        long spikes = 0;
        for (int trial = 0; trial < 50; trial++) {
            int xr = 4 + r.nextInt(13);
            int xc = 2 * (4 + r.nextInt(6));
            ChipSpec base = ChipSpec.preset("rram-22nm");
            ChipSpec chip = base.withCore(base.core().withCrossbar(new CrossbarSpec(xr, xc, 2, xr)))
                    .withMesh(new MeshSpec(3 + r.nextInt(3), 3 + r.nextInt(3)));
            int in = 3 + r.nextInt(40);
            int hidden = 2 + r.nextInt(xc / 2 - 1);
            int out = 2 + r.nextInt(xc / 2 - 1);
            int tilesA = ceil(in, xr);
            int tilesB = ceil(hidden, xr);
            if (tilesA + tilesB > chip.mesh().cores()) {
                trial--;
                continue;
            }
            LearningRule rule = switch (r.nextInt(5)) {
                case 0 -> new LearningRule.None();
                case 1 -> new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.01, 0.05, 20, 20, 40, 0, 1);
                case 2 -> new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 0.01, 0.05, 20, 20, 40, 0, 1);
                case 3 -> new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0.01, 0.05, 20, 20, 40, 0, 1,
                        0.2 * in); // per-neuron weight normalisation before every learning sample
                default -> new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR);
            };
            Competition comp = switch (r.nextInt(4)) {
                case 0 -> Competition.none();
                case 1 -> Competition.hardWta();
                case 2 -> Competition.hardWta(0.3, -1); // graded inhibition
                default -> Competition.softmax(0.3);
            };
            LifParams lif = new LifParams(0.9, 0.3 + r.nextDouble(), LifParams.Reset.ZERO, 0, r.nextInt(3),
                    r.nextBoolean() ? 0.05 : 0, 0.999);
            long seed = r.nextLong();
            boolean sparse = trial % 2 == 0;
            if (sparse) sparseTrials++;
            double activity = sparse ? 0.02 : 0.4;
            int steps = 15 + r.nextInt(20);
            long inputSeed = r.nextLong();
            float[] wa = TestPrograms.randomWeights(in * hidden, 0.8, seed, true);
            float[] wb = TestPrograms.randomWeights(hidden * out, 0.8, seed + 1, true);
            Chip[] chips = new Chip[2];
            int[][] counts = new int[2][];
            CycleNocInterconnect[] nocs = new CycleNocInterconnect[2];
            Noc.Engine[] engines = {Noc.Engine.FAST, Noc.Engine.REFERENCE};
            for (int e = 0; e < 2; e++) {
                Noc.Engine engine = engines[e];
                int k = e;
                Chip c = new Chip(chip, seed, s -> nocs[k] = new CycleNocInterconnect(s, engine));
                LayerProgram a = lif("a", in, hidden, lif, rule, comp, wa, 0, xr);
                LayerProgram b = lif("b", hidden, out, lif, rule, comp, wb, tilesA, xr);
                c.load(TestPrograms.program(chip, a, b));
                SplittableRandom inputs = new SplittableRandom(inputSeed);
                int[] total = new int[out];
                for (int sample = 0; sample < 3; sample++) {
                    int[] got = c.runSpiking((step, x) -> {
                        for (int i = 0; i < x.length; i++) x[i] = inputs.nextDouble() < activity ? 1f : 0f;
                    }, steps, 1.0, 20, 1, new boolean[]{true, true});
                    for (int j = 0; j < out; j++) total[j] += got[j];
                }
                counts[e] = total;
                c.settle();
                chips[e] = c;
            }
            String label = "trial " + trial;
            assertArrayEquals(counts[0], counts[1], label + " spike counts");
            assertEquals(chips[0].totalCounts(), chips[1].totalCounts(), label + " counters");
            assertEquals(chips[0].now(), chips[1].now(), label + " cycles");
            assertEquals(chips[0].noc().totals(), chips[1].noc().totals(), label + " NoC totals");
            assertArrayEquals(chips[0].noc().byKind(), chips[1].noc().byKind(), label + " traffic by kind");
            for (int k = 0; k < chips[0].cores().length; k++) {
                Core p = chips[0].cores()[k];
                Core q = chips[1].cores()[k];
                assertArrayEquals(p.stateCyclesArray(), q.stateCyclesArray(), label + " core " + k + " states");
            }
            assertArrayEquals(chips[0].weights(0), chips[1].weights(0), label + " weights a");
            assertArrayEquals(chips[0].weights(1), chips[1].weights(1), label + " weights b");
            assertEquals(chips[0].now(), nocs[1].steppedCycles(), label + ": the reference network stepped every cycle of the run");
            assertEquals(0, nocs[1].separatePhases(), label + ": every phase ran on the whole-run network");
            assertEquals(0, nocs[0].steppedCycles(), label + ": the fast engine keeps no whole-run network");
            assertTrue(chips[0].totalCounts().get(Action.BARRIER_SYNC) > 0, label + " barriers");
            packets += chips[0].noc().totals().packets();
            stalls += chips[0].noc().totals().stallCycles();
            for (int n : counts[0]) spikes += n;
        }
        assertEquals(25, sparseTrials);
        assertTrue(packets > 1000 && stalls > 0 && spikes > 100,
                "the cases exercise the mesh: " + packets + " packets, " + stalls + " stall cycles, " + spikes + " spikes");
    }

    private static int ceil(int a, int b) { return (a + b - 1) / b; }

    /** A LIF layer split into row tiles on consecutive cores from {@code firstCore}. */
    private static LayerProgram lif(String name, int in, int out, LifParams lif, LearningRule rule, Competition comp,
                                    float[] w, int firstCore, int tileRows) {
        List<Tile> tiles = new ArrayList<>();
        int core = firstCore;
        for (int r0 = 0; r0 < in; r0 += tileRows) tiles.add(new Tile(core++, r0, Math.min(tileRows, in - r0), 0, out));
        return new LayerProgram(name, LayerKind.DENSE, Shape.flat(in), Shape.flat(out), 1, 1, 0, new NeuronModel.Lif(lif),
                Activation.identity(), comp, rule, in, out, w, null, 1.0, tiles);
    }
}
