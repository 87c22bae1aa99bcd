package io.engram.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code engram validate --quick}: the CI form, its files read back, and a user's mistake. */
class ValidateCommandTest {

    private static String capture(Runnable r) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            r.run();
        } finally {
            System.setOut(out);
        }
        return o.toString();
    }

    @Test
    void quickValidationWritesJsonAndPlotAndIsReproducible(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("v.json");
        int[] code = new int[1];
        String out = capture(() -> code[0] = EngramCli.execute("validate", "--quick", "--only", "neurram,macro-22nm",
                "-o", json.toString()));
        assertEquals(0, code[0], out);
        assertTrue(out.contains("== neurram"), out);
        assertTrue(out.contains("== macro-22nm"), out);
        assertTrue(Files.size(dir.resolve("v.png")) > 1000);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, root.get("cases").size());
        for (JsonNode c : root.get("cases")) {
            for (JsonNode p : c.get("points")) {
                if (p.get("measured").isNull()) continue;
                // relative_error is (engram - measured) / measured, recomputed from the file's own numbers
                double m = p.get("measured").asDouble();
                assertEquals((p.get("engram").asDouble() - m) / m, p.get("relative_error").asDouble(), 1e-12);
            }
        }
        byte[] first = Files.readAllBytes(json);
        capture(() -> EngramCli.execute("validate", "--quick", "--only", "neurram,macro-22nm", "-o", json.toString()));
        assertArrayEquals(first, Files.readAllBytes(json), "same seed, same bytes");
    }

    @Test
    void unknownCaseIsAUserError(@TempDir Path dir) {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(e, true));
            code = EngramCli.execute("validate", "--only", "nope", "-o", dir.resolve("v.json").toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(e.toString().contains("one of [neurram, macro-22nm, loihi]"), e.toString());
        assertFalse(Files.exists(dir.resolve("v.json")));
    }

    /** Any network in SANA-FE's format runs through the Loihi case (here a three-neuron one written for the test). */
    @Test
    void loihiCaseRunsAUsersSanafeNetwork(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("tiny.yaml");
        Files.writeString(net, """
                network:
                  name: tiny
                  groups:
                  - name: in
                    attributes: { soma_hw_name: loihi_lif, threshold: 10 }
                    neurons: [ { 0: { bias: 6 } }, { 1: {} } ]
                  - name: out
                    attributes: { soma_hw_name: loihi_lif, synapse_hw_name: loihi_dense_synapse, threshold: 5 }
                    neurons: [ { 0: {} } ]
                  edges:
                  - in -> out: { type: dense, weight: [7, 3] }
                mappings:
                - in.0..1: { core: '0.0' }
                - out.0: { core: '0.1' }
                """);
        Path json = dir.resolve("v.json");
        int[] code = new int[1];
        String out = capture(() -> code[0] = EngramCli.execute("validate", "--only", "loihi", "--sanafe",
                net.toString(), "-o", json.toString()));
        assertEquals(0, code[0], out);
        JsonNode c = new ObjectMapper().readTree(json.toFile()).get("cases").get(0);
        assertEquals("loihi", c.get("name").asText());
        assertEquals(3, c.get("details").get("network").get("neurons").asInt());
        // 128 steps: in.0 fires every second step (6, 12 > 10), 64 spikes; each one message within tile 0
        assertEquals(64, c.get("details").get("spikes_by_group").get("in").asInt());
        assertEquals(64, c.get("details").get("event_counts").get("within_tile_message").asInt());
        assertEquals(0, c.get("details").get("event_counts").get("hop_east_west").asInt());
    }

    @Test
    void unwritableOutputIsAUserError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int[] code = new int[1];
        try {
            System.setErr(new PrintStream(e, true));
            String out = capture(() -> code[0] = EngramCli.execute("validate", "--quick", "--only", "macro-22nm",
                    "-o", file.resolve("v.json").toString()));
            assertFalse(out.contains("== macro-22nm"), "the output location is checked before any work: " + out);
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code[0]);
        assertTrue(e.toString().contains("'-o'"), e.toString());
    }
}
