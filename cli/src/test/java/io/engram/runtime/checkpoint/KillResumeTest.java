package io.engram.runtime.checkpoint;

import io.engram.runtime.cli.EngramCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed with SIGKILL again and again (in the middle of checkpoint writes, caught by the temporary file being
 * there, and at fixed delays: during training, evaluation or report writing), each time resumed, ends with every
 * output byte for byte equal to an uninterrupted run's (manifest.json aside: it records wall-clock times), and no
 * temporary file is left behind.
 */
class KillResumeTest {
    static final String EXPERIMENT = """
            name: killed
            seed: 11
            threads: 1
            chip: rram-22nm
            network: network.yaml
            data: { source: generated, train: 60, test: 20, preprocess: l2 }
            training: { epochs: 2, batch: 1, schedule: linear-decay, eval_every_epoch: true }
            readout: { kind: linear, epochs: 3 }
            """;

    /** How a child is killed: at the n-th sighting of a checkpoint's temporary file, or after a delay. */
    record Kill(int duringWrite, long afterMillis) {}

    @Test
    void killedManyTimesAndResumedGivesEveryOutputByteForByte(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), CheckpointResumeTest.NETWORK);
        Path exp = Files.writeString(dir.resolve("experiment.yaml"), EXPERIMENT);
        CheckpointResumeTest.ok("run", exp.toString(), "--out", dir.resolve("straight").toString(), "--quiet");

        Path run = dir.resolve("run");
        List<Kill> plan = List.of(new Kill(1, 0), new Kill(0, 900), new Kill(2, 0), new Kill(3, 0),
                new Kill(0, 1600), new Kill(1, 0));
        int killedMidWrite = 0;
        int killed = 0;
        for (Kill k : plan) {
            boolean resume = Files.exists(run.resolve(CheckpointFile.NAME));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), EngramCli.class.getName(), "run",
                    exp.toString(), "--out", run.toString(), "--quiet", "--checkpoint-every", "4"));
            if (resume) cmd.add("--resume");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile()).start();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            int seen = 0;
            boolean wasWriting = false;
            boolean sawTemp = false;
            while (p.isAlive() && System.nanoTime() < deadline) {
                if (k.duringWrite() > 0) {
                    boolean writing = !CheckpointFile.staleTemporaries(run).isEmpty();
                    if (writing && !wasWriting) seen++;
                    wasWriting = writing;
                    if (writing && seen >= k.duringWrite()) {
                        sawTemp = true;
                        break;
                    }
                } else if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(k.afterMillis())) {
                    break;
                }
                Thread.onSpinWait();
            }
            if (!p.isAlive()) {
                assertEquals(0, p.exitValue(), Files.readString(dir.resolve("child.log")));
                break; // the run finished before this kill: the rest of the plan is moot
            }
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            killed++;
            // the write is caught when its temporary file is still there after the kill
            if (sawTemp && !CheckpointFile.staleTemporaries(run).isEmpty()) killedMidWrite++;
        }
        if (Files.exists(run.resolve("manifest.json"))) {
            // the last child finished; nothing to resume
        } else {
            CheckpointResumeTest.ok("run", exp.toString(), "--out", run.toString(), "--quiet", "--checkpoint-every", "4",
                    "--resume");
        }
        assertTrue(killed >= 5, "kills: " + killed);
        assertTrue(killedMidWrite >= 2, "kills in the middle of a checkpoint write: " + killedMidWrite);
        TreeMap<String, byte[]> a = outputs(dir.resolve("straight"));
        TreeMap<String, byte[]> b = outputs(run);
        assertEquals(a.keySet(), b.keySet(), "the same files");
        for (String f : a.keySet()) assertArrayEquals(a.get(f), b.get(f), f + " byte for byte");
        assertTrue(a.size() >= 6, "outputs compared: " + a.keySet());
        assertEquals(List.of(), CheckpointFile.staleTemporaries(run), "no temporary file left");
    }

    /** Every file of a run folder but manifest.json (wall-clock times) and the checkpoint. */
    private static TreeMap<String, byte[]> outputs(Path dir) throws IOException {
        TreeMap<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.equals("manifest.json") || n.equals(CheckpointFile.NAME)) continue;
                m.put(n, Files.readAllBytes(p));
            }
        }
        return m;
    }
}
