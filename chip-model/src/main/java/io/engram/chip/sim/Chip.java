package io.engram.chip.sim;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.chip.program.Traffic;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.CellMap;
import io.engram.chip.stats.ChipCounters;
import io.engram.chip.stats.ChipStats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A chip instance running a loaded {@link ChipProgram}, one sample at a time, in rate mode. Each sample flows through
 * the layers; a layer's cores start as soon as its input has arrived and they are free, so while one layer's cores
 * program their cells for sample n, the next layer's cores already process it (no update locking: local rules need
 * no backward pass). Cycle time is integer; every core's cycles are charged to exactly one {@link CoreState}.
 */
public final class Chip implements AutoCloseable {
    private final ChipSpec spec;
    private final RandomStreams streams;
    private final Core[] cores;
    private final Interconnect noc;
    private final TilePool pool;
    private final OverlapTracker overlap;
    private ChipProgram program;
    /** The layers' process models, in order. */
    private final List<ChipLayer> layers = new ArrayList<>();
    /** The weight layer at each layer index (null where the layer has no weights). */
    private MappedLayer[] weighted = new MappedLayer[0];
    private long now;
    private long lastEnd;
    private long serialCycles;
    /** Critical-path cycles per {@link StepPhase}, summed over samples; they add up to serialCycles. */
    private final PhaseTimer phases = new PhaseTimer();
    private long samples;


    public Chip(ChipSpec spec, long seed) {
        this(spec, seed, CycleNocInterconnect::new);
    }

    public Chip(ChipSpec spec, long seed, Function<ChipSpec, Interconnect> nocFactory) {
        this(spec, seed, nocFactory, 1);
    }

    /**
     * @param threads tiles of a layer evaluated in parallel; any count gives bit-identical results (tiles touch only
     *                their own core and are committed in tile order)
     */
    public Chip(ChipSpec spec, long seed, Function<ChipSpec, Interconnect> nocFactory, int threads) {
        this.pool = new TilePool(threads);
        this.spec = spec;
        this.streams = new RandomStreams(seed);
        this.cores = new Core[spec.mesh().cores()];
        for (int i = 0; i < cores.length; i++) cores[i] = new Core(i, spec.core(), spec.technology(), streams);
        this.overlap = new OverlapTracker(cores.length);
        for (Core c : cores) c.setListener(overlap::busy);
        this.noc = nocFactory.apply(spec);
    }

    public ChipSpec spec() { return spec; }
    /** The live cores, for chip-model only: others read {@link #stats()} and {@link #cellMaps()}. */
    Core[] cores() { return cores; }

    /**
     * Every statistic of the chip now, as an immutable snapshot (action counts, core states, step phases, NoC
     * totals and traffic by kind, cell writes and write histograms, learn overlap). Taking it changes nothing; call
     * {@link #settle()} first for a whole run's figures.
     */
    public ChipStats stats() { return StatsSnapshot.of(this); }

    /**
     * The running counters now (actions, clock, samples, NoC packets and flits, used cores' state cycles), the same
     * figures as {@link #stats()} without scanning the cell arrays: cheap enough for every time step.
     */
    public ChipCounters counters() { return StatsSnapshot.counters(this); }

    /** Conductances and write counts of every used core's cell array now (copies), in core order. */
    public List<CellMap> cellMaps() { return StatsSnapshot.cellMaps(this); }
    public Interconnect noc() { return noc; }
    public ChipProgram program() { return program; }
    /** Cycle at which the last booked work ends. */
    public long now() { return now; }
    public long samples() { return samples; }
    /** Sum over samples of (end of the sample's last work - its start): the latency without pipelining overlap. */
    public long serialCycles() { return serialCycles; }

    /**
     * Critical-path cycles of each {@link StepPhase} (indexed by ordinal), summed over samples: where a sample's
     * latency goes. They add up to {@link #serialCycles()}.
     */
    public long[] stepPhaseCycles() { return phases.snapshot(); }

