package io.engram.compiler.pass;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.spec.NocSpec;
import io.engram.compiler.ir.PartitionedIr.Flow;
import io.engram.compiler.ir.PlacedIr;
import io.engram.compiler.ir.RoutedIr;
import io.engram.compiler.ir.RoutedIr.RoutedFlow;
import io.engram.compiler.ir.RoutedIr.Traffic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * route: turns each flow into a {@link Route} between cores with XY paths (X first, then Y). With tree multicast the
 * paths to all destinations share links up to where they part, and one packet per sample travels the tree; with
 * unicast each destination gets its own copy. A router needs a table entry for a route where it does more than pass
 * the packet straight on: at the source, at a destination, where the tree branches, and where a path turns from X to
 * Y. With unicast, packets carry their destination and only the source keeps an entry per destination.
 * Packets: the flow's repeats (a convolution's positions, else one) per route per sample (per destination with
 * unicast), {@link NocSpec#flitsFor} flits each; the sizes come from {@link io.engram.chip.program.Traffic}, as the
 * chip's own packets do.
 */
public final class RoutePass {
    private RoutePass() {}

    public static RoutedIr run(PlacedIr in, PassContext ctx) {
        NocSpec noc = ctx.chip().noc();
        boolean tree = noc.multicast() == NocSpec.Multicast.TREE;
        int w = in.meshWidth();
        int cores = in.cores();
        int[] entries = new int[cores];
        List<RoutedFlow> out = new ArrayList<>();
        Map<PacketKind, Traffic> traffic = new EnumMap<>(PacketKind.class);
        long totalLinks = 0;
        for (Flow f : in.partitioned().flows()) {
            int src = in.coreOfTile()[f.src()];
            int[] dests = new int[f.dests().length];
            for (int i = 0; i < dests.length; i++) dests[i] = in.coreOfTile()[f.dests()[i]];
            Route route = new Route(f.kind(), src, dests, f.bitsPerSample(), f.layer());
            XyTree t = XyTree.build(src, dests, w, cores);
            int[] hops = new int[dests.length];
            long pathLinks = 0;
            for (int i = 0; i < dests.length; i++) {
                hops[i] = PlacePass.dist(src, dests[i], w);
                pathLinks += hops[i];
            }
            int flits = noc.flitsFor(f.payloadBits());
            int packets;
            long flitHops;
            long[] links;
            if (tree) {
                packets = f.repeats();
                links = t.links();
                flitHops = (long) f.repeats() * flits * links.length;
                t.addTableEntries(entries);
            } else {
                packets = f.repeats() * dests.length;
                links = t.links();
                flitHops = (long) f.repeats() * flits * pathLinks;
                entries[src] += dests.length;
            }
            totalLinks += links.length;
            out.add(new RoutedFlow(f.id(), route, links, hops, packets, flits, flitHops));
            traffic.merge(f.kind(), new Traffic(1, packets, (long) packets * flits, flitHops, f.bitsPerSample() * dests.length),
                    Traffic::plus);
        }
        long totalEntries = 0;
        int maxEntries = 0;
        for (int e : entries) {
            totalEntries += e;
            maxEntries = Math.max(maxEntries, e);
        }
        return new RoutedIr(in, out, entries, new RoutedIr.Stats(out.size(), totalLinks, totalEntries, maxEntries, traffic));
    }

    /** Verifier: each route starts at its flow's source core, every link joins neighbouring cores, and every destination is reached. */
    public static void verify(RoutedIr ir) {
        int w = ir.placed().meshWidth();
        int cores = ir.placed().cores();
        for (RoutedFlow rf : ir.routes()) {
            Flow f = ir.placed().partitioned().flows().get(rf.flow());
            if (rf.route().src() != ir.placed().coreOfTile()[f.src()]) throw new IllegalStateException("route " + rf.flow() + " source");
            java.util.Set<Integer> reached = new java.util.HashSet<>();
            reached.add(rf.route().src());
            for (long code : rf.links()) {
                int a = (int) (code / cores), b = (int) (code % cores);
                if (PlacePass.dist(a, b, w) != 1) throw new IllegalStateException("route " + rf.flow() + " link " + a + ">" + b);
                reached.add(b);
            }
            for (int d : rf.route().dests()) {
                if (!reached.contains(d)) throw new IllegalStateException("route " + rf.flow() + " misses core " + d);
            }
        }
    }
}
