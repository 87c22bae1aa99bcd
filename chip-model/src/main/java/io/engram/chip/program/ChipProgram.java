package io.engram.chip.program;

import io.engram.chip.noc.PacketKind;

import java.util.List;

/**
 * What the compiler emits and the runtime loads: the layers with their tiles placed on cores, and the routes between
 * tiles. Plain data; saved as HDF5 by the compiler.
 *
 * @param chipName    chip preset or file the program was compiled for
 * @param input       input shape
 * @param layers      layers in execution order
 * @param routes      NoC flows between cores (per sample)
 * @param sramBytesPerCore SRAM allocated on each core (index = core)
 */
public record ChipProgram(String chipName, Shape input, List<LayerProgram> layers, List<Route> routes,
                          long[] sramBytesPerCore) {
    public ChipProgram {
        layers = List.copyOf(layers);
        routes = List.copyOf(routes);
    }

    /** Cores holding at least one tile. */
    public int coresUsed() {
        return (int) layers.stream().flatMap(l -> l.tiles().stream()).mapToInt(Tile::core).distinct().count();
    }

    /**
     * A flow of packets per sample from one core to one or more cores.
     *
     * @param kind         what the packets carry
     * @param src          source core
     * @param dests        destination cores
     * @param payloadBits  bits per sample (activation values, partial sums, spikes or reduction values)
     * @param layer        index of the layer the flow belongs to
     */
    public record Route(PacketKind kind, int src, int[] dests, long payloadBits, int layer) {}
}
