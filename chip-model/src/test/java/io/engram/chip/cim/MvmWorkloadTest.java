package io.engram.chip.cim;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.chip.time.TimeModel;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny CIM chip (2 cores of 4 rows x 6 columns = 3 differential pairs) with round-number costs, so every count,
 * energy and time of {@link MvmWorkload} has a closed form.
 */
class MvmWorkloadTest {
    static final String CHIP = """
            name: tiny
            cores: 2
            crossbar: { rows: 4, cols: 6, cells_per_weight: 2 }
            input_bits: { min: 1, max: 4 }
            readout: { kind: voltage_integrating, output_bits: { min: 2, max: 6 } }
            device: { g_min_us: 1.0, g_max_us: 10.0 }
            time_model: lockstep
            technology: round
            """;
    static final String TECH = """
            name: round
            energy:
              input_pulse:           { energy_pj: 1.0, source: test }
              integration:           { energy_pj: 2.0, source: test }
              conversion_step:       { energy_pj: 3.0, source: test }
              word_line_integration: { energy_pj: 5.0, source: test }
              word_line_conversion:  { energy_pj: 7.0, source: test }
            time:
              integration_step_ns: { value: 10.0, source: test }
              conversion_step_ns:  { value: 20.0, source: test }
              phase_gap_ns:        { value: 100.0, source: test }
            """;

    static CimChipSpec chip(String yaml) { return CimChipSpec.parse(SpecNode.parseString(yaml, "tiny.yaml")); }

    static CimTechnology tech(String yaml) { return CimTechnology.parse(yaml.getBytes(StandardCharsets.UTF_8), "round.yaml"); }

    /** Set magnitude bits of the inputs the workload draws: its own input streams, read a second time. */
    private static long expectedPulses(int cores, int rows, int inputBits, int phases, int mvms, long seed) {
        RandomStreams s = new RandomStreams(seed);
        long pulses = 0;
        for (int c = 0; c < cores; c++) {
            SplittableRandom xr = s.stream("cim.core" + c, "inputs");
            for (int m = 0; m < mvms; m++) {
                for (int i = 0; i < rows; i++) {
                    int mag = xr.nextInt(1 << inputBits);
                    if (phases == 2) xr.nextBoolean();
                    pulses += Integer.bitCount(mag);
                }
            }
        }
        return pulses;
    }

    @Test
    void countsEnergyAndTimeOfTwoPhaseMvms() {
        // 3 input bits, 4 output bits, 2 phases, 5 MVMs on each of 2 cores = 10 MVMs of 4 rows x 3 pairs
        MvmWorkload.Result r = MvmWorkload.run(chip(CHIP), tech(TECH), 3, 4, 2, 5, 9);
        assertEquals(10, r.counts().mvms);
        assertEquals(10 * 4 * 3, r.counts().macs);                     // 120
        assertEquals(10 * 3 * 3, r.counts().integrations);             // pairs x input bits: 90
        assertEquals(10 * 3 * 4, r.counts().conversionSteps);          // pairs x output bits: 120
        assertEquals(10 * 4 * 3, r.counts().wordLineIntegrationToggles); // rows x input bits: 120
        assertEquals(10 * 4 * 4, r.counts().wordLineConversionToggles);  // rows x output bits: 160
        long pulses = expectedPulses(2, 4, 3, 2, 5, 9);
        assertEquals(pulses, r.counts().inputPulses);
        // energy per rail: pulses x 1 pJ; 90 x 2 + 120 x 3 = 540 pJ; 120 x 5 + 160 x 7 = 1720 pJ
        assertEquals(pulses * 1.0, r.energyPj().get(Rail.INPUT_PULSE), 1e-9);
        assertEquals(540.0, r.energyPj().get(Rail.NEURON), 1e-9);
        assertEquals(1720.0, r.energyPj().get(Rail.WORD_LINE), 1e-9);
        // per op (1 MAC = 2 ops, 240 ops): neuron 540 pJ / 240 = 2.25 pJ = 2250 fJ; word line 1720/240 pJ
        assertEquals(2250.0, r.fjPerOp(Rail.NEURON), 1e-9);
        assertEquals(1720.0 * 1000 / 240, r.fjPerOp(Rail.WORD_LINE), 1e-9);
        double total = (pulses + 540.0 + 1720.0) * 1000 / 240;
        assertEquals(total, r.fjPerOpTotal(), 1e-9);
        assertEquals(1000.0 / total, r.topsPerWatt(), 1e-12);
        // time: 2 phases x 3 bits x 10 ns + 4 x 20 ns + 1 gap x 100 ns = 240 ns (lockstep, every core equally busy)
        assertEquals(240.0, r.mvmNs(), 1e-9);
        // throughput: 2 ops x 4 x 3 MACs x 2 cores = 48 ops per 240 ns = 0.2 GOPS = 2e-4 TOPS
        assertEquals(48, r.opsPerChipMvm());
        assertEquals(2e-4, r.tops(), 1e-15);
    }

