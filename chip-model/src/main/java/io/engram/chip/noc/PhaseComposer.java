package io.engram.chip.noc;

import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.NocSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast engine's phase, put together from runs of groups of its packets that never meet, instead of one run of the
 * whole phase. A phase whose packets are spread out in time (each core's partial sums leave when its own reads end)
 * mostly consists of packets that never share a router input or output at the same time; each such packet behaves
 * exactly as it does alone, so its run alone (kept by shape) serves every phase it appears in.
 *
 * <p>The grouping starts with every packet alone and its {@link Footprint}: the cycles in which it uses each
 * output and interface. Packets (or groups) whose footprints overlap on a resource are merged and run together, which
 * gives the group's footprint, until no two footprints overlap. Then, by {@link Footprint}'s argument, the phase run as a
 * whole moves every flit as the groups do, provided that each group that arbitrated between several candidates at an
 * output found there the priority the previous user left: the group is run with that priority (a few rounds at most);
 * if the rounds run out, there is no composition and the phase is simulated whole. Deliveries are the groups',
 * counters, flits, hops, stalls and link loads are their sums.
 *
 * <p>Runs use one network, drained between runs: a run on a drained network whose arbiters are reset is the run on a
 * new network shifted in time. Not thread-safe.
 */
public final class PhaseComposer {
    /** Rounds of merging and priority fixing before giving up. */
    private static final int MAX_ROUNDS = 24;
    /** Groups larger than this are not worth composing: the phase is simulated whole. */
    private static final int MAX_GROUP = 64;
    private static final int CACHED_RUNS = 4096;
    /** Sort-key layout of {@link #check}: cycle above, entry below. */
    private static final int ENTRY_BITS = 22;
    private static final long MAX_CYCLE = 1L << (62 - ENTRY_BITS);

    private final MeshSpec mesh;
    private final NocSpec spec;
    private final Technology technology;
    private final Noc net;
    private final FootprintRecorder recorder;
    /** Runs of groups, by the group's shapes, relative ready cycles and starting priorities. Looked up only. */
    private final Map<RunKey, Run> runs = new LinkedHashMap<>(CACHED_RUNS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RunKey, Run> eldest) {
            return size() > CACHED_RUNS;
        }
    };
    private long groupRuns;
    private long priorityRuns;
    /** Scratch of {@link #check}: first entry per resource (counting sort). */
    private final int[] bucket;

    /** Composes phases on the network {@code new Noc(mesh, spec, technology, FAST)} would be. */
    public PhaseComposer(MeshSpec mesh, NocSpec spec, Technology technology) {
        this.mesh = mesh;
        this.spec = spec;
        this.technology = technology;
        this.net = new Noc(mesh, spec, technology, Noc.Engine.FAST);
        this.recorder = new FootprintRecorder(net);
        this.bucket = new int[mesh.cores() * Footprint.SLOTS + 1];
    }

    /** Runs simulated of groups of several packets so far. */
    public long groupRuns() { return groupRuns; }

    /** Runs simulated with the starting priorities earlier packets left so far. */
    public long priorityRuns() { return priorityRuns; }

    /**
     * The phase's result, or null if it could not be composed.
     *
     * @param transfers the phase
     * @param base      the earliest ready cycle; results are relative to it
     */
    public PhaseResult compose(List<? extends Message> transfers, long base) {
        int n = transfers.size();
        long[] offsets = new long[n];
        int[][] dests = new int[n][];
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message t = transfers.get(i);
            offsets[i] = t.readyCycle() - base;
            if (offsets[i] >= MAX_CYCLE / 2) return null;
            dests[i] = otherDests(t);
            if (dests[i].length == 0) continue;
            Run alone = dests[i].length == 1 ? closedForm(t.src(), dests[i][0], t.payloadBits()) : null;
            groups.add(alone != null ? new Group(new int[] {i}, NO_PRIORITIES, alone, offsets[i])
                    : run(transfers, dests, offsets, new int[] {i}, NO_PRIORITIES));
        }
        for (int round = 0; ; round++) {
            Check c = check(groups);
            if (c == null) return null;
            if (c.merge == null && c.fixes == null) return sum(groups, offsets);
            if (round == MAX_ROUNDS) return null;
            if (c.merge != null) {
                if (round == 0 && crowded(c.merge, groups.size())) return null;
                groups = merge(groups, c.merge, transfers, dests, offsets);
                if (groups == null) return null;
            } else {
                for (int g = 0; g < groups.size(); g++) {
                    int[] fix = c.fixes[g];
                    if (fix == null) continue;
                    Group old = groups.get(g);
                    groups.set(g, run(transfers, dests, offsets, old.members, withPriorities(old.priorities, fix)));
                }
            }
        }
    }

    /** A group of packets (transfer indices, increasing) placed in the phase: its run shifted by {@code shift}. */
    private record Group(int[] members, int[] priorities, Run run, long shift) {}

    /**
     * A run: per member, the last delivery; what the run adds; its footprint. Times relative to the first member's
     * ready cycle.
     */
    record Run(long[] arrival, ActionCounters counts, long packets, long flits, long hops, long stalls,
                       int[] links, long[] linkFlits, Footprint footprint) {}

    private static final int[] NO_PRIORITIES = new int[0];

    /**
     * A packet to one destination alone on the network, in closed form, when the buffers are deep enough for full
     * throughput ({@code bufferFlits >= R + L + 1}; null otherwise): as the {@link io.engram.chip.noc package}
     * documentation derives, flit j (of F) is written into the source's local buffer in cycle j and leaves the k-th
     * router of its XY path (k = 0 .. h) in cycle {@code j + R + k (R + L)}, never stalled; it is written into the next
     * router's buffer in the cycle it leaves. Each output is thus used from the head's arrival at its router to the
     * tail's departure from the buffer it feeds (ejection: the tail's departure), the interface from cycle 0 to the
     * tail's departure from the local buffer, and each output is left with the priority after its input.
     */
    Run closedForm(int src, int dest, long payloadBits) {
        long r = technology.cycles(Action.ROUTER_FLIT);
        long l = technology.cycles(Action.LINK_FLIT);
        if (r < 1 || spec.bufferFlits() < r + l + 1) return null;
        int w = mesh.width();
        int h = XyRouting.hops(src, dest, w);
        long f = spec.flitsFor(payloadBits);
        int slots = Footprint.SLOTS;
        int local = Port.LOCAL.ordinal();
        // entries: the interface, then the output taken at each of the h + 1 routers; sorted by resource below
        long[] key = new long[h + 2];
        long[] first = new long[h + 2];
        long[] last = new long[h + 2];
        int[] after = new int[h + 2];
        int[] links = new int[h];
        key[0] = (long) src * slots + local + 1;
        first[0] = 0;
        last[0] = f - 1 + r;
        after[0] = -1;
        int at = src;
        int in = local;
        for (int k = 0; k <= h; k++) {
            int o = xyOutput(at, dest, w);
            key[k + 1] = (long) at * slots + o;
            first[k + 1] = k == 0 ? 0 : r + (k - 1) * (r + l);
            last[k + 1] = f - 1 + r + (k < h ? k + 1 : k) * (r + l);
            after[k + 1] = (in + 1) % slots;
            if (o == local) break;
            links[k] = at * Port.DIRECTIONS + o;
            in = Port.values()[o].opposite().ordinal();
            at += Port.values()[o].dx() + Port.values()[o].dy() * w;
        }
        // sort the entries by resource (an insertion sort: a path has few)
        for (int i = 1; i < key.length; i++) {
            for (int j = i; j > 0 && key[j - 1] > key[j]; j--) {
                swap(key, j);
                swap(first, j);
                swap(last, j);
                int t = after[j];
                after[j] = after[j - 1];
                after[j - 1] = t;
            }
        }
        int[] res = new int[key.length];
        for (int i = 0; i < key.length; i++) res[i] = (int) key[i];
        Arrays.sort(links);
        long[] linkFlits = new long[h];
        Arrays.fill(linkFlits, f);
        ActionCounters counts = new ActionCounters();
        counts.add(Action.ROUTER_FLIT, f * (h + 1));
        counts.add(Action.LINK_FLIT, f * h);
        return new Run(new long[] {f - 1 + r + h * (r + l)}, counts, 1, f, h, 0, links, linkFlits,
                new Footprint(res, first, last, after, NO_PRIORITIES));
    }

    private static void swap(long[] a, int j) {
        long t = a[j];
        a[j] = a[j - 1];
        a[j - 1] = t;
    }

    /** XY routing's output at router {@code at} towards {@code dest} (as the network routes). */
    private static int xyOutput(int at, int dest, int w) {
        return XyRouting.output(at, dest, w).ordinal();
    }

    /** A packet alone, simulated (for tests: it equals {@link #closedForm} where that applies). */
    Run simulatedAlone(Message t) {
        int[] dests = otherDests(t);
        return simulate(List.of(t), new int[][] {dests}, new long[] {0}, new int[] {0}, 0, NO_PRIORITIES);
    }

    /** The members' run, from the cache or on the network, with the starting priorities (resource, slot pairs). */
    private Group run(List<? extends Message> transfers, int[][] dests, long[] offsets, int[] members, int[] priorities) {
        long start = Long.MAX_VALUE;
        for (int i : members) start = Math.min(start, offsets[i]);
        RunKey key = RunKey.of(transfers, dests, offsets, members, start, priorities);
        Run r = runs.get(key);
        if (r == null) {
            r = simulate(transfers, dests, offsets, members, start, priorities);
            runs.put(key, r);
        }
        return new Group(members, priorities, r, start);
    }

    private Run simulate(List<? extends Message> transfers, int[][] dests, long[] offsets, int[] members, long start,
                         int[] priorities) {
        if (members.length > 1) groupRuns++;
        if (priorities.length > 0) priorityRuns++;
        Noc noc = net;
        noc.resetArbiters();
        for (int k = 0; k < priorities.length; k += 2) {
            int res = priorities[k];
            noc.setArbiterPriority(res / Footprint.SLOTS, Port.values()[res % Footprint.SLOTS], priorities[k + 1]);
        }
        noc.resetStats();
        recorder.start();
        long origin = noc.now();
        for (int i : members) {
            Message t = transfers.get(i);
            noc.inject(new Packet(i, t.src(), dests[i], t.payloadBits(), t.kind(),
                    origin + offsets[i] - start));
        }
        noc.run();
        long[] arrival = new long[members.length];
        for (int k = 0; k < members.length; k++) {
            int i = members[k];
            long last = offsets[i] - start;
            for (int d : dests[i]) last = Math.max(last, noc.deliveryCycle(i, d) - origin);
            arrival[k] = last;
        }
        Footprint f = recorder.footprint();
        // the links that carried flits are the used mesh outputs (resource router * SLOTS + dir = link router * 4 + dir)
        int used = 0;
        for (int res : f.resources()) if (res % Footprint.SLOTS < Port.DIRECTIONS) used++;
        int[] links = new int[used];
        long[] linkFlits = new long[used];
        int k = 0;
        for (int res : f.resources()) {
            int o = res % Footprint.SLOTS;
            if (o >= Port.DIRECTIONS) continue;
            links[k] = res / Footprint.SLOTS * Port.DIRECTIONS + o;
            linkFlits[k++] = noc.linkFlits(links[k - 1]);
        }
        long[] first = f.first().clone();
        long[] last = f.last().clone();
        for (int j = 0; j < first.length; j++) {
            first[j] -= origin;
            last[j] -= origin;
        }
        return new Run(arrival, noc.totalCounters(), noc.packetsInjected(), noc.flitsInjected(), noc.deliveredHops(),
                noc.stallCycles(), links,
                linkFlits, new Footprint(f.resources(), first, last, f.priorityAfter(), f.contended()));
    }

    /**
     * Overlapping groups to merge (group index to component root), or else priorities to fix (per group, resource and
     * slot pairs), or neither: the groups compose. Null if the phase is out of the sort keys' range.
     */
    private record Check(int[] merge, int[][] fixes) {}

    private Check check(List<Group> groups) {
        int[] start = bucket;
        Arrays.fill(start, 0);
        int entries = 0;
        for (Group g : groups) {
            for (int r : g.run.footprint.resources()) start[r + 1]++;
            entries += g.run.footprint.resources().length;
        }
        if (entries >= 1 << ENTRY_BITS) return null;
        for (int r = 1; r < start.length; r++) start[r] += start[r - 1];
        long[] first = new long[entries];
        long[] last = new long[entries];
        int[] group = new int[entries];
        int[] index = new int[entries];
        int[] fill = start.clone();
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            Footprint f = g.run.footprint;
            int[] res = f.resources();
            for (int k = 0; k < res.length; k++) {
                int e = fill[res[k]]++;
                first[e] = g.shift + f.first()[k];
                last[e] = g.shift + f.last()[k];
                if (first[e] < 0 || last[e] >= MAX_CYCLE) return null;
                group[e] = gi;
                index[e] = k;
            }
        }
        int[] parent = null;
        int[][] fixes = null;
        long[] order = new long[entries];
        long mask = (1L << ENTRY_BITS) - 1;
        for (int r = 0; r + 1 < start.length; r++) {
            int from = start[r];
            int to = start[r + 1];
            if (to == from) continue;
            for (int e = from; e < to; e++) order[e] = first[e] << ENTRY_BITS | (e - from);
            if (to - from > 1) Arrays.sort(order, from, to);
            int held = -1; // the entry with the latest end so far
            for (int j = from; j < to; j++) {
                int e = from + (int) (order[j] & mask);
                if (held >= 0 && first[e] <= last[held]) {
                    if (parent == null) {
                        parent = new int[groups.size()];
                        for (int g = 0; g < parent.length; g++) parent[g] = g;
                    }
                    union(parent, group[e], group[held]);
                } else if (parent == null) {
                    Footprint f = groups.get(group[e]).run.footprint;
                    if (Arrays.binarySearch(f.contended(), r) >= 0) {
                        int found = held < 0 ? 0 : groups.get(group[held]).run.footprint.priorityAfter()[index[held]];
                        int assumed = priorityOf(groups.get(group[e]).priorities, r);
                        if (found != assumed) {
                            if (fixes == null) fixes = new int[groups.size()][];
                            int[] fx = fixes[group[e]];
                            fixes[group[e]] = fx == null ? new int[] {r, found} : append(fx, r, found);
                        }
                    }
                }
                if (held < 0 || last[e] > last[held]) held = e;
            }
        }
        if (parent != null) {
            for (int g = 0; g < parent.length; g++) parent[g] = find(parent, g);
            return new Check(parent, null);
        }
        return new Check(null, fixes);
    }

    /**
     * Whether most packets meet others from the start: then the groups' runs cost about as much as the phase's, and
     * the phase is simulated whole (the result is the same either way).
     */
    private static boolean crowded(int[] root, int packets) {
        int[] size = new int[root.length];
        for (int r : root) size[r]++;
        int met = 0;
        for (int r : root) if (size[r] > 1) met++;
        return 2 * met > packets;
    }

    private List<Group> merge(List<Group> groups, int[] root, List<? extends Message> transfers, int[][] dests, long[] offsets) {
        int[] size = new int[groups.size()];
        for (int g = 0; g < root.length; g++) size[root[g]] += groups.get(g).members.length;
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < root.length; g++) {
            if (root[g] != g) continue;
            if (size[g] > MAX_GROUP) return null;
            if (size[g] == groups.get(g).members.length) {
                out.add(groups.get(g));
                continue;
            }
            int[] members = new int[size[g]];
            int k = 0;
            for (int h = 0; h < root.length; h++) {
                if (root[h] != g) continue;
                for (int i : groups.get(h).members) members[k++] = i;
            }
            Arrays.sort(members);
            out.add(run(transfers, dests, offsets, members, NO_PRIORITIES));
        }
        return out;
    }

    private PhaseResult sum(List<Group> groups, long[] offsets) {
        long[] arrival = offsets.clone();
        ActionCounters counts = new ActionCounters();
        long[] perLink = new long[mesh.cores() * Port.DIRECTIONS];
        long packets = 0;
        long flits = 0;
        long hops = 0;
        long stalls = 0;
        for (Group g : groups) {
            Run r = g.run;
            for (int k = 0; k < g.members.length; k++) arrival[g.members[k]] = g.shift + r.arrival[k];
            counts.addAll(r.counts);
            packets += r.packets;
            flits += r.flits;
            hops += r.hops;
            stalls += r.stalls;
            for (int k = 0; k < r.links.length; k++) perLink[r.links[k]] += r.linkFlits[k];
        }
        int used = 0;
        for (long f : perLink) if (f != 0) used++;
        int[] links = new int[used];
        long[] linkFlits = new long[used];
        for (int l = 0, k = 0; k < used; l++) {
            if (perLink[l] == 0) continue;
            links[k] = l;
            linkFlits[k++] = perLink[l];
        }
        return new PhaseResult(arrival, counts, packets, flits, hops, stalls, links, linkFlits);
    }

    private static int priorityOf(int[] priorities, int resource) {
        for (int k = 0; k < priorities.length; k += 2) if (priorities[k] == resource) return priorities[k + 1];
        return 0;
    }

    /** The priorities with the fixes applied (a fix replaces an earlier value for the same resource), by resource. */
    private static int[] withPriorities(int[] priorities, int[] fixes) {
        int[] p = priorities.clone();
        for (int k = 0; k < fixes.length; k += 2) {
            boolean set = false;
            for (int j = 0; j < p.length; j += 2) {
                if (p[j] == fixes[k]) {
                    p[j + 1] = fixes[k + 1];
                    set = true;
                }
            }
            if (!set) p = append(p, fixes[k], fixes[k + 1]);
        }
        int pairs = p.length / 2;
        long[] sorted = new long[pairs];
        for (int j = 0; j < pairs; j++) sorted[j] = (long) p[2 * j] << 32 | p[2 * j + 1];
        Arrays.sort(sorted);
        for (int j = 0; j < pairs; j++) {
            p[2 * j] = (int) (sorted[j] >>> 32);
            p[2 * j + 1] = (int) sorted[j];
        }
        return p;
    }

    private static int[] append(int[] a, int x, int y) {
        int[] b = Arrays.copyOf(a, a.length + 2);
        b[a.length] = x;
        b[a.length + 1] = y;
        return b;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }

    private static int find(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    /** The transfer's destinations other than its source, duplicates removed (first occurrences, in order). */
    static int[] otherDests(Message t) {
        int[] d = t.dests();
        if (d.length > 32) return Arrays.stream(d).filter(x -> x != t.src()).distinct().toArray();
        int[] out = new int[d.length];
        int n = 0;
        outer:
        for (int x : d) {
            if (x == t.src()) continue;
            for (int k = 0; k < n; k++) if (out[k] == x) continue outer;
            out[n++] = x;
        }
        return n == d.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * What determines a group's run: per member its source, destinations, payload and ready cycle relative to the
     * group's first, in member order, and the starting priorities. (The packet kind changes no timing.)
     */
    private static final class RunKey {
        private final long[] v;
        private final int hash;

        private RunKey(long[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        static RunKey of(List<? extends Message> transfers, int[][] dests, long[] offsets, int[] members, long start,
                         int[] priorities) {
            int n = 2 + priorities.length;
            for (int i : members) n += 4 + dests[i].length;
            long[] v = new long[n];
            int k = 0;
            v[k++] = members.length;
            for (int i : members) {
                Message t = transfers.get(i);
                v[k++] = t.src();
                v[k++] = t.payloadBits();
                v[k++] = offsets[i] - start;
                v[k++] = dests[i].length;
                for (int d : dests[i]) v[k++] = d;
            }
            v[k++] = priorities.length;
            for (int p : priorities) v[k++] = p;
            return new RunKey(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RunKey r && r.hash == hash && Arrays.equals(r.v, v);
        }

        @Override
        public int hashCode() { return hash; }
    }
}
