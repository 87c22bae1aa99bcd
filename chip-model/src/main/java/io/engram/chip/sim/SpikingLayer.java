package io.engram.chip.sim;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.device.DeviceRng;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.PostFactors;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.program.Tile;
import io.engram.chip.program.Traffic;
import io.engram.chip.tech.Action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spiking execution of a weight layer, one time step at a time. Input spikes drive the rows (one 1-bit read per
 * chunk); LIF neurons on the owner cores integrate; the competition unit enforces lateral inhibition (HARD_WTA: only
 * the neuron with the highest potential among those over threshold fires; SOFTMAX: the firing neuron is sampled
 * with probability softmax(v / T), the spiking soft-WTA of Nessler et al. 2013); a HARD_WTA with {@code inhibition}
 * also pushes every other neuron's membrane down when the winner spikes ({@link Competition}); spikes leave as address
 * events.
 *
 * <p>Learning on spikes: STDP with pre/post traces (pair or the triplet form of Diehl and Cook); any rate rule runs
 * with x = the pre-synaptic trace, y = the post spikes and u = the synaptic input of the step.
 *
 * <p>A convolution has a neuron per output channel and position (channel-major, as in rate mode): each step every
 * tile reads the input's patch at every position where it has a spike (1-bit rows, or a graded read of a pool's spike
 * counts), its cycles summed over the positions; row tiles send their partial sums of every position. A
 * convolution runs without competition and without learning on spikes.
 */
final class SpikingLayer {
    private final MappedLayer ml;
    private final LifParams lif;
    /** Current-based synapse of a CubaLIF layer (null: the membrane takes the input directly) and its current. */
    private final NeuronModel.Synapse synapse;
    final double[] current;
    private final int rows;
    private final int cols;
    /** Output positions (1 for a dense layer) and neurons (cols x positions). */
    private final int positions;
    private final int neurons;
    /** A convolution's column sums at one position. */
    private final double[] atPosition;
    /** The rule's spike-timing dependence (STDP), null for a rate rule run on spikes. */
    private final LearningRule.SpikeTiming timing;
    final double[] v;
    final double[] theta;
    private final int[] refractory;
    final byte[] spikes;
    private final double[] input;
    private final float[] preTrace;
    private final float[] preSpike;
    private final double[] post1;
    private final double[] post2;
    private final double[] a;
    private final double[] b;
    private final double[] scale;
    private final double[] tileMax;
    private final double[] tileNorm;
    private final double[] postSpikes;
    private final DeviceRng sampler;
    /** Set by {@link #rest()}: the next step is the first of a sample. */
    private boolean sampleStart;
    private LayerNormaliser normaliser;
    /** Owner core of each weight column block (fixed by the mapping). */
    private final int[] owners;
    /**
     * Column blocks whose owners update their own neurons (several blocks and no competition; null otherwise: the
     * first owner's neuron units update every neuron, where the competition needs them all): per block its owner's
     * tile and its neurons [from, from + n) (channel-major, so a block's neurons are contiguous).
     */
    private final int[] blockOwnerTile;
    private final int[] blockFrom;
    private final NeuronSlice[] slices;
    /** Row tiles whose partial sums travel to another core: their core and the destination (the column owner). */
    private final int[] partialSrc;
    private final int[][] partialDest;
    private final long[] partialBits;

