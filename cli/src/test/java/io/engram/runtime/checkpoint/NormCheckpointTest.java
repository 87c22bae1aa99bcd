package io.engram.runtime.checkpoint;

import io.engram.chip.sim.ChipState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input norms in a session: a layer with a norm and no rule still gets a (greedy) training pass that gathers its
 * statistics, the checkpoint keeps the statistics, and a run resumed inside that pass writes the same report bytes.
 */
class NormCheckpointTest {
    static final String NETWORK = """
            name: normed
            input: { shape: [1, 28, 28] }
            layers:
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 16
                norm: batch
                competition: { kind: softmax, temperature: 0.05 }
                rule: { kind: softhebb, eta: 0.05, scaling: none }
                init: { kind: uniform-positive, radius: 3 }
              - { name: frozen, type: dense, units: 8, norm: { kind: batch, eps: 0.001 }, rule: none }
            """;

    static final String EXPERIMENT = """
            name: normed
            seed: 3
            threads: 1
            chip: rram-22nm
            network: network.yaml
            data: { source: generated, train: 60, test: 30, preprocess: l2 }
            training: { epochs: 1, batch: 1 }
            readout: { kind: linear, epochs: 5 }
            """;

    private static void ok(String... args) { CheckpointResumeTest.ok(args); }

    @Test
    void normStatisticsAreGatheredCheckpointedAndResumed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), NETWORK);
        Path exp = dir.resolve("experiment.yaml");
        Files.writeString(exp, EXPERIMENT);
        ok("run", exp.toString(), "--out", dir.resolve("straight").toString(), "--quiet");
        byte[] straight = Files.readAllBytes(dir.resolve("straight/report.json"));

        // 70 training samples in: stage 2 (the rule-less layer's norm pass), sample 10
        Path ck = dir.resolve("ck");
        ok("run", exp.toString(), "--out", ck.toString(), "--quiet", "--checkpoint-every", "70");
        CheckpointFile.Contents c = CheckpointFile.read(ck.resolve(CheckpointFile.NAME));
        assertEquals(1, c.position().stage(), "the layer without a rule has its own pass");
        assertEquals(10, c.position().sample());
        ChipState.Layer hidden = c.chip().layers().get(0);
        ChipState.Layer frozen = c.chip().layers().get(1);
        assertNotNull(hidden.norm());
        assertNotNull(frozen.norm());
        assertEquals(60L, hidden.norm().count(), "hidden's norm saw its whole pass (a dense input: 784 channels of 1 value)");
        assertEquals(10L, frozen.norm().count(), "frozen's norm is 10 samples into its pass");
        assertTrue(frozen.norm().sumSq()[0] > 0);

        Path resumed = dir.resolve("resumed");
        ok("run", exp.toString(), "--resume", ck.toString(), "--out", resumed.toString(), "--quiet",
                "--checkpoint-every", "70");
        assertArrayEquals(straight, Files.readAllBytes(resumed.resolve("report.json")), "resumed inside the norm pass");
    }
}
