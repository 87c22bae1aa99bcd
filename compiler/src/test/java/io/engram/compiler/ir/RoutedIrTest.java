package io.engram.compiler.ir;

import io.engram.chip.neuron.Competition;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.noc.XyRouting;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.pass.PassContext;
import io.engram.compiler.pass.RoutePass;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route plan of a small network on a 2x2 mesh with a placement fixed by hand, against a hand count of packets,
 * flits, flit-hops and routing-table entries.
 * <p>
 * Network: 64 inputs, dense "a" 64 (one 128-row x 64-neuron crossbar tile, t0), dense "b" 100 with a softmax (one
 * row block x two column blocks: t1 = columns 0-63, t2 = columns 64-99). rram-22nm: 8-bit DAC values, 64-bit flits
 * with a 16-bit header. Placement: t0 on core 0 (0,0), t1 on core 1 (1,0), t2 on core 3 (1,1).
 * <pre>
 * ACTIVATION t0 -> {t1, t2}: 64 values x 8 bits = 512 bits; flits = ceil((16 + 512) / 64) = 9.
 *   XY paths: 0>1 (1 hop) and 0>1>3 (2 hops). Tree: links {0>1, 1>3} = 2, 1 packet, 9 x 2 = 18 flit-hops.
 *   Unicast: 2 packets, 18 flits, 9 x (1 + 2) = 27 flit-hops.
 * REDUCTION t2 -> t1 (max + sum-exp, 2 x 32 = 64 bits) and t1 -> t2 (max + sum, 64 bits): flits = ceil(80 / 64) = 2,
 *   core 3 <-> core 1 is 1 hop, so 2 flit-hops each: 2 routes, 2 packets, 4 flits, 4 flit-hops, 128 payload bits.
 * Table entries (tree): ACTIVATION at 0 (source), 1 (destination, and its X-to-Y turn), 3 (destination); each
 *   reduction at its source and destination: core 0: 1, core 1: 3, core 2: 0, core 3: 3 (total 7, max 3).
 * Table entries (unicast): the source only, one per destination: core 0: 2, core 1: 1, core 3: 1.
 * </pre>
 */
class RoutedIrTest {
    static Network network() {
        return Network.builder("two-layers").input(64)
                .dense("a", 64)
                .dense("b", 100).competition(Competition.softmax(0.1))
                .build();
    }

    static ChipSpec chip(NocSpec.Multicast m) {
        ChipSpec c = TestChips.withMesh(TestChips.rram(), 2, 2);
        NocSpec n = c.noc();
        return c.withNoc(new NocSpec(n.flitBits(), n.headerBits(), n.bufferFlits(), m, n.spikeBits()));
    }

    private static final Map<NocSpec.Multicast, RoutedIr> ROUTED = new java.util.EnumMap<>(NocSpec.Multicast.class);

    /** Routes the compiler's partition of {@link #network} with t0, t1, t2 on cores 0, 1, 3 (once per multicast). */
    static synchronized RoutedIr route(NocSpec.Multicast m) {
        return ROUTED.computeIfAbsent(m, RoutedIrTest::routeOnce);
    }

    private static RoutedIr routeOnce(NocSpec.Multicast m) {
        ChipSpec chip = chip(m);
        CompileResult r = TestChips.compile(NetworkSource.of(network()), chip);
        assertTrue(r.ok(), r.renderDiagnostics());
        PartitionedIr part = (PartitionedIr) r.ir(Pass.PARTITION);
        assertEquals(3, part.tiles().size());
        PlacedIr placed = new PlacedIr(part, 2, 2, new int[]{0, 1, 3},
                new PlacedIr.Stats(3, 4, 0, 0, 0, 0, 0, "hand"));
        PassContext ctx = new PassContext(chip, new RandomStreams(1), new Diagnostics(), null, true, 1);
        RoutedIr routed = RoutePass.run(placed, ctx);
        RoutePass.verify(routed);
        return routed;
    }