    SpikingLayer(MappedLayer ml, RandomStreams streams) {
        this.ml = ml;
        if (!(ml.lp.neuron() instanceof NeuronModel.Lif l)) {
            throw new IllegalArgumentException("layer " + ml.lp.name() + " has rate neurons; spiking mode needs LIF");
        }
        this.lif = l.params();
        this.synapse = l.synapse();
        this.rows = ml.lp.rows();
        this.cols = ml.lp.cols();
        this.positions = ml.lp.positions();
        this.neurons = cols * positions;
        if (positions > 1 && ml.lp.competition().kind() != Competition.Kind.NONE) {
            throw new IllegalArgumentException("layer " + ml.lp.name() + " is a convolution with competition "
                    + ml.lp.competition().kind() + "; on spikes a convolution runs without competition");
        }
        this.timing = ml.lp.rule().spikeTiming();
        atPosition = new double[cols];
        v = new double[neurons];
        current = synapse == null ? null : new double[neurons];
        theta = lif.thetaPlus() != 0 ? new double[neurons] : null;
        refractory = new int[neurons];
        spikes = new byte[neurons];
        input = new double[neurons];
        preTrace = new float[rows];
        preSpike = new float[rows];
        post1 = new double[cols];
        post2 = new double[cols];
        a = new double[cols];
        b = new double[cols];
        scale = new double[cols];
        tileMax = new double[cols];
        tileNorm = new double[cols];
        postSpikes = new double[cols];
        sampler = new DeviceRng(streams.derive("layer[" + ml.index + "]", "spike-competition"));
        owners = ml.ownerCores();
        int[][] blocks = ml.blocks();
        if (blocks.length > 1 && ml.lp.competition().kind() == Competition.Kind.NONE) {
            blockOwnerTile = new int[blocks.length];
            blockFrom = new int[blocks.length];
            slices = new NeuronSlice[blocks.length];
            for (int b = 0; b < blocks.length; b++) {
                Tile o = ml.tiles()[blocks[b][0]];
                blockOwnerTile[b] = blocks[b][0];
                blockFrom[b] = o.colStart() * positions;
                slices[b] = new NeuronSlice(o.cols() * positions, synapse != null, theta != null);
            }
        } else {
            blockOwnerTile = null;
            blockFrom = null;
            slices = null;
        }
        Tile[] tiles = ml.tiles();
        Traffic.Layer traffic = Traffic.layer(ml.spans(), true, ml.lp.competition(), ml.lp.activation(), ml.lp.rule(), 1);
        List<Traffic.Flow> flows = traffic.partialSums();
        int n = flows.size();
        partialSrc = new int[n];
        partialDest = new int[n][];
        partialBits = new long[n];
        for (int k = 0; k < n; k++) {
            Traffic.Flow f = flows.get(k);
            partialSrc[k] = tiles[f.src()].core();
            partialDest[k] = new int[]{tiles[f.dests()[0]].core()};
            partialBits[k] = f.payloadBits() * positions;
        }
    }

    /** Clears membrane state, synaptic currents and traces between samples (the adaptive threshold persists). */
    void rest() {
        Arrays.fill(v, 0);
        if (current != null) Arrays.fill(current, 0);
        Arrays.fill(refractory, 0);
        Arrays.fill(preTrace, 0f);
        Arrays.fill(post1, 0);
        Arrays.fill(post2, 0);
        sampleStart = true;
    }

