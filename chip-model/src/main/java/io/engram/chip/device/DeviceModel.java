package io.engram.chip.device;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.DeviceSpec;

import java.util.SplittableRandom;

/**
 * How programming pulses move the conductance of one synaptic cell. Conductances are in microsiemens and always lie in
 * {@code [gMinUs, gMaxUs]}. A model is immutable and holds no per-cell state: the cell's conductance, its
 * device-to-device factor and the noise draw are passed in, so one model serves a whole {@link CellArray}.
 *
 * <p>Pulse counts are signed: positive pulses potentiate (raise G), negative pulses depress. Stepped devices follow
 * their nominal pulse response; a cell's device-to-device factor {@code f} scales its step size, and cycle-to-cycle
 * write noise adds {@code writeNoise * (gMax - gMin) * sqrt(|pulses|) * z} with {@code z ~ N(0, 1)} once per call.
 * The sum is clamped to the conductance range once, at the end.
 *
 * <p>Every stepped model's noiseless response composes: {@code k} calls of one pulse land where one call of {@code k}
 * pulses does, because the device's state is fully described by its conductance.
 */
public sealed interface DeviceModel {

    /** The model of a device spec. */
    static DeviceModel of(DeviceSpec spec) {
        return switch (spec.kind()) {
            case IDEAL -> new Ideal(spec.gMinUs(), spec.gMaxUs());
            case LINEAR_STEP -> new LinearStep(spec.gMinUs(), spec.gMaxUs(), spec.levels(), spec.writeNoise());
            case SOFT_BOUNDS -> new SoftBounds(spec.gMinUs(), spec.gMaxUs(), spec.levels(), spec.writeNoise());
            case NONLINEAR -> new Nonlinear(spec.gMinUs(), spec.gMaxUs(), spec.levels(), spec.shapeLtp(),
                    spec.shapeLtd(), spec.writeNoise());
            case DIGITAL -> new Digital(spec.gMinUs(), spec.gMaxUs(), spec.levels());
        };
    }

    double gMinUs();

    double gMaxUs();

    /** Cycle-to-cycle write noise sigma per pulse as a fraction of the range; 0 for exact devices. */
    double writeNoise();

    /** Nominal conductance change of one pulse, in uS. */
    double step();

    /**
     * Pulses of a full nominal sweep from gMin to gMax ({@code levels - 1}; 1 for the ideal device). No answer of
     * {@link #pulsesFor} is larger in magnitude: a soft bound is only approached, so a request that reaches it is
     * capped at one sweep.
     */
    double sweepPulses();

    /** True when writes are exact: no write noise and no device-to-device variation of the step. */
    boolean exact();

    /**
     * The fractional, signed number of pulses that would move a noiseless nominal cell ({@code f = 1}) from
     * {@code g} by {@code dg}, with the target clamped to the range. Zero when the clamped change is zero.
     */
    double pulsesFor(double g, double dg);

    /**
     * Stochastic rounding of {@link #pulsesFor}{@code (g, dg)} with the uniform draw {@code u} in [0, 1):
     * {@code floor(p) + (u < p - floor(p) ? 1 : 0)}. A model may decide without evaluating p exactly when u lies
     * clearly on one side of the fraction; the answer is always the one the exact p gives.
     */
    default int stochasticPulses(double g, double dg, double u) {
        double p = pulsesFor(g, dg);
        double f = Math.floor(p);
        return (int) f + (u < p - f ? 1 : 0);
    }

    /**
     * The conductance after {@code |pulses|} pulses in the sign's direction.
     *
     * @param g         present conductance, uS
     * @param pulses    signed pulse count
     * @param d2dFactor this cell's step-size factor (1 = nominal, 0 = the cell does not move); ignored by exact
     *                  devices
     * @param z         a standard normal draw for the write noise; ignored by exact devices and when
     *                  {@code pulses == 0}
     */
    double applyPulses(double g, int pulses, double d2dFactor, double z);

    /**
     * As {@link #applyPulses(double, int, double, double)}, drawing the one gaussian of the call from {@code rng}
     * with {@link RandomStreams#gaussian}. Nothing is drawn when the call cannot be noisy (exact device, zero
     * write noise, or no pulses), so a noiseless configuration consumes no random numbers.
     */
    default double applyPulses(double g, int pulses, double d2dFactor, SplittableRandom rng) {
        double z = pulses != 0 && writeNoise() > 0 ? RandomStreams.gaussian(rng) : 0.0;
        return applyPulses(g, pulses, d2dFactor, z);
    }

