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
    void stateInALocalGivesTheSameDraws() {
        DeviceRng a = new DeviceRng(4242);
        DeviceRng b = new DeviceRng(4242);
        long s = b.state();
        int slow = 0;
        for (int i = 0; i < 100_000; i++) {
            s = DeviceRng.advance(s);
            assertEquals(Double.doubleToLongBits(a.nextDouble()), Double.doubleToLongBits(DeviceRng.unit(DeviceRng.mix(s))));
            s = DeviceRng.advance(s);
            long bits = DeviceRng.mix(s);
            double z = DeviceRng.gaussianFast(bits);
            if (Double.isNaN(z)) {
                slow++;
                b.setState(s);
                z = b.gaussian(bits);
                s = b.state();
            }
            assertEquals(Double.doubleToLongBits(a.nextGaussian()), Double.doubleToLongBits(z));
            assertEquals(a.state(), s);
        }
        assertTrue(slow > 0, "the slow cases (wedge, tail) were exercised");
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

    /** Normal CDF from an erfc accurate to about 1e-14 (series below 2.5, continued fraction above). */
    private static double phi(double x) {
        if (x == Double.NEGATIVE_INFINITY) return 0;
        if (x == Double.POSITIVE_INFINITY) return 1;
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    private static double erfc(double x) {
        if (x < 0) return 2 - erfc(-x);
        if (x < 2.5) {
            double sum = x;
            double term = x;
            for (int k = 1; k < 200; k++) {
                term *= -x * x / k;
                sum += term / (2 * k + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        double f = 0;
        for (int k = 120; k >= 1; k--) f = k / 2.0 / (x + f);
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
    }

    @Test
    void gaussianFollowsTheNormalDistributionIncludingTheTails() {
        DeviceRng r = new DeviceRng(2024);
        int n = 4_000_000;
        // 80 bins of width 0.1 over [-4, 4], plus the two tails beyond +-4
        int bins = 80;
        long[] count = new long[bins + 2];
        long beyond4 = 0;
        double s3 = 0;
        double s4 = 0;
        for (int i = 0; i < n; i++) {
            double z = r.nextGaussian();
            int b = z < -4 ? 0 : z >= 4 ? bins + 1 : 1 + Math.min(bins - 1, (int) ((z + 4) * 10));
            count[b]++;
            if (Math.abs(z) > 4) beyond4++;
            s3 += z * z * z;
            s4 += z * z * z * z;
        }
        double chi2 = 0;
        for (int b = 0; b < bins + 2; b++) {
            double lo = b == 0 ? Double.NEGATIVE_INFINITY : -4 + (b - 1) * 0.1;
            double hi = b == bins + 1 ? Double.POSITIVE_INFINITY : -4 + b * 0.1;
            double e = (phi(hi) - phi(lo)) * n;
            chi2 += (count[b] - e) * (count[b] - e) / e;
        }
        // 81 degrees of freedom: mean 81, sd 12.7; 150 is beyond the 99.999th percentile
        assertTrue(chi2 < 150, "chi-square " + chi2);
        // third and fourth moments (0 and 3), 5 standard errors (sqrt(15 / n), sqrt(96 / n))
        assertEquals(0.0, s3 / n, 5 * Math.sqrt(15.0 / n));
        assertEquals(3.0, s4 / n, 5 * Math.sqrt(96.0 / n));
        // the tail beyond the ziggurat's base (R = 3.65) is drawn separately: P(|z| > 4) = 6.334e-5
        double e4 = 2 * phi(-4) * n;
        assertEquals(e4, beyond4, 5 * Math.sqrt(e4));
    }
}
