package io.engram.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportJsonTest {
    static Report r;

    @BeforeAll
    static void build() {
        r = ReportFixture.run(7).report;
    }

    @Test
    void writtenAndReadBackEqualsTheObject(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("report.json");
        ReportJson.write(r, f);
        assertEquals(r, ReportJson.read(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void keysAreTheSchemaInItsOrder() throws IOException {
        JsonNode n = new ObjectMapper().readTree(ReportJson.toJson(r));
        assertEquals(List.of("engram_version", "seed", "chip", "mapping", "accuracy", "energy", "efficiency", "latency",
                "area", "memory", "learning", "noc", "phases"), keys(n));
        assertEquals(List.of("name", "cores", "mesh", "clock_mhz", "technology"), keys(n.get("chip")));
        assertEquals(List.of("cores_used", "crossbar_utilization", "tiles"), keys(n.get("mapping")));
        assertEquals(List.of("train", "test", "readout", "per_epoch"), keys(n.get("accuracy")));
        assertEquals(List.of("total_pj", "dynamic_pj", "leakage_pj", "lines", "leakage", "by_component", "by_layer",
                "per_sample_pj", "noc_by_kind"), keys(n.get("energy")));
        assertEquals(List.of("component", "action", "count", "cost_pj", "energy_pj", "source"),
                keys(n.get("energy").get("lines").get(0)));
        assertEquals(List.of("unused_cores", "cores_powered", "power_mw", "lines"), keys(n.get("energy").get("leakage")));
        assertEquals(List.of("component", "unit", "instances", "per_instance_mw", "power_mw", "energy_pj", "source"),
                keys(n.get("energy").get("leakage").get("lines").get(0)));
        assertEquals(List.of("packets", "router_traversals", "flit_hops", "energy_pj"),
                keys(n.get("energy").get("noc_by_kind").get("activation")));
        assertEquals(List.of("synaptic_ops", "inference", "training"), keys(n.get("efficiency")));
        assertEquals(List.of("phases", "samples", "synaptic_ops", "energy_pj", "pj_per_synaptic_op", "tops_per_w",
                "average_power_mw"), keys(n.get("efficiency").get("inference")));
        assertEquals(List.of("chip_mm2", "core_mm2", "router_mm2", "lines"), keys(n.get("area")));
        assertEquals(List.of("component", "unit", "instances", "per_instance_um2", "area_mm2", "source"),
                keys(n.get("area").get("lines").get(0)));
        assertEquals(List.of("cycles", "ns", "cycles_per_sample", "cycles_per_sample_serial", "core_states", "samples",
                "learn_overlap_cycles", "critical_path", "critical_path_by_component"),
                keys(n.get("latency")));
        assertEquals(List.of("norm", "ingress", "read", "convert", "partial_sum", "reduction", "competition", "neuron",
                "plasticity", "spike_out", "barrier"), keys(n.get("latency").get("critical_path")));
        assertEquals(List.of("neuron", "noc", "crossbar", "adc", "competition", "plasticity", "barrier"),
                keys(n.get("latency").get("critical_path_by_component")));
        assertEquals(List.of("busy_read", "busy_neuron", "busy_compete", "busy_learn", "stalled_noc", "idle"),
                keys(n.get("latency").get("core_states")));
        assertEquals(List.of("rram_cells", "rram_cells_used", "sram_bytes", "sram_peak_bytes", "program_bytes",
                "simulator_bytes"), keys(n.get("memory")));
        assertEquals(List.of("updates", "write_pulses", "verify_reads", "cells_written", "max_writes_per_cell",
                "cells_past_endurance", "write_histogram"), keys(n.get("learning")));
        assertEquals(List.of("packets", "flits", "hops", "flit_hops", "router_traversals", "stall_cycles", "max_link_load"),
                keys(n.get("noc")));
        assertEquals(List.of("name", "samples", "energy", "latency", "learning", "counts"), keys(n.get("phases").get(0)));
        assertEquals(List.of("total_pj", "dynamic_pj", "leakage_pj", "per_sample_pj", "power_mw", "synaptic_ops",
                "pj_per_synaptic_op", "by_component"), keys(n.get("phases").get(0).get("energy")));
        assertEquals(4, n.get("chip").get("mesh").get(0).asInt());
    }

    @Test
    void dynamicEnergyEqualsTheSumOfTheLinesInTheJson() throws IOException {
        JsonNode e = new ObjectMapper().readTree(ReportJson.toJson(r)).get("energy");
        double sum = 0;
        for (JsonNode l : e.get("lines")) sum += l.get("count").asLong() * l.get("cost_pj").asDouble();
        assertEquals(e.get("dynamic_pj").asDouble(), sum, 0.0);
    }

    @Test
    void coreStatesInTheJsonSumToCyclesTimesCoresUsed() throws IOException {
        JsonNode n = new ObjectMapper().readTree(ReportJson.toJson(r));
        long sum = 0;
        for (JsonNode v : n.get("latency").get("core_states")) sum += v.asLong();
        assertEquals(n.get("latency").get("cycles").asLong() * n.get("mapping").get("cores_used").asLong(), sum);
    }

    @Test
    void sameSeedGivesTheSameBytes(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ReportJson.write(ReportFixture.run(11).report, a);
        ReportJson.write(ReportFixture.run(11).report, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        byte[] other = ReportJson.toBytes(ReportFixture.run(12).report);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), other), "a different seed changes the report");
    }

    @Test
    void noWallClockTimeAndUnixLineEnds() {
        String json = ReportJson.toJson(r);
        assertFalse(json.contains("\r"));
        assertTrue(json.endsWith("}\n"));
        for (String k : List.of("started", "finished", "duration", "wall", "time\"")) {
            assertFalse(json.contains(k), "report.json mentions " + k);
        }
        assertTrue(json.contains("\"readout\": \"linear (off-chip softmax regression)\""));
    }

    @Test
    void undefinedRatiosAreWrittenAsNull() throws IOException {
        Report noAcc = new Report(r.engramVersion(), r.seed(), r.chip(), r.mapping(), AccuracyFigures.none(),
                r.energy(), r.efficiency(), r.latency(), r.area(), r.memory(), r.learning(), r.noc(), r.phases());
        String json = ReportJson.toJson(noAcc);
        assertTrue(json.contains("\"train\": null"));
        assertEquals(noAcc, ReportJson.fromJson(json));
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) k.add(it.next());
        return k;
    }
}
