package io.engram.chip.plasticity;

import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.Competition;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.TestPrograms;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DeviceKind;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.EndurancePolicy;
import io.engram.chip.spec.PlasticitySpec;
import io.engram.chip.spec.SmallUpdatePolicy;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipInventory;
import io.engram.chip.stats.EnergyAccount;
import io.engram.chip.stats.EnergyLine;
import io.engram.chip.tech.Action;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One hard-WTA update on a 16-level noisy linear-step device, counted by hand:
 * Gmin 1 uS, Gmax 10 uS, 16 levels: step 0.6 uS; weightScale 1: 9 uS per unit weight.
 * Weights start at 0, x = (1, 0.4, 0, 0.2), eta 0.2, the winner is neuron 0 (ties go to the first):
 * dw = eta (x - w) = (0.2, 0.08, 0, 0.04) -> dG = (1.8, 0.72, 0, 0.36) uS -> (3, 1.2, 0, 0.6) pulses
 * -> rounded (DROP policy) 3 + 1 + 0 + 1 = 5 SET pulses on G+.
 * Updates computed: 4 rows x 1 column; weights read back: 4 (the winner's column, b != 0), on 4 rows.
 * Plasticity and pulse energy 5 x 1.2 + 4 x 0.1 + 4 x 0 (the engine latching a value) = 6.4 pJ.
 * The read-back is 4 row reads through the read path (issue 15, defect 5: it used to cost 0.19 pJ and no cycle per
 * weight): each row driven alone (1 row-driver activation, 1 read pulse), its 2 weight columns = 4 cells sensed, 2
 * conversions (differential sensing); the forward read before it drove rows 0, 1, 3 once (3 activations, 12 cells,
 * 2 conversions). Read-path totals: 5 read pulses, 7 row activations, 28 cell reads, 10 conversions. Read-back
 * time per row: read pulse 10 ns = 10 cycles + ceil(2 conversions / 8 ADCs) x 9 cycles = 19; 4 rows: 76 cycles.
 * Learn cycles: 76 + 1 compute cycle (8 operations on 16 lanes) + max(ceil(5/16), 3 pulses on one cell) x 50 = 227.
 */
class PulseAccountingTest {
    @Test
    void oneUpdateOnA16LevelNoisyDevice() {
        ChipSpec base = TestPrograms.idealChip(64, 64);
        DeviceSpec dev = new DeviceSpec(DeviceKind.LINEAR_STEP, 16, 1.0, 10.0, 1, 1, 0.005, 0, 0, 0, 0,
                Long.MAX_VALUE, EndurancePolicy.COUNT_ONLY);
        PlasticitySpec ps = new PlasticitySpec(16, 16, SmallUpdatePolicy.DROP, false, 10, 0.5);
        ChipSpec chip = base.withCore(base.core().withDevice(dev).withPlasticity(ps));
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "l", 4, 2,
                new LearningRule.HardWta(0.2, LearningRule.HardWta.Variant.INSTAR), Competition.hardWta(),
                new float[8], null, 1.0)));
        c.run(new float[]{1f, 0.4f, 0f, 0.2f}, 0, new boolean[]{true});
        ActionCounters n = c.stats().core(0).counts();
        assertEquals(5, n.get(Action.CROSSBAR_SET_PULSE));
        assertEquals(0, n.get(Action.CROSSBAR_RESET_PULSE));
        assertEquals(4, n.get(Action.PLASTICITY_UPDATE));
        assertEquals(4, n.get(Action.PLASTICITY_WEIGHT_READBACK));
        assertEquals(5, n.get(Action.CROSSBAR_READ_PULSE));
        assertEquals(7, n.get(Action.ROW_DRIVER_ACTIVATE));
        assertEquals(28, n.get(Action.CROSSBAR_CELL_READ));
        assertEquals(10, n.get(Action.ADC_CONVERSION));
        EnergyAccount acc = EnergyAccount.of(n, chip.technology(), ChipInventory.of(chip, 1), 0);
        double learn = 0;
        for (EnergyLine l : acc.lines()) {
            if (l.component().equals("plasticity") || l.action().equals("set_pulse")) learn += l.energyPj();
        }
        assertEquals(6.4, learn, 1e-9);
        assertEquals(227, c.stats().core(0).stateCycles()[CoreState.BUSY_LEARN.ordinal()]);
        // the weights moved by whole steps (noise aside): 3 x 0.6 uS = 0.2 weight units, 1 step = 0.0667
        float[] w = c.weights(0);
        assertEquals(0.2, w[0], 0.02);
        assertEquals(0.6 / 9, w[2], 0.02);
        assertEquals(0.0, w[4], 1e-9);
        assertEquals(0.6 / 9, w[6], 0.02);
    }
}