    /** Places every tile and programs the initial conductances. */
    public void load(ChipProgram p) {
        if (program != null) throw new IllegalStateException("a program is already loaded");
        this.program = p;
        int valueBits = Traffic.valueBits(spec);
        weighted = new MappedLayer[p.layers().size()];
        for (int i = 0; i < p.layers().size(); i++) {
            LayerProgram lp = p.layers().get(i);
            if (lp.hasWeights()) {
                for (var t : lp.tiles()) {
                    if (t.core() >= cores.length) {
                        throw new IllegalArgumentException("layer " + lp.name() + " places a tile on core " + t.core()
                                + " but the chip has " + cores.length + " cores");
                    }
                }
                MappedLayer ml = new MappedLayer(i, lp, cores, valueBits, spec.core().plasticity().factorBits(), pool);
                layers.add(ml);
                weighted[i] = ml;
            } else {
                layers.add(new DigitalOpLayer(lp));
            }
        }
        // recurrence: a layer's spikes return to its own recurrent rows, or to an earlier layer's, one step later
        for (int i = 0; i < weighted.length; i++) {
            if (weighted[i] == null || !weighted[i].lp.recurrent()) continue;
            String from = weighted[i].lp.recurrentFrom();
            int src = -1;
            for (int j = i; j < weighted.length; j++) if (weighted[j] != null && weighted[j].lp.name().equals(from)) src = j;
            if (src < 0) {
                throw new IllegalArgumentException("layer " + weighted[i].lp.name() + " takes recurrent spikes from " + from
                        + ", which is not a weight layer at or after it");
            }
            weighted[src].feedBackTo(weighted[i]);
        }
        if (noc.engine() == io.engram.chip.noc.Noc.Engine.REFERENCE) {
            for (Core c : cores) if (c.reader() != null) c.reader().evaluateEveryRow(true);
        }
    }

    /** Index of the layers whose output is the chip's feature vector for a readout (the last one by default). */
    public int layerCount() { return layers.size(); }

    /**
     * Runs one sample through layers [0, upTo] and returns the output of layer upTo (flattened).
     *
     * @param learn learn[i] turns plasticity on for layer i (null: off everywhere)
     */
    public float[] run(float[] input, int upTo, boolean[] learn) {
        float[] x = input;
        long start = now;
        SampleStep st = new SampleStep(spec, cores, noc, phases, now);
        for (int i = 0; i <= upTo; i++) {
            x = layers.get(i).runRate(st, x, learn != null && learn[i]);
            st.end = Math.max(st.end, st.ready);
        }
        long end = st.end;
        long accepted = st.accepted;
        phases.span(StepPhase.PLASTICITY, st.ready, end);
        // the host injects the next sample once this one's input has been consumed (pipelined layers)
        now = Math.max(now, accepted < 0 ? end : accepted);
        lastEnd = Math.max(lastEnd, end);
        serialCycles += end - start;
        samples++;
        overlap.finalizeBefore(now);
        return x;
    }

    /** The weight layer at index i; a layer without weights is a caller's mistake. */
    private MappedLayer weightLayer(int i) {
        if (weighted[i] == null) throw new IllegalArgumentException("layer " + i + " has no weights");
        return weighted[i];
    }

    /**
     * Teacher signal for an on-chip supervised readout: while set, layer i's learning moves only neuron {@code label}
     * toward its input as the DAC drives it, dw = eta (x / max|x| - w) (a supervised instar), whatever the
     * competition says. -1 clears it.
     */
    public void setTeacher(int i, int label) {
        MappedLayer ml = weightLayer(i);
        if (label < -1 || label >= ml.lp.cols()) {
            throw new IllegalArgumentException("teacher label " + label + " outside [-1, " + ml.lp.cols() + ")");
        }
        ml.teacher = label;
    }