    /** Sigma of the write noise of one call of {@code pulses} pulses, in uS. */
    default double writeSigmaUs(int pulses) {
        return writeNoise() * (gMaxUs() - gMinUs()) * Math.sqrt(Math.abs((double) pulses));
    }

    /**
     * {@code g} clamped into the conductance range: the value of {@code Math.max(gMin, Math.min(gMax, g))} (NaN stays
     * NaN, -0.0 at gMin = 0 becomes gMin) with two comparisons, which are predictable, instead of the min/max
     * sequences.
     */
    default double clamp(double g) {
        double lo = gMinUs();
        double hi = gMaxUs();
        return g <= lo ? lo : g >= hi ? hi : g;
    }

    private static void checkNoise(double writeNoise) {
        if (!(writeNoise >= 0) || Double.isInfinite(writeNoise)) {
            throw new IllegalArgumentException("writeNoise must be finite and >= 0: " + writeNoise);
        }
    }

    private static void checkRange(double gMinUs, double gMaxUs) {
        if (!(gMinUs >= 0) || !(gMaxUs > gMinUs) || Double.isInfinite(gMaxUs)) {
            throw new IllegalArgumentException("g range " + gMinUs + ".." + gMaxUs);
        }
    }

    private static void checkLevels(int levels) {
        if (levels < 2) throw new IllegalArgumentException("levels must be >= 2: " + levels);
    }

    /**
     * Continuous and exact: the engine writes it with {@link #applyExact}. One "pulse" spans the whole range, so
     * {@code pulsesFor} is the change as a fraction of the range.
     */
    record Ideal(double gMinUs, double gMaxUs) implements DeviceModel {
        public Ideal {
            checkRange(gMinUs, gMaxUs);
        }

        @Override public double writeNoise() { return 0.0; }
        @Override public double step() { return gMaxUs - gMinUs; }
        @Override public double sweepPulses() { return 1.0; }
        @Override public boolean exact() { return true; }

        @Override
        public double pulsesFor(double g, double dg) { return evenSteps(this, g, dg); }

        @Override
        public double applyPulses(double g, int pulses, double d2dFactor, double z) {
            return clamp(g + pulses * step());
        }

        /** {@code g + dg}, clamped: the exact write the ideal device stands for. */
        public double applyExact(double g, double dg) {
            return clamp(g + dg);
        }
    }

    /** Pulses for a change dg on a device with equal steps (linear-step, digital): clamped change / step. */
    private static double evenSteps(DeviceModel m, double g, double dg) {
        double from = m.clamp(g);
        return (m.clamp(from + dg) - from) / m.step();
    }

    /** {@code levels} equally spaced conductances, one step per pulse: {@code G(k) = gMin + k * step}. */
    record LinearStep(double gMinUs, double gMaxUs, int levels, double writeNoise) implements DeviceModel {
        public LinearStep {
            checkRange(gMinUs, gMaxUs);
            checkLevels(levels);
            checkNoise(writeNoise);
        }

        @Override public double step() { return (gMaxUs - gMinUs) / (levels - 1); }
        @Override public double sweepPulses() { return levels - 1; }
        @Override public boolean exact() { return false; }

        @Override
        public double pulsesFor(double g, double dg) { return evenSteps(this, g, dg); }

        @Override
        public double applyPulses(double g, int pulses, double d2dFactor, double z) {
            if (pulses == 0) return g;
            return clamp(g + pulses * d2dFactor * step() + writeSigmaUs(pulses) * z);
        }
    }

