package io.engram.chip.eventcore;

import io.engram.chip.time.StepActivity;

import java.util.List;

/**
 * The counts of one run of an {@link EventSimulator}: every event per step and per core, spikes per group, and which
 * message paths (hops in x and y) each step used. Energy and latency are computed from these with an
 * {@link EventCosts}: energy = sum of count x cost; a step's time from the chip's time model over each core's busy
 * time (its events x their latencies), the longest message path and the barrier for the tiles used.
 */
public final class EventRun {
    private final EventChipSpec chip;
    private final String networkName;
    private final List<String> groupNames;
    private final int neurons;
    private final int synapses;
    private final int coresUsed;
    private final int tilesUsed;
    private final long[][] counts;
    private final long[][] spikesByGroup;
    private final boolean[][] paths;
    private final boolean[] withinTile;
    private final int pathStride;

    EventRun(EventChipSpec chip, String networkName, List<String> groupNames, int neurons, int synapses, int coresUsed,
             int tilesUsed, long[][] counts, long[][] spikesByGroup, boolean[][] paths, boolean[] withinTile,
             int pathStride) {
        this.chip = chip;
        this.networkName = networkName;
        this.groupNames = List.copyOf(groupNames);
        this.neurons = neurons;
        this.synapses = synapses;
        this.coresUsed = coresUsed;
        this.tilesUsed = tilesUsed;
        this.counts = counts;
        this.spikesByGroup = spikesByGroup;
        this.paths = paths;
        this.withinTile = withinTile;
        this.pathStride = pathStride;
    }

    public EventChipSpec chip() { return chip; }
    public String networkName() { return networkName; }
    public List<String> groupNames() { return groupNames; }
    public int neurons() { return neurons; }
    public int synapses() { return synapses; }
    public int coresUsed() { return coresUsed; }
    public int tilesUsed() { return tilesUsed; }
    public int steps() { return counts.length; }

    /** Count of {@code kind} in step {@code step} over every core. */
    public long count(int step, EventKind kind) {
        long s = 0;
        int kinds = EventKind.COUNT;
        for (int c = 0; c < chip.cores(); c++) s += counts[step][c * kinds + kind.ordinal()];
        return s;
    }

    /** Count of {@code kind} over the whole run. */
    public long total(EventKind kind) {
        long s = 0;
        for (int t = 0; t < steps(); t++) s += count(t, kind);
        return s;
    }

    public long spikes(int step, int group) { return spikesByGroup[step][group]; }

    public long totalSpikes(int group) {
        long s = 0;
        for (long[] st : spikesByGroup) s += st[group];
        return s;
    }

    /** Energy of each step in picojoules: sum over events of count x energy, plus one barrier. */
    public double[] energyPerStepPj(EventCosts costs) {
        double[] out = new double[steps()];
        for (int t = 0; t < steps(); t++) {
            double e = costs.barrier().energyPj();
            for (EventKind k : EventKind.values()) e += count(t, k) * costs.cost(k).energyPj();
            out[t] = e;
        }
        return out;
    }

    /** Energy of each event kind over the run, in picojoules. */
    public double energyPj(EventCosts costs, EventKind kind) { return total(kind) * costs.cost(kind).energyPj(); }

    /** What step {@code step} asked of the chip in time, under {@code costs}. */
    public StepActivity activity(int step, EventCosts costs) {
        int kinds = EventKind.COUNT;
        double[] busy = new double[chip.cores()];
        for (int c = 0; c < chip.cores(); c++) {
            double b = 0;
            for (EventKind k : EventKind.values()) {
                if (k.where() == EventKind.Where.NETWORK) continue;
                b += counts[step][c * kinds + k.ordinal()] * costs.cost(k).latencyNs();
            }
            busy[c] = b;
        }
        double noc = withinTile[step] ? costs.cost(EventKind.WITHIN_TILE_MESSAGE).latencyNs() : 0.0;
        double ew = costs.cost(EventKind.HOP_EAST_WEST).latencyNs();
        double ns = costs.cost(EventKind.HOP_NORTH_SOUTH).latencyNs();
        boolean[] p = paths[step];
        for (int i = 0; i < p.length; i++) {
            if (p[i]) noc = Math.max(noc, (i / pathStride) * ew + (i % pathStride) * ns);
        }
        return new StepActivity(busy, noc, costs.barrier().ns(tilesUsed));
    }

    /** Duration of each step in nanoseconds under the chip's time model. */
    public double[] latencyPerStepNs(EventCosts costs) {
        double[] out = new double[steps()];
        for (int t = 0; t < steps(); t++) out[t] = chip.timeModel().stepNs(activity(t, costs));
        return out;
    }
}
