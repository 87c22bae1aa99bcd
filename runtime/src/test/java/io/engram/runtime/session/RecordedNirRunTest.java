package io.engram.runtime.session;

import io.engram.chip.spec.SpecNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An NIR graph driven by a recorded spike file through a whole session: the run's time step (encoding.dt_ms) and
 * NIR reading (encoding.nir) reach the compiler, and every step's recorded row reaches the first layer.
 */
class RecordedNirRunTest {
    @TempDir
    Path tmp;

    static final int STEPS = 200;
    static final double DT = 2e-4, TAU = (float) 0.0025; // dt 0.2 ms, not the 0.1 ms default: the run's dt must be used

    static boolean on(int step) { return (step * 7919L) % 13 < 4; }

    @Test
    void recordedSpikesDriveTheNorseLifAtTheRunsTimeStep() throws Exception {
        Path nir = Path.of("..", "compiler", "src", "test", "resources", "nir", "lif_norse.nir").toAbsolutePath();
        float[][][] x = new float[1][STEPS][1];
        for (int t = 0; t < STEPS; t++) x[0][t][0] = on(t) ? 1 : 0;
        Path h5 = tmp.resolve("spikes.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("inputs", x);
        }
        Path exp = tmp.resolve("exp.yaml");
        Files.writeString(exp, "name: rec\nchip: " + Path.of("..", "examples", "chips", "rram-22nm-ideal.yaml").toAbsolutePath() + "\nnetwork: " + nir + "\n"
                + "data: { source: recorded:spikes.h5, train: 1, test: 1 }\n"
                + "encoding: { kind: recorded, dt_ms: 0.2, nir: { spike: held } }\n"
                + "training: { epochs: 0 }\nreadout: { kind: vote }\nthreads: 1\n");
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        try (SessionResult r = new Session(spec, Progress.silent()).run()) {
            // held exact reading with dt 0.2 ms: v <- v d + (1 - d) x, d = exp(-dt/tau); threshold 0.1, reset to 0.
            // The chip holds v / g, g = 1 - d. Its last membrane value is the one after the last sample's last step.
            double d = Math.exp(-DT / TAU), v = 0;
            for (int t = 0; t < STEPS; t++) {
                v = v * d + (on(t) ? 1 - d : 0);
                if (v >= (float) 0.1) v = 0;
            }
            double[] chipV = r.chip().membrane(0);
            assertEquals(v / (1 - d), chipV[0], 1e-9 * Math.max(1, Math.abs(v / (1 - d))));
        }
    }

    /**
     * Every shared NIR graph (all eight: the sinabs CNN with its sum pools, the braille RNNs and their nested-subgraph
     * variants included) driven by a recorded spike file, with probes of its last weight layer written to probes.h5
     * and read back with jHDF: [2 probed samples, 30 steps, min(4, neurons)] spikes of 0 and 1.
     */
    @Test
    void everySharedGraphRunsOnASpikeFileWithProbes() throws Exception {
        String[][] graphs = {{"lif_norse", "1"}, {"lif_rockpool", "1"}, {"two_lif_neurons", "1"},
                {"cnn_sinabs", "2312"},
                {"braille_noDelay_bias_zero", "12"}, {"braille_noDelay_bias_zero_subgraph", "12"},
                {"braille_noDelay_noBias_subtract", "12"}, {"braille_noDelay_noBias_subtract_subgraph", "12"}};
        for (String[] g : graphs) {
            Path dir = runOnSpikeFile(g[0], Integer.parseInt(g[1]), "{ neurons: 4, samples: 2 }");
            try (HdfFile h = new HdfFile(dir.resolve("probes.h5"))) {
                io.jhdf.api.Group layer = (io.jhdf.api.Group) h.getChildren().values().stream()
                        .filter(n -> n.getName().startsWith("layer_")).findFirst().orElseThrow();
                byte[][][] s = (byte[][][]) ((io.jhdf.api.Dataset) layer.getChild("spikes")).getData();
                assertEquals(2, s.length, g[0]);
                assertEquals(30, s[0].length, g[0]);
                assertTrue(s[0][0].length >= 1 && s[0][0].length <= 4, g[0]);
                for (byte[][] sample : s) for (byte[] step : sample) for (byte b : step) assertTrue(b == 0 || b == 1, g[0]);
            }
        }
    }

    /**
     * Runs a shared NIR graph on a recorded spike file of 2 samples x 30 steps (a fixed pattern, about one input in
     * five spiking) with the given probes section; returns the run folder.
     */
    private Path runOnSpikeFile(String graph, int inputs, String probes) throws Exception {
        float[][][] x = new float[2][30][inputs];
        for (int s = 0; s < 2; s++) for (int t = 0; t < 30; t++) for (int i = 0; i < inputs; i++) {
            x[s][t][i] = ((s * 31 + t * 7 + i * 3) % 5 == 0) ? 1 : 0;
        }
        Path h5 = tmp.resolve(graph + ".h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("inputs", x);
            f.putDataset("labels", new int[] {0, 1});
        }
        Path nir = Path.of("..", "compiler", "src", "test", "resources", "nir", graph + ".nir").toAbsolutePath();
        Path exp = tmp.resolve(graph + ".yaml");
        String reset = graph.contains("subtract") ? ", reset: subtract" : "";
        Files.writeString(exp, "name: " + graph + "\nchip: rram-22nm\nnetwork: " + nir + "\n"
                + "data: { source: recorded:" + h5.getFileName() + ", train: 2, test: 2 }\n"
                + "encoding: { kind: recorded, dt_ms: 0.1, nir: { spike: held" + reset + " } }\n"
                + "training: { epochs: 0 }\nreadout: { kind: vote }\nthreads: 1\n"
                + "probes: " + probes + "\n");
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        Path dir = tmp.resolve("run-" + graph + "-" + Integer.toHexString(probes.hashCode()));
        ExperimentRun.run(spec, Progress.silent(), dir, null, "test");
        return dir;
    }

    /**
     * A spiking convolution has a neuron per channel and output position: probing the sinabs CNN's first convolution
     * records all of them (channel-major, as NIR's C x H x W), not only the first channel's positions.
     */
    @Test
    void aConvolutionProbeRecordsEveryChannelAndPosition() throws Exception {
        Path dir = runOnSpikeFile("cnn_sinabs", 2312, "{ layer: 0, neurons: 1000000, samples: 1 }");
        try (HdfFile h = new HdfFile(dir.resolve("probes.h5"))) {
            io.jhdf.api.Group layer = (io.jhdf.api.Group) h.getChildren().values().stream()
                    .filter(n -> n.getName().startsWith("layer_")).findFirst().orElseThrow();
            int inLayer = ((Number) layer.getAttribute("neurons_in_layer").getData()).intValue();
            byte[][][] s = (byte[][][]) ((io.jhdf.api.Dataset) layer.getChild("spikes")).getData();
            assertEquals(inLayer, s[0][0].length, "every neuron of the layer recorded");
            assertEquals("channel, y, x (NIR's C x H x W)", layer.getAttribute("neuron_order").getData());
            System.out.println("conv probe neurons " + inLayer);
        }
    }
}
