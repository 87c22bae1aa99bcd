package io.engram.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * The figures of a point's report.json that the results table holds, each with where it comes from. Per-phase
 * figures come from the {@code train} phase (on-chip learning) and the {@code evaluate} phase (inference, plasticity
 * off). A figure the report does not have (no training phase, no area model) is null.
 */
public enum Metric {
    ACCURACY_TRAIN("accuracy_train", false, r -> num(r.path("accuracy").path("train"))),
    ACCURACY_TEST("accuracy_test", false, r -> num(r.path("accuracy").path("test"))),
    TRAIN_ENERGY("train_energy_pj_per_sample", false, r -> num(phase(r, "train").path("energy").path("per_sample_pj"))),
    INFERENCE_ENERGY("inference_energy_pj_per_sample", false,
            r -> num(phase(r, "evaluate").path("energy").path("per_sample_pj"))),
    INFERENCE_LATENCY_CYCLES("inference_latency_cycles_per_sample", false,
            r -> num(phase(r, "evaluate").path("latency").path("cycles_per_sample"))),
    /** evaluate phase: latency.ns / samples. */
    INFERENCE_LATENCY_NS("inference_latency_ns_per_sample", false, r -> {
        JsonNode p = phase(r, "evaluate");
        Double ns = num(p.path("latency").path("ns"));
        long samples = p.path("samples").asLong(0);
        return ns == null || samples == 0 ? null : ns / samples;
    }),
    /** The report's own average power when it has one, else energy.total_pj / latency.ns (pJ per ns = mW). */
    POWER_MW("power_mw", false, r -> {
        Double reported = firstNumber(r, "power.average_mw", "power.total_mw", "power_mw");
        if (reported != null) return reported;
        Double pj = num(r.path("energy").path("total_pj"));
        Double ns = num(r.path("latency").path("ns"));
        return pj == null || ns == null || ns == 0 ? null : pj / ns;
    }),
    /** Chip area, where the report has an area model. */
    AREA_MM2("area_mm2", false, r -> firstNumber(r, "area.chip_mm2", "area.total_mm2", "chip.area_mm2")),
    TOTAL_ENERGY("total_energy_pj", false, r -> num(r.path("energy").path("total_pj"))),
    WRITE_PULSES("write_pulses", true, r -> num(r.path("learning").path("write_pulses"))),
    CELLS_WRITTEN("cells_written", true, r -> num(r.path("learning").path("cells_written"))),
    MAX_WRITES_PER_CELL("max_writes_per_cell", true, r -> num(r.path("learning").path("max_writes_per_cell"))),
    NOC_FLITS("noc_flits", true, r -> num(r.path("noc").path("flits")));

    private final String column;
    private final boolean integral;
    private final Function<JsonNode, Double> read;

    Metric(String column, boolean integral, Function<JsonNode, Double> read) {
        this.column = column;
        this.integral = integral;
        this.read = read;
    }

    public String column() { return column; }

    /** Whether the figure is a count (a long column) rather than a ratio (a double column). */
    public boolean integral() { return integral; }

    /** The figure from a parsed report.json (a Long for counts, a Double otherwise), or null. */
    public Number from(JsonNode report) {
        Double v = read.apply(report);
        if (v == null) return null;
        return integral ? (Number) Long.valueOf(v.longValue()) : v;
    }

    public static Metric byColumn(String column) {
        for (Metric m : values()) if (m.column.equals(column)) return m;
        return null;
    }

    private static Double num(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.doubleValue();
    }

    private static JsonNode phase(JsonNode r, String name) {
        for (JsonNode p : r.path("phases")) {
            if (name.equals(p.path("name").asText())) return p;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Double firstNumber(JsonNode r, String... dottedPaths) {
        for (String path : dottedPaths) {
            JsonNode n = r;
            for (String k : path.split("\\.")) n = n.path(k);
            if (n.isNumber()) return n.doubleValue();
        }
        return null;
    }
}