    /**
     * One time step. x[i] != 0 where input i spiked. Returns the cycle the step's work ends; spikes[] holds the
     * output spikes.
     */
    long step(float[] x, long ready, boolean learn, double dtMs, double traceTauMs, Interconnect noc, PhaseTimer phases) {
        if (sampleStart) {
            sampleStart = false;
            // STDP with normalise_sum: each neuron's input weights are rescaled before every learning sample
            if (learn && ml.lp.rule().normaliseSum() > 0) {
                if (normaliser == null) normaliser = new LayerNormaliser(ml);
                long before = ready;
                ready = normaliser.run(ml.lp.rule().normaliseSum(), ready, noc);
                phases.add(StepPhase.PLASTICITY, ready - before);
            }
        }
        if (learn && ml.lp.rule().learns() && positions > 1) {
            throw new IllegalArgumentException("layer " + ml.lp.name() + " is a convolution; it does not learn on spikes");
        }
        Arrays.fill(input, 0);
        Core[] cores = ml.cores();
        Tile[] tiles = ml.tiles();
        long t = ready;
        long convert = 0;
        for (int i = 0; i < tiles.length; i++) {
            Core core = cores[i];
            long conv = core.reader().conversionCycles();
            long cyc = positions == 1 ? core.reader().readSpikes(core.block(), x, tiles[i].rowStart(), input,
                    tiles[i].colStart(), core.counts()) : readPositions(core, tiles[i], x);
            long end = core.occupy(ready, cyc, CoreState.BUSY_READ, CoreState.IDLE);
            if (end > t) {
                // the critical tile's conversion rounds
                t = end;
                convert = core.reader().conversionCycles() - conv;
            }
        }
        // partial sums of row tiles reach the owners
        List<Transfer> partials = new ArrayList<>(partialSrc.length);
        for (int k = 0; k < partialSrc.length; k++) {
            partials.add(new Transfer(PacketKind.PARTIAL_SUM, partialSrc[k], partialDest[k], partialBits[k], t));
        }
        long readEnd = t;
        phases.add(StepPhase.READ, readEnd - ready - convert);
        phases.add(StepPhase.CONVERT, convert);
        if (!partials.isEmpty()) for (long arr : noc.deliver(partials)) t = Math.max(t, arr);
        phases.add(StepPhase.PARTIAL_SUM, t - readEnd);
        Core root = cores[0];
        for (int c = 0; c < cols; c++) for (int p = 0; p < positions; p++) input[c * positions + p] += ml.bias()[c];
        long mark = t;
        if (slices == null) {
            long cyc = synapse == null ? 0 : root.neurons().synapseStep(synapse, current, input, neurons, root.counts());
            cyc += root.neurons().lifStep(lif, v, theta, refractory, input, spikes, neurons, learn, root.counts());
            t = root.occupy(t, cyc, CoreState.BUSY_NEURON, CoreState.STALLED_NOC);
        } else {
            // each column block's owner updates its own neurons, in parallel
            long end = t;
            for (int b = 0; b < slices.length; b++) {
                Core owner = cores[blockOwnerTile[b]];
                long cyc = slices[b].step(owner, blockFrom[b], learn);
                end = Math.max(end, owner.occupy(t, cyc, CoreState.BUSY_NEURON, CoreState.STALLED_NOC));
            }
            t = end;
        }
        phases.add(StepPhase.NEURON, t - mark);
        mark = t;
        t = root.occupy(t, inhibit(root, learn), CoreState.BUSY_COMPETE, CoreState.IDLE);
        phases.add(StepPhase.COMPETITION, t - mark);
        int nSpikes = 0;
        for (int c = 0; c < neurons; c++) nSpikes += spikes[c];
        mark = t;
        if (learn && ml.lp.rule().learns()) {
            t = Math.max(t, learn(x, dtMs, traceTauMs, t, noc));
        }
        else if (positions == 1) updateTraces(x, dtMs, traceTauMs);
        phases.add(StepPhase.PLASTICITY, t - mark);
        if (nSpikes > 0 && owners.length > 0) {
            // address events from the owner to the cores that need them (next layer: counted by the chip)
            if (slices == null) root.counts().add(Action.SRAM_WRITE_WORD, nSpikes);
            else for (int b = 0; b < slices.length; b++) {
                int fired = 0;
                for (int k = 0; k < slices[b].n; k++) fired += spikes[blockFrom[b] + k];
                if (fired > 0) cores[blockOwnerTile[b]].counts().add(Action.SRAM_WRITE_WORD, fired);
            }
        }
        return t;
    }

    /**
     * One column block's neurons in its owner's neuron units: the block's slice of the layer's state, copied in,
     * stepped with the same synapse and LIF updates, and copied back.
     */
    private final class NeuronSlice {
        final int n;
        final double[] sv;
        final double[] sTheta;
        final double[] sCurrent;
        final int[] sRefractory;
        final double[] sInput;
        final byte[] sSpikes;

        NeuronSlice(int n, boolean hasSynapse, boolean hasTheta) {
            this.n = n;
            sv = new double[n];
            sTheta = hasTheta ? new double[n] : null;
            sCurrent = hasSynapse ? new double[n] : null;
            sRefractory = new int[n];
            sInput = new double[n];
            sSpikes = new byte[n];
        }

        /** Steps neurons [from, from + n) on {@code owner}; returns its cycles. */
        long step(Core owner, int from, boolean learn) {
            System.arraycopy(v, from, sv, 0, n);
            if (sTheta != null) System.arraycopy(theta, from, sTheta, 0, n);
            if (sCurrent != null) System.arraycopy(current, from, sCurrent, 0, n);
            System.arraycopy(refractory, from, sRefractory, 0, n);
            System.arraycopy(input, from, sInput, 0, n);
            long cyc = synapse == null ? 0 : owner.neurons().synapseStep(synapse, sCurrent, sInput, n, owner.counts());
            cyc += owner.neurons().lifStep(lif, sv, sTheta, sRefractory, sInput, sSpikes, n, learn, owner.counts());
            System.arraycopy(sv, 0, v, from, n);
            if (sTheta != null) System.arraycopy(sTheta, 0, theta, from, n);
            if (sCurrent != null) System.arraycopy(sCurrent, 0, current, from, n);
            System.arraycopy(sRefractory, 0, refractory, from, n);
            System.arraycopy(sInput, 0, input, from, n);
            System.arraycopy(sSpikes, 0, spikes, from, n);
            return cyc;
        }
    }

