package io.engram.runtime.report;

import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.Interconnect;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.compiler.CompileResult;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.RoutedIr;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden counts: every action count a run reports (the energy lines' counts, the NoC's packets and flits per kind,
 * learning.updates), checked exactly against a hand count, and the compiler's planned traffic against the counted
 * traffic, on small networks through the compiler and the chip.
 *
 * <p>The rate cases run on rram-22nm with 8-row crossbars of 128 physical columns (64 weight columns, 8 rows read at
 * once, 16 ADCs), the ideal device and an ideal ADC (so the values, and with them the bit-planes, are exact), the
 * 8-bit bit-serial DAC, and an input of all ones: every value quantises to 255, so every tile reads 8 bit-planes with
 * all its rows driven. Per tile of r rows and c weight columns, a sample's read is then 8 read pulses, 8 r row-driver
 * activations, 8 r 2c cell reads, 8 c conversions and 8 c shift-and-adds; its input buffer is written and read with
 * r x 8 bits = r / 4 words. NoC flits: ceil((payload + 16) / 64).
 */
class GoldenCountsTest {
    static ChipSpec idealSmall() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        return base.withCore(base.core().withCrossbar(new CrossbarSpec(8, 128, 2, 8)).withDevice(DeviceSpec.ideal())
                .withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, 8, 8, 0.25)));
    }

    static float[] ones(int n) {
        float[] x = new float[n];
        Arrays.fill(x, 1f);
        return x;
    }

    /** Nonzero counts of a chip, by action. */
    static Map<Action, Long> counts(ActionCounters c) {
        Map<Action, Long> m = new EnumMap<>(Action.class);
        for (Action a : Action.values()) if (c.get(a) != 0) m.put(a, c.get(a));
        return m;
    }

    /** Packets and flits of each kind the chip's NoC carried (kinds with none left out). */
    static Map<PacketKind, List<Long>> traffic(Chip c, CompileResult r) {
        Map<PacketKind, List<Long>> m = new EnumMap<>(PacketKind.class);
        Map<PacketKind, RoutedIr.Traffic> plan = CountsTest.plan(r);
        long[] k = c.noc().byKind();
        for (PacketKind kind : PacketKind.values()) {
            int b = kind.ordinal() * Interconnect.KIND_FIELDS;
            if (k[b] != 0) m.put(kind, List.of(k[b], plan.get(kind).flits()));
        }
        return m;
    }

    static Chip run(ChipSpec chip, CompileResult r, int inputs, boolean learn) {
        Chip c = new Chip(chip, 1);
        c.load(r.program());
        int last = r.program().layers().size() - 1;
        c.run(ones(inputs), last, learn ? CountsTest.learnAll(r.program()) : null);
        return c;
    }

    /**
     * One core: 8 -> 4, identity, no competition. One tile of 8 rows x 4 columns: 8 pulses, 64 activations,
     * 8 x 8 x 8 = 512 cell reads, 32 conversions, 32 shift-and-adds, 2 SRAM words written and read, 4 neuron updates.
     * No NoC traffic.
     */
    @Test
    void oneCore() {
        ChipSpec chip = idealSmall();
        CompileResult r = CountsTest.compile(Network.builder("one").input(8).dense("h", 4).build(), chip);
        try (Chip c = run(chip, r, 8, false)) {
            assertEquals(Map.of(Action.CROSSBAR_READ_PULSE, 8L, Action.ROW_DRIVER_ACTIVATE, 64L,
                    Action.CROSSBAR_CELL_READ, 512L, Action.ADC_CONVERSION, 32L, Action.SHIFT_ADD_OP, 32L,
                    Action.SRAM_WRITE_WORD, 2L, Action.SRAM_READ_WORD, 2L, Action.NEURON_RATE_UPDATE, 4L),
                    counts(c.totalCounts()));
            assertEquals(Map.of(), traffic(c, r));
            CountsTest.assertPlannedEqualsCounted(r, c, 1);
        }
    }

    /**
     * Two row tiles (partial sums): 16 -> 4 with a softmax. Two tiles of 8 x 4: 16 pulses, 128 activations, 1,024
     * cell reads, 64 conversions, 64 + 4 shift-and-adds (the owner adds the 4 partial sums), 4 words written and read;
     * softmax over 4: 3 compares, 4 exponentials, 4 normalisations; 4 neuron updates. NoC: one partial-sum packet of
     * 4 x 32 = 128 bits = 3 flits.
     */
    @Test
    void twoRowTiles() {
        ChipSpec chip = idealSmall();
        CompileResult r = CountsTest.compile(Network.builder("rows").input(16).dense("h", 4)
                .competition(Competition.softmax(1)).build(), chip);
        try (Chip c = run(chip, r, 16, false)) {
            assertEquals(Map.ofEntries(Map.entry(Action.CROSSBAR_READ_PULSE, 16L), Map.entry(Action.ROW_DRIVER_ACTIVATE, 128L),
                    Map.entry(Action.CROSSBAR_CELL_READ, 1024L), Map.entry(Action.ADC_CONVERSION, 64L),
                    Map.entry(Action.SHIFT_ADD_OP, 68L), Map.entry(Action.SRAM_WRITE_WORD, 4L),
                    Map.entry(Action.SRAM_READ_WORD, 4L), Map.entry(Action.COMPETITION_COMPARE, 3L),
                    Map.entry(Action.COMPETITION_EXP, 4L), Map.entry(Action.COMPETITION_NORMALIZE, 4L),
                    Map.entry(Action.NEURON_RATE_UPDATE, 4L), Map.entry(Action.ROUTER_FLIT, c.totalCounts().get(Action.ROUTER_FLIT)),
                    Map.entry(Action.LINK_FLIT, c.totalCounts().get(Action.LINK_FLIT))),
                    counts(c.totalCounts()));
            assertEquals(Map.of(PacketKind.PARTIAL_SUM, List.of(1L, 3L)), traffic(c, r));
            CountsTest.assertPlannedEqualsCounted(r, c, 1);
        }
    }

    /**
     * Two column tiles (split softmax): 8 -> 80 with a softmax, tiles of 8 x 64 and 8 x 16. Reads: 16 pulses, 128
     * activations, 8 x 8 x 128 + 8 x 8 x 32 = 10,240 cell reads, 8 x 64 + 8 x 16 = 640 conversions and shift-and-adds;
     * 2 + 2 words written and read; softmax over 80 at the root: 79 compares, 80 exponentials, 80 normalisations; 80
     * neuron updates. NoC: the second owner's partial max and sum (2 x 32 bits = 2 flits) to the root and the result
     * (2 x 32 bits = 2 flits) back: 2 reduction packets of 2 flits.
     */
    @Test
    void twoColumnTiles() {
        ChipSpec chip = idealSmall();
        CompileResult r = CountsTest.compile(Network.builder("cols").input(8).dense("h", 80)
                .competition(Competition.softmax(1)).build(), chip);
        try (Chip c = run(chip, r, 8, false)) {
            assertEquals(Map.ofEntries(Map.entry(Action.CROSSBAR_READ_PULSE, 16L), Map.entry(Action.ROW_DRIVER_ACTIVATE, 128L),
                    Map.entry(Action.CROSSBAR_CELL_READ, 10240L), Map.entry(Action.ADC_CONVERSION, 640L),
                    Map.entry(Action.SHIFT_ADD_OP, 640L), Map.entry(Action.SRAM_WRITE_WORD, 4L),
                    Map.entry(Action.SRAM_READ_WORD, 4L), Map.entry(Action.COMPETITION_COMPARE, 79L),
                    Map.entry(Action.COMPETITION_EXP, 80L), Map.entry(Action.COMPETITION_NORMALIZE, 80L),
                    Map.entry(Action.NEURON_RATE_UPDATE, 80L), Map.entry(Action.ROUTER_FLIT, c.totalCounts().get(Action.ROUTER_FLIT)),
                    Map.entry(Action.LINK_FLIT, c.totalCounts().get(Action.LINK_FLIT))),
                    counts(c.totalCounts()));
            assertEquals(Map.of(PacketKind.REDUCTION, List.of(2L, 4L)), traffic(c, r));
            CountsTest.assertPlannedEqualsCounted(r, c, 1);
        }
    }

    /**
     * Two-layer rate network 16 -> 80 -> 4, weights all 0.5 (so every hidden value is 8 x 0.5 x ... equal, and layer
     * o's input quantises to 255 everywhere too). Layer h: 4 tiles (2 row x 2 column blocks: 8 x 64 twice, 8 x 16
     * twice): 32 pulses, 256 activations, 2 x 8 x 8 x 128 + 2 x 8 x 8 x 32 = 20,480 cell reads, 2 x 512 + 2 x 128 =
     * 1,280 conversions, 1,280 + 64 + 16 (partial sums added) shift-and-adds, 80 neuron updates. Layer o: 10 tiles of
     * 8 x 4: 80 pulses, 640 activations, 10 x 8 x 8 x 8 = 5,120 cell reads, 320 conversions, 320 + 9 x 4
     * shift-and-adds, 4 neuron updates. Totals: 112 pulses, 896 activations, 25,600 cell reads, 1,600 conversions,
     * 1,716 shift-and-adds, 84 neuron updates; 14 tiles x 2 = 28 SRAM words written and read. NoC: partial sums of h,
     * 64 x 32 bits = 33 flits and 16 x 32 bits = 9 flits, of o, 9 packets of 4 x 32 bits = 3 flits; activations, 10
     * packets of 8 x 8 bits = 2 flits (block 0 feeds o's row blocks 0-7, block 1 its row blocks 8-9).
     */
    @Test
    void twoLayerRateNetwork() {
        ChipSpec chip = idealSmall();
        float[] wh = new float[16 * 80];
        Arrays.fill(wh, 0.5f);
        float[] wo = new float[80 * 4];
        Arrays.fill(wo, 0.5f);
        CompileResult r = CountsTest.compile(Network.builder("n16-80-4").input(16).dense("h", 80)
                .weights(16, 80, wh, null).weightScale(1).dense("o", 4).weights(80, 4, wo, null).weightScale(1).build(), chip);
        try (Chip c = run(chip, r, 16, false)) {
            assertEquals(Map.ofEntries(Map.entry(Action.CROSSBAR_READ_PULSE, 112L), Map.entry(Action.ROW_DRIVER_ACTIVATE, 896L),
                    Map.entry(Action.CROSSBAR_CELL_READ, 25600L), Map.entry(Action.ADC_CONVERSION, 1600L),
                    Map.entry(Action.SHIFT_ADD_OP, 1716L), Map.entry(Action.SRAM_WRITE_WORD, 28L),
                    Map.entry(Action.SRAM_READ_WORD, 28L), Map.entry(Action.NEURON_RATE_UPDATE, 84L),
                    Map.entry(Action.ROUTER_FLIT, c.totalCounts().get(Action.ROUTER_FLIT)),
                    Map.entry(Action.LINK_FLIT, c.totalCounts().get(Action.LINK_FLIT))),
                    counts(c.totalCounts()));
            assertEquals(Map.of(PacketKind.PARTIAL_SUM, List.of(11L, 33L + 9 + 27), PacketKind.ACTIVATION, List.of(10L, 20L)),
                    traffic(c, r));
            CountsTest.assertPlannedEqualsCounted(r, c, 1);
        }
    }

    /**
     * The two-row-tile network on digital-sram (8-row synapse blocks), one sample: each tile does 8 inputs x 4
     * columns = 32 synaptic ops (64); an analog DAC's values are 32 bits, so each tile's input buffer takes 8 words
     * (16 written, 16 read); the owner adds 4 partial sums (4 shift-and-adds); softmax 3 + 4 + 4; 4 neuron updates.
     * NoC: one partial-sum packet of 3 flits, as on the RRAM chip.
     */
    @Test
    void digitalTwoRowTiles() {
        ChipSpec base = ChipSpec.preset("digital-sram");
        ChipSpec chip = base.withCore(base.core().withCrossbar(new CrossbarSpec(8, 128,
                base.core().crossbar().cellsPerWeight(), 8)));
        CompileResult r = CountsTest.compile(Network.builder("rows").input(16).dense("h", 4)
                .competition(Competition.softmax(1)).build(), chip);
        try (Chip c = run(chip, r, 16, false)) {
            assertEquals(Map.ofEntries(Map.entry(Action.SYNAPSE_SRAM_OP, 64L),
                    Map.entry(Action.SHIFT_ADD_OP, 4L), Map.entry(Action.SRAM_WRITE_WORD, 16L),
                    Map.entry(Action.SRAM_READ_WORD, 16L), Map.entry(Action.COMPETITION_COMPARE, 3L),
                    Map.entry(Action.COMPETITION_EXP, 4L), Map.entry(Action.COMPETITION_NORMALIZE, 4L),
                    Map.entry(Action.NEURON_RATE_UPDATE, 4L), Map.entry(Action.ROUTER_FLIT, c.totalCounts().get(Action.ROUTER_FLIT)),
                    Map.entry(Action.LINK_FLIT, c.totalCounts().get(Action.LINK_FLIT))),
                    counts(c.totalCounts()));
            assertEquals(Map.of(PacketKind.PARTIAL_SUM, List.of(1L, 3L)), traffic(c, r));
            CountsTest.assertPlannedEqualsCounted(r, c, 1);
        }
    }

    /**
     * A two-layer spiking network with STDP, 16 -> 4 -> 2 on 8-row crossbars (layer a: 2 row tiles; layer b: one
     * tile), 5 steps in which inputs 0 and 8 spike; weights 1 from input 0 and from input 8 to every hidden neuron and
     * from hidden 0 to both outputs, threshold 0.5: every neuron fires every step. Per step: layer a's row tile sends
     * its 4 partial currents (4 x 16 bits: ceil(80 / 64) = 2 flits) to the owner, the owner sends 4 spikes
     * (4 x 32-bit address events = 128 bits = 3 flits) to layer b's tile: over 5 steps 5 partial-sum packets (10 flits)
     * and 5 spike packets (15 flits); the plan gives the per-step partial sums and the spike packet when every
     * neuron of the block fires, as here. Reads per step: layer a, each tile one pulse with 1 row driven (8 cells, 4
     * conversions); layer b, one pulse with 4 rows (16 cells, 2 conversions): over 5 steps 15 pulses, 30 activations,
     * 5 x (8 + 8 + 16) = 160 cell reads, 5 x (4 + 4 + 2) = 50 conversions; LIF updates 5 x (4 + 2) = 30, all active;
     * 5 barriers.
     */
    @Test
    void twoLayerSpikingWithStdp() {
        ChipSpec chip = idealSmall();
        float[] wa = new float[16 * 4];
        Arrays.fill(wa, 0, 4, 1f);
        Arrays.fill(wa, 8 * 4, 9 * 4, 1f);
        float[] wb = new float[4 * 2];
        Arrays.fill(wb, 0, 2, 1f);
        LearningRule stdp = new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 1e-4, 1e-3, 20, 20, 40, 0, 1);
        NeuronModel lif = new NeuronModel.Lif(new LifParams(0.9, 0.5, LifParams.Reset.ZERO, 0, 0, 0, 1));
        CompileResult r = CountsTest.compile(Network.builder("snn").input(16).dense("a", 4).neuron(lif).rule(stdp)
                .weights(16, 4, wa, null).weightScale(1).dense("b", 2).neuron(lif).rule(stdp)
                .weights(4, 2, wb, null).weightScale(1).build(), chip);
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            int[] spikes = c.runSpiking((step, x) -> {
                Arrays.fill(x, 0f);
                x[0] = 1f;
                x[8] = 1f;
            }, 5, 1.0, 20, 1, new boolean[]{true, true});
            assertEquals(List.of(5, 5), Arrays.stream(spikes).boxed().toList());
            ActionCounters n = c.totalCounts();
            assertEquals(15 + 54, n.get(Action.CROSSBAR_READ_PULSE));
            assertEquals(30 + 54, n.get(Action.ROW_DRIVER_ACTIVATE));
            assertEquals(160 + 288, n.get(Action.CROSSBAR_CELL_READ));
            assertEquals(50 + 144, n.get(Action.ADC_CONVERSION));
            assertEquals(50, n.get(Action.SHIFT_ADD_OP));
            assertEquals(144, n.get(Action.PLASTICITY_UPDATE));
            assertEquals(144, n.get(Action.PLASTICITY_WEIGHT_READBACK));
            assertEquals(30, n.get(Action.NEURON_LIF_ACTIVE));
            assertEquals(0, n.get(Action.NEURON_LIF_IDLE));
            assertEquals(30, n.get(Action.SRAM_WRITE_WORD));
            assertEquals(5, n.get(Action.BARRIER_SYNC));
            assertEquals(Map.of(PacketKind.PARTIAL_SUM, List.of(5L, 2L), PacketKind.SPIKE, List.of(5L, 3L)), traffic(c, r));
            CountsTest.assertPlannedEqualsCounted(r, c, 5);
        }
    }
}
