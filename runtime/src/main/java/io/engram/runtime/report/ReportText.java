package io.engram.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readable rendering of a {@link Report} ({@code report.txt}). Every figure comes from the report object, so the
 * text never says anything the JSON does not; nobody should parse this text.
 */
public final class ReportText {
    private ReportText() {}

    public static String render(Report r) {
        StringBuilder sb = new StringBuilder();
        Report.ChipInfo c = r.chip();
        sb.append("Engram ").append(r.engramVersion()).append("  seed ").append(r.seed()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Chip       %s (technology %s): %d cores, mesh %dx%d, %s MHz%n",
                c.name(), c.technology(), c.cores(), c.mesh().get(0), c.mesh().get(1), num(c.clockMhz())));
        mapping(sb, r.mapping());
        accuracy(sb, r.accuracy());
        energy(sb, r.energy(), r.latency().samples());
        efficiency(sb, r.efficiency());
        latency(sb, r.latency(), r.mapping().coresUsed());
        area(sb, r.area());
        memory(sb, r.memory());
        learning(sb, r.learning());
        Report.Noc n = r.noc();
        sb.append(String.format(Locale.ROOT, "%nNoC        %d packets, %d flits injected, %d link flit-hops, %d router traversals "
                        + "(injection and ejection included), %d packet-hops (hops summed over deliveries)%n"
                        + "           %d stall cycles, max link load %d flits%n",
                n.packets(), n.flits(), n.flitHops(), n.routerTraversals(), n.hops(), n.stallCycles(), n.maxLinkLoad()));
        phases(sb, r.phases());
        return sb.toString().replace(System.lineSeparator(), "\n");
    }

    private static void mapping(StringBuilder sb, Report.Mapping m) {
        sb.append(String.format(Locale.ROOT, "Mapping    %d cores used, crossbar utilisation %s%n",
                m.coresUsed(), pct(m.crossbarUtilization())));
        Table t = new Table("layer", "core", "x", "y", "rows", "cols", "utilisation");
        for (Report.TileInfo ti : m.tiles()) {
            t.row(ti.layer(), ti.core(), ti.x(), ti.y(),
                    ti.rowStart() + "+" + ti.rows(), ti.colStart() + "+" + ti.cols(), pct(ti.utilization()));
        }
        t.render(sb, "  ");
    }

    private static void accuracy(StringBuilder sb, AccuracyFigures a) {
        sb.append(String.format(Locale.ROOT, "%nAccuracy   train %s, test %s (readout: %s)%n",
                pct(a.train()), pct(a.test()), a.readout()));
        if (!a.perEpoch().isEmpty()) {
            Table t = new Table("epoch", "train", "test");
            for (AccuracyFigures.EpochAccuracy e : a.perEpoch()) t.row(e.epoch(), pct(e.train()), pct(e.test()));
            t.render(sb, "  ");
        }
    }

    private static void energy(StringBuilder sb, Report.Energy e, long samples) {
        sb.append(String.format(Locale.ROOT, "%nEnergy     total %s = dynamic %s + leakage %s%n",
                energy(e.totalPj()), energy(e.dynamicPj()), energy(e.leakagePj())));
        sb.append(String.format(Locale.ROOT, "           per sample %s (%d samples)%n", energy(e.perSamplePj()), samples));
        Table t = new Table("component", "action", "count", "cost", "energy", "share", "source");
        for (Report.Line l : e.lines()) {
            t.row(l.component(), l.action(), l.count(), energy(l.costPj()), energy(l.energyPj()),
                    pct(share(l.energyPj(), e.totalPj())), l.source());
        }
        t.row("(all)", "leakage", "", "", energy(e.leakagePj()), pct(share(e.leakagePj(), e.totalPj())), "");
        t.render(sb, "  ");
        Report.Leakage lk = e.leakage();
        sb.append(String.format(Locale.ROOT, "  leakage: %s static; unused cores %s, %d cores powered%n",
                power(lk.powerMw()), lk.unusedCores(), lk.coresPowered()));
        Table lt = new Table("component", "instances", "per instance", "power", "energy", "source");
        for (Report.LeakageLine l : lk.lines()) {
            lt.row(l.component(), num(l.instances()) + " " + l.unit(), power(l.perInstanceMw()), power(l.powerMw()),
                    energy(l.energyPj()), l.source());
        }
        lt.render(sb, "  ");
        sb.append("  by component (dynamic)\n");
        shares(sb, e.byComponent(), e.totalPj());
        sb.append("  by layer (dynamic)\n");
        shares(sb, e.byLayer(), e.totalPj());
        if (e.nocByKind() != null && !e.nocByKind().isEmpty()) {
            sb.append("  NoC traffic by packet kind (router and link lines split by what the packets carry)\n");
            Table kinds = new Table("kind", "packets", "router traversals", "flit-hops", "energy", "share");
            e.nocByKind().forEach((k, v) -> kinds.row(k, v.packets(), v.routerTraversals(), v.flitHops(), energy(v.energyPj()),
                    pct(share(v.energyPj(), e.totalPj()))));
            kinds.render(sb, "  ");
        }
    }

    private static void efficiency(StringBuilder sb, Report.Efficiency f) {
        sb.append(String.format(Locale.ROOT, "%nEfficiency %d synaptic ops (one per weight per non-zero input: effective MACs / ACs)%n",
                f.synapticOps()));
        Table t = new Table("", "phases", "samples", "synaptic ops", "energy", "per synaptic op", "TOPS/W", "avg power");
        group(t, "inference", f.inference());
        group(t, "training", f.training());
        t.render(sb, "  ");
    }

    private static void group(Table t, String name, Report.PhaseGroup g) {
        if (g.phases().isEmpty()) return;
        t.row(name, String.join(" ", g.phases()), g.samples(), g.synapticOps(), energy(g.energyPj()),
                energy(g.pjPerSynapticOp()), num(g.topsPerW()), power(g.averagePowerMw()));
    }

    private static void area(StringBuilder sb, Report.Area a) {
        sb.append(String.format(Locale.ROOT, "%nArea       chip %s mm2, core %s mm2, router %s mm2%n",
                num(a.chipMm2()), num(a.coreMm2()), num(a.routerMm2())));
        Table t = new Table("component", "instances", "per instance", "area", "source");
        for (Report.AreaLine l : a.lines()) {
            t.row(l.component(), num(l.instances()) + " " + l.unit(), num(l.perInstanceUm2()) + " um2",
                    num(l.areaMm2()) + " mm2", l.source());
        }
        t.render(sb, "  ");
    }

    private static void shares(StringBuilder sb, Map<String, Double> m, double total) {
        Table t = new Table("", "energy", "share");
        m.forEach((k, v) -> t.row(k, energy(v), pct(share(v, total))));
        t.render(sb, "  ");
    }

    private static void latency(StringBuilder sb, Report.Latency l, int coresUsed) {
        sb.append(String.format(Locale.ROOT, "%nLatency    %d cycles = %s; per sample %s cycles pipelined, %s cycles serial%n",
                l.cycles(), time(l.ns()), num(l.cyclesPerSample()), num(l.cyclesPerSampleSerial())));
        long all = l.cycles() * (long) coresUsed;
        Table t = new Table("core state", "cycles", "share");
        l.coreStates().forEach((k, v) -> t.row(k, v, pct(all == 0 ? null : (double) v / all)));
        t.render(sb, "  ");
        long serial = 0;
        for (long v : l.criticalPath().values()) serial += v;
        if (serial > 0) {
            Table p = new Table("critical path by step phase", "cycles", "per sample", "share");
            long total = serial;
            l.criticalPath().forEach((k, v) -> {
                if (v > 0) p.row(k, v, num(l.samples() == 0 ? null : (double) v / l.samples()), pct((double) v / total));
            });
            p.render(sb, "  ");
            Table c = new Table("critical path by component", "cycles", "per sample", "share");
            l.criticalPathByComponent().forEach((k, v) -> {
                if (v > 0) c.row(k, v, num(l.samples() == 0 ? null : (double) v / l.samples()), pct((double) v / total));
            });
            c.render(sb, "  ");
        }
        Long learn = l.coreStates().get("busy_learn");
        if (learn != null && learn > 0) {
            sb.append(String.format(Locale.ROOT, "  learn cycles overlapping other cores' compute: %d of %d (%s)%n",
                    l.learnOverlapCycles(), learn, pct((double) l.learnOverlapCycles() / learn)));
        }
    }

    private static void memory(StringBuilder sb, Report.Memory m) {
        sb.append(String.format(Locale.ROOT,
                "%nMemory     RRAM cells %d used of %d (%s); SRAM %d B allocated of %d B; program %d B; simulator arrays %d B%n",
                m.rramCellsUsed(), m.rramCells(), pct(share(m.rramCellsUsed(), m.rramCells())), m.sramPeakBytes(),
                m.sramBytes(), m.programBytes(), m.simulatorBytes()));
    }

    private static void learning(StringBuilder sb, Report.Learning l) {
        sb.append(String.format(Locale.ROOT,
                "%nLearning   %d updates, %d write pulses, %d verify reads; %d cells written, max %d writes per cell, %d past endurance%n",
                l.updates(), l.writePulses(), l.verifyReads(), l.cellsWritten(), l.maxWritesPerCell(),
                l.cellsPastEndurance()));
        if (!l.writeHistogram().isEmpty()) {
            Table t = new Table("writes", "cells");
            for (Report.WriteBucket b : l.writeHistogram()) {
                t.row(b.minWrites() == b.maxWrites() ? String.valueOf(b.minWrites()) : b.minWrites() + "-" + b.maxWrites(),
                        b.cells());
            }
            t.render(sb, "  ");
        }
    }

    private static void phases(StringBuilder sb, List<Report.Phase> phases) {
        if (phases.isEmpty()) return;
        sb.append("\nPhases\n");
        Table t = new Table("phase", "samples", "cycles", "time", "energy", "per sample", "avg power", "synaptic ops",
                "per synaptic op", "updates", "write pulses");
        for (Report.Phase p : phases) {
            t.row(p.name(), p.samples(), p.latency().cycles(), time(p.latency().ns()), energy(p.energy().totalPj()),
                    energy(p.energy().perSamplePj()), power(p.energy().powerMw()), p.energy().synapticOps(),
                    energy(p.energy().pjPerSynapticOp()), p.learning().updates(), p.learning().writePulses());
        }
        t.render(sb, "  ");
    }

    private static Double share(double part, double whole) {
        return whole == 0 ? null : part / whole;
    }

    static String pct(Double f) {
        return f == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", f * 100);
    }

    static String num(Double v) {
        if (v == null) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%d", v.longValue());
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Energy with an SI prefix chosen so that the mantissa is in [1, 1000). */
    static String energy(Double pj) {
        if (pj == null) return "n/a";
        return si(pj, new String[]{"fJ", "pJ", "nJ", "uJ", "mJ", "J"}, 1);
    }

    /** Power with an SI prefix, from milliwatts. */
    static String power(Double mw) {
        if (mw == null) return "n/a";
        return si(mw, new String[]{"pW", "nW", "uW", "mW", "W", "kW"}, 3);
    }

    static String time(Double ns) {
        if (ns == null) return "n/a";
        return si(ns, new String[]{"ps", "ns", "us", "ms", "s"}, 1);
    }

    private static String si(double v, String[] units, int base) {
        if (v == 0) return "0 " + units[base];
        int u = base;
        double x = v;
        while (Math.abs(x) >= 1000 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        while (Math.abs(x) < 1 && u > 0) {
            x *= 1000;
            u--;
        }
        return String.format(Locale.ROOT, "%.4g %s", x, units[u]);
    }

    /** Left-aligned text columns, right-aligned number columns. */
    private static final class Table {
        private final String[] head;
        private final List<String[]> rows = new ArrayList<>();
        private final boolean[] numeric;

        Table(String... head) {
            this.head = head;
            this.numeric = new boolean[head.length];
            java.util.Arrays.fill(numeric, true);
        }

        void row(Object... cells) {
            String[] s = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                s[i] = String.valueOf(cells[i]);
                if (!(cells[i] instanceof Number) && !looksNumeric(s[i])) numeric[i] = false;
            }
            rows.add(s);
        }

        private static boolean looksNumeric(String s) {
            return s.isEmpty() || s.equals("n/a") || Character.isDigit(s.charAt(0)) || s.charAt(0) == '-';
        }

        void render(StringBuilder sb, String indent) {
            if (rows.isEmpty()) return;
            int[] w = new int[head.length];
            for (int i = 0; i < head.length; i++) w[i] = head[i].length();
            for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
            line(sb, indent, head, w);
            for (String[] r : rows) line(sb, indent, r, w);
        }

        private void line(StringBuilder sb, String indent, String[] cells, int[] w) {
            StringBuilder l = new StringBuilder(indent);
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) l.append("  ");
                boolean last = i == cells.length - 1;
                if (numeric[i]) l.append(" ".repeat(w[i] - cells[i].length())).append(cells[i]);
                else l.append(cells[i]).append(last ? "" : " ".repeat(w[i] - cells[i].length()));
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
    }
}
