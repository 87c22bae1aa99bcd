package io.engram.chip.sim;

/**
 * Critical-path cycles per {@link StepPhase}, summed over samples: the layers' process models charge each segment
 * of a sample's critical path to the phase it belongs to, and the segments add up to the chip's serial latency.
 */
final class PhaseTimer {
    private final long[] cycles = new long[StepPhase.values().length];

    /** Charges the segment [from, to) of the critical path to phase p. */
    void span(StepPhase p, long from, long to) { cycles[p.ordinal()] += to - from; }

    /** Charges {@code n} cycles to phase p. */
    void add(StepPhase p, long n) { cycles[p.ordinal()] += n; }

    /** Cycles of every phase, indexed by ordinal. */
    long[] snapshot() { return cycles.clone(); }

    /** Puts back a {@link #snapshot()}. */
    void restore(long[] saved) {
        if (saved.length != cycles.length) {
            throw new IllegalArgumentException("state has " + saved.length + " step phases, the chip has " + cycles.length);
        }
        System.arraycopy(saved, 0, cycles, 0, cycles.length);
    }
}
