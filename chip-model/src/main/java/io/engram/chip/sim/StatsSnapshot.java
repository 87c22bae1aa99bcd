package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.noc.Port;
import io.engram.chip.stats.CellMap;
import io.engram.chip.stats.ChipCounters;
import io.engram.chip.stats.ChipStats;
import io.engram.chip.stats.CoreStats;
import io.engram.chip.stats.NocStatsSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Takes a {@link ChipStats} snapshot and the {@link CellMap}s of a chip: the one place that reads the live cores. */
final class StatsSnapshot {
    private StatsSnapshot() {}

    static ChipStats of(Chip chip) {
        Core[] cores = chip.cores();
        long[] overlap = chip.learnOverlapCycles();
        List<CoreStats> cs = new ArrayList<>(cores.length);
        for (Core c : cores) {
            long cellsUsed = 0, written = 0, maxWrites = 0, past = 0, host = 0;
            long[] hist = new long[0];
            if (c.used()) {
                SynapseBlock b = c.block();
                CellArray cells = b.cells();
                cellsUsed = (long) b.rows() * b.cols() * b.cellsPerWeight();
                written = cells.cellsWritten();
                maxWrites = cells.maxWrites();
                past = cells.cellsPastEndurance();
                hist = cells.writeCountsByPowerOfTwo(b.rows(), b.cols() * b.cellsPerWeight(), b.stride());
                host = cells.memoryBytes();
            }
            cs.add(new CoreStats(c.index(), c.used(), c.counts(), c.stateCyclesArray(), overlap[c.index()], cellsUsed,
                    written, maxWrites, past, hist, host));
        }
        List<String> states = new ArrayList<>();
        for (CoreState s : CoreState.values()) states.add(key(s.name()));
        List<String> phases = new ArrayList<>();
        for (StepPhase p : StepPhase.values()) phases.add(key(p.name()));
        return new ChipStats(chip.now(), chip.serialCycles(), chip.samples(), cs, states, phases, chip.stepPhaseCycles(),
                noc(chip.noc()));
    }

    private static NocStatsSnapshot noc(Interconnect noc) {
        Interconnect.NocTotals t = noc.totals();
        long[] k = noc.byKind();
        int n = PacketKind.values().length;
        List<String> kinds = new ArrayList<>(n);
        long[] packets = new long[n], router = new long[n], link = new long[n];
        for (PacketKind kind : PacketKind.values()) {
            int i = kind.ordinal();
            int b = i * Interconnect.KIND_FIELDS;
            kinds.add(key(kind.name()));
            packets[i] = k[b];
            router[i] = k[b + 1];
            link[i] = k[b + 2];
        }
        long[] loads = noc.linkLoads();
        List<String> links = new ArrayList<>();
        if (loads != null) {
            for (int r = 0; r < loads.length / Port.DIRECTIONS; r++) {
                for (int p = 0; p < Port.DIRECTIONS; p++) links.add(r + "." + key(Port.values()[p].name()));
            }
        }
        return new NocStatsSnapshot(noc.counts(), t.packets(), t.flits(), t.hops(), t.stallCycles(), t.maxLinkLoad(),
                kinds, packets, router, link, links, loads == null ? new long[0] : loads);
    }

    /** The running counters: no cell array is scanned. */
    static ChipCounters counters(Chip chip) {
        long[] states = new long[CoreState.values().length];
        int used = 0;
        for (Core c : chip.cores()) {
            if (!c.used()) continue;
            used++;
            long[] s = c.stateCyclesArray();
            for (int i = 0; i < states.length; i++) states[i] += s[i];
        }
        Interconnect.NocTotals t = chip.noc().totals();
        return new ChipCounters(chip.totalCounts(), chip.now(), chip.samples(), t.packets(), t.flits(), states, used);
    }

    /** The cell arrays of the used cores, in core order. */
    static List<CellMap> cellMaps(Chip chip) {
        List<CellMap> maps = new ArrayList<>();
        for (Core c : chip.cores()) {
            if (!c.used()) continue;
            CellArray cells = c.block().cells();
            int[] writes = new int[cells.cells()];
            for (int i = 0; i < writes.length; i++) writes[i] = cells.writeCount(i);
            maps.add(new CellMap(c.index(), cells.rows(), cells.cols(), cells.conductances(), writes));
        }
        return maps;
    }

    private static String key(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }
}
