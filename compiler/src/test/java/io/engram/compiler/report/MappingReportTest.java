package io.engram.compiler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.chip.neuron.Competition;
import io.engram.chip.noc.PacketKind;
import io.engram.chip.spec.ChipSpec;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.RoutedIr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mapping report of a small network compiled onto rram-22nm cut to a 2x2 mesh, against hand counts.
 * <p>
 * Network: 64 inputs, dense "a" 64 (one tile t0), dense "b" 100 with a softmax (128-row x 64-neuron crossbars:
 * 1 row block x 2 column blocks, t1 = 64 columns, t2 = 36). Flows: ACTIVATION t0 -> {t1, t2}, 64 x 8 bits = 512
 * bits per destination; REDUCTION t2 -> t1 and t1 -> t2, 64 bits each.
 * <p>
 * Placement: on a 2x2 mesh the two neighbours of a corner are diagonal to each other. With t1, t2 diagonal and t0 on a
 * corner next to both: 512 x 1 + 512 x 1 + 64 x 2 + 64 x 2 = 1280 bit-hops. With t1, t2 adjacent, t0 is next to one
 * of them only: 512 + 512 x 2 + 64 + 64 = 1664. So the optimum is 1280, and row-major (t0, t1, t2 on cores 0, 1, 2:
 * 0 is next to 1 and 2, which are diagonal) is that optimum too.
 * <p>
 * Traffic (64-bit flits, 16-bit header, tree multicast): ACTIVATION 1 packet of ceil(528 / 64) = 9 flits over a
 * tree of 2 links = 18 flit-hops, 1024 payload bits; REDUCTION 2 packets of ceil(80 / 64) = 2 flits over 2 hops each
 * = 8 flit-hops, 4 flits, 128 payload bits. Hop histogram: two destinations at 1 hop, two at 2.
 * Cells: (64 x 64 + 64 x 100) x 2 cells per weight = 20,992 of 3 x 128 x 128 = 49,152 in used cores (42.7 %).
 */
class MappingReportTest {
    private static ChipSpec chip;
    private static CompileResult result;
    private static MappingReport report;

    @BeforeAll
    static void compile() {
        chip = TestChips.withMesh(TestChips.rram(), 2, 2);
        Network n = Network.builder("two-layers").input(64)
                .dense("a", 64)
                .dense("b", 100).competition(Competition.softmax(0.1))
                .build();
        result = TestChips.compile(NetworkSource.of(n), chip);
        assertTrue(result.ok(), result.renderDiagnostics());
        report = result.report();
    }

    @Test
    void coresTilesAndCells() {
        assertEquals(3, report.coresUsed());
        assertEquals(4, report.coresAvailable());
        assertEquals(2, report.meshWidth());
        assertEquals(2, report.meshHeight());
        assertEquals(3, report.tiles());
        assertEquals(List.of(new MappingReport.LayerTiles("a", "dense", 64, 64, 1, 1, 1),
                new MappingReport.LayerTiles("b", "dense", 64, 100, 1, 1, 2)), report.layers());
        assertEquals(20_992, report.cellsUsed());
        assertEquals(49_152, report.cellsOfUsedCores());
        assertEquals(20_992 / 49_152.0, report.crossbarUtilization(), 1e-15);
    }

    @Test
    void trafficHopsAndPlacementMatchTheHandCount() {
        assertEquals(new RoutedIr.Traffic(1, 1, 9, 18, 1024), report.trafficPerSample().get(PacketKind.ACTIVATION));
        assertEquals(new RoutedIr.Traffic(2, 2, 4, 8, 128), report.trafficPerSample().get(PacketKind.REDUCTION));
        assertEquals(2, report.trafficPerSample().size());
        assertArrayEquals(new long[]{0, 2, 2}, report.hopHistogram());
        assertEquals(1280, report.placementObjective());
        assertEquals(1280, report.rowMajorObjective());
    }

