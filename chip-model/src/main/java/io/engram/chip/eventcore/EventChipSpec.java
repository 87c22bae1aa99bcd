package io.engram.chip.eventcore;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.chip.time.TimeModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A chip of digital event-driven neuromorphic cores (Loihi-like): a mesh of tiles, a few cores per tile, a number of
 * neuron compartments per core, the synapse and soma units a network may name, and its time model.
 * <pre>
 * name: loihi
 * mesh: { width: 8, height: 4 }
 * cores_per_tile: 4
 * compartments_per_core: 1024
 * potential_fraction_bits: 6     # the potential is kept to a multiple of 2^-6 after the leak
 * time_model: async_barrier
 * technology: loihi-sanafe
 * soma_units: { unit_name: lif }
 * synapse_units: { unit_name: dense | sparse | conv }
 * </pre>
 * Tiles are numbered column-major: tile t sits at x = t / height, y = t mod height; core c of tile t has the global
 * id t x cores_per_tile + c.
 */
public record EventChipSpec(String name, String description, int meshWidth, int meshHeight, int coresPerTile,
                            int compartmentsPerCore, int potentialFractionBits, TimeModel timeModel, String technology, Set<String> somaUnits,
                            Map<String, SynapseClass> synapseUnits) {
    /** Built-in event chips. */
    public static final List<String> PRESETS = List.of("loihi");
    private static final int MAX_MESH = 1024;
    private static final int MAX_CORES_PER_TILE = 64;
    private static final int MAX_COMPARTMENTS = 1 << 20;
    private static final int MAX_FRACTION_BITS = 30;

    public EventChipSpec {
        somaUnits = Collections.unmodifiableSet(new TreeSet<>(somaUnits));
        synapseUnits = Collections.unmodifiableMap(new TreeMap<>(synapseUnits));
    }

    public int tiles() { return meshWidth * meshHeight; }

    public int cores() { return tiles() * coresPerTile; }

    public int tileOf(int core) { return core / coresPerTile; }

    public int tileX(int tile) { return tile / meshHeight; }

    public int tileY(int tile) { return tile % meshHeight; }

    /** Built-in event chips: {@code eventcore/chips/NAME.yaml}; null if there is none. */
    public static EventChipSpec builtIn(String name) {
        String res = "eventcore/chips/" + name + ".yaml";
        try (InputStream in = EventChipSpec.class.getClassLoader().getResourceAsStream(res)) {
            return in == null ? null : parse(SpecNode.parse(in, res));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in resource " + res, e);
        }
    }

    /** A built-in name or a file path. */
    public static EventChipSpec resolve(String nameOrPath) {
        EventChipSpec b = builtIn(nameOrPath);
        if (b != null) return b;
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new SpecException(nameOrPath, "", null, "no built-in event chip of that name (built in: " + PRESETS
                    + ") and no such file");
        }
        return parse(SpecNode.parse(p));
    }

    public static EventChipSpec parse(SpecNode root) {
        String name = root.requireString("name");
        String description = root.optString("description", "");
        root.optString("source", "");
        SpecNode mesh = root.object("mesh");
        int w = mesh.requireInt("width", 1, MAX_MESH);
        int h = mesh.requireInt("height", 1, MAX_MESH);
        mesh.finish();
        int cpt = root.requireInt("cores_per_tile", 1, MAX_CORES_PER_TILE);
        int comp = root.requireInt("compartments_per_core", 1, MAX_COMPARTMENTS);
        int frac = root.requireInt("potential_fraction_bits", 0, MAX_FRACTION_BITS);
        TimeModel tm = TimeModel.parse(root, "time_model");
        String tech = root.requireString("technology");
        SpecNode somaNode = root.object("soma_units");
        Set<String> soma = new TreeSet<>();
        for (String k : somaNode.keys()) {
            somaNode.requireEnum(k, SomaModel.class);
            soma.add(k);
        }
        somaNode.finish();
        SpecNode syn = root.object("synapse_units");
        Map<String, SynapseClass> units = new TreeMap<>();
        for (String k : syn.keys()) units.put(k, syn.requireEnum(k, SynapseClass.class));
        syn.finish();
        root.finish();
        return new EventChipSpec(name, description, w, h, cpt, comp, frac, tm, tech, soma, units);
    }
}
