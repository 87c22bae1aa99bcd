package io.engram.runtime.encode;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateEncoderTest {
    @Test
    void quantisesToBitsWithSign() {
        RateEncoder enc = new RateEncoder(4); // levels 15
        assertEquals(15, enc.levels());
        assertEquals(4, enc.steps());
        RateEncoder.RateCode code = enc.encode(new float[] {0f, 1f, 0.5f, -0.2f, -2f, 0.03f, 0.034f});
        // round(|v| * 15): 0, 15, 7.5 -> 8, 3, clipped 15, 0.45 -> 0, 0.51 -> 1
        assertArrayEquals(new int[] {0, 15, 8, 3, 15, 0, 1}, code.magnitudes());
        assertArrayEquals(new boolean[] {false, false, false, true, true, false, false}, code.negative());
        assertEquals(-3, code.signed(3));
        // popcount: 15 -> 4, 8 -> 1, 3 -> 2, 15 -> 4, 1 -> 1
        assertEquals(12, code.pulses());
        assertEquals(4, code.activeInPlane(0)); // 15, 3, 15, 1
        assertEquals(3, code.activeInPlane(3)); // 15, 8, 15
    }

    @Test
    void floatPathReturnsTheQuantisedValues() {
        RateEncoder enc = new RateEncoder(2, 2f); // levels 3, full scale 2
        float[] q = enc.encodeFloat(new float[] {0.7f, -1.4f, 5f, -0.1f});
        // |v|/2*3 = 1.05 -> 1, 2.1 -> 2, clipped 3, 0.15 -> 0
        assertArrayEquals(new float[] {2f / 3, -4f / 3, 2f, 0f}, q, 1e-6f);
        assertEquals(0, Float.compare(0f, q[3])); // no negative zero
    }

    @Test
    void badParametersAreSpecErrors() {
        SpecException e = assertThrows(SpecException.class, () -> new RateEncoder(0));
        assertEquals("encoder.bits", e.fieldPath());
        assertThrows(SpecException.class, () -> new RateEncoder(17));
        assertThrows(SpecException.class, () -> new RateEncoder(8, 0f));
    }
}