    /**
     * SRAM per core (AllocatePass): input buffer rows x 8 bits = 64 bytes, partial sums cols x 4 bytes, 8 bytes per
     * routing-table entry. Table entries with the optimal placement: the two reductions between the diagonal t1 and
     * t2 turn at the two other corners (XY goes X first, so t2 -> t1 and t1 -> t2 turn at different corners), one of
     * them t0's core, the other the empty core.
     * <pre>
     * t0: 64 + 64 x 4 + (activation source + reduction turn) 2 x 8              = 336
     * t1: 64 + 64 x 4 + (activation destination, reduction in, reduction out) 24 = 344
     * t2: 64 + 36 x 4 + 3 x 8                                                     = 232
     * the fourth core: a router only, one turn entry                              = 8
     * </pre>
     */
    @Test
    void sramAndAreaComeFromTheProgramAndTheChip() {
        assertArrayEquals(result.program().sramBytesPerCore(), report.sramBytesPerCore());
        long[] sorted = report.sramBytesPerCore().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new long[]{8, 232, 336, 344}, sorted);
        assertEquals(344, report.maxSramBytes());
        assertEquals(chip.core().sramBytes(), report.sramCapacityBytes());
        assertEquals(4, report.area().cores());
        assertEquals(4, report.area().routers());
        assertTrue(report.area().coreMm2() > 0 && report.area().routerMm2() > 0, report.area().toString());
        assertTrue(report.area().chipMm2() >= 4 * (report.area().coreMm2() + report.area().routerMm2()) - 1e-12,
                "the chip holds at least its cores and routers: " + report.area());
    }

    @Test
    void theJsonFormReadsBackWithTheSameNumbers() throws Exception {
        JsonNode j = new ObjectMapper().readTree(report.toJson());
        assertEquals(chip.name(), j.get("chip").asText());
        assertEquals(2, j.get("mesh").get(0).asInt());
        assertEquals(3, j.get("cores_used").asInt());
        assertEquals(4, j.get("cores_available").asInt());
        assertEquals(20_992 / 49_152.0, j.get("crossbar_utilization").asDouble(), 1e-15);
        JsonNode b = j.get("tiles").get(1);
        assertEquals("b", b.get("layer").asText());
        assertEquals(2, b.get("col_blocks").asInt());
        assertEquals(2, b.get("tiles").asInt());
        JsonNode act = j.get("traffic_per_sample").get("activation");
        assertEquals(18, act.get("flit_hops").asLong());
        assertEquals(9, act.get("flits").asLong());
        assertEquals(1024, act.get("payload_bits").asLong());
        assertEquals(8, j.get("traffic_per_sample").get("reduction").get("flit_hops").asLong());
        assertEquals("[0,2,2]", j.get("hop_histogram").toString());
        JsonNode sram = j.get("sram_bytes_per_core");
        assertEquals(4, sram.size());
        for (Iterator<String> it = sram.fieldNames(); it.hasNext(); ) {
            String core = it.next();
            assertEquals(report.sramBytesPerCore()[Integer.parseInt(core)], sram.get(core).asLong());
        }
        assertEquals(1280, j.get("placement").get("objective_bit_hops").asLong());
        assertEquals(1.0, j.get("placement").get("ratio_to_row_major").asDouble());
        assertEquals(report.area().chipMm2(), j.get("area").get("chip_mm2").asDouble());
    }

    @Test
    void theTextFormShowsTheSameNumbers() {
        String t = report.toText();
        assertTrue(t.startsWith("Mapping onto " + chip.name() + " (2x2 mesh)\n"), t);
        assertTrue(t.contains("  cores used          3 / 4\n"), t);
        assertTrue(t.contains("  crossbar use        42.7% (20,992 of 49,152 cells in used cores)\n"), t);
        assertTrue(t.contains("    b                dense       64 x 100    = 1 x 2 = 2 tiles\n"), t);
        assertTrue(t.contains("flit-hops         18\n"), t);
        assertTrue(t.contains("  hop histogram       1:2 2:2\n"), t);
        assertTrue(t.contains("  SRAM per core       max 344 of "), t);
        assertTrue(t.contains("  placement           1,280 bit-hops/sample, row-major 1,280 (1.000x)\n"), t);
        assertFalse(t.contains("none (a single tile)"), t);
    }
}
