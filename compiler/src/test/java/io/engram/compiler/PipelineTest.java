package io.engram.compiler;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.ChipProgram;
import io.engram.compiler.ir.AllocatedIr;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.ShapedIr;
import io.engram.compiler.report.MappingReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {
    @Test
    void stopAfterRunsThePassesUpToItAndDumpsOnRequest() {
        CompileResult r = new Compiler().compile(NetworkSource.file(TestChips.resource("networks/tiny-conv.yaml")), TestChips.rram(),
                CompileOptions.defaults().withStopAfter(Pass.PARTITION).withDumpIr(EnumSet.of(Pass.LOWER)));
        assertTrue(r.ok());
        assertNull(r.program());
        assertNull(r.report());
        assertEquals(List.of(Pass.VALIDATE, Pass.LOWER, Pass.PARTITION), r.completed());
        assertEquals(java.util.Set.of(Pass.LOWER), r.requestedDumps().keySet());
        assertTrue(r.dump(Pass.LOWER).startsWith("; lower"));
        assertThrows(IllegalStateException.class, () -> r.dump(Pass.PLACE));
        ShapedIr.Stats v = (ShapedIr.Stats) r.stats(Pass.VALIDATE);
        assertEquals(5, v.layers());
        assertEquals(3, v.weightedLayers());
        assertEquals(27 * 16 + 144 * 80 + 720 * 10, v.synapses());
        PartitionedIr.Stats p = (PartitionedIr.Stats) r.stats(Pass.PARTITION);
        assertEquals(1 + 4 + 6, p.tiles());
        assertEquals(2, p.rowSplitMatrices());
        assertEquals(1, p.colSplitMatrices());
        assertEquals(Pass.EMIT, Pass.parse("emit"));
        assertThrows(IllegalArgumentException.class, () -> Pass.parse("link"));
    }

    @Test
    void compilesForEveryPreset() {
        for (String preset : io.engram.chip.spec.ChipSpec.PRESETS) {
            var chip = io.engram.chip.spec.ChipSpec.resolve(preset);
            CompileResult r = TestChips.compileFile("networks/tiny-conv.yaml", chip);
            assertTrue(r.ok(), preset + ": " + r.renderDiagnostics());
            assertEquals(preset, r.program().chipName());
            int maxCols = chip.core().crossbar().weightCols();
            int maxRows = chip.core().crossbar().rows();
            r.program().layers().forEach(l -> l.tiles().forEach(t -> assertTrue(t.rows() <= maxRows && t.cols() <= maxCols)));
        }
    }

    @Test
    void sramAllocationCountsEveryPurpose() {
        // 100 -> 10 dense with STDP on LIF neurons, on a chip that accumulates small updates in SRAM
        Network net = Network.builder("sram").input(100)
                .dense("l", 10).neuron(new io.engram.chip.neuron.NeuronModel.Lif(
                        new io.engram.chip.neuron.LifParams(0.9, 1, io.engram.chip.neuron.LifParams.Reset.ZERO, 0, 0, 0, 1)))
                .rule(new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 1e-4, 1e-2, 20, 20, 40, 0, 1))
                .build();
        CompileResult r = TestChips.compile(NetworkSource.of(net), TestChips.accumulating(TestChips.rram()));
        assertTrue(r.ok(), r.renderDiagnostics());
        AllocatedIr.CoreMemory m = ((AllocatedIr) r.ir(Pass.ALLOCATE)).cores().get(0);
        assertEquals(100, m.inputBuffer(), "100 rows x 8 DAC bits");
        assertEquals(40, m.partialSums(), "10 cols x 32 bit");
        assertEquals(100 * 2 + 10 * 2 * 2, m.traces(), "pre traces + two post traces (triplet)");
        assertEquals(100 * 10 * 2, m.accumulators());
        assertEquals(0, m.routingTable());
        assertEquals(m.total(), r.program().sramBytesPerCore()[m.core()]);
    }

    @Test
    void mappingReportHasTheNumbers() throws Exception {
        CompileResult r = TestChips.compileFile("networks/tiny-dense.yaml", TestChips.rram());
        MappingReport rep = r.report();
        assertNotNull(rep);
        assertEquals(5, rep.coresUsed());
        assertEquals(16, rep.coresAvailable());
        assertEquals(144L * 100 * 2 + 100L * 10 * 2, rep.cellsUsed());
        assertEquals(5L * 128 * 128, rep.cellsOfUsedCores());
        assertEquals(rep.cellsUsed() / (double) rep.cellsOfUsedCores(), rep.crossbarUtilization(), 1e-12);
        assertEquals(List.of(4, 1), rep.layers().stream().map(MappingReport.LayerTiles::tiles).collect(java.util.stream.Collectors.toList()));
        long pairs = r.program().routes().stream().mapToLong(x -> x.dests().length).sum();
        assertEquals(pairs, java.util.Arrays.stream(rep.hopHistogram()).sum());
        var traffic = rep.trafficPerSample().get(PacketKind.PARTIAL_SUM);
        assertEquals(2, traffic.routes());
        assertEquals(2, traffic.packets());
        // 64 and 36 partial sums of 32 bits, 16-bit header, 64-bit flits
        assertEquals((16 + 2048 + 63) / 64 + (16 + 1152 + 63) / 64, traffic.flits());
        Map<String, Object> json = new ObjectMapper().readValue(rep.toJson(), Map.class);
        assertEquals(5, json.get("cores_used"));
        assertTrue(json.containsKey("crossbar_utilization"));
        assertTrue(((Map<?, ?>) json.get("traffic_per_sample")).containsKey("partial_sum"));
        String text = rep.toText();
        assertTrue(text.contains("cores used          5 / 16"), text);
        assertTrue(text.contains("hidden"), text);
    }

    /**
     * Issue 15: the mapping report gives chip and per-core area from the technology's per-instance figures. rram-22nm
     * core: rows 128 x 0.0789 + cells 16384 x 48 F^2 at 22 nm (380.633088) + ADCs 16 x 567 + shift-adds 16 x 28.4 +
     * SRAM 64 KiB x 635 + lanes 16 x (84.1 + 84.1 + 204) = 56512.332288 um2; router 22200 um2; chip 16 cores + 16
     * routers = 1259397.316608 um2.
     */
    @Test
    void mappingReportGivesArea() throws Exception {
        MappingReport rep = TestChips.compileFile("networks/tiny-dense.yaml", TestChips.rram()).report();
        assertEquals(0.056512332288, rep.area().coreMm2(), 1e-12);
        assertEquals(0.0222, rep.area().routerMm2(), 1e-15);
        assertEquals(1.259397316608, rep.area().chipMm2(), 1e-12);
        Map<String, Object> json = new ObjectMapper().readValue(rep.toJson(), Map.class);
        Map<?, ?> area = (Map<?, ?>) json.get("area");
        assertEquals(1.259397316608, (Double) area.get("chip_mm2"), 1e-12);
        assertEquals(0.056512332288, (Double) area.get("core_mm2"), 1e-12);
        assertTrue(rep.toText().contains("area                chip 1.259 mm2: 16 cores of 0.05651 mm2, 16 routers of 0.02220 mm2"),
                rep.toText());
    }
}
