package io.engram.chip.device;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceRngTest {
    @Test
    void restoredStateContinuesTheSequence() {
        DeviceRng a = new DeviceRng(123);
        for (int i = 0; i < 17; i++) a.nextGaussian();
        DeviceRng b = new DeviceRng(a.state());
        for (int i = 0; i < 100; i++) assertEquals(Double.doubleToLongBits(a.nextGaussian()),
                Double.doubleToLongBits(b.nextGaussian()));
        assertNotEquals(new DeviceRng(1).nextLong(), new DeviceRng(2).nextLong());
    }

    @Test
    void uniformAndGaussianMoments() {
        DeviceRng r = new DeviceRng(99);
        int n = 200_000;
        double su = 0;
        double sg = 0;
        double sg2 = 0;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            assertTrue(u >= 0 && u < 1);
            su += u;
            double z = r.nextGaussian();
            assertTrue(Double.isFinite(z));
            sg += z;
            sg2 += z * z;
        }
        // 5 standard errors.
        assertEquals(0.5, su / n, 5 * Math.sqrt(1.0 / 12 / n));
        assertEquals(0.0, sg / n, 5 / Math.sqrt(n));
        assertEquals(1.0, sg2 / n, 5 * Math.sqrt(2.0 / n));
    }
}
