package io.engram.runtime.bench;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.stats.Stat;

import java.util.List;

/**
 * Host memory the simulator holds per synapse for the SoftHebb 784-K layer of {@link TrainingOverhead}, loaded on
 * a mesh sized to fit: the cell-state payload ({@code CellArray.memoryBytes}: conductance, write count and state
 * per cell, plus the device-to-device factor when the device has variation) and the measured growth of the used
 * heap when the loaded chip is built (everything: cell arrays, readers, plasticity engines, neuron state).
 */
public final class MemoryFootprint {
    private MemoryFootprint() {}

    /** Bytes per synapse (weight) by the payload count and by the measured heap growth. */
    public record Result(String device, long synapses, long payloadBytes, long heapBytes) {
        public double payloadPerSynapse() { return (double) payloadBytes / synapses; }
        public double heapPerSynapse() { return (double) heapBytes / synapses; }
    }

    public static Result measure(String label, ChipSpec chip, int k) {
        List<Tile> tiles = TrainingOverhead.tiles(chip, k);
        int side = (int) Math.ceil(Math.sqrt(tiles.size()));
        ChipSpec sized = chip.withMesh(new MeshSpec(side, side));
        float[] w0 = TrainingOverhead.weights(k, 5);
        LayerProgram lp = new LayerProgram("hidden", LayerKind.DENSE, Shape.flat(TrainingOverhead.IN), Shape.flat(k), 1,
                1, 0, new io.engram.chip.neuron.NeuronModel.Rate(), io.engram.chip.neuron.Activation.identity(),
                TrainingOverhead.COMPETITION, TrainingOverhead.RULE, TrainingOverhead.IN, k, w0, null, 1.0, tiles);
        ChipProgram p = new ChipProgram(sized.name(), Shape.flat(TrainingOverhead.IN), List.of(lp), List.of(),
                new long[sized.mesh().cores()]);
        long before = usedHeap();
        Chip c = new Chip(sized, 1);
        c.load(p);
        c.run(TrainingOverhead.inputs(1, 3)[0], 0, new boolean[]{true}); // buffers allocated on first use
        long after = usedHeap();
        long payload = c.stats().scalar(Stat.CORE_HOST_BYTES);
        long synapses = (long) TrainingOverhead.IN * k;
        Result r = new Result(label, synapses, payload, after - before);
        c.close();
        return r;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
