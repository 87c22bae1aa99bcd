package io.engram.compiler.nir;

import java.util.Locale;

/**
 * How an NIR graph's continuous-time equations become the chip's discrete steps. The defaults follow the NIR
 * specification; the other values are the conventions some frameworks export with (see compiler/README-network.md).
 *
 * @param spike          what one input spike is
 * @param discretisation how tau dv/dt = (v_leak - v) + R I becomes a step
 * @param reset          what a spike does to the membrane
 */
public record NirSemantics(Spike spike, Discretisation discretisation, Reset reset) {
    /** An input event of value 1 at step n. */
    public enum Spike {
        /** NIR: a Dirac pulse of unit area at t_n; v jumps by R w / tau (LIF, LI, CubaLIF current) or R w (IF, I). */
        DIRAC,
        /** The value 1 held for the step [t_n, t_n + dt) (snnTorch, Norse, Rockpool export with this in mind). */
        HELD
    }

    /** How the leak is stepped. */
    public enum Discretisation {
        /** Exact solution over a step: decay = exp(-dt / tau); a held input adds R I (1 - decay). */
        EXACT,
        /** Forward Euler: decay = 1 - dt / tau; a held input adds R I dt / tau. */
        EULER
    }

    /** After a spike. */
    public enum Reset {
        /** NIR: v = v_reset. */
        TO_V_RESET,
        /** v = v - v_threshold (snnTorch's and Lava's subtractive reset). */
        SUBTRACT
    }

    public NirSemantics {
        if (spike == null || discretisation == null || reset == null) throw new IllegalArgumentException("incomplete NIR semantics");
    }

    /** The NIR specification's reading: Dirac spikes, exact discretisation, reset to v_reset. */
    public static NirSemantics specification() { return new NirSemantics(Spike.DIRAC, Discretisation.EXACT, Reset.TO_V_RESET); }

    public NirSemantics withSpike(Spike s) { return new NirSemantics(s, discretisation, reset); }

    public NirSemantics withDiscretisation(Discretisation d) { return new NirSemantics(spike, d, reset); }

    public NirSemantics withReset(Reset r) { return new NirSemantics(spike, discretisation, r); }

    /** Lower-case option word of an enum value (dirac, held, exact, euler, to-v-reset, subtract). */
    public static String word(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Decay of the membrane over one step of {@code dt} for time constant {@code tau} (seconds). */
    public double decay(double dt, double tau) {
        return discretisation == Discretisation.EXACT ? Math.exp(-dt / tau) : 1 - dt / tau;
    }

    /**
     * What one unit of input adds to a leaky state with resistance r and time constant tau in one step: Dirac r / tau,
     * held r (1 - decay) (exact) or r dt / tau (Euler).
     */
    public double leakyGain(double r, double dt, double tau) {
        if (spike == Spike.DIRAC) return r / tau;
        return discretisation == Discretisation.EXACT ? r * (1 - Math.exp(-dt / tau)) : r * dt / tau;
    }

    /** What one unit of input adds to an integrator dv/dt = r I in one step: Dirac r, held r dt. */
    public double integratorGain(double r, double dt) {
        return spike == Spike.DIRAC ? r : r * dt;
    }

    /** What a constant v_leak adds per step to a leaky state (not a spike: always held): (1 - decay) or dt / tau. */
    public double leakPerStep(double dt, double tau) {
        return discretisation == Discretisation.EXACT ? 1 - Math.exp(-dt / tau) : dt / tau;
    }

    /** The value of {@code type} whose option word is {@code word}; null when none is. */
    public static <E extends Enum<E>> E option(Class<E> type, String word) {
        for (E e : type.getEnumConstants()) if (word(e).equals(word)) return e;
        return null;
    }

    /** The option words of {@code type}, for messages: "dirac | held". */
    public static String words(Class<? extends Enum<?>> type) {
        StringBuilder b = new StringBuilder();
        for (Enum<?> e : type.getEnumConstants()) b.append(b.length() == 0 ? "" : " | ").append(word(e));
        return b.toString();
    }

    @Override
    public String toString() { return "spike " + word(spike) + ", " + word(discretisation) + ", reset " + word(reset); }
}
