package io.engram.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest {
    @TempDir
    Path dir;

    @Test
    void csvRoundTripKeepsTypesNullsAndAwkwardErrors() throws Exception {
        Map<String, Number> m = new LinkedHashMap<>();
        for (Metric x : Metric.values()) m.put(x.column(), null);
        m.put(Metric.ACCURACY_TEST.column(), 0.1 + 0.2); // 0.30000000000000004 survives the text round trip
        m.put(Metric.WRITE_PULSES.column(), 123_456_789_012L);
        ResultRow ok = new ResultRow("p0000", ResultRow.OK, null, "h0", Map.of("chip.core.adc.bits", "6"), m, 1.5, "/x/p0000");
        ResultRow bad = new ResultRow("p0001", ResultRow.FAILED, "exp.yaml: field 'a, b': \"quoted\"\nsecond line", "h1",
                Map.of("chip", "digital-sram"), Map.of(), 0.25, null);
        ResultsTable t = ResultsTable.of(List.of(ok, bad));
        assertEquals(List.of("chip.core.adc.bits", "chip"), t.paramColumns());
        Path f = dir.resolve(ResultsTable.CSV);
        t.writeCsv(f);
        assertTrue(Files.readAllLines(f).get(0).startsWith("point,status,error,config_hash,chip.core.adc.bits,chip,accuracy_train"));
        ResultsTable back = ResultsTable.readCsv(f);
        assertEquals(t.paramColumns(), back.paramColumns());
        assertEquals(ok, back.rows().get(0));
        assertEquals(bad, back.rows().get(1));
        assertEquals(123_456_789_012L, back.rows().get(0).metrics().get(Metric.WRITE_PULSES.column()));
    }
}
