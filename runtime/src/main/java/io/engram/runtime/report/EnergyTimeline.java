package io.engram.runtime.report;

import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ChipInventory;
import io.engram.chip.stats.EnergyAccount;
import io.engram.chip.stats.TimelineProbe;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TimelineProbe} priced as the report prices the whole run ({@link EnergyAccount#of}: each action count x
 * its cost from the chip's technology, leakage = the powered instances' static power x the row's cycles): per row,
 * the dynamic energy of every component class and the leakage. The rows, {@link #beforePj()} (loading the program)
 * and {@link #afterPj()} (the drain after the last point) add up to the report's {@code energy.total_pj}.
 *
 * @param columns   component keys in {@link Component} order, then {@code leakage}
 * @param rowsPj    [rows][columns] energy in pJ
 * @param beforePj  [columns] energy before the first point
 * @param afterPj   [columns] energy after the last point
 */
public record EnergyTimeline(List<String> columns, double[][] rowsPj, double[] beforePj, double[] afterPj) {
    /** Name of the last column. */
    public static final String LEAKAGE = "leakage";

    public EnergyTimeline {
        columns = List.copyOf(columns);
    }

    /** Prices the timeline with {@code chip}'s technology and powered instances (the ones the report uses). */
    public static EnergyTimeline of(TimelineProbe t, Chip chip) {
        Technology tech = chip.spec().technology();
        ChipInventory inv = ReportBuilder.inventory(chip);
        List<String> cols = new ArrayList<>();
        for (Component c : Component.values()) cols.add(c.key());
        cols.add(LEAKAGE);
        List<TimelineProbe.Row> rows = t.rows();
        double[][] e = new double[rows.size()][];
        for (int r = 0; r < e.length; r++) e[r] = price(rows.get(r), tech, inv);
        return new EnergyTimeline(cols, e, price(t.before(), tech, inv), price(t.after(), tech, inv));
    }

    private static double[] price(TimelineProbe.Row row, Technology tech, ChipInventory inv) {
        EnergyAccount a = EnergyAccount.of(row.counts(), tech, inv, row.cycleEnd() - row.cycleStart());
        Component[] comps = Component.values();
        double[] out = new double[comps.length + 1];
        for (Component c : comps) out[c.ordinal()] = a.byComponentPj().getOrDefault(c, 0.0);
        out[comps.length] = a.leakagePj();
        return out;
    }

    /** Energy of row r over every column, pJ. */
    public double rowTotalPj(int r) { return sum(rowsPj[r]); }

    /** Rows + before + after, pJ: the report's total energy. */
    public double totalPj() {
        double s = sum(beforePj) + sum(afterPj);
        for (double[] r : rowsPj) s += sum(r);
        return s;
    }

    /** Energy of column c over the rows, before and after, pJ. */
    public double columnPj(int c) {
        double s = beforePj[c] + afterPj[c];
        for (double[] r : rowsPj) s += r[c];
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
