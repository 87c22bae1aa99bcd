package io.engram.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.chip.stats.CellMap;
import io.engram.chip.stats.ChipStats;
import io.engram.chip.stats.CoreStats;
import io.engram.chip.core.CoreState;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** counters.csv, weights.h5 and manifest.json of the fixture run. */
class RunFilesTest {
    static ReportFixture run;

    @BeforeAll
    static void build() {
        run = ReportFixture.run(7);
    }

    @Test
    void countersCsvHasOneRowPerCoreAndAddsUpToTheChip(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("counters.csv");
        CountersCsv.write(run.chip, f);
        List<String> lines = Files.readAllLines(f);
        ChipStats stats = run.chip.stats();
        assertEquals(1 + stats.cores().size(), lines.size());
        String[] head = lines.get(0).split(",");
        assertEquals(5 + ActionCounters.SIZE + CoreState.values().length + 3 + 4, head.length);
        assertEquals("synaptic_op", head[5 + Action.COUNT]);
        assertEquals("link_out.north", head[head.length - 4]);
        assertEquals("core", head[0]);
        assertEquals("adc.conversion", head[5 + Action.ADC_CONVERSION.ordinal()]);
        assertEquals("max_writes", head[head.length - 6]);
        assertEquals("learn_overlap_cycles", head[head.length - 5]);
        long[] links = Plots.linkLoads(run.chip.stats());
        long linkSum = 0;
        ActionCounters sum = new ActionCounters();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            assertEquals(head.length, c.length, "row " + i);
            CoreStats core = stats.core(i - 1);
            assertEquals(core.index(), Integer.parseInt(c[0]));
            assertEquals(core.index() % 4, Integer.parseInt(c[1]));
            assertEquals(core.index() / 4, Integer.parseInt(c[2]));
            assertEquals(core.used(), Boolean.parseBoolean(c[3]));
            assertEquals(core.index() == 0 ? "hidden" : core.index() == 5 ? "readout" : "", c[4]);
            long[] counts = new long[ActionCounters.SIZE];
            for (int a = 0; a < ActionCounters.SIZE; a++) counts[a] = Long.parseLong(c[5 + a]);
            sum.addAll(ActionCounters.fromArray(counts));
            long states = 0;
            for (int s = 0; s < CoreState.values().length; s++) states += Long.parseLong(c[5 + ActionCounters.SIZE + s]);
            assertEquals(run.report.latency().cycles(), states, "core " + core.index() + " states");
            // core 0 sits in the north-west corner: no north or west link
            if (core.index() == 0) {
                assertEquals("", c[head.length - 4]);
                assertEquals("", c[head.length - 1]);
            }
            for (int p = 0; p < 4; p++) {
                String v = c[head.length - 4 + p];
                if (!v.isEmpty()) {
                    assertEquals(links[core.index() * 4 + p], Long.parseLong(v));
                    linkSum += Long.parseLong(v);
                }
            }
        }
        assertEquals(java.util.Arrays.stream(links).sum(), linkSum);
        assertEquals(run.chip.noc().counts().get(Action.LINK_FLIT), linkSum, "every link flit is on some link");
        sum.addAll(run.chip.noc().counts());
        assertEquals(run.chip.totalCounts(), sum);
    }

    @Test
    void weightsFileReadsBackWithJhdf(@TempDir Path dir) {
        Path f = dir.resolve("weights.h5");
        WeightsFile.write(f, run.chip, 7, ReportFixture.VERSION, run.perEpoch);
        try (HdfFile h = new HdfFile(f)) {
            assertEquals(ReportFixture.VERSION, h.getAttribute("engram_version").getData());
            assertEquals(7L, h.getAttribute("seed").getData());
            assertFalse(h.getAttributes().containsKey("_jHDF"), "no attribute of the writing library's own");
            int[] sizes = {ReportFixture.IN, ReportFixture.HIDDEN, ReportFixture.OUT};
            String[] names = {"hidden", "readout"};
            for (int l = 0; l < 2; l++) {
                Dataset w = h.getDatasetByPath("layers/" + names[l] + "/weights");
                assertArrayEquals(new int[]{sizes[l], sizes[l + 1]}, w.getDimensions());
                float[][] m = (float[][]) w.getData();
                float[] expected = run.chip.weights(l);
                for (int r = 0; r < sizes[l]; r++) {
                    for (int c = 0; c < sizes[l + 1]; c++) {
                        assertEquals(expected[r * sizes[l + 1] + c], m[r][c], 0.0f, names[l] + " " + r + "," + c);
                    }
                }
                assertArrayEquals(run.chip.bias(l), (double[]) h.getDatasetByPath("layers/" + names[l] + "/bias").getData(), 0.0);
            }
            assertArrayEquals(new int[]{16, 1, 1}, (int[]) h.getByPath("layers/hidden").getAttribute("in_shape").getData());

            Dataset g = h.getDatasetByPath("cores/core_0/conductances");
            assertArrayEquals(new int[]{128, 128}, g.getDimensions());
            float[][] gm = (float[][]) g.getData();
            CellMap cells = run.chip.cellMaps().get(0);
            assertEquals(0, cells.core());
            assertEquals(cells.conductance(3, 5), gm[3][5], 0.0);
            int[][] wc = (int[][]) h.getDatasetByPath("cores/core_0/write_counts").getData();
            long written = 0;
            int max = 0;
            for (int[] row : wc) for (int v : row) {
                if (v > 0) written++;
                max = Math.max(max, v);
            }
            assertEquals(run.chip.stats().core(0).cellsWritten(), written);
            assertEquals(run.chip.stats().core(0).maxWrites(), max);

            Dataset pe = h.getDatasetByPath("counters/per_epoch");
            assertArrayEquals(new int[]{ReportFixture.EPOCHS, ActionCounters.SIZE}, pe.getDimensions());
            long[][] counts = (long[][]) pe.getData();
            for (int e = 0; e < ReportFixture.EPOCHS; e++) assertArrayEquals(run.perEpoch.get(e).toArray(), counts[e]);
            assertArrayEquals(WeightsFile.actionNames(), (String[]) pe.getAttribute("actions").getData());
            assertEquals("plasticity.update", ((String[]) pe.getAttribute("actions").getData())[Action.PLASTICITY_UPDATE.ordinal()]);
            assertTrue(counts[0][Action.PLASTICITY_UPDATE.ordinal()] > 0);
        }
    }

    @Test
    void manifestHoldsTheWallClockAndConfiguration(@TempDir Path dir) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("chip", "rram-22nm");
        config.put("train", Map.of("epochs", 2));
        Instant start = Instant.parse("2026-01-02T03:04:05Z");
        Instant end = start.plusMillis(1500);
        var tech = run.chip.spec().technology();
        Manifest m = Manifest.of(ReportFixture.VERSION, 7, run.chip.spec(), "rram-22nm (+ core.adc.bits=6)",
                Manifest.NetworkInfo.built("tiny", "a network"), config, start, end);
        Path f = dir.resolve("manifest.json");
        m.write(f);
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        assertEquals(7, n.get("seed").asLong());
        assertEquals(tech.sha256(), n.get("technology").get("sha256").asText());
        assertEquals(64, n.get("technology").get("sha256").asText().length());
        // the technology as loaded: the ADC conversion of this chip's resolution at its price
        assertEquals(tech.energyPj(Action.ADC_CONVERSION),
                n.get("technology").get("resolved").get("costs").get("ADC_CONVERSION").get("energy_pj").asDouble(), 0);
        JsonNode chip = n.get("chip");
        assertEquals("rram-22nm (+ core.adc.bits=6)", chip.get("label").asText());
        assertEquals(run.chip.spec().core().adc().bits(), chip.get("resolved").get("core").get("adc").get("bits").asInt());
        assertEquals(run.chip.spec().mesh().width(), chip.get("resolved").get("mesh").get("width").asInt());
        // the chip's hash is the SHA-256 of its resolved form as compact JSON (recomputed from what was read back)
        byte[] resolved = new ObjectMapper().writeValueAsBytes(chip.get("resolved"));
        assertEquals(java.util.HexFormat.of().formatHex(sha256(resolved)), chip.get("sha256").asText());
        assertEquals("a network", n.get("network").get("text").asText());
        assertEquals(java.util.HexFormat.of().formatHex(sha256("a network".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                n.get("network").get("sha256").asText());
        assertEquals(2, n.get("configuration").get("train").get("epochs").asInt());
        assertEquals("2026-01-02T03:04:05Z", n.get("wall_clock").get("started_at").asText());
        assertEquals(1500, n.get("wall_clock").get("duration_ms").asLong());
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNetworkFileIsRecordedWithItsHashAndText(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("net.yaml");
        Files.writeString(f, "name: n\n");
        Manifest.NetworkInfo info = Manifest.NetworkInfo.ofFile(f);
        assertEquals("name: n\n", info.text());
        assertEquals(java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(f))), info.sha256());
        Path bin = dir.resolve("graph.nir");
        Files.write(bin, new byte[]{(byte) 0x89, 'H', 'D', 'F', 0, (byte) 0xff});
        assertEquals(null, Manifest.NetworkInfo.ofFile(bin).text(), "binary (NIR/HDF5): hash only");
    }

    @Test
    void runFolderWritesEverythingAndNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Manifest m = Manifest.of(ReportFixture.VERSION, 7, run.chip.spec(), "rram-22nm",
                Manifest.NetworkInfo.built("tiny", "a network"), Map.of(), Instant.EPOCH, Instant.EPOCH);
        RunFolder.write(dir, run.chip, run.report, m, run.perEpoch);
        for (String name : List.of("report.json", "report.txt", "counters.csv", "weights.h5", "manifest.json",
                "energy_by_component.png", "mesh_utilisation.png", "mesh_writes.png", "mesh_link_load.png",
                "accuracy_per_epoch.png",
                "receptive_fields_hidden.png")) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
        assertEquals(run.report, ReportJson.read(dir.resolve("report.json")));
    }
}
