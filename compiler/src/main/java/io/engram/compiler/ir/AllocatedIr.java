package io.engram.compiler.ir;

import java.util.List;

/** After allocate: SRAM bytes per core, by purpose. */
public record AllocatedIr(RoutedIr routed, List<CoreMemory> cores, long capacityBytes, Stats stats) implements Ir {
    public AllocatedIr {
        cores = List.copyOf(cores);
    }

    /**
     * SRAM use of one core; cores with neither a tile nor a routing-table entry are omitted.
     *
     * @param tile          tile on the core, or -1 (a router-only core)
     * @param inputBuffer   rows x input bits
     * @param partialSums   cols x 32 bit
     * @param traces        STDP: pre traces rows x 16 bit, post traces cols x 16 bit (x2 for triplet)
     * @param accumulators  rows x cols x 16 bit when small updates accumulate and the layer learns
     * @param routingTable  entries x 8 bytes
     * @param normStats     input norms this core runs (the producer of their layer's input): per input channel two
     *                      64-bit sums and a 32-bit mean and inverse deviation (24 bytes), plus an 8-byte count
     */
    public record CoreMemory(int core, int tile, long inputBuffer, long partialSums, long traces, long accumulators,
                             long routingTable, long normStats) {
        public long total() { return inputBuffer + partialSums + traces + accumulators + routingTable + normStats; }
    }

    public record Stats(int coresAllocated, long totalBytes, long maxBytes, int maxCore) {}

    @Override
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append("; allocate: capacity ").append(capacityBytes).append(" bytes per core\n");
        for (CoreMemory m : cores) {
            // "+ norm" only where a core holds input-norm statistics (dumps of networks without norms are unchanged)
            sb.append(Fmt.f("core %d %s: input %d + psum %d + traces %d + accum %d + table %d%s = %d bytes (%s)%n",
                    m.core, m.tile < 0 ? "router" : "t" + m.tile, m.inputBuffer, m.partialSums, m.traces, m.accumulators,
                    m.routingTable, m.normStats == 0 ? "" : " + norm " + m.normStats, m.total(),
                    Fmt.pct(m.total() / (double) capacityBytes)));
        }
        sb.append(Fmt.f("; stats: cores %d, total %d bytes, max %d bytes on core %d%n", stats.coresAllocated,
                stats.totalBytes, stats.maxBytes, stats.maxCore));
        return sb.toString();
    }
}