    /** Threads evaluating tiles. */
    public int threads() { return pool.threads(); }

    /** Releases the tile threads. */
    @Override
    public void close() { pool.close(); }

    /** Input spikes of one sample, step by step (no allocation per spike). */
    public interface SpikeSource {
        /** Sets x[i] = 1 for the inputs that spike at step t and 0 elsewhere. */
        void fill(int step, float[] x);
    }

    /** Sees every layer's state after each time step (probes, conformance tests); must not keep the arrays. */
    public interface StepObserver {
        /** Layer {@code layer} finished step {@code step}: its output spikes (0/1) and membrane potentials. */
        void step(int step, int layer, byte[] spikes, double[] v);

        /** Layer {@code layer}'s synaptic currents after step {@code step}; called for CubaLIF layers only. */
        default void current(int step, int layer, double[] current) {}

        /** Step {@code step} ended (every layer and the mesh barrier done) at chip cycle {@code cycle}. */
        default void stepEnd(int step, long cycle) {}
    }

    public int[] runSpiking(SpikeSource source, int steps, double dtMs, double traceTauMs, int upTo, boolean[] learn) {
        return runSpiking(source, steps, dtMs, traceTauMs, upTo, learn, null);
    }

    /**
     * Runs one sample in spiking mode over {@code steps} time steps of {@code dtMs} through layers [0, upTo]; every
     * weight layer must have LIF neurons. Each step hands the layers its {@link SpikeStep} in order (each runs its
     * phases: spikes in, read, partial sums, neuron, competition, plasticity, spikes back to the layers it feeds
     * back to) and ends with a mesh barrier. Returns the spike count of every neuron of the last weight layer in
     * [0, upTo] over the sample.
     *
     * @param traceTauMs time constant of the pre-synaptic trace used by rate rules on spikes (STDP has its own)
     * @param observer   sees each weight layer after each step; null for none
     */
    public int[] runSpiking(SpikeSource source, int steps, double dtMs, double traceTauMs, int upTo, boolean[] learn,
                            StepObserver observer) {
        long start = now;
        SpikeStep st = new SpikeStep(spec, cores, noc, phases, streams, dtMs, traceTauMs, observer, now);
        int last = -1;
        for (int i = 0; i <= upTo; i++) {
            layers.get(i).restSpiking(st);
            if (layers.get(i).program().hasWeights()) last = i;
        }
        if (last < 0) throw new IllegalArgumentException("spiking mode needs a weight layer in layers [0, " + upTo + "]");
        float[] x = new float[program.input().size()];
        int[] counts = new int[layers.get(last).program().out().size()];
        for (int s = 0; s < steps; s++) {
            source.fill(s, x);
            st.begin(s);
            float[] in = x;
            for (int i = 0; i <= upTo; i++) {
                in = layers.get(i).stepSpiking(st, in, learn != null && learn[i]);
                if (i == last) for (int c = 0; c < counts.length; c++) counts[c] += (int) in[c];
            }
            long barrier = noc.barrier();
            phases.add(StepPhase.BARRIER, barrier);
            st.t += barrier;
            if (observer != null) observer.stepEnd(s, st.t);
        }
        long t = st.t;
        noc.advanceTo(t);
        now = t;
        lastEnd = Math.max(lastEnd, t);
        serialCycles += t - start;
        samples++;
        overlap.finalizeBefore(now);
        return counts;
    }

    /**
     * Rescales every neuron's input weights of layer i so that they sum to {@code target} (Diehl and Cook's per-neuron
     * normalisation), as counted work of the layer's plasticity engines: read-back, reduction over row tiles,
     * reprogramming through the device model ({@link LayerNormaliser}). Clipped to the weight bounds of an STDP rule.
     * An STDP rule with {@code normalise_sum} does this by itself before every learning sample.
     */
    public void normaliseColumns(int i, double target) {
        MappedLayer ml = weightLayer(i);
        long end = new LayerNormaliser(ml).run(target, now, noc);
        now = Math.max(now, end);
        lastEnd = Math.max(lastEnd, end);
        overlap.finalizeBefore(now);
    }

