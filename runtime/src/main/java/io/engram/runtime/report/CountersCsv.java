package io.engram.runtime.report;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.noc.Port;
import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;

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

    public static String render(Chip chip) {
        List<String> header = new ArrayList<>(List.of("core", "x", "y", "used", "layer"));
        header.addAll(List.of(ActionCounters.names()));
        for (CoreState s : CoreState.values()) header.add("state." + ReportBuilder.stateKey(s));
        header.addAll(List.of("cells_written", "max_writes", "learn_overlap_cycles"));
        for (Port p : Port.values()) if (p.isMesh()) header.add("link_out." + p.name().toLowerCase(Locale.ROOT));
        long[] links = Plots.linkLoads(chip);
        String[] layerOf = chip.program() == null ? new String[chip.cores().length]
                : ReportBuilder.layerOfCore(chip.program(), chip.cores().length);
        int w = chip.spec().mesh().width();
        long[] overlap = chip.learnOverlapCycles();
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter out = new CSVPrinter(sb, FORMAT)) {
            out.printRecord(header);
            for (Core c : chip.cores()) {
                int i = c.index();
                List<Object> row = new ArrayList<>(List.of(i, i % w, i / w, c.used(), layerOf[i] == null ? "" : layerOf[i]));
                for (long v : c.counts().toArray()) row.add(v);
                for (CoreState s : CoreState.values()) row.add(c.stateCycles(s));
                row.add(c.used() ? c.block().cells().cellsWritten() : 0);
                row.add(c.used() ? c.block().cells().maxWrites() : 0);
                row.add(overlap[i]);
                for (Port p : Port.values()) {
                    if (!p.isMesh()) continue;
                    // blank: the interconnect does not count per-link flits, or there is no link on that side
                    int nx = i % w + p.dx();
                    int ny = i / w + p.dy();
                    boolean exists = nx >= 0 && ny >= 0 && nx < w && ny < chip.spec().mesh().height();
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
}
