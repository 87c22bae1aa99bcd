package io.engram.chip.noc;

import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.Gauge;
import io.engram.chip.stats.Histogram;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A cycle-level 2D-mesh network-on-chip: wormhole switching, XY routing, credit-based back-pressure, round-robin
 * arbitration, tree or unicast multicast. The model, its timing rules and the closed-form latency are described in
 * {@link io.engram.chip.noc the package documentation}; in short, with R = router.traversal cycles,
 * L = link.flit_hop cycles, h hops and F flits, an uncontended packet is delivered
 * {@code (h + 1) * R + h * L + (F - 1)} cycles after its ready cycle when {@code bufferFlits >= R + L + 1}.
 *
 * <p>Use: {@link #inject(Packet)} any number of packets, then {@link #run()} until all are delivered; read
 * {@link #deliveryCycle(long, int)}, {@link #counters(int)} and {@link #snapshot()}; {@link #resetStats()} between
 * phases. Not thread-safe; one instance belongs to one simulation.
 */
public final class Noc {
    /** How {@link #run()} advances time; both give identical counters, cycles and delivery times. */
    public enum Engine {
        /** Simulates every router in every cycle. */
        REFERENCE,
        /** Skips cycles in which nothing can change: jumps to the next cycle with a flit out of its router
         *  pipeline or a ready packet, and after a cycle in which everything eligible was blocked, to the next
         *  such event, adding the identical stalls of the skipped cycles in bulk. */
        FAST
    }

    /** Latency-histogram buckets; longer latencies land in the last bucket (the histogram's sum and max stay exact). */
    public static final int LATENCY_BUCKETS = 4096;

    private static final int PORTS = Port.values().length;
    private static final int LOCAL = Port.LOCAL.ordinal();
    private static final int DIRS = Port.DIRECTIONS;
    /** Arbitration slot of the replication unit, after the five input ports. */
    private static final int REP_SLOT = PORTS;
    private static final int SLOTS = PORTS + 1;
    /** Stall code of a network interface waiting for its local input buffer (codes below are output ports). */
    private static final int NI_STALL = PORTS;
    private static final int STALL_CODES = PORTS + 1;
    private static final long NONE = Long.MAX_VALUE;
    private static final Port[] PORT = Port.values();

    private final MeshSpec mesh;
    private final NocSpec spec;
    private final Engine engine;
    private final int width;
    private final int nodes;
    private final int bufferFlits;
    private final long routerCycles;
    private final long linkCycles;
    private final long barrierCycles;
    /** neighbour[router * DIRS + dir], or -1 at the mesh edge. */
    private final int[] neighbour;
    private final Router[] routers;
    /**
     * Routers that may hold work (a queued or injecting packet, buffered or replicating flits): set when a packet is
     * queued or a flit is pushed, cleared when the fast engine finds the router empty. Visited in index order, the
     * order of a visit of every router, so that the fast engine skips only routers that would do nothing.
     */
    private final BitSet occupied;

    // statistics
    private final ActionCounters[] counters;
    private final ActionCounters barrierCounters = new ActionCounters();
    private final long[] routerFlits;
    private final long[] routerStalls;
    private final long[] linkFlits;
    private final long[] linkStalls;
    /** Occupancy of each input buffer, index router * PORTS + port; a link's gauge is its downstream buffer's. */
    private final Gauge[] bufferGauge;
    private final Gauge[] routerGauge;
    private final Gauge[] replicationGauge;
    private final Histogram hopHistogram;
    private final Histogram latencyHistogram;
    private final long[] packetsByKind = new long[PacketKind.values().length];
    private long packets;
    private long deliveries;
    private long flitsInjected;
    private long flitsReplicated;
    private long flitsEjected;
    private long injectionStalls;
    private long stallTotal;
    private long barriers;
    private long statsSince;

    // simulation state
    private long now;
    private long lastDelivery = -1;
    private long outstanding;
    private long copySeq;
    /** Looked up by id only, never iterated to decide simulation order. */
    private final Map<Long, PacketState> packetsById = new HashMap<>();
    /** Stall codes (router * STALL_CODES + code) of the cycle just simulated, replayed for skipped cycles. */
    private int[] stallLog = new int[64];
    private int stallLogSize;
    /** Told about every resource the traffic uses ({@link FootprintRecorder}), or null: then nothing is recorded. */
    private UseListener listener;

    /** A network with the default {@link Engine#FAST} engine. */
    public Noc(MeshSpec mesh, NocSpec spec, Technology technology) {
        this(mesh, spec, technology, Engine.FAST);
    }

    /**
     * @param mesh       routers, one per core
     * @param spec       flit size, buffer depth, multicast mode
     * @param technology router.traversal, link.flit_hop and barrier.sync latencies (cycles at its clock)
     * @param engine     how {@link #run()} advances time
     * @throws IllegalArgumentException if the router latency is below one cycle
     */
    public Noc(MeshSpec mesh, NocSpec spec, Technology technology, Engine engine) {
        this.mesh = Objects.requireNonNull(mesh);
        this.spec = Objects.requireNonNull(spec);
        this.engine = Objects.requireNonNull(engine);
        Objects.requireNonNull(technology);
        this.width = mesh.width();
        this.nodes = mesh.cores();
        this.bufferFlits = spec.bufferFlits();
        this.routerCycles = technology.cycles(Action.ROUTER_FLIT);
        this.linkCycles = technology.cycles(Action.LINK_FLIT);
        this.barrierCycles = technology.cycles(Action.BARRIER_SYNC);
        if (routerCycles < 1) {
            throw new IllegalArgumentException("technology '" + technology.name() + "': "
                    + Action.ROUTER_FLIT.qualifiedName() + " latency is " + routerCycles
                    + " cycles; the NoC model needs a router pipeline of at least 1 cycle");
        }
        neighbour = new int[nodes * DIRS];
        for (int r = 0; r < nodes; r++) {
            int x = r % width;
            int y = r / width;
            for (int d = 0; d < DIRS; d++) {
                int nx = x + PORT[d].dx();
                int ny = y + PORT[d].dy();
                boolean inside = nx >= 0 && nx < width && ny >= 0 && ny < mesh.height();
                neighbour[r * DIRS + d] = inside ? ny * width + nx : -1;
            }
        }
        routers = new Router[nodes];
        occupied = new BitSet(nodes);
        counters = new ActionCounters[nodes];
        routerGauge = new Gauge[nodes];
        replicationGauge = new Gauge[nodes];
        bufferGauge = new Gauge[nodes * PORTS];
        for (int r = 0; r < nodes; r++) {
            routers[r] = new Router(r);
            counters[r] = new ActionCounters();
            routerGauge[r] = new Gauge();
            replicationGauge[r] = new Gauge();
        }
        for (int i = 0; i < bufferGauge.length; i++) bufferGauge[i] = new Gauge();
        routerFlits = new long[nodes];
        routerStalls = new long[nodes];
        linkFlits = new long[nodes * DIRS];
        linkStalls = new long[nodes * DIRS];
        hopHistogram = new Histogram(mesh.width() + mesh.height() - 1);
        latencyHistogram = new Histogram(LATENCY_BUCKETS);
    }

    // ------------------------------------------------------------------------------------------------ public API

    public MeshSpec mesh() { return mesh; }

    public NocSpec spec() { return spec; }

    public Engine engine() { return engine; }

    /** Router pipeline cycles per hop (technology router.traversal latency). */
    public long routerCycles() { return routerCycles; }

    /** Link cycles per hop (technology link.flit_hop latency). */
    public long linkCycles() { return linkCycles; }

    /** Cycles of one barrier (technology barrier.sync latency). */
    public long barrierCycles() { return barrierCycles; }

    /** The first cycle not yet simulated. */
    public long now() { return now; }

    /** (packet, destination) deliveries still outstanding. */
    public long outstandingDeliveries() { return outstanding; }

    /** The router next to {@code router} through {@code dir}, or -1 at the mesh edge. */
    public int neighbour(int router, Port dir) {
        checkRouter(router);
        if (!dir.isMesh()) throw new IllegalArgumentException("LOCAL has no neighbour");
        return neighbour[router * DIRS + dir.ordinal()];
    }

    /** Index of the link leaving {@code router} through {@code dir} ({@code router * 4 + dir}), or -1 if none. */
    public int linkIndex(int router, Port dir) {
        return neighbour(router, dir) < 0 ? -1 : router * DIRS + dir.ordinal();
    }

    /** XY hop count between two routers. */
    public int hops(int from, int to) {
        checkRouter(from);
        checkRouter(to);
        return XyRouting.hops(from, to, width);
    }

    /**
     * Queues a packet at its source's network interface. It becomes eligible at
     * {@code max(readyCycle, now())}; its latency is measured from that cycle.
     *
     * @throws IllegalArgumentException if a router index is outside the mesh or the id is still in the network
     *                                  or its delivery records are still held (see {@link #resetStats()})
     */
    public void inject(Packet p) {
        Objects.requireNonNull(p);
        checkRouter(p.src());
        int[] dests = p.dests();
        for (int d : dests) checkRouter(d);
        if (packetsById.containsKey(p.id())) {
            throw new IllegalArgumentException("packet id " + p.id() + " is already known to the network");
        }
        long ready = Math.max(p.readyCycle(), now);
        int flits = spec.flitsFor(p.payloadBits());
        PacketState ps = new PacketState(p, ready, dests);
        packetsById.put(p.id(), ps);
        Router src = routers[p.src()];
        occupied.set(p.src());
        if (listener != null) listener.used(p.src() * Footprint.SLOTS + Footprint.INTERFACE, ready);
        if (spec.multicast() == NocSpec.Multicast.TREE || dests.length == 1) {
            src.ni.add(new Copy(ps, dests, flits, ready, copySeq++));
        } else {
            for (int d : dests) src.ni.add(new Copy(ps, new int[] {d}, flits, ready, copySeq++));
        }
        outstanding += dests.length;
        packets++;
        packetsByKind[p.kind().ordinal()]++;
    }

    /**
     * Advances until every injected packet is delivered to every destination.
     *
     * @return the cycle of the last delivery so far (-1 if nothing was ever delivered); {@link #now()} is one more
     * @throws IllegalStateException if the network stops making progress (a model bug: the design is deadlock-free)
     */
    public long run() {
        while (outstanding > 0) {
            long t = now;
            boolean moved = step(t);
            now = t + 1;
            if (outstanding == 0) break;
            if (moved) {
                // cycles before the next one with an arbitration candidate have neither moves nor stalls
                long next = engine == Engine.FAST ? nextCandidateCycle(t) : NONE;
                if (next != NONE) now = next;
                continue;
            }
            long next = nextEventAfter(t);
            if (next == NONE) {
                throw new IllegalStateException("NoC made no progress at cycle " + t + " with " + outstanding
                        + " deliveries outstanding and no future event (deadlock)");
            }
            if (engine == Engine.FAST && next > t + 1) {
                replayStalls(next - t - 1);
                now = next;
            }
        }
        return lastDelivery;
    }

    /**
     * Advances the clock to {@code cycle} (no effect if it is not later than {@link #now()}), moving whatever is in
     * flight. The reference engine simulates every router in every cycle on the way, idle or not; the fast engine
     * jumps straight there once nothing is in flight.
     */
    public void advanceTo(long cycle) {
        while (now < cycle) {
            if (engine == Engine.FAST && outstanding == 0) {
                now = cycle;
                return;
            }
            step(now);
            now++;
        }
    }

    /**
     * Puts every output arbiter back to its power-on priority, so that a drained network behaves like a new one.
     *
     * @throws IllegalStateException if a delivery is still outstanding
     */
    public void resetArbiters() {
        if (outstanding != 0) {
            throw new IllegalStateException("arbiters can be reset only in a drained network; " + outstanding
                    + " deliveries outstanding");
        }
        for (Router rs : routers) Arrays.fill(rs.rr, 0);
    }

    /**
     * Gives output {@code output} of {@code router} the arbitration priority it would have after a winner in slot
     * {@code slot - 1}: the next free-output arbitration there starts its round-robin search at {@code slot}
     * (0..3 = N, E, S, W input, 4 = LOCAL input, 5 = replication unit). Power-on priority is 0.
     */
    void setArbiterPriority(int router, Port output, int slot) {
        checkRouter(router);
        if (slot < 0 || slot >= SLOTS) throw new IllegalArgumentException("slot " + slot + " outside 0.." + (SLOTS - 1));
        routers[router].rr[output.ordinal()] = slot;
    }

    /**
     * Drains the network ({@link #run()}), then synchronises all cores: charges one barrier.sync action and its
     * latency.
     *
     * @return the first cycle after the barrier
     */
    public long barrier() {
        run();
        barrierCounters.inc(Action.BARRIER_SYNC);
        barriers++;
        now += barrierCycles;
        return now;
    }

    /**
     * Cycle in which the last flit of the packet reached {@code dest}'s core, or -1 if it has not yet.
     *
     * @throws IllegalArgumentException if the packet is unknown (never injected, or forgotten by a reset) or
     *                                  {@code dest} is not one of its destinations
     */
    public long deliveryCycle(long packetId, int dest) {
        PacketState ps = packetsById.get(packetId);
        if (ps == null) throw new IllegalArgumentException("unknown packet id " + packetId);
        int i = ps.indexOf(dest);
        if (i < 0) throw new IllegalArgumentException("router " + dest + " is not a destination of packet " + packetId);
        return ps.delivery[i];
    }

    /** Whether the packet has reached all its destinations. */
    public boolean delivered(long packetId) {
        PacketState ps = packetsById.get(packetId);
        if (ps == null) throw new IllegalArgumentException("unknown packet id " + packetId);
        return ps.remaining == 0;
    }

    /** A copy of one router's actions: router.traversal and link.flit_hop (for the links leaving it). */
    public ActionCounters counters(int router) {
        checkRouter(router);
        return counters[router].copy();
    }

    /** A copy of all actions: every router and link plus barriers. */
    public ActionCounters totalCounters() {
        ActionCounters total = barrierCounters.copy();
        for (ActionCounters c : counters) total.addAll(c);
        return total;
    }

    /**
     * Starts a new statistics phase: zeroes counters, histograms and totals, restarts peaks from the current levels,
     * and forgets the delivery records of packets already fully delivered (their ids may then be reused).
     */
    public void resetStats() {
        for (ActionCounters c : counters) c.reset();
        barrierCounters.reset();
        Arrays.fill(routerFlits, 0);
        Arrays.fill(routerStalls, 0);
        Arrays.fill(linkFlits, 0);
        Arrays.fill(linkStalls, 0);
        for (Gauge g : bufferGauge) g.resetPeak();
        for (Gauge g : routerGauge) g.resetPeak();
        for (Gauge g : replicationGauge) g.resetPeak();
        hopHistogram.reset();
        latencyHistogram.reset();
        Arrays.fill(packetsByKind, 0);
        packets = deliveries = flitsInjected = flitsReplicated = flitsEjected = injectionStalls = barriers = 0;
        stallTotal = 0;
        statsSince = now;
        packetsById.values().removeIf(ps -> ps.remaining == 0);
    }

    /** Packets injected since the last {@link #resetStats()} (as {@link NocStats#packets()}, without a snapshot). */
    public long packetsInjected() { return packets; }

    /** Flits the interfaces injected since the last {@link #resetStats()} ({@link NocStats#flitsInjected()}). */
    public long flitsInjected() { return flitsInjected; }

    /** Hops of the deliveries since the last {@link #resetStats()} ({@link NocStats#hops()}). */
    public long deliveredHops() { return hopHistogram.sum(); }

    /** Stall cycles since the last {@link #resetStats()} ({@link NocStats#stallCycles()}). */
    public long stallCycles() { return stallTotal; }

    /** Flits carried by link {@code link} ({@link #linkIndex}) since the last {@link #resetStats()}. */
    public long linkFlits(int link) {
        if (link < 0 || link >= linkFlits.length || neighbour[link] < 0) throw new IllegalArgumentException("no link " + link);
        return linkFlits[link];
    }

    public NocStats snapshot() {
        Map<PacketKind, Long> byKind = new EnumMap<>(PacketKind.class);
        for (PacketKind k : PacketKind.values()) byKind.put(k, packetsByKind[k.ordinal()]);
        long rf = 0;
        long stalls = 0;
        List<NocStats.RouterLoad> rl = new ArrayList<>(nodes);
        for (int r = 0; r < nodes; r++) {
            rf += routerFlits[r];
            stalls += routerStalls[r];
            rl.add(new NocStats.RouterLoad(r, r % width, r / width, routerFlits[r], routerStalls[r],
                    routerGauge[r].peak(), replicationGauge[r].peak()));
        }
        long lf = 0;
        long linkStallTotal = 0;
        long maxLoad = 0;
        List<NocStats.LinkLoad> ll = new ArrayList<>();
        for (int r = 0; r < nodes; r++) {
            for (int d = 0; d < DIRS; d++) {
                int to = neighbour[r * DIRS + d];
                if (to < 0) continue;
                int l = r * DIRS + d;
                lf += linkFlits[l];
                linkStallTotal += linkStalls[l];
                maxLoad = Math.max(maxLoad, linkFlits[l]);
                long peak = bufferGauge[to * PORTS + PORT[d].opposite().ordinal()].peak();
                ll.add(new NocStats.LinkLoad(l, r, to, PORT[d], linkFlits[l], linkStalls[l], peak));
            }
        }
        return new NocStats(now, now - statsSince, packets, byKind, deliveries, flitsInjected, flitsReplicated,
                flitsEjected, rf, lf, hopHistogram.sum(), stalls, linkStallTotal, injectionStalls, maxLoad, barriers,
                totalCounters(), NocStats.Distribution.of(hopHistogram), NocStats.Distribution.of(latencyHistogram),
                rl, ll);
    }

    // ------------------------------------------------------------------------------------------------ footprint

    /**
     * Told about the {@link Footprint} resources traffic uses, as it uses them (resource {@code router *
     * Footprint.SLOTS + slot}). Recording is off the simulation: the network only reports; without a listener it does
     * not even look for contention.
     */
    interface UseListener {
        /** A flit of the traffic used the resource in cycle t (see {@link Footprint} for what counts as a use). */
        void used(int resource, long t);

        /** An arbitration for the free output, with a credit, had more than one candidate. */
        void contended(int resource);
    }

    /** Installs the listener of resource use (null: none). */
    void setUseListener(UseListener l) { listener = l; }

    /** The round-robin slot the next free-output arbitration at (router, output) starts its search at. */
    int arbiterPriority(int router, int output) { return routers[router].rr[output]; }

    /** The footprint resource that feeds input buffer (router, port): the interface, or the upstream output. */
    private int feeder(int router, int port) {
        if (port == LOCAL) return router * Footprint.SLOTS + Footprint.INTERFACE;
        return neighbour[router * DIRS + port] * Footprint.SLOTS + PORT[port].opposite().ordinal();
    }

    // ------------------------------------------------------------------------------------------------ one cycle

    /** Simulates cycle t for every router, in index order (the order does not matter: see {@link #hasCredit}). */
    private boolean step(long t) {
        stallLogSize = 0;
        boolean moved = false;
        if (engine == Engine.REFERENCE) {
            for (Router rs : routers) moved |= stepRouter(rs, t); // every router in every cycle
            return moved;
        }
        // the same routers in the same order, minus the empty ones (a router filled by a push from a router earlier
        // in the order is set before the loop reaches it, as the full visit would see it)
        for (int r = occupied.nextSetBit(0); r >= 0; r = occupied.nextSetBit(r + 1)) {
            Router rs = routers[r];
            if (rs.empty()) {
                occupied.clear(r);
                continue;
            }
            moved |= stepRouter(rs, t);
        }
        return moved;
    }

    private boolean stepRouter(Router rs, long t) {
        if (rs.idle(t)) return false;
        boolean moved = injectFromInterface(rs, t);
        moved |= absorbBranchingFlits(rs, t);
        int requested = requestedOutputs(rs, t);
        for (int o = 0; o < PORTS; o++) {
            if ((requested & (1 << o)) != 0) moved |= arbitrate(rs, o, t);
        }
        return moved;
    }

    /** The network interface pushes at most one flit per cycle into the local input buffer. */
    private boolean injectFromInterface(Router rs, long t) {
        Copy c = rs.niCurrent;
        if (c == null) {
            Copy head = rs.ni.peek();
            if (head == null || head.ready > t) return false;
            c = head;
        }
        if (!hasCredit(rs.node, LOCAL, t)) {
            stall(rs.node, NI_STALL);
            return false;
        }
        if (rs.niCurrent == null) {
            rs.ni.poll();
            rs.niCurrent = c;
            rs.niNext = 0;
        }
        push(rs, LOCAL, new Flit(c, rs.niNext, t + routerCycles), t);
        flitsInjected++;
        if (++rs.niNext == c.flits) rs.niCurrent = null;
        return true;
    }

    /**
     * Routes new worms at the input heads and moves the eligible flits of branching worms into the replication
     * unit: one copy per output, never blocked (the unit is the branch's sink, which keeps tree multicast
     * deadlock-free with any buffer depth).
     */
    private boolean absorbBranchingFlits(Router rs, long t) {
        boolean moved = false;
        for (int p = 0; p < PORTS; p++) {
            Flit f = rs.in[p].peekFirst();
            if (f == null || f.eligible > t) continue;
            Branch[] branches = rs.inBranches[p];
            if (branches == null) {
                if (f.index != 0 || rs.inRoute[p] >= 0) continue;
                int mask = outputMask(f.copy.dests, rs.node);
                if (Integer.bitCount(mask) == 1) {
                    rs.inRoute[p] = Integer.numberOfTrailingZeros(mask);
                    continue;
                }
                branches = split(f.copy, rs.node, mask);
                rs.inBranches[p] = branches;
                for (Branch b : branches) rs.rep[b.out].addLast(b);
            }
            pop(rs, p, t);
            for (Branch b : branches) b.flits.addLast(new Flit(b.copy, f.index, t));
            rs.replicationFlits += branches.length;
            routerGauge[rs.node].add(branches.length);
            replicationGauge[rs.node].add(branches.length);
            flitsReplicated += branches.length - 1;
            if (f.isTail()) rs.inBranches[p] = null;
            moved = true;
        }
        return moved;
    }

    /**
     * Outputs with at least one arbitration candidate. Arbitrating one output never changes another's candidates
     * (an input or branch offers to one output only), so the mask holds for the whole cycle.
     */
    private int requestedOutputs(Router rs, long t) {
        int mask = 0;
        for (int p = 0; p < PORTS; p++) {
            int o = rs.inRoute[p];
            if (o >= 0 && candidate(rs, p, o, t) != null) mask |= 1 << o;
        }
        if (rs.replicationFlits > 0) {
            for (int o = 0; o < PORTS; o++) {
                if (candidate(rs, REP_SLOT, o, t) != null) mask |= 1 << o;
            }
        }
        return mask;
    }

    /**
     * Output o sends at most one flit: the worm holding it continues, or a free output goes to the first eligible
     * head in round-robin order (N, E, S, W, LOCAL input, replication unit) starting after the last winner.
     * A mesh output needs a credit (space in the downstream buffer); ejection never blocks.
     * Every eligible candidate that does not move stalls one cycle.
     */
    private boolean arbitrate(Router rs, int o, long t) {
        boolean credit = o == LOCAL || hasCredit(neighbour[rs.node * DIRS + o], PORT[o].opposite().ordinal(), t);
        int owner = rs.owner[o];
        int winner = -1;
        if (owner >= 0) {
            Flit f = candidate(rs, owner, o, t);
            if (f != null && credit) {
                send(rs, owner, o, f, t);
                winner = owner;
            }
        } else if (credit) {
            if (listener != null) {
                int n = 0;
                for (int s = 0; s < SLOTS; s++) if (candidate(rs, s, o, t) != null) n++;
                if (n > 1) listener.contended(rs.node * Footprint.SLOTS + o);
            }
            for (int i = 0; i < SLOTS && winner < 0; i++) {
                int s = (rs.rr[o] + i) % SLOTS;
                Flit f = candidate(rs, s, o, t);
                if (f != null) {
                    winner = s;
                    send(rs, s, o, f, t);
                    rs.rr[o] = (s + 1) % SLOTS;
                }
            }
        }
        for (int s = 0; s < SLOTS; s++) {
            if (s != winner && candidate(rs, s, o, t) != null) stall(rs.node, o);
        }
        return winner >= 0;
    }

    /** The eligible flit arbitration slot s offers to output o this cycle, or null. */
    private Flit candidate(Router rs, int s, int o, long t) {
        if (s == REP_SLOT) {
            Branch b = rs.rep[o].peekFirst();
            return b == null ? null : b.flits.peekFirst();
        }
        if (rs.inRoute[s] != o || rs.lastDeparture[s] == t) return null;
        Flit f = rs.in[s].peekFirst();
        return f == null || f.eligible > t ? null : f;
    }

    private void send(Router rs, int slot, int o, Flit f, long t) {
        int r = rs.node;
        if (slot == REP_SLOT) {
            Branch b = rs.rep[o].peekFirst();
            b.flits.pollFirst();
            rs.replicationFlits--;
            routerGauge[r].add(-1);
            replicationGauge[r].add(-1);
            if (f.isTail()) rs.rep[o].pollFirst();
        } else {
            pop(rs, slot, t);
            if (f.isTail()) rs.inRoute[slot] = -1;
        }
        rs.owner[o] = f.isTail() ? -1 : slot;
        if (listener != null) listener.used(r * Footprint.SLOTS + o, t);
        counters[r].inc(Action.ROUTER_FLIT);
        routerFlits[r]++;
        if (o == LOCAL) {
            eject(f, r, t);
            return;
        }
        int l = r * DIRS + o;
        counters[r].inc(Action.LINK_FLIT);
        linkFlits[l]++;
        f.eligible = t + linkCycles + routerCycles;
        push(routers[neighbour[l]], PORT[o].opposite().ordinal(), f, t);
    }

    private void eject(Flit f, int r, long t) {
        flitsEjected++;
        Copy c = f.copy;
        if (c.dests.length != 1 || c.dests[0] != r) {
            throw new IllegalStateException("flit of packet " + c.packet.packet.id() + " ejected at router " + r
                    + " but bound for " + Arrays.toString(c.dests));
        }
        if (!f.isTail()) return;
        PacketState ps = c.packet;
        int i = ps.indexOf(r);
        if (ps.delivery[i] >= 0) throw new IllegalStateException("packet " + ps.packet.id() + " delivered twice to " + r);
        ps.delivery[i] = t;
        ps.remaining--;
        outstanding--;
        deliveries++;
        lastDelivery = Math.max(lastDelivery, t);
        hopHistogram.record(hops(ps.packet.src(), r));
        latencyHistogram.record(t - ps.ready);
    }

    /**
     * Whether the input buffer (router, port) can take a flit in cycle t: its occupancy at the start of the cycle is
     * below the depth. A slot freed during cycle t is visible from t + 1 (credit return), so routers can be simulated
     * in any order: a departure earlier in the same cycle is added back. Each buffer has one feeder, so no other
     * arrival can happen in the cycle.
     */
    private boolean hasCredit(int router, int port, long t) {
        Router d = routers[router];
        int occupancyAtStart = d.in[port].size() + (d.lastDeparture[port] == t ? 1 : 0);
        return occupancyAtStart < bufferFlits;
    }

    private void push(Router rs, int port, Flit f, long t) {
        ArrayDeque<Flit> q = rs.in[port];
        if (q.size() >= bufferFlits) {
            throw new IllegalStateException("input buffer overflow at router " + rs.node + " port " + PORT[port]);
        }
        if (listener != null) {
            listener.used(feeder(rs.node, port), t);
            int mask = outputMask(f.copy.dests, rs.node);
            for (int o = 0; o < PORTS; o++) if ((mask & (1 << o)) != 0) listener.used(rs.node * Footprint.SLOTS + o, t);
        }
        q.addLast(f);
        rs.bufferedFlits++;
        occupied.set(rs.node);
        bufferGauge[rs.node * PORTS + port].add(1);
        routerGauge[rs.node].add(1);
    }

    private void pop(Router rs, int port, long t) {
        if (listener != null) listener.used(feeder(rs.node, port), t);
        rs.in[port].pollFirst();
        rs.bufferedFlits--;
        rs.lastDeparture[port] = t;
        bufferGauge[rs.node * PORTS + port].add(-1);
        routerGauge[rs.node].add(-1);
    }

    private void stall(int router, int code) {
        addStall(router, code, 1);
        if (stallLogSize == stallLog.length) stallLog = Arrays.copyOf(stallLog, stallLog.length * 2);
        stallLog[stallLogSize++] = router * STALL_CODES + code;
    }

    private void addStall(int router, int code, long n) {
        routerStalls[router] += n;
        stallTotal += n;
        if (code == NI_STALL) {
            injectionStalls += n;
        } else if (code != LOCAL) {
            linkStalls[router * DIRS + code] += n;
        }
    }

    /** Adds the stalls of the last simulated cycle n more times: nothing moved, so n identical cycles follow. */
    private void replayStalls(long n) {
        for (int i = 0; i < stallLogSize; i++) {
            addStall(stallLog[i] / STALL_CODES, stallLog[i] % STALL_CODES, n);
        }
    }

    /**
     * After a cycle t in which nothing moved, the state changes next when a head flit leaves a router pipeline or a
     * packet becomes ready; blocked flits can only be unblocked by a move. Returns that cycle, or NONE.
     */
    private long nextEventAfter(long t) {
        long next = NONE;
        for (int r = occupied.nextSetBit(0); r >= 0; r = occupied.nextSetBit(r + 1)) {
            Router rs = routers[r];
            Copy c = rs.ni.peek();
            if (rs.niCurrent == null && c != null && c.ready > t) next = Math.min(next, c.ready);
            if (rs.bufferedFlits == 0) continue;
            for (int p = 0; p < PORTS; p++) {
                Flit f = rs.in[p].peekFirst();
                if (f != null && f.eligible > t) next = Math.min(next, f.eligible);
            }
        }
        return next;
    }

    /**
     * The first cycle after t in which some arbitration candidate may exist: a head flit out of its pipeline, a
     * replication branch, or a network interface with a ready packet. Cycles before it have no moves and no stalls.
     */
    private long nextCandidateCycle(long t) {
        long next = NONE;
        long soonest = t + 1;
        for (int r = occupied.nextSetBit(0); r >= 0; r = occupied.nextSetBit(r + 1)) {
            Router rs = routers[r];
            if (rs.niCurrent != null || rs.replicationFlits > 0) return soonest;
            Copy c = rs.ni.peek();
            if (c != null) next = Math.min(next, Math.max(c.ready, soonest));
            if (rs.bufferedFlits == 0) continue;
            for (int p = 0; p < PORTS; p++) {
                Flit f = rs.in[p].peekFirst();
                if (f != null) next = Math.min(next, Math.max(f.eligible, soonest));
            }
            if (next == soonest) return soonest;
        }
        return next;
    }

    // ------------------------------------------------------------------------------------------------ routing

    /** XY route from router r towards dest ({@link XyRouting}). */
    private int route(int r, int dest) {
        return XyRouting.output(r, dest, width).ordinal();
    }

    private int outputMask(int[] dests, int r) {
        int mask = 0;
        for (int d : dests) mask |= 1 << route(r, d);
        return mask;
    }

    /** The sub-copies of a worm that branches at router r, one per output in port order. */
    private Branch[] split(Copy c, int r, int mask) {
        Branch[] out = new Branch[Integer.bitCount(mask)];
        int n = 0;
        for (int o = 0; o < PORTS; o++) {
            if ((mask & (1 << o)) == 0) continue;
            int count = 0;
            for (int d : c.dests) if (route(r, d) == o) count++;
            int[] sub = new int[count];
            int k = 0;
            for (int d : c.dests) if (route(r, d) == o) sub[k++] = d;
            out[n++] = new Branch(new Copy(c.packet, sub, c.flits, c.ready, c.seq), o);
        }
        return out;
    }

    private void checkRouter(int r) {
        if (r < 0 || r >= nodes) {
            throw new IllegalArgumentException("router " + r + " outside the " + mesh.width() + "x" + mesh.height()
                    + " mesh (0.." + (nodes - 1) + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------ state

    /** A packet in the network and its delivery records. */
    private static final class PacketState {
        final Packet packet;
        final long ready;
        final int[] sortedDests;
        final long[] delivery;
        int remaining;

        PacketState(Packet packet, long ready, int[] dests) {
            this.packet = packet;
            this.ready = ready;
            this.sortedDests = dests.clone();
            Arrays.sort(sortedDests);
            this.delivery = new long[dests.length];
            Arrays.fill(delivery, -1);
            this.remaining = dests.length;
        }

        int indexOf(int dest) {
            int i = Arrays.binarySearch(sortedDests, dest);
            return i < 0 ? -1 : i;
        }
    }

    /** One worm: a copy of a packet serving some of its destinations. */
    private static final class Copy {
        final PacketState packet;
        final int[] dests;
        final int flits;
        final long ready;
        final long seq;

        Copy(PacketState packet, int[] dests, int flits, long ready, long seq) {
            this.packet = packet;
            this.dests = dests;
            this.flits = flits;
            this.ready = ready;
            this.seq = seq;
        }
    }

    private static final class Flit {
        final Copy copy;
        final int index;
        /** First cycle the flit may leave the router it is buffered in (its pipeline is done). */
        long eligible;

        Flit(Copy copy, int index, long eligible) {
            this.copy = copy;
            this.index = index;
            this.eligible = eligible;
        }

        boolean isTail() { return index == copy.flits - 1; }
    }

    /** A branch of a tree worm in a router's replication unit, waiting for or holding its output. */
    private static final class Branch {
        final Copy copy;
        final int out;
        final ArrayDeque<Flit> flits = new ArrayDeque<>();

        Branch(Copy copy, int out) {
            this.copy = copy;
            this.out = out;
        }
    }

    private static final Comparator<Copy> INJECTION_ORDER =
            Comparator.<Copy>comparingLong(c -> c.ready).thenComparingLong(c -> c.seq);

    private static final class Router {
        final int node;
        @SuppressWarnings("unchecked")
        final ArrayDeque<Flit>[] in = new ArrayDeque[PORTS];
        /** Output of the (non-branching) worm at the head of each input, -1 if not yet routed. */
        final int[] inRoute = new int[PORTS];
        /** Branches fed by the branching worm at the head of each input, or null. */
        final Branch[][] inBranches = new Branch[PORTS][];
        /** Last cycle a flit left each input buffer. */
        final long[] lastDeparture = new long[PORTS];
        /** Per output: the arbitration slot whose worm holds it, or -1. */
        final int[] owner = new int[PORTS];
        /** Per output: the slot that has priority next. */
        final int[] rr = new int[PORTS];
        /** Per output: branches of the replication unit, first come first served. */
        @SuppressWarnings("unchecked")
        final ArrayDeque<Branch>[] rep = new ArrayDeque[PORTS];
        /** Network interface: copies waiting, in (ready, injection) order, and the one being injected. */
        final PriorityQueue<Copy> ni = new PriorityQueue<>(INJECTION_ORDER);
        Copy niCurrent;
        int niNext;
        /** Flits in the input buffers and in the replication unit. */
        int bufferedFlits;
        int replicationFlits;

        Router(int node) {
            this.node = node;
            for (int p = 0; p < PORTS; p++) {
                in[p] = new ArrayDeque<>();
                rep[p] = new ArrayDeque<>();
            }
            Arrays.fill(inRoute, -1);
            Arrays.fill(lastDeparture, -1);
            Arrays.fill(owner, -1);
        }

        /** No packet queued or injecting, no flit held or replicating. */
        boolean empty() {
            return bufferedFlits == 0 && replicationFlits == 0 && niCurrent == null && ni.isEmpty();
        }

        /** Nothing to do in cycle t: no flit held, nothing ready to inject. An idle router neither moves nor stalls. */
        boolean idle(long t) {
            if (bufferedFlits != 0 || replicationFlits != 0 || niCurrent != null) return false;
            Copy c = ni.peek();
            return c == null || c.ready > t;
        }
    }
}
