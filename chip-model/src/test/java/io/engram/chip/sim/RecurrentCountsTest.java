package io.engram.chip.sim;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recurrent layer split over four cores, every count derived by hand.
 *
 * <p>Chip: the ideal rram-22nm (4x4 mesh, core k at x = k, y = 0 for k < 4; 64-bit flits with a 16-bit header,
 * 32-bit spikes, tree multicast) with crossbars of 4 rows x 4 cells = 2 weight columns (cell pairs). Layer {@code r}:
 * dense, 2 inputs, 4 LIF neurons (decay 0, threshold 0.5, reset to 0), recurrent on itself, so 2 + 4 = 6 rows: rows
 * 0-1 the inputs, row 2 + j neuron j's spike of the step before. Weights: row 0 -> neuron 0, row 2 (n0) -> neuron 2,
 * row 4 (n2) -> neuron 1, all 1; every other weight 0. Tiles (row blocks [0,4), [4,6) x column blocks [0,2), [2,4)):
 * t0 core 0 rows 0-3 cols 0-1 (owner of block A = n0, n1), t1 core 1 rows 4-5 cols 0-1, t2 core 2 rows 0-3 cols 2-3
 * (owner of block B = n2, n3), t3 core 3 rows 4-5 cols 2-3. Input 0 spikes at step 0 only; 5 steps.
 *
 * <p>Step by step (rows driven = the step's input, then last step's spikes):
 * <ul>
 *   <li>step 0: row 0 -> t0 and t2 read (1 pulse each); n0 gets 1 and fires on core 0. Block A's spike returns to
 *       rows 2-3, held by t0 (the owner itself: no packet) and t2: one SPIKE packet core 0 -> core 2, 2 hops.</li>
 *   <li>step 1: row 2 -> t0 and t2 read; n2 gets 1 and fires on core 2. Block B's spike returns to rows 4-5 on t1 and
 *       t3: one SPIKE packet core 2 -> {1, 3}, a tree of 2 links (1 hop each way).</li>
 *   <li>step 2: row 4 -> t1 and t3 read; t1's partial sum gives n1 1 on core 0: n1 fires. Block A's spike returns:
 *       core 0 -> core 2, 2 hops.</li>
 *   <li>step 3: row 3 (n1) -> t0 and t2 read; row 3's weights are 0, nothing fires. Step 4: no row driven, no read.</li>
 * </ul>
 * Every step the row tiles send their partial sums to their block's owner (t1 -> t0: core 1 -> 0, t3 -> t2: core 3
 * -> 2): 2 cols x 16 bits = 32 bits + 16 header = 1 flit, 1 hop each, whether or not they read.
 */
class RecurrentCountsTest {
    static final int STEPS = 5;