    /**
     * Soft bounds: the step shrinks linearly toward the bound it moves to. With {@code step0 = range / (levels - 1)}
     * a potentiating pulse at {@code g} adds {@code step0 * (gMax - g) / range} and a depressing pulse removes
     * {@code step0 * (g - gMin) / range}. Writing {@code s = step0 / range = 1 / (levels - 1)}, the gap to the
     * approached bound shrinks geometrically, {@code u_k = u_0 (1 - s)^k}, which gives the closed forms used here:
     * after {@code k} pulses {@code u_k = u_0 (1 - s f)^k} (step scaled by the cell factor {@code f}), and the
     * fractional pulses to a target gap are {@code k = ln(u_k / u_0) / ln(1 - s)}. The bound itself is never reached
     * (unless {@code s f >= 1}, when one pulse lands on it), so a request to reach it is capped at
     * {@link #sweepPulses()}. With two levels ({@code s = 1}) the first pulse covers the whole gap and a fraction of
     * the gap is that fraction of one pulse.
     */
    record SoftBounds(double gMinUs, double gMaxUs, int levels, double writeNoise) implements DeviceModel {
        public SoftBounds {
            checkRange(gMinUs, gMaxUs);
            checkLevels(levels);
            checkNoise(writeNoise);
        }

        /** Step at the far bound, as a fraction of the range: the geometric ratio of the gap is {@code 1 - s}. */
        public double relativeStep() { return 1.0 / (levels - 1); }

        @Override public double step() { return (gMaxUs - gMinUs) / (levels - 1); }
        @Override public double sweepPulses() { return levels - 1; }
        @Override public boolean exact() { return false; }

        @Override
        public double pulsesFor(double g, double dg) {
            double from = clamp(g);
            double to = clamp(from + dg);
            if (to == from) return 0.0;
            boolean up = to > from;
            double gap = up ? gMaxUs - from : from - gMinUs;
            double gapAfter = up ? gMaxUs - to : to - gMinUs;
            double s = relativeStep();
            double pulses = s >= 1.0
                    ? (gap - gapAfter) / gap
                    : Math.log(gapAfter / gap) / Math.log1p(-s);
            pulses = Math.min(pulses, sweepPulses());
            return up ? pulses : -pulses;
        }

        @Override
        public double applyPulses(double g, int pulses, double d2dFactor, double z) {
            if (pulses == 0) return g;
            double keep = Math.pow(Math.max(0.0, 1.0 - relativeStep() * d2dFactor), Math.abs((double) pulses));
            double nominal = pulses > 0 ? gMaxUs - (gMaxUs - g) * keep : gMinUs + (g - gMinUs) * keep;
            return clamp(nominal + writeSigmaUs(pulses) * z);
        }
    }

    /**
     * The NeuroSim exponential device. Potentiation follows {@code G(P) = B_p (1 - e^(-P/A_p)) + gMin} and
     * depression the mirrored curve {@code G(P) = gMax - B_d (1 - e^(-P/A_d))}, with {@code Pmax = levels - 1},
     * {@code A = shape * Pmax} and {@code B = (gMax - gMin) / (1 - e^(-Pmax/A))}, so that {@code Pmax} pulses sweep
     * the whole range on either curve. A cell's position on a curve is found by inverting it at its present
     * conductance, {@code P_p(G) = -A_p ln(1 - (G - gMin)/B_p)} and {@code P_d(G) = -A_d ln(1 - (gMax - G)/B_d)};
     * {@code n} pulses advance it by {@code n * f} along the curve ({@code f} the cell's step factor).
     */
    final class Nonlinear implements DeviceModel {
        /** Margins of the rounding shortcut ({@link #stochasticPulses}); see there. */
        private static final double BOUND_REL = 1e-9;
        private static final double BOUND_COND = 1e-12;
        /** {@link #marginRel} of a gap at or above {@code afterSafe}. */
        static final double SAFE_MARGIN = 2 * BOUND_REL;
        /** Grid of the rounding draw for the tables {@code e^(v/A)}, v = k / GRID. */
        static final int GRID_BITS = 8;
        static final int GRID = 1 << GRID_BITS;
        /** Tests of the rounding shortcut done without branches. */
        private static final int UNROLL = 4;
        private final double gMinUs;
        private final double gMaxUs;
        final int levels;
        private final double shapeLtp;
        private final double shapeLtd;
        private final double writeNoise;
        private final double aLtp;
        private final double bLtp;
        private final double aLtd;
        private final double bLtd;
        /** {@code gMin + B_p}: the potentiation curve's asymptote. */
        final double topLtp;
        /** {@code gMax - B_d}: the depression curve's asymptote. */
        final double bottomLtd;
        /** {@code e^(-n/A_p)} and {@code e^(-n/A_d)} for whole pulse counts n = 0..Pmax (nominal cells). */
        final double[] keepLtp;
        final double[] keepLtd;
        /** {@link #writeSigmaUs} for n = 0..Pmax pulses. */
        final double[] sigmaOf;
        /** {@code e^(m/A)} for m = 0..Pmax, and {@code e^(k/GRID/A)} for k = 0..GRID+1 (rounding shortcut). */
        final double[] riseLtp;
        final double[] riseLtd;
        final double[] gridLtp;
        final double[] gridLtd;
        /** Largest magnitude of a conductance or asymptote, for the rounding margin. */
        private final double magnitude;
        /** Gap above which the conditioning term of the rounding margin is below BOUND_REL. */
        final double afterSafe;

