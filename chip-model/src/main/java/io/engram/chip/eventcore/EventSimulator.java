package io.engram.chip.eventcore;

import java.util.Arrays;

/**
 * Runs a spiking network on an event chip, time step by time step, and counts every {@link EventKind} per step and
 * per core. The neuron arithmetic is SANA-FE's leaky integrate-and-fire as Loihi runs it (see {@link SomaModel#LIF}):
 * <pre>
 * each step, each neuron:  v = v * leak;  v = trunc(v * 2^f) / 2^f;  v = v + bias + I;  if v > threshold: spike, v = reset
 * </pre>
 * where I is the sum of the weights of the spikes fired in the previous step (one step of synaptic delay) and f the
 * chip's {@code potential_fraction_bits}. Counting, as SANA-FE charges: every mapped neuron pays an access each step;
 * an update is charged when the neuron's potential was non-zero, it received a spike, or it has a bias; a spike pays
 * spike generation; every synapse of a spiking neuron pays one synaptic op of its destination's synapse class, at the
 * destination core; a spike sends one message to each distinct destination core (message out at the source, message
 * in at the destination) that travels either within the tile or over the mesh, one hop per tile in x (east-west) and
 * in y (north-south), XY routing. Energy and time are computed afterwards from the counts ({@link EventRun}).
 * Deterministic and single-threaded: neurons are visited in index order.
 */
public final class EventSimulator {
    private final EventChipSpec chip;
    private final EventNetwork net;
    /** Per source neuron, its fan-out by destination core: [fanStart[i], fanStart[i+1]) entries. */
    private final int[] fanStart;
    private final int[] fanCore;
    /** Synapse counts per fan-out entry and synapse class, [entry * classes + class]. */
    private final int[] fanSyn;
    private final int[] fanDx;
    private final int[] fanDy;
    private final boolean[] fanSameTile;
    private final int maxDx;
    private final int maxDy;