    @Test
    void nocSettingsOfTheHandCount() {
        NocSpec n = chip(NocSpec.Multicast.TREE).noc();
        assertEquals(64, n.flitBits());
        assertEquals(16, n.headerBits());
        assertEquals(9, n.flitsFor(512));
        assertEquals(2, n.flitsFor(64));
    }

    @Test
    void treeMulticastFlitHopsMatchTheHandCount() {
        RoutedIr routed = route(NocSpec.Multicast.TREE);
        Map<PacketKind, RoutedIr.Traffic> t = routed.stats().traffic();
        assertEquals(Map.of(PacketKind.ACTIVATION, new RoutedIr.Traffic(1, 1, 9, 18, 1024),
                PacketKind.REDUCTION, new RoutedIr.Traffic(2, 2, 4, 4, 128)), t);
        RoutedIr.RoutedFlow act = routed.routes().stream().filter(f -> f.route().kind() == PacketKind.ACTIVATION)
                .findFirst().orElseThrow();
        assertEquals(0, act.route().src());
        assertArrayEquals(new int[]{1, 3}, act.route().dests());
        assertArrayEquals(new int[]{1, 2}, act.hops());
        // links encoded from * 4 + to: 0>1 = 1, 1>3 = 7
        assertArrayEquals(new long[]{1, 7}, act.links());
        assertArrayEquals(new int[]{1, 3, 0, 3}, routed.tableEntriesPerCore());
        assertEquals(7, routed.stats().tableEntries());
        assertEquals(3, routed.stats().maxTableEntries());
        // links: 2 (activation tree) + 1 + 1 (reductions)
        assertEquals(4, routed.stats().links());
    }

    @Test
    void unicastSendsOneCopyPerDestination() {
        RoutedIr routed = route(NocSpec.Multicast.UNICAST);
        Map<PacketKind, RoutedIr.Traffic> t = routed.stats().traffic();
        assertEquals(new RoutedIr.Traffic(1, 2, 18, 27, 1024), t.get(PacketKind.ACTIVATION));
        assertEquals(new RoutedIr.Traffic(2, 2, 4, 4, 128), t.get(PacketKind.REDUCTION));
        assertArrayEquals(new int[]{2, 1, 0, 1}, routed.tableEntriesPerCore());
    }

    @Test
    void theDumpListsEveryRouteWithItsLinksAndTheTotals() {
        String d = route(NocSpec.Multicast.TREE).dump();
        assertTrue(d.contains("ACTIVATION %0 core 0 -> 1,3 bits 512 packets 1 flits/packet 9 hops [1, 2] links 2\n    0>1 1>3\n"), d);
        assertTrue(d.contains("table entries per core: 0:1 1:3 3:3\n"), d);
        assertTrue(d.contains(";   ACTIVATION: routes 1 packets 1 flits 9 flit-hops 18 payload bits 1024\n"), d);
        assertTrue(d.contains(";   REDUCTION: routes 2 packets 2 flits 4 flit-hops 4 payload bits 128\n"), d);
    }

    @Test
    void xyPathLengthsAreManhattanDistancesOnEveryPairOfA5x3Mesh() {
        // every (a, b) on a 5-wide, 3-high mesh: the path has |dx| + |dy| links, each to a neighbour, X moves first
        int w = 5;
        int cores = 15;
        for (int a = 0; a < cores; a++) {
            for (int b = 0; b < cores; b++) {
                int manhattan = Math.abs(a % w - b % w) + Math.abs(a / w - b / w);
                int[] p = XyRouting.path(a, b, w);
                assertEquals(manhattan + 1, p.length, a + ">" + b);
                assertEquals(a, p[0]);
                assertEquals(b, p[p.length - 1]);
                boolean turned = false;
                for (int i = 0; i + 1 < p.length; i++) {
                    int dx = p[i + 1] % w - p[i] % w;
                    int dy = p[i + 1] / w - p[i] / w;
                    assertEquals(1, Math.abs(dx) + Math.abs(dy), "neighbours " + p[i] + ">" + p[i + 1]);
                    if (dy != 0) turned = true;
                    assertTrue(!(turned && dx != 0), "an X move after a Y move on " + a + ">" + b);
                }
            }
        }
    }
}
