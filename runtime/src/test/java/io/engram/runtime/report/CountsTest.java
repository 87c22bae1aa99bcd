package io.engram.runtime.report;

import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.Interconnect;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.tech.Action;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.RoutedIr;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts of issue 15's defects, each against a hand count, and the compiler's planned traffic against the chip's
 * counted traffic (one traffic model, {@link io.engram.chip.program.Traffic}).
 *
 * <p>Chips: rram-22nm with 8-row crossbars of 128 physical columns (64 weight columns), bit-serial 8-bit DAC: one
 * activation value is 8 bits, 4 to a 32-bit SRAM word. NoC flits are 64 bits with a 16-bit header:
 * flits(p) = ceil((p + 16) / 64).
 */
class CountsTest {
    /** rram-22nm with 8 x 128 crossbars (8 rows at once). */
    static ChipSpec smallChip(String preset) {
        ChipSpec base = ChipSpec.preset(preset);
        return base.withCore(base.core().withCrossbar(new CrossbarSpec(8, 128, base.core().crossbar().cellsPerWeight(), 8)));
    }

    static CompileResult compile(Network net, ChipSpec chip) {
        CompileResult r = new Compiler().compile(NetworkSource.of(net), chip, CompileOptions.defaults());
        assertTrue(r.ok(), r.renderDiagnostics());
        return r;
    }

    /** The two-layer 16-80-4 rate network, no learning. */
    static Network net16x80x4() {
        return Network.builder("n16-80-4").input(16).dense("h", 80).dense("o", 4).build();
    }

