package io.engram.chip.sim;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.PostFactors;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.chip.program.Traffic;
import io.engram.chip.tech.Action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A weight layer (dense or conv) running on its tiles. Per input vector (a sample for dense, a patch for conv):
 * every tile reads its rows; row tiles send partial sums to the column block's owner core; owners add the bias, run
 * the competition (a column-split group exchanges partial max / sum-of-exp with a root owner) and the activation.
 * Learning: owners broadcast the post factors to their row tiles, which compute and program their own cells.
 */
final class MappedLayer implements ChipLayer {
    final LayerProgram lp;
    final int index;
    private final Core[] cores;
    private final Tile[] tiles;
    private final int[][] blocks;      // column block -> tile indices (row tiles), first is the owner
    /** The layer's NoC traffic (rate mode), as the compiler plans it. */
    private final Traffic.Layer traffic;
    private final List<Traffic.Span> spans;
    private final int[] blockColStart;
    private final int[] blockCols;
    private final int rows;
    private final int cols;
    private final int valueBits;
    final double[] u;
    final double[] y;
    final double[] act;
    private final double[] bias;
    private final double[] a;
    private final double[] b;
    private final double[] scale;
    private final double[] colMax;
    private final double[] colNormSq;
    private final double[] tileMax;
    private final double[] tileNorm;
    private final float[] patch;
    private final LearningRule rule;
    private final UpdateScaling scaling;
    private boolean batchOpen;
    /** Class index a teacher signal imposes on the next learning step (-1: none). */
    int teacher = -1;
    private final TilePool pool;
    /** Per-tile scratch: partial column sums, per-column max |dw| and squared norms, and each tile's cycles. */
    private double[][] partial;
    private double[][] tMax;
    private double[][] tNorm;
    private long[] tCycles;
    /** Per tile, the conversion cycles of its last read. */
    private final long[] tConvert;
    /** Multiplies the rule's learning rate (learning-rate schedules). */
    double rateScale = 1.0;
    /** The layer's input norm (null when it has none). */
    final NormStage norm;

