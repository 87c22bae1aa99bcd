package io.engram.chip.core;

import io.engram.chip.crossbar.CrossbarReader;
import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.CompetitionUnit;
import io.engram.chip.neuron.NeuronUnit;
import io.engram.chip.plasticity.PlasticityEngine;
import io.engram.chip.plasticity.WeightNormaliser;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Technology;

/**
 * One core: a crossbar (or SRAM synapse block) with its read path, neuron lanes, competition unit and plasticity
 * engine, its action counters, and the cycles it spent in each {@link CoreState}. The array and engines are built
 * when a tile is loaded; an unused core only leaks.
 *
 * <p>A layer drives a core through its verbs: {@link #read} its tile's rows of an input vector, {@link #compete} and
 * {@link #activate} on its neuron lanes, {@link #learn} an update and {@link #program} it (or accumulate it into a
 * mini-batch and {@link #programBatch} that), normalise its weights ({@link #weightSums}, {@link #normaliseFactors},
 * {@link #rescaleWeights}), {@link #readWeights} back. Each verb counts its actions on this core and
 * returns the cycles it took; the caller books them with {@link #occupy}, since when work may start depends on the
 * rest of the chip.
 */
public final class Core {
    private final int index;
    private final String path;
    private final CoreSpec spec;
    private final Technology tech;
    private final RandomStreams streams;
    private final ActionCounters counts = new ActionCounters();
    private final long[] stateCycles = new long[CoreState.values().length];
    private final NeuronUnit neurons;
    private final CompetitionUnit competition;
    private SynapseBlock block;
    private CrossbarReader reader;
    private PlasticityEngine plasticity;
    /** Per-neuron weight normalisation on the plasticity engine, made on first use. */
    private WeightNormaliser normaliser;
    /** Cycle at which the core finishes the work already given to it. */
    private long freeAt;
    private BusyListener listener;
    /** ADC conversion cycles of the last {@link #read}. */
    private long lastConversion;

    /** Told about every busy interval a core books (for measurements across cores). */
    public interface BusyListener {
        void busy(int core, long start, long end, CoreState state);
    }

    public void setListener(BusyListener l) { this.listener = l; }

    public Core(int index, CoreSpec spec, Technology tech, RandomStreams streams) {
        this.index = index;
        this.path = "core[" + index + "]";
        this.spec = spec;
        this.tech = tech;
        this.streams = streams;
        this.neurons = new NeuronUnit(spec.neuronLanes(), tech);
        this.competition = new CompetitionUnit(spec.competitionLanes(), tech);
    }

    /** Places a tile of rows x cols weights here and programs its initial conductances exactly. */
    public SynapseBlock loadTile(int rows, int cols, double weightScale, float[] w, int wStride, int rowOff, int colOff) {
        if (block != null) throw new IllegalStateException(path + " already holds a tile");
        CellArray cells = new CellArray(spec.device(), spec.crossbar().rows(), spec.crossbar().cols(), streams, path);
        block = new SynapseBlock(cells, spec, rows, cols, weightScale);
        block.load(w, wStride, rowOff, colOff);
        reader = new CrossbarReader(spec, tech, streams, path);
        plasticity = new PlasticityEngine(spec, tech, streams, path, reader);
        return block;
    }

    public int index() { return index; }
    public String path() { return path; }
    public CoreSpec spec() { return spec; }
    public SynapseBlock block() { return block; }
    public CrossbarReader reader() { return reader; }
    public PlasticityEngine plasticity() { return plasticity; }
    public NeuronUnit neurons() { return neurons; }
    public CompetitionUnit competition() { return competition; }
    public ActionCounters counts() { return counts; }
    public boolean used() { return block != null; }

    public long freeAt() { return freeAt; }

    /**
     * Drives the tile's rows with x[rowOffset ..] (one input value per row) and adds the column sums the ADCs return
     * into out[outOffset ..] (one per tile column). Returns the read's cycles; {@link #lastConversionCycles} holds the
     * share spent in ADC conversions.
     */
    public long read(float[] x, int rowOffset, double[] out, int outOffset) {
        long before = reader.conversionCycles();
        long cycles = reader.read(block, x, rowOffset, out, outOffset, counts);
        lastConversion = reader.conversionCycles() - before;
        return cycles;
    }

    /** ADC conversion cycles of the last {@link #read}. */
    public long lastConversionCycles() { return lastConversion; }

    /** The competition c over u[off .. off+n) into y on this core's competition unit; returns its cycles. */
    public long compete(Competition c, double[] u, int off, int n, double[] y) {
        return competition.compete(c, u, off, n, y, counts);
    }

