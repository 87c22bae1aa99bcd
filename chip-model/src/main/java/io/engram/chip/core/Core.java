package io.engram.chip.core;

import io.engram.chip.device.CellArray;
import io.engram.chip.neuron.CompetitionUnit;
import io.engram.chip.neuron.NeuronUnit;
import io.engram.chip.plasticity.PlasticityEngine;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Technology;

/**
 * One core: a crossbar (or SRAM synapse block) with its read path, neuron lanes, competition unit and plasticity
 * engine, its action counters, and the cycles it spent in each {@link CoreState}. The array and engines are built
 * when a tile is loaded; an unused core only leaks.
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
    /** Cycle at which the core finishes the work already given to it. */
    private long freeAt;
    private BusyListener listener;

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
