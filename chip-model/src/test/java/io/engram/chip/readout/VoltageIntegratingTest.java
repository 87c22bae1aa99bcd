package io.engram.chip.readout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The voltage-mode readout on arrays small enough to follow by hand. */
class VoltageIntegratingTest {
    private final VoltageIntegrating readout = new VoltageIntegrating(3, 10);

    @Test
    void onePhaseOneBit() {
        // rows 2, one pair: positive cells 3 and 1, negative 1 and 1 (bit-line sums 4 and 2). Input (1, 0): only row 0
        // is pulsed, so the positive line settles to 3/4 of the read voltage, the negative to 1/2: 0.25 of full scale
        // (1 bit: full scale 1). 3 output bits: codes up to 3, round(0.25 x 3) = 1.
        MvmCounts c = new MvmCounts();
        int[] out = readout.mvm(new double[]{3, 1}, new double[]{1, 1}, 2, 1, new int[]{1, 0}, 1, 1, 3, c);
        assertArrayEquals(new int[]{1}, out);
        assertEquals(1, c.inputPulses);
        assertEquals(1, c.integrations);               // 1 pair x 1 input bit
        assertEquals(3, c.conversionSteps);            // 1 pair x 3 output bits
        assertEquals(2, c.wordLineIntegrationToggles);  // 2 rows x 1 input bit
        assertEquals(6, c.wordLineConversionToggles);   // 2 rows x 3 output bits
        assertEquals(2, c.macs);
    }

    @Test
    void twoPhasesSignedInputsReachFullScale() {
        // positive cells 3, 1; negative 1, 3 (both lines sum to 4). Input (-1, +1). Phase 1 (positive inputs): row 1,
        // 1/4 - 3/4 = -0.5. Phase 2 (negative inputs, subtracted): row 0, -(3/4 - 1/4) = -0.5. Total -1 = minus full
        // scale: code -3 with 3 bits. One pulse per row (each in its sign's phase).
        MvmCounts c = new MvmCounts();
        int[] out = readout.mvm(new double[]{3, 1}, new double[]{1, 3}, 2, 1, new int[]{-1, 1}, 1, 2, 3, c);
        assertArrayEquals(new int[]{-3}, out);
        assertEquals(2, c.inputPulses);
        assertEquals(1, c.integrations);                // per input bit, not per phase
        // time: 2 phases x 1 bit x 500 + 3 x 300 + 1 gap x 100 = 2,000 ns
        assertEquals(2000.0, readout.mvmNs(1, 2, 3, 500, 300, 100), 1e-12);
    }

    @Test
    void multiBitInputsPulseEverySetBit() {
        // input 5 = 0b101 on row 0 with 3 bits: pulses at bits 0 and 2; row 1 input 2 = 0b010: one pulse
        MvmCounts c = new MvmCounts();
        readout.mvm(new double[]{1, 1}, new double[]{1, 1}, 2, 1, new int[]{5, 2}, 3, 1, 4, c);
        assertEquals(3, c.inputPulses);
        assertEquals(3, c.integrations);
        assertThrows(IllegalArgumentException.class,
                () -> readout.mvm(new double[]{1}, new double[]{1}, 1, 1, new int[]{1}, 1, 1, 11, new MvmCounts()));
    }
}
