package io.engram.runtime.validate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Loihi case on SANA-FE's own DVS gesture network, where a copy is at hand (CI: ../shared beside the checkout). */
class LoihiDvsCaseTest {
    /** Surefire runs in the module folder, so the checkout's ../shared is ../../shared from here. */
    static Path dvs() {
        String p = System.getenv("ENGRAM_SANAFE");
        return p != null ? Path.of(p) : Path.of("..", "..", "shared", "sanafe", "dvs.yaml");
    }

    @Test
    void absentNetworkIsSkippedWithAMessage() {
        CaseResult r = new LoihiDvsCase().run(new ValidationCase.Options(true, Path.of("no-such-dir", "dvs.yaml"), 1));
        assertTrue(r.points().isEmpty());
        assertTrue(r.lines().get(0).startsWith("skipped: SANA-FE's DVS gesture network not found"), r.lines().get(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dvsGestureNetworkRunsAndItsEnergyIsCountsTimesCosts() {
        Path p = dvs();
        Assumptions.assumeTrue(Files.isRegularFile(p), "SANA-FE's dvs.yaml not found at " + p.toAbsolutePath()
                + " (it is GPL and not in the repository; CI has it in ../shared/sanafe): skipping");
        CaseResult r = new LoihiDvsCase().run(new ValidationCase.Options(true, p, 1));
        Map<String, Object> net = (Map<String, Object>) r.details().get("network");
        // shared/sanafe/README.md: 1,024 + 3,600 + 5,408 + 7,744 + 891 + 11 neurons; 3,564,441 synapses; 49 cores on 13 tiles
        assertEquals(18_678, net.get("neurons"));
        assertEquals(3_564_441, net.get("synapses"));
        assertEquals(49, net.get("cores_used"));
        assertEquals(13, net.get("tiles_used"));
        Map<String, Long> counts = (Map<String, Long>) r.details().get("event_counts");
        assertEquals(18_678L * 128, counts.get("neuron_access"));   // every mapped neuron, every one of 128 steps
        assertEquals(counts.get("message_out"), counts.get("message_in"));
        Map<String, Object> techs = (Map<String, Object>) r.details().get("technologies");
        for (Object t : techs.values()) {
            Map<String, Object> td = (Map<String, Object>) t;
            Map<String, Map<String, Object>> br = (Map<String, Map<String, Object>>) td.get("breakdown");
            double sum = 0;
            for (Map<String, Object> line : br.values()) {
                sum += ((Number) line.get("count")).longValue() * ((Number) line.get("cost_pj")).doubleValue();
            }
            double[] series = (double[]) td.get("energy_series_pj");
            double seriesSum = 0;
            for (double v : series) seriesSum += v;
            assertEquals(sum, seriesSum, 1e-9 * sum);
            assertEquals(128, series.length);
        }
    }
}
