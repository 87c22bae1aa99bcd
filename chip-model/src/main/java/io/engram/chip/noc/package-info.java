/**
 * Cycle-level 2D-mesh network-on-chip (DESIGN.md section 2.5).
 *
 * <h2>Model</h2>
 * <ul>
 *   <li><b>Topology.</b> A {@code width x height} mesh; router (x, y) has index {@code y * width + x} and five ports
 *       ({@link io.engram.chip.noc.Port}: N = y - 1, E = x + 1, S = y + 1, W = x - 1, LOCAL = its core). Each input
 *       port has a FIFO buffer of {@code NocSpec.bufferFlits} flits.</li>
 *   <li><b>Switching.</b> Wormhole: a packet's head flit reserves an output, body flits follow it, the tail releases
 *       it. No virtual channels. Flits = {@code NocSpec.flitsFor(payloadBits)}.</li>
 *   <li><b>Routing.</b> XY dimension order: X first, then Y, then LOCAL.</li>
 *   <li><b>Timing.</b> R = latency of {@code router.traversal}, L = latency of {@code link.flit_hop} (both from
 *       the {@link io.engram.chip.tech.Technology}; R must be at least 1, L may be 0). A flit written into an input
 *       buffer in cycle a may leave through the switch in cycle a + R or later; leaving in cycle s over a mesh link,
 *       it is written into the next router's input buffer in cycle s + L. The network interface writes one flit
 *       per cycle into the local input buffer, starting in the packet's ready cycle; ejection to the core happens in
 *       the cycle the flit leaves through the LOCAL output, and a packet is delivered with its tail flit.</li>
 *   <li><b>Bandwidth.</b> Each output (link or ejection) carries at most one flit per cycle; each input buffer
 *       releases at most one flit per cycle.</li>
 *   <li><b>Back-pressure.</b> Credit-based: a flit is sent over a link only if the downstream input buffer has room
 *       at the start of the cycle, counting flits still on the link (their slot was reserved when sent). A slot
 *       freed in cycle s is usable from s + 1. Nothing is ever dropped. Full throughput therefore needs
 *       {@code bufferFlits >= R + L + 1}; shallower buffers run at {@code bufferFlits / (R + L + 1)} flits per
 *       cycle per link.</li>
 *   <li><b>Arbitration.</b> Per output, round robin over the slots N, E, S, W, LOCAL input, replication unit, starting
 *       after the last winner; a free output goes to an eligible head flit only when a credit is available.</li>
 *   <li><b>Multicast.</b> {@code UNICAST}: the source interface queues one copy per destination, in the order of
 *       {@code Packet.dests}. {@code TREE}: one copy leaves the source; at each router where the XY paths of its
 *       destinations diverge (different outputs, LOCAL included) the router's replication unit takes the flits off
 *       the input buffer, one per cycle, and holds one copy per output; each copy then competes for its output as a
 *       worm of its own and may leave in the same cycle. The replication unit is never full (its peak is reported),
 *       which is what keeps tree multicast deadlock-free: branches coupled through a shared input buffer can
 *       deadlock a wormhole mesh with small buffers.</li>
 *   <li><b>Stalls.</b> In a cycle, every arbitration candidate (an eligible input head, the first branch of the
 *       replication unit, or a network interface with a ready flit) that does not move counts one stall cycle at
 *       its router, and at the link it wanted if it wanted a mesh link.</li>
 *   <li><b>Counted actions.</b> {@code ROUTER_FLIT} per flit leaving a router through any output (a replicated flit
 *       counts once per output); {@code LINK_FLIT} per flit crossing a mesh link, charged to the sending router;
 *       {@code BARRIER_SYNC} per {@link io.engram.chip.noc.Noc#barrier()}.</li>
 * </ul>
 *
 * <h2>Closed-form latency</h2>
 * A packet of F flits from router s to router d, h = |xs - xd| + |ys - yd| hops, ready in cycle c, with no other
 * traffic on its path and {@code bufferFlits >= R + L + 1}: the head is written into the source's local buffer in
 * cycle c, leaves h + 1 routers (R cycles each) and crosses h links (L cycles each), so it is ejected in cycle
 * {@code c + (h + 1) * R + h * L}; flits follow one per cycle, so the packet is delivered in cycle
 * <pre>    c + (h + 1) * R + h * L + (F - 1)</pre>
 * With the default 22 nm technology (R = 2, L = 1) that is {@code c + 3h + F + 1}. Tree multicast gives each
 * destination the same figure when branches do not meet other traffic. Two packets wanting the same output in the
 * same cycle serialise: the loser is delayed by exactly the winner's flit count.
 *
 * <h2>Engines</h2>
 * {@code REFERENCE} simulates every router every cycle (an idle router, holding no flit and nothing ready to inject, is
 * passed over: it can neither move nor stall). {@code FAST} uses the same cycle function but skips cycles in which
 * nothing can change: after a cycle with moves it goes to the next cycle in which some candidate exists (a head flit
 * out of its pipeline, a replication branch, a ready packet), since cycles before it have neither moves nor stalls;
 * after a cycle in which nothing moved (every eligible flit was blocked, and only a move can unblock one) it goes to
 * the next cycle in which a head flit leaves its pipeline or a packet becomes ready, and adds the skipped cycles'
 * stalls, identical to the last simulated cycle's, in bulk. Both give identical counters, stalls, peaks,
 * histograms and delivery cycles; a test checks it on random traffic.
 *
 * <h2>Phases</h2>
 * The simulator hands the network phases of {@link io.engram.chip.noc.Message}s, which a
 * {@link io.engram.chip.noc.PhaseNetwork} runs with either engine (the fast one keeps recent phases' results). The
 * {@link io.engram.chip.noc.PhaseComposer} puts a phase's {@link io.engram.chip.noc.PhaseResult} together from runs of
 * groups of its packets that never meet (a packet alone in the closed form above), using the
 * {@link io.engram.chip.noc.Footprint} of each run: the resources it used and when, which a
 * {@code FootprintRecorder} collects as the network's listener of resource use (a network without one records
 * nothing). Routing everywhere is {@link io.engram.chip.noc.XyRouting}; packet kinds are
 * {@link io.engram.chip.noc.PacketKind}.
 */
package io.engram.chip.noc;
