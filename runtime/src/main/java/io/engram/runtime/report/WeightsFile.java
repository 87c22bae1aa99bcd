package io.engram.runtime.report;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.CellMap;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code weights.h5}, readable by any HDF5 reader:
 * <pre>
 * /                          attrs engram_version, seed, chip
 * /layers/NAME/weights       float32 [rows][cols], the weights the cells hold now (attrs index, kind, in_shape, out_shape,
 *                            weight_scale: the weight of a full-range differential pair the layer was programmed with)
 * /layers/NAME/bias          float64 [cols] (when the layer has a bias)
 * /cores/core_I/conductances float32 [crossbar rows][crossbar cols], uS (used cores; attr layer)
 * /cores/core_I/write_counts int32   [crossbar rows][crossbar cols]
 * /counters/per_epoch        int64 [epochs][actions] (attr actions: qualified action names, in column order)
 * </pre>
 * Shapes are [channels, height, width]. A '/' in a layer name becomes '_'.
 */
public final class WeightsFile {
    private WeightsFile() {}

    /**
     * @param perEpoch action counts of each training epoch (deltas), in order; may be empty
     */
    public static void write(Path file, Chip chip, long seed, String version, List<ActionCounters> perEpoch) {
        ChipProgram prog = chip.program();
        if (prog == null) throw new IllegalStateException("no program loaded on the chip");
        AtomicFiles.writeVia(file, temp -> {
            try (WritableHdfFile h = HdfFile.write(temp)) {
                h.removeAttribute("_jHDF"); // jHDF tags every file it writes with its version; not ours to ship
                h.putAttribute("engram_version", version);
                h.putAttribute("seed", seed);
                h.putAttribute("chip", chip.spec().name());
                WritableGroup layers = h.putGroup("layers");
                for (int i = 0; i < prog.layers().size(); i++) {
                    LayerProgram lp = prog.layers().get(i);
                    float[] w = chip.weights(i);
                    if (w == null) continue;
                    WritableGroup g = layers.putGroup(groupName(ReportBuilder.layerKey(prog, i)));
                    g.putAttribute("index", i);
                    g.putAttribute("kind", lp.kind().name().toLowerCase(java.util.Locale.ROOT));
                    g.putAttribute("in_shape", shape(lp.in()));
                    g.putAttribute("out_shape", shape(lp.out()));
                    g.putAttribute("weight_scale", lp.weightScale());
                    WritableDataset ds = g.putDataset("weights", matrix(w, lp.rows(), lp.cols()));
                    ds.putAttribute("layout", "rows = inputs (channel, y, x), cols = neurons");
                    double[] bias = chip.bias(i);
                    if (bias != null) g.putDataset("bias", bias);
                }
                WritableGroup cores = h.putGroup("cores");
                String[] layerOf = ReportBuilder.layerOfCore(prog, chip.spec().mesh().cores());
                for (CellMap cells : chip.cellMaps()) {
                    WritableGroup g = cores.putGroup("core_" + cells.core());
                    g.putAttribute("layer", layerOf[cells.core()] == null ? "" : layerOf[cells.core()]);
                    WritableDataset gd = g.putDataset("conductances", matrix(cells.conductancesUs(), cells.rows(), cells.cols()));
                    gd.putAttribute("unit", "uS");
                    int[][] writes = new int[cells.rows()][cells.cols()];
                    for (int r = 0; r < cells.rows(); r++) {
                        for (int j = 0; j < cells.cols(); j++) writes[r][j] = cells.writeCount(r, j);
                    }
                    g.putDataset("write_counts", writes);
                }
                if (!perEpoch.isEmpty()) {
                    WritableGroup counters = h.putGroup("counters");
                    long[][] m = new long[perEpoch.size()][];
                    for (int e = 0; e < m.length; e++) m[e] = perEpoch.get(e).toArray();
                    WritableDataset ds = counters.putDataset("per_epoch", m);
                    ds.putAttribute("actions", actionNames());
                }
            }
        });
    }

    /** Qualified action names, then event names, in counter (column) order. */
    public static String[] actionNames() {
        return io.engram.chip.stats.ActionCounters.names();
    }

    static String groupName(String layerKey) {
        return layerKey.replace('/', '_');
    }

    private static int[] shape(Shape s) {
        return new int[]{s.channels(), s.height(), s.width()};
    }

    private static float[][] matrix(float[] flat, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, m[r], 0, cols);
        return m;
    }
}
