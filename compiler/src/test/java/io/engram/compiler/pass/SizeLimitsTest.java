package io.engram.compiler.pass;

import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sizes beyond what the simulator can hold are E109 with the numbers, found by validate before anything is
 * allocated. Before: an input of 1x100000x100000 overflowed an int (IllegalArgumentException: shape must be
 * positive) and 784 x 16777216 weights failed in the lowering pass with "matrix too large for one array".
 */
class SizeLimitsTest {
    @TempDir
    Path tmp;

    private CompileResult compile(String yaml) throws Exception {
        Path f = Files.writeString(tmp.resolve("n.yaml"), yaml);
        return TestChips.compile(NetworkSource.file(f), TestChips.rram());
    }

    private static void refused(CompileResult r, String... parts) {
        assertFalse(r.ok());
        assertNull(r.program());
        String d = r.renderDiagnostics();
        for (String p : parts) assertTrue(d.contains(p), "'" + p + "' in: " + d);
    }

    @Test
    void anInputLargerThanOneArrayIsNamedWithItsSize() throws Exception {
        // 1 x 100000 x 100000 = 10,000,000,000 values > 2,147,483,639
        refused(compile("""
                name: big
                input: { shape: [1, 100000, 100000] }
                layers:
                  - { name: flat, type: flatten }
                  - { name: hidden, type: dense, units: 4 }
                """), DiagCode.E109.name(), "1x100000x100000 = 10,000,000,000 values", "2,147,483,639");
    }

    @Test
    void aWeightMatrixLargerThanOneArrayIsNamedWithTheChipsCapacity() throws Exception {
        // 784 x 16777216 (the largest units allowed) = 13,153,337,344 weights; rram-22nm: 16 cores x 128 x 64 = 131,072
        refused(compile("""
                name: wide
                input: { shape: [1, 28, 28] }
                layers:
                  - { name: flat, type: flatten }
                  - { name: hidden, type: dense, units: 16777216 }
                """), DiagCode.E109.name(), "784 x 16,777,216 = 13,153,337,344 weights", "131,072 weights (16 cores x 128 rows x 64 weight columns)");
    }

    @Test
    void aConvOutputLargerThanOneArrayIsRefused() throws Exception {
        // 65536 channels x 200 x 200 = 2,621,440,000 output values
        refused(compile("""
                name: conv
                input: { shape: [1, 200, 200] }
                layers:
                  - { name: c, type: conv2d, channels: 65536, kernel: 1 }
                """), DiagCode.E109.name(), "65536x200x200 = 2,621,440,000 values");
    }
}
