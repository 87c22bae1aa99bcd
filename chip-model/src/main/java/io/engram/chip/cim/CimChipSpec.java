package io.engram.chip.cim;

import io.engram.chip.readout.Readout;
import io.engram.chip.readout.VoltageIntegrating;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.chip.time.TimeModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A compute-in-memory chip measured as a whole (NeuRRAM-like): identical crossbar cores running MVMs in parallel,
 * differential weight pairs, inputs applied as pulses of 1 to N bits in one or two phases, a readout from the
 * {@link Readout} family, and the conductance range random weights are drawn over.
 * <pre>
 * name: neurram
 * cores: 48
 * crossbar: { rows: 256, cols: 256, cells_per_weight: 2 }
 * input_bits: { min: 1, max: 8 }
 * readout: { kind: voltage_integrating, output_bits: { min: 3, max: 10 } }
 * device: { g_min_us: 1.0, g_max_us: 40.0 }
 * time_model: lockstep
 * technology: neurram-130nm
 * </pre>
 */
public record CimChipSpec(String name, String description, int cores, int rows, int cols, int cellsPerWeight,
                          int minInputBits, int maxInputBits, Readout readout, double gMinUs, double gMaxUs,
                          TimeModel timeModel, String technology) {
    /** Built-in CIM chips. */
    public static final java.util.List<String> PRESETS = java.util.List.of("neurram");
    private static final int MAX_DIM = 1 << 16;
    private static final int MAX_BITS = 16;

    /** Weight columns (differential pairs) per core. */
    public int pairs() { return cols / cellsPerWeight; }

    public static CimChipSpec builtIn(String name) {
        String res = "cim/chips/" + name + ".yaml";
        try (InputStream in = CimChipSpec.class.getClassLoader().getResourceAsStream(res)) {
            return in == null ? null : parse(SpecNode.parse(in, res));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in resource " + res, e);
        }
    }

    public static CimChipSpec resolve(String nameOrPath) {
        CimChipSpec b = builtIn(nameOrPath);
        if (b != null) return b;
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new SpecException(nameOrPath, "", null, "no built-in CIM chip of that name (built in: " + PRESETS
                    + ") and no such file");
        }
        return parse(SpecNode.parse(p));
    }

    public static CimChipSpec parse(SpecNode root) {
        String name = root.requireString("name");
        String description = root.optString("description", "");
        root.optString("source", "");
        int cores = root.requireInt("cores", 1, MAX_DIM);
        SpecNode xb = root.object("crossbar");
        int rows = xb.requireInt("rows", 1, MAX_DIM);
        int cols = xb.requireInt("cols", 1, MAX_DIM);
        int cpw = xb.requireInt("cells_per_weight", 2, 2);
        xb.finish();
        if (cols % cpw != 0) throw root.error("crossbar.cols", cols, "a multiple of cells_per_weight " + cpw);
        SpecNode in = root.object("input_bits");
        int inMin = in.requireInt("min", 1, MAX_BITS);
        int inMax = in.requireInt("max", inMin, MAX_BITS);
        in.finish();
        SpecNode ro = root.object("readout");
        String kind = ro.requireString("kind");
        Readout readout;
        if (kind.equals("voltage_integrating")) {
            SpecNode ob = ro.object("output_bits");
            int oMin = ob.requireInt("min", 1, MAX_BITS);
            int oMax = ob.requireInt("max", oMin, MAX_BITS);
            ob.finish();
            readout = new VoltageIntegrating(oMin, oMax);
        } else {
            throw ro.error("kind", kind, "one of: voltage_integrating (current-mode SAR chips are crossbar chips: "
                    + "engram presets)");
        }
        ro.finish();
        SpecNode dev = root.object("device");
        double gMin = dev.requireDouble("g_min_us", 0.0, 1e6);
        double gMax = dev.requireDouble("g_max_us", gMin, 1e6);
        if (gMax <= gMin) throw dev.error("g_max_us", gMax, "greater than g_min_us " + gMin);
        dev.finish();
        TimeModel tm = TimeModel.parse(root, "time_model");
        String tech = root.requireString("technology");
        root.finish();
        return new CimChipSpec(name, description, cores, rows, cols, cpw, inMin, inMax, readout, gMin, gMax, tm, tech);
    }
}
