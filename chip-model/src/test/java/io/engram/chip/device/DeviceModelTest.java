package io.engram.chip.device;

import io.engram.chip.spec.DeviceKind;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.EndurancePolicy;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceModelTest {
    @Test
    void gridCellInIntegersIsTheFloatingPointOne() {
        DeviceRng r = new DeviceRng(31);
        long top = (1L << DeviceRng.UNIT_BITS) - 1;
        for (int i = 0; i < 200_000; i++) {
            long bits = i == 0 ? 0L : i == 1 ? -1L : r.nextLong(); // u = 0 and the largest u, then random draws
            double u = DeviceRng.unit(bits);
            long units = DeviceRng.units(bits);
            assertTrue(units >= 0 && units <= top);
            assertEquals((int) (u * DeviceModel.Nonlinear.GRID), DeviceModel.Nonlinear.gridCell(units, true));
            assertEquals((int) ((1.0 - u) * DeviceModel.Nonlinear.GRID), DeviceModel.Nonlinear.gridCell(units, false));
        }
    }

    static final double G_MIN = 0.476;
    static final double G_MAX = 10.0;
    static final double RANGE = G_MAX - G_MIN;
    static final double EPS = 1e-9;

    static DeviceSpec spec(DeviceKind kind, int levels, double ltp, double ltd, double writeNoise) {
        return new DeviceSpec(kind, levels, G_MIN, G_MAX, ltp, ltd, writeNoise, 0, 0, 0, 0,
                Long.MAX_VALUE, EndurancePolicy.COUNT_ONLY);
    }

    static DeviceModel model(DeviceKind kind, int levels) {
        return DeviceModel.of(spec(kind, levels, 0.2497, 0.5, 0));
    }

    @Test
    void factoryBuildsTheFamilyOfEachKind() {
        assertInstanceOf(DeviceModel.Ideal.class, model(DeviceKind.IDEAL, 2));
        assertInstanceOf(DeviceModel.LinearStep.class, model(DeviceKind.LINEAR_STEP, 32));
        assertInstanceOf(DeviceModel.SoftBounds.class, model(DeviceKind.SOFT_BOUNDS, 32));
        assertInstanceOf(DeviceModel.Nonlinear.class, model(DeviceKind.NONLINEAR, 32));
        assertInstanceOf(DeviceModel.Digital.class, model(DeviceKind.DIGITAL, 256));
        DeviceModel m = model(DeviceKind.NONLINEAR, 32);
        assertEquals(G_MIN, m.gMinUs());
        assertEquals(G_MAX, m.gMaxUs());
        assertEquals(RANGE / 31, m.step(), EPS);
        assertEquals(31, m.sweepPulses());
    }

    @Test
    void idealIsExactAndOnePulseSpansTheRange() {
        DeviceModel.Ideal m = (DeviceModel.Ideal) model(DeviceKind.IDEAL, 2);
        assertEquals(RANGE, m.step(), 0);
        assertEquals(5.0 + 0.123456789, m.applyExact(5.0, 0.123456789), 1e-15);
        assertEquals(G_MAX, m.applyExact(9.0, 3.0));
        assertEquals(G_MIN, m.applyExact(1.0, -3.0));
        assertEquals(0.5 / RANGE, m.pulsesFor(5.0, 0.5), 1e-15);
        assertEquals(-(5.0 - G_MIN) / RANGE, m.pulsesFor(5.0, -20.0), 1e-15);
        assertEquals(G_MAX, m.applyPulses(G_MIN, 1, 1.0, 0.0), 1e-12);
        assertTrue(m.exact());
    }

    @Test
    void linearStepMovesKStepsAndClamps() {
        DeviceModel m = model(DeviceKind.LINEAR_STEP, 32);
        double step = RANGE / 31;
        for (int k = 0; k <= 31; k++) {
            assertEquals(G_MIN + k * step, m.applyPulses(G_MIN, k, 1.0, 0.0), EPS, "k=" + k);
            assertEquals(G_MAX - k * step, m.applyPulses(G_MAX, -k, 1.0, 0.0), EPS, "k=" + k);
        }
        assertEquals(G_MAX, m.applyPulses(G_MIN, 40, 1.0, 0.0));
        assertEquals(G_MIN, m.applyPulses(5.0, -40, 1.0, 0.0));
        assertEquals(G_MIN + 3 * 1.2 * step, m.applyPulses(G_MIN, 3, 1.2, 0.0), EPS);
        assertEquals(2.5, m.pulsesFor(5.0, 2.5 * step), EPS);
        assertEquals(-1.25, m.pulsesFor(5.0, -1.25 * step), EPS);
        assertEquals((G_MAX - 5.0) / step, m.pulsesFor(5.0, 100.0), EPS);
    }

    @Test
    void nonlinearFollowsTheNeuroSimCurves() {
        double shapeLtp = 0.2497;
        double shapeLtd = 0.5;
        int levels = 32;
        DeviceModel m = DeviceModel.of(spec(DeviceKind.NONLINEAR, levels, shapeLtp, shapeLtd, 0));
        double pMax = levels - 1;
        double aP = shapeLtp * pMax;
        double bP = RANGE / (1 - Math.exp(-pMax / aP));
        double aD = shapeLtd * pMax;
        double bD = RANGE / (1 - Math.exp(-pMax / aD));
        for (int p = 0; p <= pMax; p++) {
            assertEquals(bP * (1 - Math.exp(-p / aP)) + G_MIN, m.applyPulses(G_MIN, p, 1.0, 0.0), EPS, "LTP p=" + p);
            assertEquals(G_MAX - bD * (1 - Math.exp(-p / aD)), m.applyPulses(G_MAX, -p, 1.0, 0.0), EPS,
                    "LTD p=" + p);
        }
        assertEquals(G_MAX, m.applyPulses(G_MIN, levels - 1, 1.0, 0.0), EPS);
        assertEquals(G_MIN, m.applyPulses(G_MAX, -(levels - 1), 1.0, 0.0), EPS);
        assertEquals(G_MAX, m.applyPulses(G_MIN, levels + 10, 1.0, 0.0));
        // d2d scales the advance along the curve: 4 pulses at f = 1.5 land where 6 nominal pulses do.
        assertEquals(bP * (1 - Math.exp(-6 / aP)) + G_MIN, m.applyPulses(G_MIN, 4, 1.5, 0.0), EPS);
        // Position on the curve from mid-range: potentiation continues the LTP curve.
        double g = 4.0;
        double p0 = -aP * Math.log(1 - (g - G_MIN) / bP);
        assertEquals(bP * (1 - Math.exp(-(p0 + 3) / aP)) + G_MIN, m.applyPulses(g, 3, 1.0, 0.0), EPS);
        double q0 = -aD * Math.log(1 - (G_MAX - g) / bD);
        assertEquals(G_MAX - bD * (1 - Math.exp(-(q0 + 3) / aD)), m.applyPulses(g, -3, 1.0, 0.0), EPS);
    }

    @Test
    void softBoundsFollowsItsRecursion() {
        int levels = 20;
        DeviceModel m = model(DeviceKind.SOFT_BOUNDS, levels);
        double step0 = RANGE / (levels - 1);
        for (double f : new double[] {1.0, 0.7, 1.3}) {
            double up = 2.0;
            double down = 8.0;
            for (int k = 1; k <= 60; k++) {
                up += f * step0 * (G_MAX - up) / RANGE;
                down -= f * step0 * (down - G_MIN) / RANGE;
                assertEquals(up, m.applyPulses(2.0, k, f, 0.0), EPS, "up k=" + k + " f=" + f);
                assertEquals(down, m.applyPulses(8.0, -k, f, 0.0), EPS, "down k=" + k + " f=" + f);
            }
        }
        // Two levels: one pulse closes the whole gap.
        DeviceModel two = model(DeviceKind.SOFT_BOUNDS, 2);
        assertEquals(G_MAX, two.applyPulses(3.0, 1, 1.0, 0.0), EPS);
        assertEquals(0.5, two.pulsesFor(3.0, (G_MAX - 3.0) / 2), EPS);
        // The bound is only approached: a request for it is one sweep.
        assertEquals(levels - 1, m.pulsesFor(5.0, 100.0), 0);
        assertEquals(-(levels - 1), m.pulsesFor(5.0, -100.0), 0);
    }

    @Test
    void pulsesForInvertsApplyPulsesForNoiselessDevices() {
        SplittableRandom r = new SplittableRandom(7);
        for (DeviceKind kind : new DeviceKind[] {DeviceKind.LINEAR_STEP, DeviceKind.SOFT_BOUNDS,
                DeviceKind.NONLINEAR}) {
            DeviceModel m = model(kind, 64);
            for (int i = 0; i < 2000; i++) {
                double g = G_MIN + r.nextDouble() * RANGE;
                int p = r.nextInt(-20, 21);
                double after = m.applyPulses(g, p, 1.0, 0.0);
                if (after == G_MIN || after == G_MAX) continue;
                assertEquals(p, m.pulsesFor(g, after - g), 1e-6, kind + " g=" + g + " p=" + p);
            }
        }
        DeviceModel.Digital d = (DeviceModel.Digital) model(DeviceKind.DIGITAL, 16);
        for (int k = 0; k < 16; k++) {
            double g = G_MIN + k * d.step();
            assertEquals(15 - k, d.pulsesFor(g, d.applyPulses(g, 15 - k, 1.0, 0.0) - g), 1e-9);
        }
    }

    @Test
    void noiselessResponseComposes() {
        for (DeviceKind kind : new DeviceKind[] {DeviceKind.LINEAR_STEP, DeviceKind.SOFT_BOUNDS,
                DeviceKind.NONLINEAR, DeviceKind.DIGITAL}) {
            DeviceModel m = model(kind, 32);
            for (int sign : new int[] {1, -1}) {
                double stepwise = 5.0;
                for (int k = 0; k < 9; k++) stepwise = m.applyPulses(stepwise, sign, 0.9, 0.0);
                double burst = m.applyPulses(5.0, 9 * sign, 0.9, 0.0);
                double tol = kind == DeviceKind.DIGITAL ? 1e-12 : EPS;
                assertEquals(burst, stepwise, tol, kind + " sign " + sign);
            }
        }
    }

    @Test
    void pulsesForNeverExceedsOneSweep() {
        SplittableRandom r = new SplittableRandom(11);
        for (DeviceKind kind : DeviceKind.values()) {
            DeviceModel m = DeviceModel.of(spec(kind, 32, 0.0255, 0.0255, 0));
            for (int i = 0; i < 5000; i++) {
                double g = r.nextDouble() < 0.1 ? (r.nextBoolean() ? G_MIN : G_MAX) : G_MIN + r.nextDouble() * RANGE;
                double dg = (r.nextDouble() * 2 - 1) * 2 * RANGE;
                double p = m.pulsesFor(g, dg);
                assertTrue(Math.abs(p) <= m.sweepPulses() && !Double.isNaN(p), kind + " p=" + p);
                assertTrue(p == 0 || Math.signum(p) == Math.signum(dg), kind + " sign");
            }
        }
    }

    @Test
    void digitalMovesWholeLevelsAndIgnoresNoise() {
        DeviceSpec s = spec(DeviceKind.DIGITAL, 256, 1, 1, 0.05).withNoise(0.05, 0.3, 0);
        DeviceModel m = DeviceModel.of(s);
        double step = RANGE / 255;
        assertEquals(0.0, m.writeNoise());
        assertEquals(G_MIN + 7 * step, m.applyPulses(G_MIN, 7, 1.7, 3.0), 1e-12);
        // Off-grid values snap to the nearest level before moving.
        assertEquals(G_MIN + 11 * step, m.applyPulses(G_MIN + 9.8 * step, 1, 1.0, 0.0), 1e-12);
        assertEquals(G_MAX, m.applyPulses(G_MAX - step, 5, 1.0, 0.0));
        assertEquals(G_MIN, m.applyPulses(G_MIN + step, -5, 1.0, 0.0));
        assertEquals(G_MIN + 7 * step, m.applyPulses(G_MIN, 7, 1.0, new SplittableRandom(1)), 1e-12);
    }

    @Test
    void writeNoiseHasTheSpecifiedMeanAndSigma() {
        double wn = 0.01;
        for (DeviceKind kind : new DeviceKind[] {DeviceKind.LINEAR_STEP, DeviceKind.NONLINEAR}) {
            DeviceModel m = DeviceModel.of(spec(kind, 32, 0.2497, 0.2497, wn));
            double g0 = 5.0;
            for (int pulses : new int[] {1, 4}) {
                double nominal = m.applyPulses(g0, pulses, 1.0, 0.0);
                double sigma = wn * RANGE * Math.sqrt(pulses);
                SplittableRandom r = new SplittableRandom(42 + pulses);
                int n = 20_000;
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++) {
                    double d = m.applyPulses(g0, pulses, 1.0, r) - g0;
                    sum += d;
                    sumSq += d * d;
                }
                double mean = sum / n;
                double std = Math.sqrt(sumSq / n - mean * mean);
                double nominalStep = nominal - g0;
                assertEquals(nominalStep, mean, 0.03 * nominalStep, kind + " mean, pulses " + pulses);
                assertEquals(sigma, std, 0.03 * sigma, kind + " std, pulses " + pulses);
            }
        }
    }

    @Test
    void nonlinearPulsesForIsTheDifferenceOfCurvePositions() {
        DeviceModel.Nonlinear m = (DeviceModel.Nonlinear) DeviceModel.of(spec(DeviceKind.NONLINEAR, 32, 0.2497, 0.5, 0));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 5000; i++) {
            double g = G_MIN + r.nextDouble() * RANGE;
            double to = G_MIN + r.nextDouble() * RANGE;
            double expected = to > g ? m.ltpPulses(to) - m.ltpPulses(g) : -(m.ltdPulses(to) - m.ltdPulses(g));
            assertEquals(expected, m.pulsesFor(g, to - g), 1e-9 * (1 + Math.abs(expected)), "g=" + g + " to=" + to);
        }
    }

    @Test
    void nonlinearTableMatchesTheCurveForEveryPulseCount() {
        DeviceModel.Nonlinear m = (DeviceModel.Nonlinear) DeviceModel.of(spec(DeviceKind.NONLINEAR, 32, 0.2497, 0.5, 0));
        for (double g : new double[] {G_MIN, 2.0, 5.0, 9.9, G_MAX}) {
            for (int n = 1; n <= 40; n++) {
                double up = m.clamp(m.ltpConductance(m.ltpPulses(g) + n));
                double down = m.clamp(m.ltdConductance(m.ltdPulses(g) + n));
                assertEquals(up, m.applyPulses(g, n, 1.0, 0.0), EPS, "up g=" + g + " n=" + n);
                assertEquals(down, m.applyPulses(g, -n, 1.0, 0.0), EPS, "down g=" + g + " n=" + n);
                // the table (f = 1) and the exponential (any other f) agree where f is almost 1
                assertEquals(m.applyPulses(g, n, 1.0, 0.0), m.applyPulses(g, n, Math.nextUp(1.0), 0.0), EPS);
                assertEquals(m.applyPulses(g, -n, 1.0, 0.0), m.applyPulses(g, -n, Math.nextUp(1.0), 0.0), EPS);
            }
        }
    }

    @Test
    void stochasticRoundingShortcutsGiveTheExactAnswer() {
        SplittableRandom r = new SplittableRandom(17);
        for (DeviceKind kind : new DeviceKind[] {DeviceKind.NONLINEAR, DeviceKind.LINEAR_STEP,
                DeviceKind.SOFT_BOUNDS}) {
            for (double shape : new double[] {0.2497, 0.02, 3.0}) {
              for (int levels : new int[] {2, 3, 6, 32}) {
                DeviceModel m = DeviceModel.of(spec(kind, levels, shape, shape * 1.3, 0));
                for (int i = 0; i < 50_000; i++) {
                    double g = r.nextDouble() < 0.05 ? (r.nextBoolean() ? G_MIN : G_MAX) : G_MIN + r.nextDouble() * RANGE;
                    double scale = Math.pow(10, -4 + 5 * r.nextDouble());
                    double dg = (r.nextDouble() * 2 - 1) * scale;
                    double p = m.pulsesFor(g, dg);
                    double f = Math.floor(p);
                    double frac = p - f;
                    // half of the draws sit right at the rounding boundary, to exercise the exact fallback
                    double u = switch (i % 4) {
                        case 0 -> Math.max(0, Math.min(Math.nextDown(1.0), frac + (r.nextDouble() - 0.5) * 1e-12));
                        case 1 -> Math.max(0, Math.min(Math.nextDown(1.0), frac));
                        default -> r.nextDouble();
                    };
                    int expected = (int) f + (u < frac ? 1 : 0);
                    assertEquals(expected, m.stochasticPulses(g, dg, u),
                            kind + " levels " + levels + " g=" + g + " dg=" + dg + " u=" + u);
                }
              }
            }
        }
    }

    @Test
    void noiselessCallsDrawNothing() {
        DeviceModel m = model(DeviceKind.LINEAR_STEP, 32);
        SplittableRandom a = new SplittableRandom(5);
        m.applyPulses(5.0, 3, 1.0, a);
        assertEquals(new SplittableRandom(5).nextLong(), a.nextLong());
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceModel.LinearStep(1, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeviceModel.SoftBounds(1, 10, 8, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new DeviceModel.Nonlinear(1, 10, 8, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeviceModel.Ideal(5, 5));
    }
}
