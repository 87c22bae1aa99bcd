package io.engram.runtime.session;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress when the output is not a terminal: a plain line every 10 s of a clock we drive (before: nothing). */
class ProgressTest {
    @Test
    void plainLinesAtASteadyIntervalWhenNotATerminal() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        long[] now = {1_000_000_000L};
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), Progress.Mode.LINES, () -> now[0]);
        p.begin("train layer 1 epoch 1", 100);
        // 100 samples, one every 0.25 s: 25 s in all, lines at 10 s and 20 s (sample 40 and 80)
        for (int i = 0; i < 100; i++) {
            now[0] += 250_000_000L;
            p.step();
        }
        String[] lines = b.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, b.toString(StandardCharsets.UTF_8));
        // at sample 40: 40 samples in 10 s = 4.0 samples/s, 60 left = 15 s
        assertEquals("progress: train layer 1 epoch 1 40/100 samples, 4.0 samples/s, ETA 15 s", lines[0]);
        assertEquals("progress: train layer 1 epoch 1 80/100 samples, 4.0 samples/s, ETA 5 s", lines[1]);
        assertFalse(b.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage returns in a log");
        // a next phase continues the same 10 s interval: 3 more samples 1 s apart, no line until 10 s after the last
        p.begin("features (train)", 3);
        for (int i = 0; i < 3; i++) {
            now[0] += 1_000_000_000L;
            p.step();
        }
        assertEquals(2, b.toString(StandardCharsets.UTF_8).split("\n").length);
    }

    @Test
    void silentPrintsNothing() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        long[] now = {0};
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), Progress.Mode.SILENT, () -> now[0]);
        p.begin("x", 10);
        for (int i = 0; i < 10; i++) {
            now[0] += 5_000_000_000L;
            p.step();
        }
        assertTrue(b.toString(StandardCharsets.UTF_8).isEmpty());
    }
}
