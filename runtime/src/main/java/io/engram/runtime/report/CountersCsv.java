package io.engram.runtime.report;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.noc.Port;
import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code counters.csv}: one row per core with its position, the layer it holds, every action count, the cycles in
 * each state, and its cells' write figures. Columns: core, x, y, used, layer, one per action (qualified name, e.g.
 * {@code adc.conversion}), one per unpriced event ({@code synaptic_op}), one per state ({@code state.busy_read}, ...), cells_written, max_writes, and the flits the
 * core's router sent out of each mesh port ({@code link_out.north}, east, south, west; blank where there is no link or
 * the interconnect does not count per link).
 */
public final class CountersCsv {
    private CountersCsv() {}

    public static String render(Chip chip) {
        StringBuilder sb = new StringBuilder("core,x,y,used,layer");
        for (String n : ActionCounters.names()) sb.append(',').append(n);
        for (CoreState s : CoreState.values()) sb.append(",state.").append(ReportBuilder.stateKey(s));
        sb.append(",cells_written,max_writes,learn_overlap_cycles");
        for (Port p : Port.values()) if (p.isMesh()) sb.append(",link_out.").append(p.name().toLowerCase(Locale.ROOT));
        sb.append('\n');
        long[] links = Plots.linkLoads(chip);
        String[] layerOf = chip.program() == null ? new String[chip.cores().length]
                : ReportBuilder.layerOfCore(chip.program(), chip.cores().length);
        int w = chip.spec().mesh().width();
        long[] overlap = chip.learnOverlapCycles();
        for (Core c : chip.cores()) {
            int i = c.index();
            sb.append(i).append(',').append(i % w).append(',').append(i / w).append(',').append(c.used()).append(',')
                    .append(layerOf[i] == null ? "" : quote(layerOf[i]));
            for (long v : c.counts().toArray()) sb.append(',').append(v);
            for (CoreState s : CoreState.values()) sb.append(',').append(c.stateCycles(s));
            sb.append(',').append(c.used() ? c.block().cells().cellsWritten() : 0)
                    .append(',').append(c.used() ? c.block().cells().maxWrites() : 0)
                    .append(',').append(overlap[i]);
            for (Port p : Port.values()) {
                if (!p.isMesh()) continue;
                sb.append(',');
                // blank: the interconnect does not count per-link flits, or there is no link on that side
                int nx = i % w + p.dx();
                int ny = i / w + p.dy();
                boolean exists = nx >= 0 && ny >= 0 && nx < w && ny < chip.spec().mesh().height();
                if (links != null && exists) sb.append(links[i * Port.DIRECTIONS + p.ordinal()]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static void write(Chip chip, Path file) {
        AtomicFiles.writeString(file, render(chip));
    }

    /** RFC 4180 quoting when the field holds a comma, quote or line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
