package io.engram.runtime.report;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.sim.Chip;
import io.engram.chip.tech.Action;

import java.nio.file.Path;

/**
 * {@code counters.csv}: one row per core with its position, the layer it holds, every action count, the cycles in
 * each state, and its cells' write figures. Columns: core, x, y, used, layer, one per action (qualified name, e.g.
 * {@code adc.conversion}), one per state ({@code state.busy_read}, ...), cells_written, max_writes.
 */
public final class CountersCsv {
    private CountersCsv() {}

    public static String render(Chip chip) {
        StringBuilder sb = new StringBuilder("core,x,y,used,layer");
        for (Action a : Action.values()) sb.append(',').append(a.qualifiedName());
        for (CoreState s : CoreState.values()) sb.append(",state.").append(ReportBuilder.stateKey(s));
        sb.append(",cells_written,max_writes\n");
        String[] layerOf = chip.program() == null ? new String[chip.cores().length]
                : ReportBuilder.layerOfCore(chip.program(), chip.cores().length);
        int w = chip.spec().mesh().width();
        for (Core c : chip.cores()) {
            int i = c.index();
            sb.append(i).append(',').append(i % w).append(',').append(i / w).append(',').append(c.used()).append(',')
                    .append(layerOf[i] == null ? "" : quote(layerOf[i]));
            for (Action a : Action.values()) sb.append(',').append(c.counts().get(a));
            for (CoreState s : CoreState.values()) sb.append(',').append(c.stateCycles(s));
            sb.append(',').append(c.used() ? c.block().cells().cellsWritten() : 0)
                    .append(',').append(c.used() ? c.block().cells().maxWrites() : 0).append('\n');
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