    MappedLayer(int index, LayerProgram lp, Core[] chipCores, int valueBits, int factorBits, TilePool pool) {
        this.pool = pool;
        this.index = index;
        this.lp = lp;
        this.rows = lp.rows();
        this.cols = lp.cols();
        this.valueBits = valueBits;
        this.rule = lp.rule();
        this.scaling = rule.scaling();
        this.tiles = lp.tiles().toArray(new Tile[0]);
        this.cores = new Core[tiles.length];
        List<Traffic.Span> spans = new ArrayList<>();
        for (int t = 0; t < tiles.length; t++) {
            Tile tile = tiles[t];
            Core core = chipCores[tile.core()];
            core.loadTile(tile.rows(), tile.cols(), lp.weightScale(), lp.weights(), cols, tile.rowStart(), tile.colStart());
            cores[t] = core;
            spans.add(Traffic.Span.of(tile));
        }
        this.spans = List.copyOf(spans);
        traffic = Traffic.layer(spans, false, lp.competition(), lp.activation(), rule, factorBits);
        blocks = traffic.blocks();
        blockColStart = new int[blocks.length];
        blockCols = new int[blocks.length];
        for (int bi = 0; bi < blocks.length; bi++) {
            blockColStart[bi] = tiles[blocks[bi][0]].colStart();
            blockCols[bi] = tiles[blocks[bi][0]].cols();
        }
        u = new double[cols];
        y = new double[cols];
        act = new double[cols];
        bias = lp.bias() == null ? new double[cols] : toDouble(lp.bias());
        a = new double[cols];
        b = new double[cols];
        scale = new double[cols];
        colMax = new double[cols];
        colNormSq = new double[cols];
        tileMax = new double[cols];
        tileNorm = new double[cols];
        patch = new float[rows];
        partial = new double[tiles.length][];
        tMax = new double[tiles.length][];
        tNorm = new double[tiles.length][];
        for (int t = 0; t < tiles.length; t++) {
            partial[t] = new double[tiles[t].cols()];
            tMax[t] = new double[tiles[t].cols()];
            tNorm[t] = new double[tiles[t].cols()];
        }
        tCycles = new long[tiles.length];
        tConvert = new long[tiles.length];
        norm = lp.norm().on() ? new NormStage(lp.norm(), lp.in()) : null;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    double[] bias() { return bias; }

    Core[] cores() { return cores; }

    Tile[] tiles() { return tiles; }

    /** Column blocks: each block's tile indices, its owner (row block 0) first. */
    int[][] blocks() {
        int[][] b = new int[blocks.length][];
        for (int i = 0; i < b.length; i++) b[i] = blocks[i].clone();
        return b;
    }

        /** Owner core of each column block. */
    int[] ownerCores() {
        int[] o = new int[blocks.length];
        for (int i = 0; i < blocks.length; i++) o[i] = tiles[blocks[i][0]].core();
        return o;
    }

    @Override
    public LayerProgram program() { return lp; }

    /** The layer's spiking process model (null until the layer first runs on spikes or restores a spiking state). */
    SpikingLayer spiking;
    /**
     * Spiking mode, a layer with recurrent rows: its rows' input of the step (its input, then the spikes of the step
     * before of the layer that feeds back to it); null for a feed-forward layer.
     */
    private float[] recIn;
    /** The layers this layer's spikes return to one step later (itself, or an earlier layer), set by the chip. */
    private final List<Feedback> feedsBackTo = new ArrayList<>();

    /** A layer this one's spikes return to, and the packets that carry them ({@link Traffic#recurrent}). */
    private record Feedback(MappedLayer target, List<Traffic.Feed> feeds) {}

    /** Builds the spiking process model on first use (the chip's seed streams derive its competition sampler). */
    SpikingLayer spikingModel(io.engram.chip.random.RandomStreams streams) {
        if (spiking == null) spiking = new SpikingLayer(this, streams);
        return spiking;
    }

    /** Spiking mode: this layer's spikes of each step drive {@code target}'s recurrent rows at the next step. */
    void feedBackTo(MappedLayer target) {
        if (lp.kind() != LayerKind.DENSE) {
            throw new IllegalArgumentException("layer " + lp.name() + " is a " + lp.kind() + "; only a dense layer's"
                    + " spikes return to recurrent rows");
        }
        if (target.lp.recurrentRows() != lp.out().size()) {

            throw new IllegalArgumentException("layer " + target.lp.name() + " has " + target.lp.recurrentRows()
                    + " recurrent rows but " + lp.name() + " sends " + lp.out().size() + " spikes");
        }
        feedsBackTo.add(new Feedback(target, Traffic.recurrent(spans, target.spans, target.lp.in().size(), target == this)));
    }

    @Override
    public void restSpiking(SpikeStep st) {
        spikingModel(st.streams).rest();
        if (lp.recurrent()) {
            if (recIn == null) recIn = new float[rows];
            Arrays.fill(recIn, 0f); // no spike has returned before the first step
        }
    }

    /**
     * The spiking process model of a weight layer for one step, its phases in order: {@link StepPhase#SPIKE_OUT} (the
     * address events of the layer before reach this layer's tiles), then its read, partial sums, neuron, competition
     * and plasticity ({@link SpikingLayer#step}); its spikes then return to the layers it feeds back to (one step
     * later, as NoC traffic of this step, {@link StepPhase#SPIKE_OUT}).
     */
    @Override
    public float[] stepSpiking(SpikeStep st, float[] x, boolean learn) {
        long before = st.t;
        st.t = deliverSpikes(st, x);
        st.phases.span(StepPhase.SPIKE_OUT, before, st.t);
        float[] in = x;
        if (recIn != null) {
            // the rows: the layer's input, then the returning spikes of the step before (0 at the first step)
            System.arraycopy(x, 0, recIn, 0, lp.in().size());
            in = recIn;
        }
        SpikingLayer sl = spiking;
        st.t = Math.max(st.t, sl.step(in, st.t, learn, st.dtMs, st.traceTauMs, st.noc, st.phases));
        float[] out = new float[sl.spikes.length];
        for (int c = 0; c < out.length; c++) out[c] = sl.spikes[c];
        if (st.observer != null) {
            st.observer.step(st.step, index, sl.spikes, sl.v);
            if (sl.current != null) st.observer.current(st.step, index, sl.current);
        }
        for (Feedback fb : feedsBackTo) {
            before = st.t;
            st.t = fb.target.receiveFeedback(this, fb.feeds, sl.spikes, st);
            st.phases.span(StepPhase.SPIKE_OUT, before, st.t);
        }
        st.prev = this;
        st.eventsPerUnit = 1;
        return out;
    }

    /**
     * Address events of the layer before (or of the pools in between) to this layer's tiles: one packet per (source
     * column block, row block of this layer) with events, the spike bits per event; from the host, none.
     */
    private long deliverSpikes(SpikeStep st, float[] x) {
        MappedLayer prev = st.prev;
        if (prev == null) return st.t;
        long spikeBits = st.spec.noc().spikeBits();
        List<Transfer> tr = new ArrayList<>();
        for (Traffic.Feed f : Traffic.activations(prev.spans(), x.length / prev.lp.cols(), spans,
                lp.kind() == LayerKind.CONV2D, lp.kernel())) {
            long events = 0;
            for (long v = f.firstValue(); v < f.firstValue() + f.values(); v++) events += Math.round(x[(int) v] * st.eventsPerUnit);
            if (events > 0) {
                tr.add(new Transfer(PacketKind.SPIKE, prev.tiles[f.src()].core(), coresOf(f.dests()), events * spikeBits, st.t));
            }
        }
        if (tr.isEmpty()) return st.t;
        long arr = st.t;
        for (long a : st.noc.deliver(tr)) arr = Math.max(arr, a);
        return arr;
    }

    /**
     * The spikes of {@code src} at this step become this layer's recurrent rows' input of the next step: from each of
     * src's column blocks' owner core to this layer's cores holding the rows its neurons drive, as address events (one
     * packet per source block with spikes, the spike bits per spike; {@link Traffic#recurrent}), counted and timed on
     * the NoC. Returns the cycle the last one arrives.
     */
    long receiveFeedback(MappedLayer src, List<Traffic.Feed> feeds, byte[] spikes, SpikeStep st) {
        int off = lp.in().size();
        for (int c = 0; c < spikes.length; c++) recIn[off + c] = spikes[c];
        List<Transfer> tr = new ArrayList<>();
        for (Traffic.Feed f : feeds) {
            int fired = 0;
            for (long c = f.firstValue(); c < f.firstValue() + f.values(); c++) fired += spikes[(int) c];
            if (fired == 0) continue;
            tr.add(new Transfer(PacketKind.SPIKE, src.tiles[f.src()].core(), coresOf(f.dests()),
                    fired * st.spec.noc().spikeBits(), st.t));
        }
        if (tr.isEmpty()) return st.t;
        long arr = st.t;
        for (long a : st.noc.deliver(tr)) arr = Math.max(arr, a);
        return arr;
    }

    /**
     * The rate-mode process model of a weight layer, its phases in order: {@link StepPhase#NORM} (an input norm in
     * the producing core's neuron unit), {@link StepPhase#INGRESS}, then per input vector (a sample, or each position of
     * a convolution) the read and partial sums ({@link #readVector}), the reduction, competition and neuron
     * ({@link #postProcess}), and the learning step, which runs off the critical path.
     */
    @Override
    public float[] runRate(SampleStep st, float[] x, boolean learn) {
        if (norm != null) {
            // statistics are gathered in the layer's training pass
            Core host = st.hostCore(ownerCores()[0]);
            float[] nx = new float[x.length];
            long before = st.ready;
            st.ready = norm.run(x, nx, learn, host, st.spec.core().neuronLanes(), st.spec.technology(), st.ready);
            st.phases.span(StepPhase.NORM, before, st.ready);
            x = nx;
        }
        long before = st.ready;
        st.ready = deliverInput(st, x.length);
        st.phases.span(StepPhase.INGRESS, before, st.ready);
        boolean on = learn && learns();
        int positions = lp.positions();
        float[] out = new float[lp.out().size()];
        boolean ownBatch = on && lp.kind() == LayerKind.CONV2D && !batchOpen();
        if (ownBatch) beginBatch();
        long t = st.ready;
        long learnEnd = st.ready;
        for (int p = 0; p < positions; p++) {
            float[] v = patch(x, p);
            long uReady = readVector(v, t, st.noc, st.phases);
            long outReady = postProcess(uReady, st.noc, st.phases);
            for (int c = 0; c < cols; c++) out[c * positions + p] = (float) act[c];
            if (on) learnEnd = Math.max(learnEnd, learn(v, outReady, st.noc));
            if (st.accepted < 0) st.accepted = uReady;
            t = outReady;
        }
        if (ownBatch) learnEnd = Math.max(learnEnd, flushBatch(t, st.noc));
        st.end = Math.max(st.end, learnEnd);
        st.ready = t;
        st.prev = this;
        return out;
    }

    /**
     * Ingress of the layer's input: each tile's input buffer is written with the values its rows use
     * ({@link Traffic#tileInputValues}), and the previous weight layer's owners send each value only to the tiles
     * that hold its rows ({@link Traffic#activations}); input from the host is not NoC traffic.
     */
    private long deliverInput(SampleStep st, int values) {
        boolean conv = lp.kind() == LayerKind.CONV2D;
        int perChannel = lp.in().height() * lp.in().width();
        for (int t = 0; t < cores.length; t++) {
            long v = Traffic.tileInputValues(spans.get(t), conv, lp.kernel(), perChannel);
            cores[t].counts().add(Action.SRAM_WRITE_WORD, Traffic.inputWords(v, valueBits));
        }
        MappedLayer prev = st.prev;
        if (prev == null) return st.ready;
        List<Transfer> tr = new ArrayList<>();
        for (Traffic.Feed f : Traffic.activations(prev.spans(), values / prev.lp.cols(), spans, conv, lp.kernel())) {
            tr.add(new Transfer(PacketKind.ACTIVATION, prev.tiles[f.src()].core(), coresOf(f.dests()),
                    f.values() * valueBits, st.ready));
        }
        long m = st.ready;
        for (long a : st.noc.deliver(tr)) m = Math.max(m, a);
        return m;
    }

    /** The cores of some of this layer's tiles. */
    int[] coresOf(int[] tileIndices) {
        int[] c = new int[tileIndices.length];
        for (int i = 0; i < c.length; i++) c[i] = tiles[tileIndices[i]].core();
        return c;
    }

    /** Reads one input vector x (length rows) through every tile and leaves u at the owners. Returns ready cycle. */
    long readVector(float[] x, long ready, Interconnect noc, PhaseTimer phases) {
        Arrays.fill(u, 0);
        long[] ends = new long[tiles.length];
        // evaluate: every tile reads into its own partial sums (in parallel)
        pool.forEach(tiles.length, t -> {
            Core core = cores[t];
            Arrays.fill(partial[t], 0);
            tCycles[t] = core.read(x, tiles[t].rowStart(), partial[t], 0);
            tConvert[t] = core.lastConversionCycles();
        });
        // commit, in tile order
        for (int t = 0; t < tiles.length; t++) {
            Core core = cores[t];
            Tile tile = tiles[t];
            long words = ((long) tile.rows() * valueBits + 31) / 32;
            core.counts().add(Action.SRAM_READ_WORD, words);
            double[] p = partial[t];
            for (int c = 0; c < p.length; c++) u[tile.colStart() + c] += p[c];
            ends[t] = core.occupy(ready, tCycles[t], CoreState.BUSY_READ, CoreState.IDLE);
        }
        long readEnd = max(ends, ready);
        long done = ready;
        List<Transfer> partials = new ArrayList<>();
        List<Integer> partialOwner = new ArrayList<>();
        for (int[] blk : blocks) done = Math.max(done, ends[blk[0]]);
        for (Traffic.Flow f : traffic.partialSums()) {
            int owner = f.dests()[0];
            partials.add(transfer(f, ends[f.src()]));
            partialOwner.add(owner);
            cores[owner].counts().add(Action.SHIFT_ADD_OP, tiles[f.src()].cols());
        }
        if (!partials.isEmpty()) {
            long[] arr = noc.deliver(partials);
            for (int i = 0; i < arr.length; i++) {
                int ownerTile = partialOwner.get(i);
                // the owner waits (stalled on the NoC) for the last partial sum of its block
                cores[ownerTile].occupy(arr[i], 0, CoreState.BUSY_NEURON, CoreState.STALLED_NOC);
                done = Math.max(done, arr[i]);
            }
        }
        done = Math.max(done, readEnd);
        // the critical tile's read: its conversion rounds, and its read pulses (with any wait for its core)
        long convert = 0;
        for (int t = 0; t < tiles.length; t++) {
            if (ends[t] == readEnd && readEnd > ready) {
                convert = tConvert[t];
                break;
            }
        }
        phases.span(StepPhase.READ, ready, readEnd - convert);
        phases.add(StepPhase.CONVERT, convert);
        phases.span(StepPhase.PARTIAL_SUM, readEnd, done);
        return done;
    }

    /**
     * Bias, competition and activation on the owners for one position. Writes y (competition output) and act
     * (forward signal). Returns the cycle the outputs are ready at the owners.
     */
    long postProcess(long ready, Interconnect noc, PhaseTimer phases) {
        for (int c = 0; c < cols; c++) u[c] += bias[c];
        Competition comp = lp.competition();
        Core root = cores[blocks[0][0]];
        long t = ready;
        if (traffic.reductionDown() != null) {
            // partial max / sum-of-exp / sum from every owner to the root, then the result back to all owners
            long arrive = max(noc.deliver(transfers(traffic.reductionUp(), ready)), ready);
            long back = max(noc.deliver(List.of(transfer(traffic.reductionDown(), arrive))), arrive);
            t = root.occupy(back, 0, CoreState.BUSY_COMPETE, CoreState.STALLED_NOC);
        }
        phases.span(StepPhase.REDUCTION, ready, t);
        long compCycles = root.compete(comp, u, 0, cols, y);
        long t0 = t;
        t = root.occupy(t, compCycles, CoreState.BUSY_COMPETE, CoreState.IDLE);
        phases.span(StepPhase.COMPETITION, t0, t);
        Activation actv = lp.activation();
        long actCycles = root.activate(actv, u, 0, cols, act);
        if (actv.kind() == Activation.Kind.SOFTMAX_OUTPUT) System.arraycopy(y, 0, act, 0, cols);
        long end = root.occupy(t, actCycles, CoreState.BUSY_NEURON, CoreState.IDLE);
        phases.span(StepPhase.NEURON, t, end);
        return end;
    }

    private static long max(long[] v, long floor) {
        long m = floor;
        for (long x : v) m = Math.max(m, x);
        return m;
    }

    boolean learns() { return rule.learnsInRateMode(); }

    /** Opens a mini-batch on every tile (conv positions and batch samples accumulate). */
    void beginBatch() {
        for (Core c : cores) c.beginBatch();
        batchOpen = true;
    }

    boolean batchOpen() { return batchOpen; }

    /**
     * One learning step for the vector x just processed: post factors at the owners, broadcast to the row tiles,
     * compute (and accumulate or program) on every tile. Returns the cycle learning ends.
     */
    long learn(float[] x, long ready, Interconnect noc) {
        if (teacher >= 0) {
            // supervised: the teacher's class is the only neuron that learns, toward x / max|x| (instar on the input
            // as the DAC drives it after its block scaling, so prototypes stay within the weight range)
            double m = 0;
            for (int i = 0; i < rows; i++) m = Math.max(m, Math.abs(x[i]));
            Arrays.fill(a, 0);
            Arrays.fill(b, 0);
            a[teacher] = m == 0 ? 0 : 1 / m;
            b[teacher] = 1;
        } else {
            rule.postFactors(u, y, cols, a, b);
        }
        if (rule.etaBias() != 0) {
            for (int c = 0; c < cols; c++) bias[c] += rule.etaBias() * (y[c] * Math.exp(-bias[c] / rule.tau()) - 1);
            Core root = cores[blocks[0][0]];
            root.counts().add(Action.SRAM_READ_WORD, cols);
            root.counts().add(Action.SRAM_WRITE_WORD, cols);
        }
        long postReady = broadcastPost(ready, noc);
        Arrays.fill(colMax, 0);
        Arrays.fill(colNormSq, 0);
        long[] ends = new long[tiles.length];
        pool.forEach(tiles.length, t -> {
            tCycles[t] = cores[t].learn(x, tiles[t].rowStart(), a, b, tiles[t].colStart(), tMax[t], tNorm[t], batchOpen);
        });
        for (int t = 0; t < tiles.length; t++) {
            Tile tile = tiles[t];
            for (int c = 0; c < tile.cols(); c++) {
                colMax[tile.colStart() + c] = Math.max(colMax[tile.colStart() + c], tMax[t][c]);
                colNormSq[tile.colStart() + c] += tNorm[t][c];
            }
            ends[t] = cores[t].occupy(postReady, tCycles[t], CoreState.BUSY_LEARN, CoreState.STALLED_NOC);
        }
        if (batchOpen) return max(ends, postReady);
        return program(ends, noc);
    }

    /** Closes the mini-batch: scaled accumulated updates are programmed. */
    long flushBatch(long ready, Interconnect noc) {
        if (!batchOpen) return ready;
        // the scale uses the accumulated update's maxima
        Arrays.fill(colMax, 0);
        for (int t = 0; t < tiles.length; t++) {
            cores[t].batchColMax(tileMax);
            for (int c = 0; c < tiles[t].cols(); c++) {
                colMax[tiles[t].colStart() + c] = Math.max(colMax[tiles[t].colStart() + c], tileMax[c]);
            }
        }
        batchOpen = false;
        long[] ends = new long[tiles.length];
        Arrays.fill(ends, ready);
        return programBatch(ends, noc);
    }

    private long program(long[] ready, Interconnect noc) {
        long reduced = computeScale(ready, noc);
        pool.forEach(tiles.length, t -> tCycles[t] = cores[t].program(scale, tiles[t].colStart()));
        long end = 0;
        for (int t = 0; t < tiles.length; t++) {
            end = Math.max(end, cores[t].occupy(Math.max(ready[t], reduced), tCycles[t], CoreState.BUSY_LEARN,
                    CoreState.STALLED_NOC));
        }
        return end;
    }

    private long programBatch(long[] ready, Interconnect noc) {
        long reduced = computeScale(ready, noc);
        pool.forEach(tiles.length, t -> tCycles[t] = cores[t].programBatch(scale, tiles[t].colStart()));
        long end = 0;
        for (int t = 0; t < tiles.length; t++) {
            end = Math.max(end, cores[t].occupy(Math.max(ready[t], reduced), tCycles[t], CoreState.BUSY_LEARN,
                    CoreState.STALLED_NOC));
        }
        return end;
    }

    /**
     * scale_c = eta_c (norm-dependent when adaptive) x (1 / max|dw_c| for per-neuron scaling, 1 / layer max for
     * layer scaling). Norms and maxima of row-split columns are summed / maxed across the row tiles (a reduction to
     * the owner and back); layer scaling reduces across every tile.
     */
    private long computeScale(long[] ready, Interconnect noc) {
        long t = 0;
        for (long r : ready) t = Math.max(t, r);
        if (!traffic.scaleUp().isEmpty()) {
            List<Transfer> red = new ArrayList<>();
            for (Traffic.Flow f : traffic.scaleUp()) red.add(transfer(f, ready[f.src()]));
            t = max(noc.deliver(red), t);
        }
        double layerMax = 0;
        for (int c = 0; c < cols; c++) layerMax = Math.max(layerMax, colMax[c]);
        if (traffic.layerMaxDown() != null) {
            long arrive = max(noc.deliver(transfers(traffic.layerMaxUp(), t)), t);
            t = max(noc.deliver(List.of(transfer(traffic.layerMaxDown(), arrive))), arrive);
        }
        for (int c = 0; c < cols; c++) {
            double s = rateScale * PostFactors.rate(rule, colNormSq[c]);
            switch (scaling) {
                case NONE -> { }
                case PER_NEURON -> s = colMax[c] == 0 ? 0 : s / colMax[c];
                case LAYER -> s = layerMax == 0 ? 0 : s / layerMax;
            }
            scale[c] = s;
        }
        return t;
    }

    /** Post factors (a, b per neuron, {@link Traffic#POST_FACTORS}) from each owner to the row tiles of its block. */
    private long broadcastPost(long ready, Interconnect noc) {
        List<Traffic.Flow> post = traffic.postBroadcast();
        return post.isEmpty() ? ready : max(noc.deliver(transfers(post, ready)), ready);
    }

    /** The packet of a flow between this layer's tiles, ready at a cycle. */
    private Transfer transfer(Traffic.Flow f, long ready) {
        int[] d = f.dests();
        int[] dc = new int[d.length];
        for (int i = 0; i < d.length; i++) dc[i] = tiles[d[i]].core();
        return new Transfer(f.kind(), tiles[f.src()].core(), dc, f.payloadBits(), ready);
    }

    private List<Transfer> transfers(List<Traffic.Flow> flows, long ready) {
        List<Transfer> out = new ArrayList<>(flows.size());
        for (Traffic.Flow f : flows) out.add(transfer(f, ready));
        return out;
    }

    /** The tiles' blocks of the matrix, in tile order. */
    List<Traffic.Span> spans() { return spans; }

    /** Extracts the conv patch at output position p (rows ordered channel, ky, kx; zero padding). */
    float[] patch(float[] in, int p) {
        if (lp.kind() != LayerKind.CONV2D) return in;
        int k = lp.kernel();
        int inH = lp.in().height();
        int inW = lp.in().width();
        int oy = p / lp.out().width();
        int ox = p % lp.out().width();
        int y0 = oy * lp.stride() - lp.padding();
        int x0 = ox * lp.stride() - lp.padding();
        int r = 0;
        for (int ci = 0; ci < lp.in().channels(); ci++) {
            int cb = ci * inH * inW;
            for (int ky = 0; ky < k; ky++) {
                int yy = y0 + ky;
                for (int kx = 0; kx < k; kx++) {
                    int xx = x0 + kx;
                    patch[r++] = (yy < 0 || yy >= inH || xx < 0 || xx >= inW) ? 0f : in[cb + yy * inW + xx];
                }
            }
        }
        return patch;
    }

    /** Current weights as the cells hold them, row-major rows x cols. */
    float[] weights() {
        float[] w = new float[rows * cols];
        for (int t = 0; t < tiles.length; t++) cores[t].readWeights(w, cols, tiles[t].rowStart(), tiles[t].colStart());
        return w;
    }

    /** Bias, learning-rate scale and batch flag for a checkpoint (the tiles' state is saved per core). */
    ChipState.Layer snapshot(ChipState.Spiking spiking) {
        return new ChipState.Layer(index, bias, rateScale, batchOpen, spiking, norm == null ? null : norm.snapshot());
    }

    void restore(ChipState.Layer s) {
        if (s.bias().length != bias.length) {
            throw new IllegalArgumentException("layer " + lp.name() + ": saved bias has " + s.bias().length
                    + " entries, the layer has " + bias.length);
        }
        System.arraycopy(s.bias(), 0, bias, 0, bias.length);
        rateScale = s.rateScale();
        batchOpen = s.batchOpen();
        if ((s.norm() != null) != (norm != null)) {
            throw new IllegalArgumentException("layer " + lp.name() + (norm == null ? " has no input norm but the checkpoint"
                    + " holds norm statistics" : " has an input norm but the checkpoint holds no norm statistics"));
        }
        if (norm != null) norm.restore(s.norm());
    }
}