    /** The activation a of u[off .. off+n) into out on this core's neuron lanes; returns its cycles. */
    public long activate(Activation a, double[] u, int off, int n, double[] out) {
        return neurons.activate(a, u, off, n, out, counts);
    }

    /** Opens a mini-batch: updates {@link #learn}ed with {@code intoBatch} accumulate until {@link #programBatch}. */
    public void beginBatch() { plasticity.beginBatch(block); }

    /**
     * Computes the tile's update dw_rc = a_c x_r - b_c w_rc from the input x[rowOffset ..] and the post factors
     * a, b [colOffset ..] without programming it; colMax gets the largest |dw| per tile column and colNormSq the
     * squared norm of each read-back column's part held here. With {@code intoBatch} the update is also added into the
     * open mini-batch. Returns the cycles.
     */
    public long learn(float[] x, int rowOffset, double[] a, double[] b, int colOffset, double[] colMax,
                      double[] colNormSq, boolean intoBatch) {
        long cycles = plasticity.compute(block, x, rowOffset, a, b, colOffset, colMax, colNormSq, counts);
        if (intoBatch) cycles += plasticity.accumulate(block, counts);
        return cycles;
    }

    /** Largest |accumulated dw| per tile column of the open mini-batch, into colMax. */
    public void batchColMax(double[] colMax) { plasticity.batchColMax(block, colMax); }

    /** Programs scale[scaleOffset + c] times the last {@link #learn}ed update into the cells; returns the cycles. */
    public long program(double[] scale, int scaleOffset) { return plasticity.apply(block, scale, scaleOffset, counts); }

    /** Programs scale[scaleOffset + c] times the accumulated mini-batch and closes it; returns the cycles. */
    public long programBatch(double[] scale, int scaleOffset) {
        return plasticity.flush(block, scale, scaleOffset, counts);
    }

    /**
     * Weight normalisation, step 1: adds each tile column's sum of held weights into sums[offset + c], reading every
     * weight back ({@link WeightNormaliser#columnSums}). Returns the cycles.
     */
    public long weightSums(double[] sums, int offset) {
        return normaliser().columnSums(plasticity, block, sums, offset, counts);
    }

    /**
     * Weight normalisation, step 2 (on a column block's owner): factors[c] = target / sums[c] for c in
     * [offset, offset + n), 1 where a sum is not positive ({@link WeightNormaliser#factors}). Returns the cycles.
     */
    public long normaliseFactors(double[] sums, double[] factors, int offset, int n, double target) {
        return WeightNormaliser.factors(plasticity, sums, factors, offset, n, target, counts);
    }

    /**
     * Weight normalisation, step 3: reprograms every weight to clip(w factors[offset + c], lo, hi) (NaN bounds: no
     * clipping; {@link WeightNormaliser#rescale}). Returns the cycles.
     */
    public long rescaleWeights(double[] factors, int offset, double lo, double hi) {
        return normaliser().rescale(plasticity, block, factors, offset, lo, hi, counts);
    }

    private WeightNormaliser normaliser() {
        if (normaliser == null) normaliser = new WeightNormaliser();
        return normaliser;
    }

    /** The weights the cells hold, into w (row stride {@code stride}) at rowOffset, colOffset. */
    public void readWeights(float[] w, int stride, int rowOffset, int colOffset) {
        block.readWeights(w, stride, rowOffset, colOffset);
    }

    /**
     * Books {@code cycles} of work in {@code state} starting no earlier than {@code ready}; the gap since the core was
     * last busy is charged as {@code waitState} (idle or stalled-on-NoC). Returns the cycle the work ends.
     */
    public long occupy(long ready, long cycles, CoreState state, CoreState waitState) {
        long start = Math.max(ready, freeAt);
        if (start > freeAt) stateCycles[waitState.ordinal()] += start - freeAt;
        stateCycles[state.ordinal()] += cycles;
        freeAt = start + cycles;
        if (listener != null && cycles > 0) listener.busy(index, start, freeAt, state);
        return freeAt;
    }

    /** Charges idle time up to {@code cycle} (end of a run or phase). */
    public void idleUntil(long cycle) {
        if (cycle > freeAt) {
            stateCycles[CoreState.IDLE.ordinal()] += cycle - freeAt;
            freeAt = cycle;
        }
    }

    public long stateCycles(CoreState s) { return stateCycles[s.ordinal()]; }

    public long[] stateCyclesArray() { return stateCycles.clone(); }

    public void restoreState(long[] cycles, long freeAt) {
        System.arraycopy(cycles, 0, stateCycles, 0, stateCycles.length);
        this.freeAt = freeAt;
    }

    /** Sum over states; equals the cycles elapsed on this core's clock. */
    public long totalCycles() {
        long s = 0;
        for (long c : stateCycles) s += c;
        return s;
    }
}
