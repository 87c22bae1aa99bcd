package io.engram.compiler.ir;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.program.ChipProgram.Route;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * After route: every flow as a {@link Route} between cores with its dimension-ordered (XY) paths; with tree multicast
 * the paths to all destinations form one tree (a copy is made where paths part), with unicast each destination gets
 * its own copy. Routing-table entries per core follow from the trees.
 */
public record RoutedIr(PlacedIr placed, List<RoutedFlow> routes, int[] tableEntriesPerCore, Stats stats) implements Ir {
    public RoutedIr {
        routes = List.copyOf(routes);
    }

    /**
     * @param links          directed links used, each encoded as {@code from * cores + to}, sorted
     * @param hops           Manhattan hops to each destination (same order as route.dests())
     * @param packets        packets per sample (1 with tree multicast, one per destination with unicast)
     * @param flitsPerPacket flits of one packet (header plus payload)
     * @param flitHops       flit x link traversals per sample
     */
    public record RoutedFlow(int flow, Route route, long[] links, int[] hops, int packets, int flitsPerPacket, long flitHops) {}

    /** Per kind of route: routes, packets, flits and flit-hops per sample. */
    public record Traffic(int routes, long packets, long flits, long flitHops, long payloadBits) {
        public Traffic plus(Traffic o) {
            return new Traffic(routes + o.routes, packets + o.packets, flits + o.flits, flitHops + o.flitHops,
                    payloadBits + o.payloadBits);
        }
    }

    public record Stats(int routes, long links, long tableEntries, int maxTableEntries, Map<PacketKind, Traffic> traffic) {
        public Stats {
            traffic = Map.copyOf(traffic);
        }
    }

    @Override
    public String dump() {
        int cores = placed.cores();
        StringBuilder sb = new StringBuilder();
        sb.append("; route: XY, ").append(cores).append(" cores\n");
        for (int i = 0; i < routes.size(); i++) {
            RoutedFlow rf = routes.get(i);
            Route r = rf.route();
            sb.append("r").append(i).append(' ').append(r.kind()).append(" %").append(r.layer()).append(" core ").append(r.src())
                    .append(" -> ");
            for (int d = 0; d < r.dests().length; d++) {
                if (d > 0) sb.append(',');
                sb.append(r.dests()[d]);
            }
            sb.append(" bits ").append(r.payloadBits()).append(" packets ").append(rf.packets()).append(" flits/packet ")
                    .append(rf.flitsPerPacket()).append(" hops ").append(java.util.Arrays.toString(rf.hops()))
                    .append(" links ").append(rf.links().length).append('\n');
            if (rf.links().length > 0) {
                sb.append("    ");
                for (int l = 0; l < rf.links().length; l++) {
                    long code = rf.links()[l];
                    if (l > 0) sb.append(' ');
                    sb.append(code / cores).append('>').append(code % cores);
                }
                sb.append('\n');
            }
        }
        sb.append("table entries per core:");
        for (int c = 0; c < tableEntriesPerCore.length; c++) {
            if (tableEntriesPerCore[c] > 0) sb.append(' ').append(c).append(':').append(tableEntriesPerCore[c]);
        }
        sb.append('\n');
        Map<PacketKind, Traffic> t = new EnumMap<>(PacketKind.class);
        t.putAll(stats.traffic);
        sb.append(Fmt.f("; stats: routes %d, links %d, table entries %d (max %d per core)%n", stats.routes, stats.links,
                stats.tableEntries, stats.maxTableEntries));
        for (Map.Entry<PacketKind, Traffic> e : t.entrySet()) {
            Traffic v = e.getValue();
            sb.append(Fmt.f(";   %s: routes %d packets %d flits %d flit-hops %d payload bits %d%n", e.getKey(), v.routes,
                    v.packets, v.flits, v.flitHops, v.payloadBits));
        }
        return sb.toString();
    }
}
