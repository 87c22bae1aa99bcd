package io.engram.runtime.checkpoint;

import io.engram.chip.spec.SpecException;
import io.engram.runtime.cli.EngramCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run resumed from a checkpoint writes the same report.json bytes as an uninterrupted run with the same seed:
 * resumed in process from a checkpoint at a known sample, and resumed after the process was killed with SIGKILL in
 * the middle of an epoch. A damaged or foreign checkpoint is a user error naming the file.
 */
class CheckpointResumeTest {
    static final String NETWORK = """
            name: tiny
            input: { shape: [1, 28, 28] }
            layers:
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 16
                competition: { kind: softmax, temperature: 0.05 }
                rule: { kind: softhebb, eta: 0.05, bias_eta: 0.01, scaling: none }
                init: { kind: uniform-positive, radius: 3 }
            """;

    /** Two epochs of 60 in mini-batches of 4 with a decaying rate and per-epoch evaluation. */
    static final String EXPERIMENT = """
            name: tiny
            seed: 7
            threads: 1
            chip: rram-22nm
            network: network.yaml
            data: { source: generated, train: 60, test: 30, preprocess: l2 }
            training: { epochs: 2, batch: 4, schedule: linear-decay, eval_every_epoch: true }
            readout: { kind: linear, epochs: 5 }
            """;

    private static Path setup(Path dir, String experiment) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), NETWORK);
        Files.writeString(dir.resolve("experiment.yaml"), experiment);
        return dir.resolve("experiment.yaml");
    }

    /** Runs the CLI in process; returns {exit code, stderr}. */
    static Object[] cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
            System.setErr(new PrintStream(e, true));
            code = EngramCli.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Object[]{code, e.toString()};
    }

    /** Runs the CLI in process and asserts exit code 0 (stderr as the message). */
    static void ok(String... args) {
        Object[] r = cli(args);
        assertEquals(0, r[0], (String) r[1]);
    }

    @Test
    void resumingFromACheckpointAtSampleKGivesTheSameReportBytes(@TempDir Path dir) throws Exception {
        Path exp = setup(dir, EXPERIMENT);
        ok("run", exp.toString(), "--out", dir.resolve("straight").toString(), "--quiet");
        byte[] straight = Files.readAllBytes(dir.resolve("straight/report.json"));
        // the file keeps the last checkpoint, at the largest multiple of k <= 120:
        // k = 70: epoch 2, sample 10, after epoch 1's evaluation; k = 59: epoch 2, sample 58, inside an open
        // mini-batch of 4; k = 60: epoch 2's samples done but the epoch not closed
        int[][] expected = {{70, 1, 10}, {59, 1, 58}, {60, 1, 60}};
        for (int[] e : expected) {
            int k = e[0];
            Path ck = dir.resolve("ck" + k);
            ok("run", exp.toString(), "--out", ck.toString(), "--quiet", "--checkpoint-every", Integer.toString(k));
            assertArrayEquals(straight, Files.readAllBytes(ck.resolve("report.json")), "writing checkpoints changes nothing");
            CheckpointFile.Contents c = CheckpointFile.read(ck.resolve(CheckpointFile.NAME));
            assertEquals(0, c.position().stage());
            assertEquals(e[1], c.position().epoch(), "epoch of the checkpoint at k = " + k);
            assertEquals(e[2], c.position().sample(), "sample of the checkpoint at k = " + k);
            // training samples plus the 60 + 30 samples of epoch 1's evaluation
            assertEquals(60 * e[1] + e[2] + 90L * e[1], c.chip().samples(), "samples the chip ran");
            Path resumed = dir.resolve("resumed" + k);
            ok("run", exp.toString(), "--resume", ck.toString(), "--out", resumed.toString(), "--quiet",
                    "--checkpoint-every", Integer.toString(k));
            assertArrayEquals(straight, Files.readAllBytes(resumed.resolve("report.json")), "resumed at k = " + k);
        }
    }

    @Test
    void aRunKilledWithSigkillMidEpochResumesToTheSameReportBytes(@TempDir Path dir) throws Exception {
        // 7 does not divide 200, so no checkpoint falls on an epoch boundary
        String experiment = EXPERIMENT.replace("train: 60", "train: 200").replace("batch: 4", "batch: 1");
        Path exp = setup(dir, experiment);
        Path run = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EngramCli.class.getName(), "run", exp.toString(),
                "--out", run.toString(), "--quiet", "--checkpoint-every", "7"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        Path ck = run.resolve(CheckpointFile.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (!Files.exists(ck) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
        } finally {
            p.destroyForcibly(); // SIGKILL on POSIX
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(ck), "the child wrote a checkpoint: " + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(run.resolve("report.json")), "the child was killed before it finished");
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        CheckpointFile.Contents c = CheckpointFile.read(ck);
        assertTrue(c.position().sample() > 0 && c.position().sample() < 200, "mid-epoch: " + c.position().sample());

        ok("run", exp.toString(), "--out", run.toString(), "--quiet", "--checkpoint-every", "7", "--resume");
        ok("run", exp.toString(), "--out", dir.resolve("straight").toString(), "--quiet");
        assertArrayEquals(Files.readAllBytes(dir.resolve("straight/report.json")),
                Files.readAllBytes(run.resolve("report.json")), "killed at sample " + c.chip().samples() + " and resumed");
    }

    @Test
    void aTruncatedCorruptOrForeignCheckpointIsAClearUserError(@TempDir Path dir) throws Exception {
        Path exp = setup(dir, EXPERIMENT);
        Path ck = dir.resolve("ck");
        ok("run", exp.toString(), "--out", ck.toString(), "--quiet", "--checkpoint-every", "30");
        Path file = ck.resolve(CheckpointFile.NAME);
        byte[] good = Files.readAllBytes(file);

        // written by another configuration
        Object[] r = cli("run", exp.toString(), "--resume", ck.toString(), "--out", dir.resolve("x").toString(),
                "--set", "seed=8", "--quiet");
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains(file.toString()) && ((String) r[1]).contains("seed: 7 -> 8"), (String) r[1]);

        // truncated (half the file)
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        r = cli("run", exp.toString(), "--resume", ck.toString(), "--out", dir.resolve("y").toString(), "--quiet");
        assertEquals(2, r[0], (String) r[1]);
        String msg = (String) r[1];
        assertTrue(msg.contains(file.toString()), msg);
        assertTrue(msg.contains("truncated or corrupt checkpoint"), msg);
        assertFalse(msg.contains("\tat "), "no stack trace for a user error");
        assertFalse(Files.exists(dir.resolve("y/report.json")), "nothing written");

        // not HDF5 at all, and missing
        Files.writeString(file, "not a checkpoint");
        SpecException e = assertThrows(SpecException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        Files.delete(file);
        e = assertThrows(SpecException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains("no such checkpoint file"), e.getMessage());
    }

}
