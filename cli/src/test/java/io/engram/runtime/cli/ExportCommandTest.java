package io.engram.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** engram export: a spiking run's network as NIR, read back with jhdf and run again through the NIR importer. */
class ExportCommandTest {
    static final String NETWORK = """
            name: spk
            input: { shape: [1, 28, 28] }
            layers:
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 12
                neuron: { kind: lif, decay: 0.9, threshold: 1 }
            %s    init: { kind: uniform-positive, radius: 0.2 }
            """;

    static final String EXPERIMENT = """
            name: spk
            seed: 5
            threads: 1
            chip: rram-22nm
            network: %s
            data: { source: generated, train: 20, test: 10 }
            encoding: { kind: poisson, steps: 20, dt_ms: 1.0, max_rate_hz: 200 }
            training: { epochs: 1 }
            readout: { kind: vote }
            """;

    private static int run(Path dir, String network, String out) throws Exception {
        Path exp = dir.resolve(out + ".yaml");
        Files.writeString(exp, EXPERIMENT.formatted(network));
        int[] code = new int[1];
        String[] text = EngramCliTest.capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--out",
                dir.resolve(out).toString(), "--quiet"));
        assertEquals(0, code[0], text[1]);
        return code[0];
    }

    private static JsonNode lastPhase(Path run) throws Exception {
        JsonNode phases = new ObjectMapper().readTree(run.resolve("report.json").toFile()).get("phases");
        return phases.get(phases.size() - 1);
    }

    /**
     * Inference round trip: the run of the exported graph gives the same evaluation as the run of the YAML network,
     * counter for counter (spikes written, neuron updates, NoC flits), since the LIF node is chosen so that the
     * importer gives back decay 0.9 (tau = -dt / ln 0.9, r = tau: gain r / tau = 1) and threshold 1.
     */
    @Test
    void exportedSpikingNetworkRunsAgainWithTheSameOutputs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("net.yaml"), NETWORK.formatted(""));
        run(dir, "net.yaml", "a");
        Path nir = dir.resolve("trained.nir");
        int[] code = new int[1];
        String[] text = EngramCliTest.capture(() -> code[0] = EngramCli.execute("export", dir.resolve("a").toString(),
                "-o", nir.toString()));
        assertEquals(0, code[0], text[1]);
        assertTrue(text[0].contains("exported 1 layer(s), 9408 weights"), text[0]);
        run(dir, "trained.nir", "b");
        JsonNode a = lastPhase(dir.resolve("a")), b = lastPhase(dir.resolve("b"));
        assertEquals("evaluate", b.get("name").asText());
        assertEquals(a.get("counts"), b.get("counts"));
        assertTrue(a.get("counts").get("neuron.lif_update_active").asLong() > 0, a.toString());
        assertEquals(new ObjectMapper().readTree(dir.resolve("a/report.json").toFile()).get("accuracy"),
                new ObjectMapper().readTree(dir.resolve("b/report.json").toFile()).get("accuracy"));
    }

    /**
     * After STDP training the file holds the learned weights: read with jhdf directly, node `hidden` is an Affine
     * whose weight [12, 784] is the transpose of weights.h5's [784, 12] matrix; the LIF node has tau = r =
     * -0.001 / ln 0.9 = 0.0094912 s for each of the 12 neurons; edges run input -> flatten -> hidden -> hidden_lif -> output.
     */
    @Test
    void exportedFileHoldsTheLearnedWeightsInNirLayout(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("net.yaml"), NETWORK.formatted("    rule: { kind: stdp, eta_pre: 0.001, eta_post: 0.01 }\n"));
        run(dir, "net.yaml", "a");
        Path nir = dir.resolve("trained.nir");
        int[] code = new int[1];
        EngramCliTest.capture(() -> code[0] = EngramCli.execute("export", dir.resolve("a").toString(), "-o", nir.toString()));
        assertEquals(0, code[0]);
        try (HdfFile f = new HdfFile(nir); HdfFile w = new HdfFile(dir.resolve("a/weights.h5"))) {
            float[][] learned = (float[][]) w.getDatasetByPath("layers/hidden/weights").getData();
            assertTrue(new ObjectMapper().readTree(dir.resolve("a/report.json").toFile()).get("learning").get("updates").asLong() > 0);
            Dataset wd = f.getDatasetByPath("node/nodes/hidden/weight");
            assertArrayEquals(new int[]{12, 784}, wd.getDimensions());
            float[][] wt = (float[][]) wd.getData();
            for (int i = 0; i < 784; i++) for (int o = 0; o < 12; o++) assertEquals(learned[i][o], wt[o][i]);
            assertEquals("Affine", f.getDatasetByPath("node/nodes/hidden/type").getData());
            assertArrayEquals(new int[]{12}, f.getDatasetByPath("node/nodes/hidden/bias").getDimensions());
            assertEquals("LIF", f.getDatasetByPath("node/nodes/hidden_lif/type").getData());
            double[] tau = (double[]) f.getDatasetByPath("node/nodes/hidden_lif/tau").getData();
            assertEquals(12, tau.length);
            assertEquals(0.0094912, tau[0], 1e-7);
            assertArrayEquals(tau, (double[]) f.getDatasetByPath("node/nodes/hidden_lif/r").getData());
            assertEquals(1.0, ((double[]) f.getDatasetByPath("node/nodes/hidden_lif/v_threshold").getData())[5]);
            assertArrayEquals(new long[]{1, 28, 28}, (long[]) f.getDatasetByPath("node/nodes/input/shape").getData());
            assertArrayEquals(new String[]{"input", "flatten", "hidden", "hidden_lif"},
                    (String[]) f.getDatasetByPath("node/edges/src").getData());
            assertArrayEquals(new String[]{"flatten", "hidden", "hidden_lif", "output"},
                    (String[]) f.getDatasetByPath("node/edges/dst").getData());
        }
    }

    /** A rate layer has no NIR node: exit 2 naming the layer, and no file written. */
    @Test
    void rateLayerIsRefusedWithExitTwoAndNoFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("net.yaml"), NETWORK.formatted("").replace("neuron: { kind: lif, decay: 0.9, threshold: 1 }",
                "activation: { kind: triangle, power: 1 }"));
        Files.writeString(dir.resolve("r.yaml"), EXPERIMENT.formatted("net.yaml").replace("poisson", "rate"));
        int[] code = new int[1];
        EngramCliTest.capture(() -> code[0] = EngramCli.execute("run", dir.resolve("r.yaml").toString(), "--out",
                dir.resolve("r").toString(), "--quiet"));
        assertEquals(0, code[0]);
        Path nir = dir.resolve("x.nir");
        String[] text = EngramCliTest.capture(() -> code[0] = EngramCli.execute("export", dir.resolve("r").toString(), "-o", nir.toString()));
        assertEquals(2, code[0], text[1]);
        assertTrue(text[1].contains("layer `hidden` neuron") && text[1].contains("rate"), text[1]);
        assertFalse(Files.exists(nir));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