        public Nonlinear(double gMinUs, double gMaxUs, int levels, double shapeLtp, double shapeLtd,
                         double writeNoise) {
            checkRange(gMinUs, gMaxUs);
            checkLevels(levels);
            checkNoise(writeNoise);
            if (!(shapeLtp > 0) || !(shapeLtd > 0) || Double.isInfinite(shapeLtp) || Double.isInfinite(shapeLtd)) {
                throw new IllegalArgumentException("shapes must be finite and > 0: " + shapeLtp + ", " + shapeLtd);
            }
            this.gMinUs = gMinUs;
            this.gMaxUs = gMaxUs;
            this.levels = levels;
            this.shapeLtp = shapeLtp;
            this.shapeLtd = shapeLtd;
            this.writeNoise = writeNoise;
            double pMax = levels - 1;
            double range = gMaxUs - gMinUs;
            this.aLtp = shapeLtp * pMax;
            this.aLtd = shapeLtd * pMax;
            this.bLtp = range / -Math.expm1(-pMax / aLtp);
            this.bLtd = range / -Math.expm1(-pMax / aLtd);
            this.topLtp = gMinUs + bLtp;
            this.bottomLtd = gMaxUs - bLtd;
            this.keepLtp = new double[levels];
            this.keepLtd = new double[levels];
            this.sigmaOf = new double[levels];
            for (int n = 0; n < levels; n++) {
                keepLtp[n] = Math.exp(-n / aLtp);
                keepLtd[n] = Math.exp(-n / aLtd);
                sigmaOf[n] = writeNoise * range * Math.sqrt(n);
            }
            int rises = Math.max(levels, UNROLL + 1);
            this.riseLtp = new double[rises];
            this.riseLtd = new double[rises];
            for (int m = 0; m < rises; m++) {
                riseLtp[m] = m < levels - 1 ? Math.exp(m / aLtp) : Double.POSITIVE_INFINITY;
                riseLtd[m] = m < levels - 1 ? Math.exp(m / aLtd) : Double.POSITIVE_INFINITY;
            }
            this.gridLtp = new double[GRID + 2];
            this.gridLtd = new double[GRID + 2];
            for (int k = 0; k < GRID + 2; k++) {
                gridLtp[k] = Math.exp((double) k / GRID / aLtp);
                gridLtd[k] = Math.exp((double) k / GRID / aLtd);
            }
            this.magnitude = Math.max(Math.abs(topLtp), Math.max(Math.abs(bottomLtd), gMaxUs));
            this.afterSafe = BOUND_COND * magnitude / BOUND_REL;
        }

        @Override public double gMinUs() { return gMinUs; }
        @Override public double gMaxUs() { return gMaxUs; }
        public int levels() { return levels; }
        public double shapeLtp() { return shapeLtp; }
        public double shapeLtd() { return shapeLtd; }
        @Override public double writeNoise() { return writeNoise; }
        /** A of the potentiation curve, in pulses. */
        public double aLtp() { return aLtp; }
        /** B of the potentiation curve, in uS. */
        public double bLtp() { return bLtp; }
        /** A of the depression curve, in pulses. */
        public double aLtd() { return aLtd; }
        /** B of the depression curve, in uS. */
        public double bLtd() { return bLtd; }

        @Override public double step() { return (gMaxUs - gMinUs) / (levels - 1); }
        @Override public double sweepPulses() { return levels - 1; }
        @Override public boolean exact() { return false; }

        /** Conductance after {@code p} potentiating pulses from gMin (not clamped beyond Pmax). */
        public double ltpConductance(double p) { return gMinUs - bLtp * Math.expm1(-p / aLtp); }