    static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (i + 1f) / n;
        return x;
    }

    /**
     * Defect 1. 16-80-4 on 8 x 64-weight crossbars: layer h is 2 row blocks x 2 column blocks (cols 0-63, 64-79) = 4
     * tiles of 8 rows, layer o is 10 row blocks of 8 rows = 10 tiles. Each tile's input buffer holds its own 8 rows:
     * 8 values x 8 bits = 2 words; 14 tiles x 2 = 28 sram.write_word per sample (the whole vector to every tile
     * counted 4 x 4 + 10 x 20 = 216). Reads: the same 2 words per tile per read, 28.
     */
    @Test
    void ingressWritesOnlyEachTilesOwnRows() {
        ChipSpec chip = smallChip("rram-22nm");
        CompileResult r = compile(net16x80x4(), chip);
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            c.run(ramp(16), 1, null);
            assertEquals(28, c.totalCounts().get(Action.SRAM_WRITE_WORD));
            assertEquals(28, c.totalCounts().get(Action.SRAM_READ_WORD));
        }
    }

    /**
     * Defect 2. Layer h's column block 0 (outputs 0-63) feeds layer o's row blocks 0..7, block 1 (64-79) its row
     * blocks 8, 9: one packet per (block, row block) pair, each 8 values x 8 bits = 64 bits = 2 flits, to the one
     * tile of that row block. 10 activation packets, 20 flits (the old runtime sent 2 packets of 40 values to all
     * 10 tiles). Link flits equal the compiler's planned flit-hops.
     */
    @Test
    void activationsGoOnlyToTheTilesHoldingTheirRows() {
        ChipSpec chip = smallChip("rram-22nm");
        CompileResult r = compile(net16x80x4(), chip);
        RoutedIr.Traffic plan = plan(r).get(PacketKind.ACTIVATION);
        assertEquals(10, plan.packets());
        assertEquals(20, plan.flits());
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            c.run(ramp(16), 1, null);
            long[] k = c.noc().byKind();
            int b = PacketKind.ACTIVATION.ordinal() * Interconnect.KIND_FIELDS;
            assertEquals(10, k[b]);
            assertEquals(plan.flitHops(), k[b + 2]);
        }
    }

    /**
     * Defect 3. A 16-64 SoftHebb layer on 8-row crossbars is 2 row tiles; learning sends the owner's post factors a
     * and b, 16 bits each, for 64 neurons: 2048 bits = ceil(2064 / 64) = 33 flits, planned and counted alike (the
     * compiler planned 2 x 8 x 64 bits = 17 flits while the runtime sent 33).
     */
    @Test
    void postBroadcastHasOneSize() {
        ChipSpec chip = smallChip("rram-22nm");
        Network net = Network.builder("sh").input(16).dense("h", 64).competition(Competition.softmax(1))
                .rule(new LearningRule.SoftHebb(0.01, 1, 0, 0, UpdateScaling.NONE)).build();
        CompileResult r = compile(net, chip);
        RoutedIr.Traffic plan = plan(r).get(PacketKind.POST_BROADCAST);
        assertEquals(1, plan.packets());
        assertEquals(33, plan.flits());
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            c.run(ramp(16), 0, new boolean[]{true});
            long[] k = c.noc().byKind();
            int b = PacketKind.POST_BROADCAST.ordinal() * Interconnect.KIND_FIELDS;
            assertEquals(1, k[b]);
            assertEquals(plan.flitHops(), k[b + 2]);
            assertEquals(33 * plan.flitHops() / plan.flits(), k[b + 2]);
        }
    }

    /**
     * Defect 8. digital-sram, a 16-8 SoftHebb layer on one core, one learning sample with every input non-zero:
     * every weight gets an update (softmax y > 0, b = y u != 0): 16 x 8 = 128 updates, each written once as a
     * synaptic read-modify-write; learning.updates is 128 (it summed both counters: 256).
     */
    @Test
    void digitalUpdatesCountOnce() {
        ChipSpec chip = ChipSpec.preset("digital-sram");
        Network net = Network.builder("d").input(16).dense("h", 8).competition(Competition.softmax(1))
                .rule(new LearningRule.SoftHebb(0.01, 1, 0, 0, UpdateScaling.NONE)).build();
        CompileResult r = compile(net, chip);
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            c.run(ramp(16), 0, new boolean[]{true});
            assertEquals(128, c.totalCounts().get(Action.PLASTICITY_UPDATE));
            Report rep = ReportBuilder.from(c, 1, "v", AccuracyFigures.none(), List.of());
            assertEquals(128, rep.learning().updates());
        }
    }

    /**
     * Defect 10. One analog-DAC read of a 16 x 8 layer on one 16-row crossbar of 16 physical columns with 8 columns
     * per ADC (2 ADCs): differential sensing converts 8 weight columns, 4 rounds: 10 + 4 x 9 = 46 cycles; per-column
     * sensing converts 16 physical columns, 8 rounds: 10 + 8 x 9 = 82 cycles.
     */
    @Test
    void adcSensingIsAChipOption() {
        for (AdcSpec.Sensing s : AdcSpec.Sensing.values()) {
            ChipSpec base = ChipSpec.preset("rram-22nm");
            ChipSpec chip = base.withCore(base.core().withCrossbar(new CrossbarSpec(16, 16, 2, 16))
                    .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0)).withAdc(base.core().adc().withSensing(s)));
            CompileResult r = compile(Network.builder("a").input(16).dense("h", 8).build(), chip);
            try (Chip c = new Chip(chip, 1)) {
                c.load(r.program());
                c.run(ramp(16), 0, null);
                boolean diff = s == AdcSpec.Sensing.DIFFERENTIAL;
                assertEquals(diff ? 8 : 16, c.totalCounts().get(Action.ADC_CONVERSION));
                assertEquals(diff ? 46 : 82, c.stats().core(r.program().layers().get(0).tiles().get(0).core())
                        .stateCycles()[io.engram.chip.core.CoreState.BUSY_READ.ordinal()]);
            }
        }
    }

    /**
     * Defect 12. A spiking network written the documented way (flatten, then a LIF dense layer with STDP) compiles
     * and runs: one sample of 5 steps in which input 0 spikes every step, threshold 0.5 and weights 1 on its row
     * make every neuron fire every step (5 spikes each).
     */
    @Test
    void flattenBeforeALifLayerRuns() {
        ChipSpec chip = ChipSpec.preset("rram-22nm");
        float[] w = new float[16 * 4];
        Arrays.fill(w, 0, 4, 1f);
        Network net = Network.builder("snn").input(1, 4, 4).flatten().dense("h", 4)
                .neuron(new NeuronModel.Lif(new LifParams(0.9, 0.5, LifParams.Reset.ZERO, 0, 0, 0, 1)))
                .rule(new LearningRule.Stdp(LearningRule.Stdp.Form.PAIR, 1e-4, 1e-3, 20, 20, 40, 0, 1))
                .weights(16, 4, w, null).weightScale(1).build();
        CompileResult r = compile(net, chip);
        try (Chip c = new Chip(chip, 1)) {
            c.load(r.program());
            int[] spikes = c.runSpiking((step, x) -> { Arrays.fill(x, 0f); x[0] = 1f; }, 5, 1.0, 20, 1,
                    new boolean[]{false, true});
            assertEquals(List.of(5, 5, 5, 5), Arrays.stream(spikes).boxed().toList());
        }
    }

    static Map<PacketKind, RoutedIr.Traffic> plan(CompileResult r) {
        return ((RoutedIr.Stats) r.stats(Pass.ROUTE)).traffic();
    }

    /** The chip's packets and link flits of each kind equal the compiler's planned packets and flit-hops. */
    static void assertPlannedEqualsCounted(CompileResult r, Chip c, long samples) {
        Map<PacketKind, RoutedIr.Traffic> plan = plan(r);
        long[] k = c.noc().byKind();
        for (PacketKind kind : PacketKind.values()) {
            RoutedIr.Traffic t = plan.get(kind);
            int b = kind.ordinal() * Interconnect.KIND_FIELDS;
            assertEquals(t == null ? 0 : t.packets() * samples, k[b], kind + " packets");
            assertEquals(t == null ? 0 : t.flitHops() * samples, k[b + 2], kind + " link flits");
        }
    }

    /** The program's learning layers learn on every sample run. */
    static boolean[] learnAll(ChipProgram p) {
        boolean[] l = new boolean[p.layers().size()];
        Arrays.fill(l, true);
        return l;
    }
}
