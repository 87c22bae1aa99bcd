package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipInventory;
import io.engram.chip.stats.EnergyAccount;
import io.engram.chip.stats.EnergyLine;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants of a small learning run on the rram-22nm preset (noisy nonlinear device, bit-serial DAC, 8-bit ADC):
 * energy lines sum to the dynamic energy, every core's states sum to the chip's cycles, the same seed reproduces
 * every counter and weight, a different seed does not.
 */
class ChipInvariantsTest {
    static final int IN = 200;   // two row tiles of a 128-row crossbar: cores 0 and 1
    static final int OUT = 20;
    static final int SAMPLES = 40;

    record Run(Chip chip, ActionCounters counts, float[] weights, float[][] outputs, long cycles) {}

    static Run run(ChipSpec spec, long seed) {
        LearningRule rule = new LearningRule.SoftHebb(0.05, 0.5, 0.0, 0.0, UpdateScaling.PER_NEURON);
        float[] w0 = TestPrograms.randomWeights(IN * OUT, 0.3, 7, false);
        Chip chip = new Chip(spec, seed);
        chip.load(TestPrograms.program(spec, TestPrograms.dense(spec, "l0", IN, OUT, rule, Competition.softmax(0.5),
                w0, null, 1.0)));
        SplittableRandom r = new SplittableRandom(11);
        float[][] outs = new float[SAMPLES][];
        for (int s = 0; s < SAMPLES; s++) {
            float[] x = new float[IN];
            for (int i = 0; i < IN; i++) x[i] = (float) r.nextDouble();
            outs[s] = chip.run(x, 0, new boolean[]{true});
        }
        long cycles = chip.settle();
        return new Run(chip, chip.totalCounts(), chip.weights(0), outs, cycles);
    }

    /** One run shared by the invariant checks (settle() is idempotent, the checks only read). */
    private static Run shared;

    static synchronized Run shared() {
        if (shared == null) shared = run(ChipSpec.preset("rram-22nm"), 1);
        return shared;
    }

    @Test
    void energyLinesSumToTheDynamicEnergy() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        Run r = shared();
        Technology tech = spec.technology();
        int cores = spec.mesh().cores();
        ChipInventory inv = ChipInventory.of(spec, cores);
        EnergyAccount acc = EnergyAccount.of(r.counts(), tech, inv, r.cycles());
        double sum = 0;
        Map<Component, Double> byComp = new EnumMap<>(Component.class);
        int nonZero = 0;
        for (Action a : Action.values()) if (r.counts().get(a) != 0) nonZero++;
        assertEquals(nonZero, acc.lines().size(), "one line per counted action");
        for (EnergyLine l : acc.lines()) {
            Action a = Arrays.stream(Action.values())
                    .filter(x -> x.component().key().equals(l.component()) && x.key().equals(l.action()))
                    .findFirst().orElseThrow();
            assertEquals(r.counts().get(a), l.count(), a.qualifiedName());
            assertEquals(tech.energyPj(a), l.costPj(), 0, a.qualifiedName());
            assertEquals(l.count() * l.costPj(), l.energyPj(), 1e-9 * l.energyPj(), a.qualifiedName());
            assertEquals(tech.cost(a).source(), l.source());
            sum += l.energyPj();
            byComp.merge(a.component(), l.energyPj(), Double::sum);
        }
        assertTrue(acc.dynamicPj() > 0);
        assertEquals(sum, acc.dynamicPj(), 1e-9 * sum);
        for (var e : byComp.entrySet()) {
            assertEquals(e.getValue(), acc.byComponentPj().get(e.getKey()), 1e-9 * e.getValue(), e.getKey().key());
        }
        double seconds = r.cycles() * tech.nsPerCycle() * 1e-9;
        double leak = 0;
        for (var l : acc.leakageLines()) {
            assertEquals(l.instances() * l.perInstanceMw(), l.powerMw(), 1e-12 * l.powerMw(), l.component());
            leak += l.powerMw() * 1e-3 * seconds * 1e12;  // W x s = J; 1e12 pJ per J
        }
        assertEquals(inv.leakageMw() * 1e-3 * seconds * 1e12, leak, 1e-9 * leak);
        assertEquals(leak, acc.leakagePj(), 1e-9 * leak);
        assertEquals(acc.dynamicPj() + acc.leakagePj(), acc.totalPj(), 0);
        // the read path ran and the engine programmed cells
        assertTrue(r.counts().get(Action.ADC_CONVERSION) > 0);
        assertTrue(r.counts().get(Action.CROSSBAR_SET_PULSE) + r.counts().get(Action.CROSSBAR_RESET_PULSE) > 0);
    }

    @Test
    void coreStatesSumToTheChipCycles() {
        Run r = shared();
        Core[] cores = r.chip().cores();
        assertTrue(r.cycles() > 0);
        for (Core c : cores) {
            long sum = 0;
            for (CoreState s : CoreState.values()) {
                assertTrue(c.stateCycles(s) >= 0);
                sum += c.stateCycles(s);
            }
            assertEquals(r.cycles(), sum, c.path());
            assertEquals(r.cycles(), c.totalCycles(), c.path());
        }
        // the two tile cores read and learned; the owner also ran competition and neurons; the rest only idled
        for (int i = 0; i < 2; i++) {
            assertTrue(cores[i].stateCycles(CoreState.BUSY_READ) > 0, "core " + i + " read");
            assertTrue(cores[i].stateCycles(CoreState.BUSY_LEARN) > 0, "core " + i + " learned");
        }
        assertTrue(cores[0].stateCycles(CoreState.BUSY_COMPETE) > 0);
        assertTrue(cores[0].stateCycles(CoreState.BUSY_NEURON) > 0);
        for (int i = 2; i < cores.length; i++) assertEquals(r.cycles(), cores[i].stateCycles(CoreState.IDLE));
        // a second settle changes nothing
        assertEquals(r.cycles(), r.chip().settle());
        for (Core c : cores) assertEquals(r.cycles(), c.totalCycles());
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        ChipSpec spec = ChipSpec.preset("rram-22nm");
        Run a = run(spec, 5);
        Run b = run(spec, 5);
        assertEquals(a.counts(), b.counts());
        assertArrayEquals(a.weights(), b.weights());
        assertEquals(a.cycles(), b.cycles());
        for (int s = 0; s < SAMPLES; s++) assertArrayEquals(a.outputs()[s], b.outputs()[s]);
        for (int i = 0; i < a.chip().cores().length; i++) {
            assertArrayEquals(a.chip().cores()[i].stateCyclesArray(), b.chip().cores()[i].stateCyclesArray());
            assertEquals(a.chip().cores()[i].counts(), b.chip().cores()[i].counts());
        }

        Run c = run(spec, 6);
        assertFalse(Arrays.equals(a.weights(), c.weights()), "read and write noise differ between seeds");
        assertFalse(Arrays.equals(a.outputs()[SAMPLES - 1], c.outputs()[SAMPLES - 1]));
        assertNotEquals(a.counts(), c.counts());
    }
}