    @Test
    void aRecurrentLayerOverFourCoresCountsEveryPacketReadAndUpdate() {
        ChipSpec chip = TestPrograms.idealChip(4, 4);
        LifParams lif = new LifParams(0.0, 0.5, LifParams.Reset.ZERO, 0, 0, 0, 1);
        float[] w = new float[6 * 4];
        w[0 * 4 + 0] = 1; // input 0 -> n0
        w[2 * 4 + 2] = 1; // n0 of the step before -> n2
        w[4 * 4 + 1] = 1; // n2 of the step before -> n1
        List<Tile> tiles = List.of(new Tile(0, 0, 4, 0, 2), new Tile(1, 4, 2, 0, 2), new Tile(2, 0, 4, 2, 2),
                new Tile(3, 4, 2, 2, 2));
        LayerProgram r = new LayerProgram("r", LayerKind.DENSE, Shape.flat(2), Shape.flat(4), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), Competition.none(), new LearningRule.None(), 6, 4, w,
                null, 1.0, tiles, InputNorm.none(), "r");
        try (Chip c = new Chip(chip, 1)) {
            c.load(TestPrograms.program(chip, r));
            List<String> fired = new ArrayList<>();
            int[] counts = c.runSpiking((s, x) -> {
                x[0] = s == 0 ? 1 : 0;
                x[1] = 0;
            }, STEPS, 1.0, 20, 0, null, (s, layer, sp, v) -> {
                for (int n = 0; n < sp.length; n++) if (sp[n] != 0) fired.add(s + ":n" + n);
            });
            assertEquals(List.of("0:n0", "1:n2", "2:n1"), fired, "each spike returns one step later");
            assertArrayEquals(new int[]{1, 1, 1, 0}, counts);
            ActionCounters[] core = new ActionCounters[4];
            for (int k = 0; k < 4; k++) core[k] = c.cores()[k].counts();
            // reads: t0 and t2 at steps 0, 1, 3; t1 and t3 at step 2; one driven row each
            assertEquals(3, core[0].get(Action.CROSSBAR_READ_PULSE));
            assertEquals(1, core[1].get(Action.CROSSBAR_READ_PULSE));
            assertEquals(3, core[2].get(Action.CROSSBAR_READ_PULSE));
            assertEquals(1, core[3].get(Action.CROSSBAR_READ_PULSE));
            for (int k = 0; k < 4; k++) {
                assertEquals(core[k].get(Action.CROSSBAR_READ_PULSE), core[k].get(Action.ROW_DRIVER_ACTIVATE), "core " + k);
                // 1 driven row x 2 weight columns x 2 cells per read
                assertEquals(4 * core[k].get(Action.CROSSBAR_READ_PULSE), core[k].get(Action.CROSSBAR_CELL_READ), "core " + k);
            }
            // neuron updates at the owners: 2 neurons x 5 steps each; core 0: n0 (step 0) and n1 (step 2) active,
            // core 2: n2 (step 1) active; the row tiles' cores update none
            assertEquals(2, core[0].get(Action.NEURON_LIF_ACTIVE));
            assertEquals(8, core[0].get(Action.NEURON_LIF_IDLE));
            assertEquals(1, core[2].get(Action.NEURON_LIF_ACTIVE));
            assertEquals(9, core[2].get(Action.NEURON_LIF_IDLE));
            for (int k : new int[]{1, 3}) {
                assertEquals(0, core[k].get(Action.NEURON_LIF_ACTIVE) + core[k].get(Action.NEURON_LIF_IDLE), "core " + k);
            }
            // NoC (a router pass = a flit leaving a router by one output, ejection included): 10 partial-sum packets
            // (2 per step, 1 flit, 1 hop: 2 router passes each) and 3 returning-spike packets (1 spike = 32 + 16 bits
            // = 1 flit): core 0 -> 2 at steps 0 and 2 (2 links; routers 0, 1 east and 2 eject: 3 passes), core 2 ->
            // {1, 3} at step 1 (a tree of 2 links: router 2 sends the flit west and east, routers 1 and 3 eject: 4)
            long[] byKind = c.noc().byKind();
            int ps = PacketKind.PARTIAL_SUM.ordinal() * Interconnect.KIND_FIELDS;
            int sp = PacketKind.SPIKE.ordinal() * Interconnect.KIND_FIELDS;
            assertArrayEquals(new long[]{10, 20, 10}, new long[]{byKind[ps], byKind[ps + 1], byKind[ps + 2]},
                    "partial sums: packets, router passes, flit-hops");
            assertArrayEquals(new long[]{3, 10, 6}, new long[]{byKind[sp], byKind[sp + 1], byKind[sp + 2]},
                    "returning spikes: packets, router passes, flit-hops");
            assertEquals(13, c.noc().totals().packets());
            assertEquals(13, c.noc().totals().flits());
            assertEquals(16, c.noc().counts().get(Action.LINK_FLIT));
            assertEquals(30, c.noc().counts().get(Action.ROUTER_FLIT));
            assertEquals(STEPS, c.noc().counts().get(Action.BARRIER_SYNC));
            // the returning spikes are timed: their delivery is charged to SPIKE_OUT on the critical path
            assertTrue(c.stepPhaseCycles()[StepPhase.SPIKE_OUT.ordinal()] > 0);
        }
    }

    /**
     * STDP applies to the recurrent rows as to the input rows: input 0 drives n0 (weight 1), n0's spike of the step
     * before drives n1 (row 1 + 0, weight 0.6 over threshold 0.5). Input at step 0: n0 fires at 0, n1 at 1. Pair STDP
     * (eta_post 0.1, eta_pre 0, weights in [0, 1]): at step 1 the recurrent row's pre spike and n1's post spike meet,
     * so w(row 1, n1) gains 0.1 x pre trace 1 = 0.1 -> 0.7; the recurrent weight onto n0, w(row 1, n0) = 0, has no
     * post spike after its pre spike and stays 0.
     */
    @Test
    void stdpLearnsTheRecurrentWeights() {
        ChipSpec chip = TestPrograms.idealChip(64, 64);
        LifParams lif = new LifParams(0.0, 0.5, LifParams.Reset.ZERO, 0, 0, 0, 1);
        float[] w = new float[3 * 2];
        w[0 * 2 + 0] = 1f;
        w[1 * 2 + 1] = 0.6f;
        LearningRule stdp = new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 0, 0.1, 20, 20, 20, 0, 1);
        LayerProgram r = new LayerProgram("r", LayerKind.DENSE, Shape.flat(1), Shape.flat(2), 1, 1, 0,
                new NeuronModel.Lif(lif), Activation.identity(), Competition.none(), stdp, 3, 2, w, null, 1.0,
                List.of(new Tile(0, 0, 3, 0, 2)), InputNorm.none(), "r");
        try (Chip c = new Chip(chip, 1)) {
            c.load(TestPrograms.program(chip, r));
            c.runSpiking((s, x) -> x[0] = s == 0 ? 1 : 0, 2, 1.0, 20, 0, new boolean[]{true});
            float[] after = c.weights(0);
            assertEquals(0.7, after[1 * 2 + 1], 1e-3, "recurrent weight n0 -> n1 potentiated");
            assertEquals(0.0, after[1 * 2 + 0], 1e-3, "recurrent weight n0 -> n0 unchanged");
        }
    }
}