        /** Position on the potentiation curve of conductance {@code g}, in pulses from gMin. */
        public double ltpPulses(double g) {
            double x = Math.min(1.0, (clamp(g) - gMinUs) / bLtp);
            return -aLtp * Math.log1p(-x);
        }

        /** Conductance after {@code p} depressing pulses from gMax (not clamped beyond Pmax). */
        public double ltdConductance(double p) { return gMaxUs + bLtd * Math.expm1(-p / aLtd); }

        /** Position on the depression curve of conductance {@code g}, in pulses from gMax. */
        public double ltdPulses(double g) {
            double x = Math.min(1.0, (gMaxUs - clamp(g)) / bLtd);
            return -aLtd * Math.log1p(-x);
        }

        @Override
        public double pulsesFor(double g, double dg) {
            double from = clamp(g);
            double to = clamp(from + dg);
            if (to == from) return 0.0;
            // P(to) - P(from) = A ln((B - dist(from)) / (B - dist(to))) = A ln(1 + t), dist measured from the curve's
            // start and t = |to - from| / (B - dist(to)): one logarithm, and no cancellation between two of them.
            boolean up = to > from;
            double pulses = (up ? aLtp : aLtd) * Math.log1p(moveRatio(from, to, up));
            // Guards the curve ends, where rounding can make the logarithm infinite.
            pulses = Math.min(sweepPulses(), pulses);
            return up ? pulses : -pulses;
        }

        /** t of a move from {@code from} to {@code to} (both in range, different): see {@link #pulsesFor}. */
        private double moveRatio(double from, double to, boolean up) {
            return up ? (to - from) / (topLtp - to) : (from - to) / (to - bottomLtd);
        }

        /**
         * Stochastic rounding without logarithms. A move away from a curve's asymptote gap {@code before} to
         * {@code after} (gaps measured from the asymptote the curve approaches: {@code top - G} on potentiation,
         * {@code G - bottom} on depression) is {@code |p| = A ln(before / after)} pulses. The rounded count is
         * {@code #{m >= 0 : m + v < |p|}} with {@code v = u} when potentiating; when depressing
         * ({@code p = -|p|}) it is {@code -#{m >= 0 : m + v <= |p|}} with {@code v = 1 - u}. Each test
         * {@code m + v < |p|} reads {@code after * e^(m/A) * e^(v/A) < before}: {@code e^(m/A)} is a table entry and
         * {@code e^(v/A)} is bracketed by a table on a grid of v, so a test is two multiplications. When a test
         * falls within the bracket or within a relative margin far above the rounding error (which grows with the
         * curve's conditioning near its end), p is evaluated exactly as {@link #pulsesFor} does; so the answer is
         * always the exact one.
         */
        @Override
        public int stochasticPulses(double g, double dg, double u) {
            double from = clamp(g);
            double to = clamp(from + dg);
            if (to == from) return 0;
            boolean up = to > from;
            // the asymptote lies beyond the range on the far side, so the gaps are distances to it
            double asymptote = up ? topLtp : bottomLtd;
            double before = Math.abs(from - asymptote);
            double after = Math.abs(to - asymptote);
            double[] rise = up ? riseLtp : riseLtd;
            double[] grid = up ? gridLtp : gridLtd;
            int j = (int) ((up ? u : 1.0 - u) * GRID);
            double cLo = after * grid[j];
            double cHi = after * grid[j + 1];
            double margin = before * marginRel(after);
            double sure = before - margin;
            int m = surelyBelow(rise, cHi, sure);
            // the first test that failed must fail surely
            if (!(rise[m] * cLo > before + margin)) return slowRounding(g, dg, u, m, cLo, cHi, sure, before + margin);
            return up ? m : -m;
        }

        /**
         * The grid cell {@code (int) ((up ? u : 1 - u) * GRID)} of the draw {@code u = units * 2^-UNIT_BITS}
         * ({@link DeviceRng#units}), in integers: u and 1 - u are exact multiples of 2^-UNIT_BITS below 2^UNIT_BITS
         * units, and so is their product by GRID = 2^GRID_BITS, so the floor is a shift.
         */
        static int gridCell(long units, boolean up) {
            long v = up ? units : (1L << DeviceRng.UNIT_BITS) - units;
            return (int) (v >>> (DeviceRng.UNIT_BITS - GRID_BITS));
        }

