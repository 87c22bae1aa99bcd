package io.engram.runtime.report;

import io.engram.chip.noc.Port;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipStats;
import io.engram.chip.stats.CoreStats;
import io.engram.chip.stats.NocStatsSnapshot;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code counters.csv}: one row per core with its position, the layer it holds, every action count, the cycles in
 * each state, and its cells' write figures. Columns: core, x, y, used, layer, one per action (qualified name, e.g.
 * {@code adc.conversion}), one per state ({@code state.busy_read}, ...), cells_written, max_writes, and the flits the
 * core's router sent out of each mesh port ({@code link_out.north}, east, south, west; blank where there is no link or
 * the interconnect does not count per link).
 */
public final class CountersCsv {
    private CountersCsv() {}

    /** RFC 4180 (Apache Commons CSV), quoting a field only when it needs it, with "\n" line ends on every platform. */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    /** The chip's counters.csv now, from its statistics snapshot. */
    public static String render(Chip chip) {
        return render(chip.stats(), chip.spec().mesh(), chip.program());
    }

    /**
     * @param mesh the chip's mesh (positions, and which links exist)
     * @param prog the program the chip ran, for the layer column (null: blank)
     */
    public static String render(ChipStats stats, MeshSpec mesh, ChipProgram prog) {
        List<String> header = new ArrayList<>(List.of("core", "x", "y", "used", "layer"));
        header.addAll(List.of(ActionCounters.names()));
        for (String s : stats.coreStates()) header.add("state." + s);
        header.addAll(List.of("cells_written", "max_writes", "learn_overlap_cycles"));
        for (Port p : Port.values()) if (p.isMesh()) header.add("link_out." + p.name().toLowerCase(Locale.ROOT));
        NocStatsSnapshot noc = stats.noc();
        long[] links = noc.countsLinks() ? noc.linkLoads() : null;
        int cores = stats.cores().size();
        String[] layerOf = prog == null ? new String[cores] : ReportBuilder.layerOfCore(prog, cores);
        int w = mesh.width();
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter out = new CSVPrinter(sb, FORMAT)) {
            out.printRecord(header);
            for (CoreStats c : stats.cores()) {
                int i = c.index();
                List<Object> row = new ArrayList<>(List.of(i, i % w, i / w, c.used(), layerOf[i] == null ? "" : layerOf[i]));
                for (long v : c.counts().toArray()) row.add(v);
                for (long v : c.stateCycles()) row.add(v);
                row.add(c.cellsWritten());
                row.add(c.maxWrites());
                row.add(c.learnOverlapCycles());
                for (Port p : Port.values()) {
                    if (!p.isMesh()) continue;
                    // blank: the interconnect does not count per-link flits, or there is no link on that side
                    int nx = i % w + p.dx();
                    int ny = i / w + p.dy();
                    boolean exists = nx >= 0 && ny >= 0 && nx < w && ny < mesh.height();
                    row.add(links != null && exists ? Long.toString(links[i * Port.DIRECTIONS + p.ordinal()]) : "");
                }
                out.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return sb.toString();
    }

    public static void write(Chip chip, Path file) {
        AtomicFiles.writeString(file, render(chip));
    }

    public static void write(ChipStats stats, MeshSpec mesh, ChipProgram prog, Path file) {
        AtomicFiles.writeString(file, render(stats, mesh, prog));
    }
}
