package io.engram.runtime.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run closes its chip: no tile thread keeps running after the command (before: one pool leaked per run). */
class ChipClosedTest {
    @Test
    void aRunLeavesNoTileThreadRunning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), """
                name: tiny
                input: { shape: [1, 28, 28] }
                layers:
                  - { name: flat, type: flatten }
                  - { name: hidden, type: dense, units: 16, rule: { kind: hebb, eta: 0.01 } }
                """);
        Path exp = dir.resolve("experiment.yaml");
        Files.writeString(exp, """
                seed: 1
                threads: 2
                network: network.yaml
                data: { source: generated, train: 8, test: 4 }
                readout: { kind: vote }
                """);
        PrintStream out = System.out;
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
            code = EngramCli.execute("run", exp.toString(), "--out", dir.resolve("run").toString(), "--quiet");
        } finally {
            System.setOut(out);
        }
        assertEquals(0, code);
        long deadline = System.nanoTime() + 5_000_000_000L;
        long alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("engram-tiles") && t.isAlive()).count();
            if (alive > 0) Thread.sleep(10);
        } while (alive > 0 && System.nanoTime() < deadline);
        assertEquals(0, alive, "tile threads still running 5 s after the run");
    }
}
