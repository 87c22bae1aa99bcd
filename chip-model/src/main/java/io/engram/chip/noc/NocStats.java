package io.engram.chip.noc;

import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable figures of a {@link Noc} since its last {@link Noc#resetStats()}; equal snapshots mean equal runs.
 *
 * @param now                  the network's clock when the snapshot was taken (first cycle not yet simulated)
 * @param cycles               cycles since the last reset
 * @param packets              packets injected
 * @param packetsByKind        packets injected per kind (every kind present)
 * @param deliveries           (packet, destination) pairs delivered
 * @param flitsInjected        flits that entered the network from a network interface (one copy per destination
 *                             under unicast multicast, one per packet under tree multicast)
 * @param flitsReplicated      extra flit copies made at tree branch routers;
 *                             {@code flitsInjected + flitsReplicated == flitsEjected} once the network is drained
 * @param flitsEjected         flits delivered to cores
 * @param routerFlits          flits leaving a router through any output (sum of router.traversal actions)
 * @param linkFlits            flits crossing a mesh link (sum of link.flit_hop actions)
 * @param hops                 sum over deliveries of the XY hop count from source to destination
 * @param stallCycles          cycles an eligible flit waited, summed over routers (including injection waits)
 * @param linkStallCycles      the part of {@code stallCycles} spent waiting for a mesh link
 * @param injectionStallCycles the part of {@code stallCycles} a network interface waited for its local input buffer
 * @param maxLinkLoad          flits on the busiest link
 * @param barriers             barriers executed
 * @param counters             actions of all routers, links and barriers together
 * @param hopHistogram         hops per delivery
 * @param latencyHistogram     cycles from a packet's ready cycle to the delivery of its last flit, per destination
 * @param routers              per router, in mesh index order
 * @param links                per existing directed link, in link-index order (for heatmaps)
 */
public record NocStats(long now, long cycles, long packets, Map<PacketKind, Long> packetsByKind, long deliveries,
                       long flitsInjected, long flitsReplicated, long flitsEjected, long routerFlits, long linkFlits,
                       long hops, long stallCycles, long linkStallCycles, long injectionStallCycles, long maxLinkLoad,
                       long barriers, ActionCounters counters, Distribution hopHistogram,
                       Distribution latencyHistogram, List<RouterLoad> routers, List<LinkLoad> links) {

    public NocStats {
        packetsByKind = Collections.unmodifiableMap(new EnumMap<>(packetsByKind));
        counters = counters.copy();
        Objects.requireNonNull(hopHistogram);
        Objects.requireNonNull(latencyHistogram);
        routers = List.copyOf(routers);
        links = List.copyOf(links);
    }

    /** A copy; the snapshot itself never changes. */
    @Override
    public ActionCounters counters() { return counters.copy(); }

    /** One router's figures. Peaks are since the last reset (a reset keeps the current level as the new peak). */
    public record RouterLoad(int router, int x, int y, long flits, long stallCycles, long peakBufferFlits,
                             long peakReplicationFlits) {}

    /**
     * One directed link, from router {@code from} out of its {@code direction} port into router {@code to}.
     * {@code peakBufferFlits} is the peak occupancy of the input buffer the link feeds, counting flits still on the
     * link (their slot is reserved by the credit they consumed).
     */
    public record LinkLoad(int index, int from, int to, Port direction, long flits, long stallCycles,
                           long peakBufferFlits) {}

    /** An immutable copy of a {@link Histogram}; the last bucket collects overflow, sum and max are exact. */
    public record Distribution(List<Long> buckets, long count, long sum, long max) {
        public Distribution {
            buckets = List.copyOf(buckets);
        }

        public static Distribution of(Histogram h) {
            List<Long> b = new ArrayList<>(h.size());
            for (int i = 0; i < h.size(); i++) b.add(h.bucket(i));
            return new Distribution(b, h.count(), h.sum(), h.max());
        }

        public double mean() { return count == 0 ? 0 : (double) sum / count; }

        /** Only the non-empty buckets, as {@code value:count}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Distribution[count=").append(count).append(", sum=").append(sum)
                    .append(", max=").append(max).append(", buckets={");
            String sep = "";
            for (int i = 0; i < buckets.size(); i++) {
                if (buckets.get(i) == 0) continue;
                sb.append(sep).append(i).append(':').append(buckets.get(i));
                sep = ", ";
            }
            return sb.append("}]").toString();
        }
    }
}