    @Test
    void onePhaseHasNoGapAndDrawsNoSigns() {
        // 1 phase x 2 bits x 10 ns + 3 x 20 ns = 80 ns
        MvmWorkload.Result r = MvmWorkload.run(chip(CHIP), tech(TECH), 2, 3, 1, 4, 3);
        assertEquals(80.0, r.mvmNs(), 1e-9);
        assertEquals(expectedPulses(2, 4, 2, 1, 4, 3), r.counts().inputPulses);
        // the async-barrier model with no network and no barrier lasts the same
        CimChipSpec async = chip(CHIP.replace("time_model: lockstep", "time_model: async_barrier"));
        assertInstanceOf(TimeModel.AsyncBarrier.class, async.timeModel());
        assertEquals(80.0, MvmWorkload.run(async, tech(TECH), 2, 3, 1, 4, 3).mvmNs(), 1e-9);
    }

    @Test
    void deterministicForASeed() {
        MvmWorkload.Result a = MvmWorkload.run(chip(CHIP), tech(TECH), 4, 6, 2, 20, 5);
        MvmWorkload.Result b = MvmWorkload.run(chip(CHIP), tech(TECH), 4, 6, 2, 20, 5);
        assertEquals(a.counts().inputPulses, b.counts().inputPulses);
        assertEquals(a.energyPj(), b.energyPj());
        assertNotEquals(a.counts().inputPulses, MvmWorkload.run(chip(CHIP), tech(TECH), 4, 6, 2, 20, 6).counts().inputPulses);
    }

    @Test
    void bitSettingsOutsideTheChipAreRefused() {
        CimChipSpec c = chip(CHIP);
        CimTechnology t = tech(TECH);
        assertThrows(IllegalArgumentException.class, () -> MvmWorkload.run(c, t, 5, 4, 1, 1, 1));  // input max 4
        assertThrows(IllegalArgumentException.class, () -> MvmWorkload.run(c, t, 0, 4, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MvmWorkload.run(c, t, 2, 4, 3, 1, 1));  // phases 1 or 2
        assertThrows(IllegalArgumentException.class, () -> MvmWorkload.run(c, t, 2, 7, 1, 1, 1));  // output max 6
    }

    @Test
    void chipFileFieldsAndTheirErrors() {
        CimChipSpec c = chip(CHIP);
        assertEquals(2, c.cores());
        assertEquals(3, c.pairs()); // 6 columns / 2 cells per weight
        assertEquals(1.0, c.gMinUs());
        assertEquals(10.0, c.gMaxUs());
        assertEquals("round", c.technology());
        field(() -> chip(CHIP.replace("cols: 6", "cols: 5")), "crossbar.cols");
        field(() -> chip(CHIP.replace("cells_per_weight: 2", "cells_per_weight: 1")), "crossbar.cells_per_weight");
        field(() -> chip(CHIP.replace("g_max_us: 10.0", "g_max_us: 1.0")), "device.g_max_us");
        field(() -> chip(CHIP.replace("kind: voltage_integrating", "kind: current_sar")), "readout.kind");
        field(() -> chip(CHIP.replace("max: 4 }", "max: 4, maxx: 5 }")), "input_bits.maxx");
        field(() -> chip(CHIP.replace("time_model: lockstep", "time_model: async")), "time_model");
        field(() -> tech(TECH.replace("energy_pj: 3.0, source: test", "energy_pj: 3.0")), "energy.conversion_step.source");
        field(() -> tech(TECH.replace("energy_pj: 2.0", "energy_pj: -2.0")), "energy.integration.energy_pj");
        SpecException e = assertThrows(SpecException.class, () -> CimChipSpec.resolve("no-such-chip"));
        assertTrue(e.getMessage().contains("neurram"), e.getMessage());
        assertThrows(SpecException.class, () -> CimTechnology.resolve("no-such-technology"));
    }

    private static void field(org.junit.jupiter.api.function.Executable x, String path) {
        SpecException e = assertThrows(SpecException.class, x);
        assertEquals(path, e.fieldPath(), e.getMessage());
    }

    @Test
    void builtInNeurramAndItsTechnologyDigest() throws Exception {
        CimChipSpec n = CimChipSpec.builtIn("neurram");
        // 48 cores of 256 x 256 cells, differential pairs: 128 weight columns per core
        assertEquals(48, n.cores());
        assertEquals(128, n.pairs());
        assertEquals("neurram-130nm", n.technology());
        CimTechnology t = CimTechnology.builtIn(n.technology());
        byte[] bytes;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("cim/technology/neurram-130nm.yaml")) {
            bytes = in.readAllBytes();
        }
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), t.sha256());
        assertEquals(300.0, t.phaseGapNs().value());
    }
}