    /**
     * A convolution tile's reads of one step: the patch at every position with a spike in the tile's rows, its column
     * sums added into the neurons of that position. Returns the reads' cycles, summed over the positions.
     */
    private long readPositions(Core core, Tile tile, float[] x) {
        long cyc = 0;
        for (int p = 0; p < positions; p++) {
            float[] patch = ml.patch(x, p);
            boolean any = false;
            for (int r = tile.rowStart(); r < tile.rowStart() + tile.rows() && !any; r++) any = patch[r] != 0;
            if (!any) continue;
            Arrays.fill(atPosition, 0);
            cyc += core.reader().readSpikes(core.block(), patch, tile.rowStart(), atPosition, 0, core.counts());
            for (int c = 0; c < tile.cols(); c++) input[(tile.colStart() + c) * positions + p] += atPosition[c];
        }
        return cyc;
    }

    /**
     * Lateral inhibition in the competition unit; returns its cycles. A suppressed spike did not happen: the neuron
     * is reset but neither becomes refractory nor raises its adaptive threshold (the LIF unit's provisional theta
     * increment, already decayed by the step, is taken back).
     */
    private long inhibit(Core root, boolean learn) {
        Competition comp = ml.lp.competition();
        if (comp.kind() == Competition.Kind.NONE) return 0;
        int fired = 0;
        for (int c = 0; c < cols; c++) fired += spikes[c];
        if (fired == 0) return 0;
        int keep;
        if (comp.kind() == Competition.Kind.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double in : input) max = Math.max(max, in);
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += Math.exp((input[c] - max) / comp.temperature());
            double r = sampler.nextDouble() * sum;
            keep = cols - 1;
            double acc = 0;
            for (int c = 0; c < cols; c++) {
                acc += Math.exp((input[c] - max) / comp.temperature());
                if (r < acc) {
                    keep = c;
                    break;
                }
            }
            root.counts().add(Action.COMPETITION_EXP, cols);
            root.counts().add(Action.COMPETITION_NORMALIZE, 1);
        } else {
            keep = -1;
            for (int c = 0; c < cols; c++) if (spikes[c] != 0 && (keep < 0 || input[c] > input[keep])) keep = c;
        }
        root.counts().add(Action.COMPETITION_COMPARE, cols - 1);
        for (int c = 0; c < cols; c++) {
            if (c == keep) {
                if (spikes[c] == 0) { // softmax sampled a neuron below threshold: it fires and resets
                    spikes[c] = 1;
                    v[c] = lif.reset() == LifParams.Reset.ZERO ? lif.resetValue() : v[c] - lif.threshold();
                    refractory[c] = lif.refractorySteps();
                }
            } else if (spikes[c] != 0) {
                spikes[c] = 0; // inhibited: the spike is suppressed and the neuron reset
                v[c] = lif.resetValue();
                refractory[c] = 0;
                if (theta != null && learn) theta[c] -= lif.thetaPlus() * lif.thetaDecay();
            }
        }
        double inh = comp.inhibition();
        if (inh > 0 && keep >= 0) {
            // graded lateral inhibition from the winner's spike: a multiply-add per other neuron
            double floor = comp.inhibitionFloor();
            for (int c = 0; c < cols; c++) {
                if (c != keep && v[c] > floor) v[c] -= inh * (v[c] - floor) / (-floor);
            }
            root.counts().add(Action.COMPETITION_NORMALIZE, cols - 1);
        }
        return io.engram.chip.neuron.CompetitionUnit.treeCycles(cols);
    }

    private void decayTraces(double dtMs, double traceTauMs) {
        LearningRule.SpikeTiming s = timing;
        if (s == null) {
            float d = (float) Math.exp(-dtMs / traceTauMs);
            for (int i = 0; i < rows; i++) preTrace[i] *= d;
            return;
        }
        float dPre = (float) Math.exp(-dtMs / s.tauPreMs());
        double d1 = Math.exp(-dtMs / s.tauPostMs());
        double d2 = Math.exp(-dtMs / s.tauPost2Ms());
        for (int i = 0; i < rows; i++) preTrace[i] *= dPre;
        for (int c = 0; c < cols; c++) {
            post1[c] *= d1;
            post2[c] *= d2;
        }
    }

    /** Traces without learning: decay (a loop the JIT vectorises), then a spike sets its trace to 1. */
    private void updateTraces(float[] x, double dtMs, double traceTauMs) {
        decayTraces(dtMs, traceTauMs);
        for (int i = 0; i < rows; i++) if (x[i] != 0) preTrace[i] = 1f;
        for (int c = 0; c < cols; c++) if (spikes[c] != 0) {
            post1[c] = 1;
            post2[c] = 1;
        }
    }

    private long learn(float[] x, double dtMs, double traceTauMs, long ready, Interconnect noc) {
        decayTraces(dtMs, traceTauMs);
        Core[] cores = ml.cores();
        Tile[] tiles = ml.tiles();
        long end = ready;
        LearningRule rule = ml.lp.rule();
        boolean anyPre = false;
        for (int i = 0; i < rows; i++) {
            preSpike[i] = x[i] != 0 ? 1f : 0f;
            anyPre |= x[i] != 0;
        }
        boolean anyPost = false;
        for (int c = 0; c < cols; c++) anyPost |= spikes[c] != 0;
        LearningRule.SpikeTiming s = timing;
        if (s != null) {
            // pre spike: w -= etaPre * post1 (post trace before this step's post spikes)
            if (anyPre) {
                for (int c = 0; c < cols; c++) {
                    a[c] = -s.depression() * post1[c];
                    b[c] = 0;
                }
                end = Math.max(end, program(preSpike, s.wMin(), s.wMax(), ready));
            }
            for (int i = 0; i < rows; i++) if (x[i] != 0) preTrace[i] = 1f;
            // post spike: w += etaPost * pre (x post2 before the spike, triplet)
            if (anyPost) {
                for (int c = 0; c < cols; c++) {
                    a[c] = spikes[c] == 0 ? 0 : s.potentiation() * (s.triplet() ? post2[c] : 1.0);
                    b[c] = 0;
                }
                end = Math.max(end, program(preTrace, s.wMin(), s.wMax(), ready));
            }
            for (int c = 0; c < cols; c++) if (spikes[c] != 0) {
                post1[c] = 1;
                post2[c] = 1;
            }
            return end;
        }
        // a rate rule on spikes: x = pre trace, y = post spikes, u = synaptic input of the step
        for (int i = 0; i < rows; i++) if (x[i] != 0) preTrace[i] = 1f;
        if (!anyPost) return end;
        double[] y = postSpikes;
        for (int c = 0; c < cols; c++) y[c] = spikes[c];
        PostFactors.compute(rule, input, y, cols, a, b);
        for (int c = 0; c < cols; c++) if (spikes[c] == 0 && !rule.learnsWithoutPostSpike()) {
            a[c] = 0;
            b[c] = 0;
        }
        return Math.max(end, program(preTrace, Double.NaN, Double.NaN, ready));
    }

    private long program(float[] xs, double lo, double hi, long ready) {
        Core[] cores = ml.cores();
        Tile[] tiles = ml.tiles();
        long end = ready;
        for (int i = 0; i < tiles.length; i++) {
            Core core = cores[i];
            long cyc = core.plasticity().compute(core.block(), xs, tiles[i].rowStart(), a, b, tiles[i].colStart(),
                    tileMax, tileNorm, lo, hi, core.counts());
            java.util.Arrays.fill(scale, 0, cols, ml.lp.rule().spikeUpdateScale());
            cyc += core.plasticity().apply(core.block(), scale, tiles[i].colStart(), core.counts());
            end = Math.max(end, core.occupy(ready, cyc, CoreState.BUSY_LEARN, CoreState.IDLE));
        }
        return end;
    }

    ChipState.Spiking snapshot() {
        return new ChipState.Spiking(v, theta, refractory, preTrace, post1, post2, sampler.state());
    }

    void restore(ChipState.Spiking s) {
        if (s.v().length != neurons || s.preTrace().length != rows || (s.theta() == null) != (theta == null)) {
            throw new IllegalArgumentException("spiking state of layer " + ml.lp.name() + " does not match its shape");
        }
        System.arraycopy(s.v(), 0, v, 0, neurons);
        if (theta != null) System.arraycopy(s.theta(), 0, theta, 0, neurons);
        System.arraycopy(s.refractory(), 0, refractory, 0, neurons);
        System.arraycopy(s.preTrace(), 0, preTrace, 0, rows);
        System.arraycopy(s.post1(), 0, post1, 0, cols);
        System.arraycopy(s.post2(), 0, post2, 0, cols);
        sampler.setState(s.samplerRng());
    }
}