    public EventSimulator(EventChipSpec chip, EventNetwork net) {
        this.chip = chip;
        this.net = net;
        int cores = chip.cores();
        int classes = SynapseClass.values().length;
        int n = net.neurons();
        int[] start = new int[n + 1];
        int[] perCore = new int[cores * classes];
        int[] touched = new int[cores];
        boolean[] seen = new boolean[cores];
        // two passes: count entries, then fill
        int entries = 0;
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int s = net.synStart(i); s < net.synEnd(i); s++) {
                int c = net.core(net.synTarget(s));
                if (!seen[c]) {
                    seen[c] = true;
                    touched[k++] = c;
                }
            }
            for (int j = 0; j < k; j++) seen[touched[j]] = false;
            entries += k;
            start[i + 1] = entries;
        }
        fanStart = start;
        fanCore = new int[entries];
        fanSyn = new int[entries * classes];
        fanDx = new int[entries];
        fanDy = new int[entries];
        fanSameTile = new boolean[entries];
        int mx = 0;
        int my = 0;
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int s = net.synStart(i); s < net.synEnd(i); s++) {
                int t = net.synTarget(s);
                int c = net.core(t);
                if (!seen[c]) {
                    seen[c] = true;
                    touched[k++] = c;
                }
                perCore[c * classes + net.inClass(t).ordinal()]++;
            }
            Arrays.sort(touched, 0, k);
            int srcTile = chip.tileOf(net.core(i));
            for (int j = 0; j < k; j++) {
                int c = touched[j];
                int e = start[i] + j;
                fanCore[e] = c;
                for (int cl = 0; cl < classes; cl++) {
                    fanSyn[e * classes + cl] = perCore[c * classes + cl];
                    perCore[c * classes + cl] = 0;
                }
                int dstTile = chip.tileOf(c);
                fanSameTile[e] = dstTile == srcTile;
                fanDx[e] = Math.abs(chip.tileX(dstTile) - chip.tileX(srcTile));
                fanDy[e] = Math.abs(chip.tileY(dstTile) - chip.tileY(srcTile));
                mx = Math.max(mx, fanDx[e]);
                my = Math.max(my, fanDy[e]);
                seen[c] = false;
            }
        }
        maxDx = mx;
        maxDy = my;
    }

    /** Runs {@code steps} time steps from rest (every potential zero, no spike in flight). */
    public EventRun run(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1");
        int n = net.neurons();
        int cores = chip.cores();
        int kinds = EventKind.COUNT;
        int classes = SynapseClass.values().length;
        double scale = Math.scalb(1.0, chip.potentialFractionBits());
        double[] v = new double[n];
        double[] in = new double[n];
        double[] inNext = new double[n];
        int[] recv = new int[n];
        int[] recvNext = new int[n];
        long[][] counts = new long[steps][cores * kinds];
        long[][] spikesByGroup = new long[steps][net.groupNames().size()];
        boolean[][] paths = new boolean[steps][(maxDx + 1) * (maxDy + 1)];
        boolean[] withinTile = new boolean[steps];
        int access = EventKind.NEURON_ACCESS.ordinal();
        int update = EventKind.NEURON_UPDATE.ordinal();
        int spike = EventKind.SPIKE_GENERATION.ordinal();
        int msgOut = EventKind.MESSAGE_OUT.ordinal();
        int msgIn = EventKind.MESSAGE_IN.ordinal();
        int within = EventKind.WITHIN_TILE_MESSAGE.ordinal();
        int hopEw = EventKind.HOP_EAST_WEST.ordinal();
        int hopNs = EventKind.HOP_NORTH_SOUTH.ordinal();
        int[] synEvent = new int[classes];
        for (SynapseClass sc : SynapseClass.values()) synEvent[sc.ordinal()] = sc.event().ordinal();
        for (int t = 0; t < steps; t++) {
            long[] cnt = counts[t];
            for (int i = 0; i < n; i++) {
                int c = net.core(i) * kinds;
                double b = net.bias(i);
                boolean active = v[i] != 0.0 || recv[i] > 0 || b != 0.0;
                double x = v[i] * net.leak(i);
                x = (long) (x * scale) / scale;
                x = x + b + in[i];
                cnt[c + access]++;
                if (active) cnt[c + update]++;
                if (x > net.threshold(i)) {
                    x = net.reset(i);
                    cnt[c + spike]++;
                    spikesByGroup[t][net.group(i)]++;
                    for (int s = net.synStart(i); s < net.synEnd(i); s++) {
                        int d = net.synTarget(s);
                        inNext[d] += net.synWeight(s);
                        recvNext[d]++;
                    }
                    for (int e = fanStart[i]; e < fanStart[i + 1]; e++) {
                        int dc = fanCore[e] * kinds;
                        for (int cl = 0; cl < classes; cl++) cnt[dc + synEvent[cl]] += fanSyn[e * classes + cl];
                        cnt[c + msgOut]++;
                        cnt[dc + msgIn]++;
                        if (fanSameTile[e]) {
                            cnt[c + within]++;
                            withinTile[t] = true;
                        } else {
                            cnt[c + hopEw] += fanDx[e];
                            cnt[c + hopNs] += fanDy[e];
                            paths[t][fanDx[e] * (maxDy + 1) + fanDy[e]] = true;
                        }
                    }
                }
                v[i] = x;
            }
            double[] sw = in;
            in = inNext;
            inNext = sw;
            Arrays.fill(inNext, 0.0);
            int[] rw = recv;
            recv = recvNext;
            recvNext = rw;
            Arrays.fill(recvNext, 0);
        }
        boolean[] usedTiles = new boolean[chip.tiles()];
        for (int i = 0; i < n; i++) usedTiles[chip.tileOf(net.core(i))] = true;
        int tilesUsed = 0;
        for (boolean u : usedTiles) if (u) tilesUsed++;
        boolean[] usedCores = new boolean[cores];
        for (int i = 0; i < n; i++) usedCores[net.core(i)] = true;
        int coresUsed = 0;
        for (boolean u : usedCores) if (u) coresUsed++;
        return new EventRun(chip, net.name(), net.groupNames(), n, net.synapses(), coresUsed, tilesUsed, counts,
                spikesByGroup, paths, withinTile, maxDy + 1);
    }
}