    /** Membrane potentials of layer i's LIF neurons now (null when the layer never ran spiking). */
    public double[] membrane(int i) {
        SpikingLayer sl = weighted[i] == null ? null : weighted[i].spiking;
        return sl == null ? null : sl.v.clone();
    }

    /** Adaptive thresholds of layer i (null when the layer has none or never ran spiking). */
    public double[] thresholds(int i) {
        SpikingLayer sl = weighted[i] == null ? null : weighted[i].spiking;
        return sl == null || sl.theta == null ? null : sl.theta.clone();
    }

    /** Scales layer i's learning rate by {@code factor} from now on (learning-rate schedules). */
    public void setRateScale(int i, double factor) {
        if (weighted[i] != null) weighted[i].rateScale = factor;
    }

    /** True when layer i has weights and a rate-mode learning rule. */
    public boolean learns(int i) {
        return weighted[i] != null && weighted[i].learns();
    }

    /**
     * True when layer i has an input norm. Its statistics are gathered on every sample run with learn[i] set (the
     * layer's training pass), also when the layer's rule is none, and frozen otherwise.
     */
    public boolean hasNorm(int i) {
        return weighted[i] != null && weighted[i].norm != null;
    }

    /**
     * Layer i's input-norm statistics so far: {mean per channel, population variance per channel, {values seen per
     * channel}}; null when the layer has no input norm.
     */
    public double[][] normStats(int i) {
        MappedLayer ml = weighted[i];
        if (ml == null || ml.norm == null) return null;
        return new double[][]{ml.norm.mean(), ml.norm.variance(), {ml.norm.count()}};
    }

    /** True when layer i holds weights (dense or conv). */
    public boolean hasWeights(int i) {
        return weighted[i] != null;
    }

    /** Opens a mini-batch on layer i: updates accumulate in SRAM until {@link #endBatch}. */
    public void beginBatch(int i) {
        if (weighted[i] != null && weighted[i].learns()) weighted[i].beginBatch();
    }

    /** Programs layer i's accumulated mini-batch update. */
    public void endBatch(int i) {
        MappedLayer ml = weighted[i];
        if (ml != null && ml.batchOpen()) {
            long end = ml.flushBatch(now, noc);
            lastEnd = Math.max(lastEnd, end);
        }
    }

    /** Current weights of layer i as the cells hold them (null for layers without weights). */
    public float[] weights(int i) {
        return weighted[i] != null ? weighted[i].weights() : null;
    }

    /** Current bias of layer i (digital, in the owner cores' SRAM). */
    public double[] bias(int i) {
        return weighted[i] != null ? weighted[i].bias().clone() : null;
    }

    /** Brings every core's clock to the chip's clock (idle), so core states sum to the same total. */
    public long settle() {
        long t = Math.max(now, lastEnd);
        for (Core c : cores) t = Math.max(t, c.freeAt());
        now = t;
        for (Core c : cores) c.idleUntil(t);
        overlap.finalizeBefore(t);
        noc.advanceTo(t);
        return t;
    }

    /**
     * Per core, learn cycles that overlapped other cores' compute (read, neuron, competition) so far: learning hidden
     * behind the pipeline. Complete up to the chip's clock; call {@link #settle()} first for a whole run.
     */
    public long[] learnOverlapCycles() { return overlap.overlap(); }

    /** Sum of every core's and the NoC's action counts. */
    public ActionCounters totalCounts() {
        ActionCounters sum = new ActionCounters();
        for (Core c : cores) sum.addAll(c.counts());
        sum.addAll(noc.counts());
        return sum;
    }

