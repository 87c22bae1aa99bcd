package io.engram.chip.stats;

import java.util.Locale;

/**
 * Every statistic of a {@link ChipStats} snapshot, declared once with its name, unit, shape, scope and how it
 * aggregates over cores (in the spirit of gem5's declared stats). {@link ChipStats#scalar(Stat)} and
 * {@link ChipStats#vector(Stat)} give a statistic's chip figure by its {@link #aggregation()}; the per-core values
 * are read with {@link ChipStats#scalar(Stat, int)} and {@link ChipStats#vector(Stat, int)}.
 */
public enum Stat {
    CORE_USED(Scope.CORE, Shape.SCALAR, "cores", Aggregation.SUM,
            "1 when the core holds a tile (and its crossbar, engines and state), else 0; summed: the cores used"),
    CORE_ACTIONS(Scope.CORE, Shape.VECTOR, "actions", Aggregation.SUM,
            "action counts of the core, then its unpriced events (ActionCounters order)"),
    CORE_STATE_CYCLES(Scope.CORE, Shape.VECTOR, "cycles", Aggregation.SUM_USED,
            "cycles the core spent in each core state; on every core the states sum to the chip's cycles"),
    CORE_LEARN_OVERLAP_CYCLES(Scope.CORE, Shape.SCALAR, "cycles", Aggregation.SUM,
            "learn cycles of the core that overlapped another core's compute (read, neuron, competition)"),
    CORE_CELLS_USED(Scope.CORE, Shape.SCALAR, "cells", Aggregation.SUM,
            "cells of the core's tile: rows x weight columns x cells per weight"),
    CORE_CELLS_WRITTEN(Scope.CORE, Shape.SCALAR, "cells", Aggregation.SUM,
            "cells of the core's array written at least once"),
    CORE_MAX_WRITES(Scope.CORE, Shape.SCALAR, "writes", Aggregation.MAX,
            "largest write count of any cell of the core's array"),
    CORE_CELLS_PAST_ENDURANCE(Scope.CORE, Shape.SCALAR, "cells", Aggregation.SUM,
            "cells of the core's array written more times than the device's endurance"),
    CORE_WRITE_HISTOGRAM(Scope.CORE, Shape.VECTOR, "cells", Aggregation.SUM,
            "cells of the core's tile by write count in power-of-two buckets: bucket 0 never written, bucket i >= 1 "
                    + "written 2^(i-1) to 2^i - 1 times; ends at the highest non-empty bucket; summed bucket by bucket"),
    CORE_HOST_BYTES(Scope.CORE, Shape.SCALAR, "bytes", Aggregation.SUM,
            "bytes of the simulator's per-cell arrays of the core (payload, without object headers)"),

    CHIP_CYCLES(Scope.CHIP, Shape.SCALAR, "cycles", Aggregation.NONE,
            "the chip's clock: cycle at which the last booked work ends"),
    CHIP_SERIAL_CYCLES(Scope.CHIP, Shape.SCALAR, "cycles", Aggregation.NONE,
            "sum over samples of the sample's end minus its start: the latency without pipelining overlap"),
    CHIP_SAMPLES(Scope.CHIP, Shape.SCALAR, "samples", Aggregation.NONE, "samples run"),
    CHIP_STEP_PHASE_CYCLES(Scope.CHIP, Shape.VECTOR, "cycles", Aggregation.NONE,
            "critical-path cycles of each step phase, summed over samples; they add up to the serial cycles"),
    CHIP_ACTIONS(Scope.CHIP, Shape.VECTOR, "actions", Aggregation.NONE,
            "action and event counts of every core and of the NoC, summed"),

    NOC_ACTIONS(Scope.NOC, Shape.VECTOR, "actions", Aggregation.NONE,
            "router and link action counts (ActionCounters order)"),
    NOC_PACKETS(Scope.NOC, Shape.SCALAR, "packets", Aggregation.NONE, "packets injected"),
    NOC_FLITS(Scope.NOC, Shape.SCALAR, "flits", Aggregation.NONE, "flits injected"),
    NOC_HOPS(Scope.NOC, Shape.SCALAR, "hops", Aggregation.NONE, "packet-hops: hops summed over deliveries"),
    NOC_STALL_CYCLES(Scope.NOC, Shape.SCALAR, "cycles", Aggregation.NONE, "cycles flits waited for a busy link"),
    NOC_MAX_LINK_LOAD(Scope.NOC, Shape.SCALAR, "flits", Aggregation.NONE, "flits carried by the busiest link"),
    NOC_KIND_PACKETS(Scope.NOC, Shape.VECTOR, "packets", Aggregation.NONE, "packets of each packet kind"),
    NOC_KIND_ROUTER_TRAVERSALS(Scope.NOC, Shape.VECTOR, "flits", Aggregation.NONE,
            "router flit passes (router.traversal) of each packet kind; they add up to the NoC's router count"),
    NOC_KIND_LINK_FLIT_HOPS(Scope.NOC, Shape.VECTOR, "flits", Aggregation.NONE,
            "link flit traversals (link.flit_hop) of each packet kind; they add up to the NoC's link count"),
    NOC_LINK_LOADS(Scope.NOC, Shape.VECTOR, "flits", Aggregation.NONE,
            "flits carried by each directed mesh link, router x 4 + outgoing port; empty when the interconnect does "
                    + "not count per link");

    /** Where a statistic is kept. */
    public enum Scope { CORE, CHIP, NOC }

    /** One number, or one number per label. */
    public enum Shape { SCALAR, VECTOR }

    private final Scope scope;
    private final Shape shape;
    private final String unit;
    private final Aggregation aggregation;
    private final String description;

    Stat(Scope scope, Shape shape, String unit, Aggregation aggregation, String description) {
        if ((scope == Scope.CORE) == (aggregation == Aggregation.NONE)) {
            throw new IllegalArgumentException("a per-core statistic aggregates, a chip one does not: " + name());
        }
        this.scope = scope;
        this.shape = shape;
        this.unit = unit;
        this.aggregation = aggregation;
        this.description = description;
    }

    /** Dotted name, e.g. {@code core.cells_written}, {@code noc.kind_packets}. */
    public String key() {
        String n = name().toLowerCase(Locale.ROOT);
        int u = n.indexOf('_');
        return n.substring(0, u) + "." + n.substring(u + 1);
    }

    public Scope scope() { return scope; }
    public Shape shape() { return shape; }
    public String unit() { return unit; }
    public Aggregation aggregation() { return aggregation; }
    public String description() { return description; }
}
