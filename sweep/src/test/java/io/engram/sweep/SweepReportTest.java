package io.engram.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepReportTest {
    @TempDir
    Path dir;

    private static ResultRow row(String id, String bits, double acc, double energyPj, double latencyNs) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(Metric.ACCURACY_TEST.column(), acc);
        m.put(Metric.INFERENCE_ENERGY.column(), energyPj);
        m.put(Metric.INFERENCE_LATENCY_NS.column(), latencyNs);
        return new ResultRow(id, ResultRow.OK, null, id, Map.of("chip.core.adc.bits", bits), m, 2.0, null);
    }

    @Test
    void reportRerendersThePicturesAndPrintsEveryPointAndTheFronts() throws Exception {
        ResultsTable t = ResultsTable.of(List.of(row("p0000", "4", 0.40, 50_000, 440), row("p0001", "8", 0.60, 61_000, 570),
                row("p0002", "6", 0.35, 55_000, 500),
                new ResultRow("p0003", ResultRow.FAILED, "no such file", "h3", Map.of("chip.core.adc.bits", "10"),
                        Map.of(), 0.1, null)));
        t.writeCsv(dir.resolve(ResultsTable.CSV));
        Files.writeString(dir.resolve(SweepReport.SENSITIVITY_PREFIX + "gone.png"), "stale");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = SweepCli.execute("report", dir.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(SweepCli.EXIT_OK, code);
        String out = buf.toString(StandardCharsets.UTF_8);
        // p0002 (35 %, 55 nJ) is dominated by p0000 (40 %, 50 nJ); the energy front is p0000 then p0001
        assertTrue(out.contains("Pareto front: test accuracy vs inference energy per sample (2 of 3 points)"), out);
        assertTrue(out.contains("p0000  chip.core.adc.bits=4  40.00         50.000               440.0"), out);
        assertTrue(out.contains("p0001  chip.core.adc.bits=8  60.00         61.000               570.0"), out);
        assertTrue(out.contains("p0003  chip.core.adc.bits=10  failed: no such file"), out);
        for (String png : List.of(SweepReport.PARETO_ENERGY, SweepReport.PARETO_LATENCY,
                SweepReport.SENSITIVITY_PREFIX + "chip.core.adc.bits.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(900, img.getWidth(), png);
            assertEquals(560, img.getHeight(), png);
        }
        assertFalse(Files.exists(dir.resolve(SweepReport.SENSITIVITY_PREFIX + "gone.png")), "a stale plot is removed");
    }
}
