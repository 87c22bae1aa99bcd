package io.engram.runtime.session;

import io.engram.chip.spec.SpecNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