        /** Relative margin of the rounding tests: it grows with magnitude / after, below BOUND_REL past afterSafe. */
        double marginRel(double after) {
            return after >= afterSafe ? SAFE_MARGIN : BOUND_REL + BOUND_COND * magnitude / after;
        }

        /**
         * The first UNROLL tests, {@code rise[m] * c < sure}, without branches (the count is random, a loop exit would
         * mispredict); rise[m] is +infinity from m = Pmax on, so the count never passes one sweep.
         */
        static int surelyBelow(double[] rise, double c, double sure) {
            return (rise[0] * c < sure ? 1 : 0) + (rise[1] * c < sure ? 1 : 0) + (rise[2] * c < sure ? 1 : 0)
                    + (rise[3] * c < sure ? 1 : 0);
        }

        /** {@link #stochasticPulses} past the unrolled tests, or when a test is undecided. */
        int slowRounding(double g, double dg, double u, int m, double cLo, double cHi, double sure,
                                 double sureNot) {
            double[] rise = dg > 0 ? riseLtp : riseLtd;
            int sweep = levels - 1;
            if (m < UNROLL || m >= sweep) return DeviceModel.super.stochasticPulses(g, dg, u);
            while (m < sweep) {
                double e = rise[m];
                if (cHi * e < sure) {
                    m++;
                } else if (cLo * e > sureNot) {
                    break;
                } else {
                    return DeviceModel.super.stochasticPulses(g, dg, u);
                }
            }
            return dg > 0 ? m : -m;
        }

        @Override
        public double applyPulses(double g, int pulses, double d2dFactor, double z) {
            if (pulses == 0) return g;
            // Along a curve the distance to its asymptote shrinks by e^(-advance/A): G(P) = top - B e^(-P/A) for
            // potentiation, bottom + B e^(-P/A) for depression. So n pulses need neither the inverse curve nor the
            // forward one, and for a nominal cell (f = 1) the factor is a table entry.
            int n = Math.abs(pulses);
            boolean table = d2dFactor == 1.0 && n < levels;
            double from = clamp(g);
            double nominal;
            if (pulses > 0) {
                double keep = table ? keepLtp[n] : Math.exp(-(n * d2dFactor) / aLtp);
                nominal = topLtp - (topLtp - from) * keep;
            } else {
                double keep = table ? keepLtd[n] : Math.exp(-(n * d2dFactor) / aLtd);
                nominal = bottomLtd + (from - bottomLtd) * keep;
            }
            return clamp(nominal + (n < levels ? sigmaOf[n] : writeSigmaUs(pulses)) * z);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nonlinear n && n.gMinUs == gMinUs && n.gMaxUs == gMaxUs && n.levels == levels
                    && n.shapeLtp == shapeLtp && n.shapeLtd == shapeLtd && n.writeNoise == writeNoise;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(gMinUs, gMaxUs, levels, shapeLtp, shapeLtd, writeNoise);
        }

        @Override
        public String toString() {
            return "Nonlinear[gMinUs=" + gMinUs + ", gMaxUs=" + gMaxUs + ", levels=" + levels + ", shapeLtp="
                    + shapeLtp + ", shapeLtd=" + shapeLtd + ", writeNoise=" + writeNoise + "]";
        }
    }

    /**
     * A digital weight of {@code levels} values held in SRAM: exact writes, no noise, no variation. A write moves
     * the stored value by whole levels from the level nearest to {@code g}, so results stay on the grid
     * {@code gMin + k * step}.
     */
    record Digital(double gMinUs, double gMaxUs, int levels) implements DeviceModel {
        public Digital {
            checkRange(gMinUs, gMaxUs);
            checkLevels(levels);
        }

        @Override public double writeNoise() { return 0.0; }
        @Override public double step() { return (gMaxUs - gMinUs) / (levels - 1); }
        @Override public double sweepPulses() { return levels - 1; }
        @Override public boolean exact() { return true; }

        @Override
        public double pulsesFor(double g, double dg) { return evenSteps(this, g, dg); }

        @Override
        public double applyPulses(double g, int pulses, double d2dFactor, double z) {
            if (pulses == 0) return g;
            long level = Math.round((clamp(g) - gMinUs) / step()) + pulses;
            long top = levels - 1;
            if (level <= 0) return gMinUs;
            if (level >= top) return gMaxUs;
            return gMinUs + level * step();
        }
    }
}