    /**
     * The whole mutable state of the chip between samples: every core's counters, state cycles, clock, cells and
     * random streams, every weight layer's bias, schedule and neuron state, the NoC's counters and the chip clock.
     * Taking it changes nothing.
     */
    public ChipState checkpoint() {
        if (program == null) throw new IllegalStateException("no program loaded");
        List<ChipState.Core> cs = new ArrayList<>(cores.length);
        for (Core c : cores) {
            ChipState.Tile tile = c.used() ? new ChipState.Tile(c.block().cells().snapshot(), c.reader().noiseState(),
                    c.reader().clippedConversions(), c.plasticity().snapshot()) : null;
            cs.add(new ChipState.Core(c.index(), c.counts().toArray(), c.stateCyclesArray(), c.freeAt(), tile));
        }
        List<ChipState.Layer> ls = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            MappedLayer ml = weighted[i];
            if (ml == null) continue;
            ls.add(ml.snapshot(ml.spiking == null ? null : ml.spiking.snapshot()));
        }
        return new ChipState(now, lastEnd, serialCycles, samples, cs, ls, noc.saveState(), overlap.state(), phases.snapshot());
    }

    /**
     * Puts back a {@link #checkpoint()} into this chip, which must be freshly built and loaded from the same spec,
     * program and seed (fault maps and device variation are rebuilt from the seed, not restored). Continuing from
     * here gives the same results, bit for bit, as the chip the state was taken from.
     *
     * @throws IllegalArgumentException when the state does not fit this chip (core or layer counts, array sizes)
     */
    public void restore(ChipState s) {
        if (program == null) throw new IllegalStateException("load the program before restoring a checkpoint");
        if (s.cores().size() != cores.length) {
            throw new IllegalArgumentException("checkpoint has " + s.cores().size() + " cores, the chip has " + cores.length);
        }
        List<Integer> weightLayers = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) if (weighted[i] != null) weightLayers.add(i);
        if (s.layers().size() != weightLayers.size()) {
            throw new IllegalArgumentException("checkpoint has " + s.layers().size() + " weight layers, the program has "
                    + weightLayers.size());
        }
        for (int k = 0; k < weightLayers.size(); k++) {
            if (s.layers().get(k).index() != weightLayers.get(k)) {
                throw new IllegalArgumentException("checkpoint weight layer " + k + " is layer " + s.layers().get(k).index()
                        + ", the program's is layer " + weightLayers.get(k));
            }
        }
        for (int i = 0; i < cores.length; i++) {
            ChipState.Core cs = s.cores().get(i);
            Core c = cores[i];
            if (cs.index() != i || (cs.tile() != null) != c.used()) {
                throw new IllegalArgumentException("checkpoint core " + cs.index() + " does not match core " + i
                        + (c.used() ? " (holds a tile)" : " (unused)"));
            }
            if (cs.stateCycles().length != CoreState.values().length) {
                throw new IllegalArgumentException("core " + i + ": " + cs.stateCycles().length + " core states saved, "
                        + CoreState.values().length + " expected");
            }
            c.counts().reset();
            c.counts().addAll(ActionCounters.fromArray(cs.counts()));
            c.restoreState(cs.stateCycles(), cs.freeAt());
            if (cs.tile() != null) {
                c.block().cells().restore(cs.tile().cells());
                c.reader().setNoiseState(cs.tile().readNoiseRng());
                c.reader().setClipped(cs.tile().clipped());
                c.plasticity().restore(cs.tile().plasticity());
            }
        }
        for (ChipState.Layer ls : s.layers()) {
            MappedLayer ml = weighted[ls.index()];
            ml.restore(ls);
            if (ls.spiking() != null) ml.spikingModel(streams).restore(ls.spiking());
        }
        noc.restoreState(s.noc());
        overlap.restore(s.overlap());
        now = s.now();
        lastEnd = s.lastEnd();
        serialCycles = s.serialCycles();
        long[] ph = s.stepPhases();
        phases.restore(ph);
        samples = s.samples();
    }
}
