package io.engram.runtime.session;

import io.engram.chip.spec.SpecNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probes: probes.h5 read back with a second reader (jHDF's reading side) against the exact held LIF solution. */
class ProbesRunTest {
    @TempDir
    Path tmp;

    @Test
    void probesRecordSpikesAndVoltageOfEveryStepAndSayWhenCut() throws Exception {
        int steps = RecordedNirRunTest.STEPS;
        Path nir = Path.of("..", "compiler", "src", "test", "resources", "nir", "lif_norse.nir").toAbsolutePath();
        float[][][] x = new float[3][steps][1];
        for (int s = 0; s < 3; s++) for (int t = 0; t < steps; t++) x[s][t][0] = RecordedNirRunTest.on(t) ? 1 : 0;
        try (WritableHdfFile f = HdfFile.write(tmp.resolve("spikes.h5"))) {
            f.putDataset("inputs", x);
        }
        Path exp = tmp.resolve("exp.yaml");
        // max_values 2 x steps: the third probed sample does not fit and is cut
        Files.writeString(exp, "name: probes\nchip: " + Path.of("..", "examples", "chips", "rram-22nm-ideal.yaml").toAbsolutePath()
                + "\nnetwork: " + nir + "\ndata: { source: recorded:spikes.h5, train: 3, test: 3 }\n"
                + "encoding: { kind: recorded, dt_ms: 0.2, nir: { spike: held } }\ntraining: { epochs: 0 }\n"
                + "readout: { kind: vote }\nthreads: 1\nprobes: { layer: 0, neurons: 4, samples: 3, max_values: " + 2 * steps + " }\n");
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        Path dir = tmp.resolve("run");
        ExperimentRun.run(spec, Progress.silent(), dir, null, "test");
        assertTrue(Files.exists(dir.resolve("probe_raster.png")) && Files.exists(dir.resolve("probe_voltage.png")));
        // reference: held exact LIF, v <- v d + (1 - d) x, threshold 0.1, reset 0; the chip holds v / (1 - d)
        double d = Math.exp(-RecordedNirRunTest.DT / RecordedNirRunTest.TAU), v = 0;
        byte[] spikes = new byte[steps];
        double[] volt = new double[steps];
        for (int t = 0; t < steps; t++) {
            v = v * d + (RecordedNirRunTest.on(t) ? 1 - d : 0);
            if (v >= (float) 0.1) {
                v = 0;
                spikes[t] = 1;
            }
            volt[t] = v / (1 - d);
        }
        try (HdfFile h = new HdfFile(dir.resolve("probes.h5"))) {
            assertTrue(((String) h.getAttribute("cut").getData()).startsWith("sample 2 and later"), "the third sample is cut");
            assertEquals(0.2, (double) h.getAttribute("dt_ms").getData());
            byte[][][] s = (byte[][][]) h.getDatasetByPath("layer_0/spikes").getData();
            double[][][] vv = (double[][][]) h.getDatasetByPath("layer_0/voltage").getData();
            assertEquals(2, s.length, "two samples fit the bound");
            assertEquals(1, s[0][0].length, "a layer of one neuron: 1 of the 4 asked for");
            for (int k = 0; k < 2; k++) {
                byte[] got = new byte[steps];
                for (int t = 0; t < steps; t++) {
                    got[t] = s[k][t][0];
                    assertEquals(volt[t], vv[k][t][0], 1e-9 * Math.max(1, Math.abs(volt[t])), "sample " + k + " step " + t);
                }
                assertArrayEquals(spikes, got, "sample " + k);
            }
        }
    }
}
