package io.engram.chip.time;

import io.engram.chip.spec.SpecNode;

/**
 * How long one step of a chip lasts, given what each core did in it. A closed family chosen by the chip description
 * ({@code time_model}); it sits beside the interconnects and sees only a {@link StepActivity}.
 * <ul>
 * <li>{@link Lockstep}: every core starts the step together and the step ends when the slowest core is done and its
 * results have crossed the network (a crossbar MVM: all cores integrate and convert in parallel).</li>
 * <li>{@link AsyncBarrier}: Loihi's asynchronous step (Davies 2018): each core runs as fast as its own work allows,
 * the step lasts as long as its slowest core plus the network, and then a mesh-wide barrier whose cost depends on
 * the number of tiles taking part.</li>
 * </ul>
 */
public sealed interface TimeModel {

    /** Duration of one step in nanoseconds. */
    double stepNs(StepActivity activity);

    /** Name used in chip files and reports. */
    String key();

    record Lockstep() implements TimeModel {
        @Override
        public double stepNs(StepActivity a) { return a.slowestCoreNs() + a.nocNs(); }

        @Override
        public String key() { return "lockstep"; }
    }

    record AsyncBarrier() implements TimeModel {
        @Override
        public double stepNs(StepActivity a) { return a.slowestCoreNs() + a.nocNs() + a.barrierNs(); }

        @Override
        public String key() { return "async_barrier"; }
    }

    /** Reads {@code key} of a chip description: {@code lockstep} or {@code async_barrier}. */
    static TimeModel parse(SpecNode node, String key) {
        String v = node.requireString(key);
        return switch (v) {
            case "lockstep" -> new Lockstep();
            case "async_barrier" -> new AsyncBarrier();
            default -> throw node.error(key, v, "one of: lockstep, async_barrier");
        };
    }
}
