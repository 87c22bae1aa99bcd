package io.engram.runtime.cli.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker and the generator of the generative suite: a violation is caught and saved; the inputs are seeded. */
class ContractTest {
    @TempDir
    Path dir;

    @Test
    void aViolationIsCountedAndItsInputSavedUnderSeedAndIndex() throws IOException {
        byte[] input = "units: 1e308\n".getBytes(StandardCharsets.UTF_8);
        long violations = Contract.VIOLATIONS.get();
        AssertionError e = assertThrows(AssertionError.class, () -> Contract.check(new Contract.Outcome(1, "", "boom",
                null), input, "network-seed7-i0042.yaml", List.of(), "unit test"));
        assertTrue(e.getMessage().startsWith("internal error (exit 1)"), e.getMessage());
        assertEquals(violations + 1, Contract.VIOLATIONS.get());
        List<Path> saved;
        try (Stream<Path> s = Files.list(Contract.FAILURES)) {
            saved = s.filter(p -> p.getFileName().toString().startsWith("network-seed7-i0042-")).toList();
        }
        assertEquals(1, saved.size(), saved.toString());
        assertTrue(e.getMessage().contains(saved.get(0).toString()), e.getMessage());
        assertArrayEquals(input, Files.readAllBytes(saved.get(0)));
        Files.delete(saved.get(0));
    }

    @Test
    void refusalsWithoutCauseOrWithLeftoversAndStackTracesAreViolations() throws IOException {
        Path left = Files.writeString(dir.resolve("program.h5"), "half");
        byte[] in = {1};
        assertThrows(AssertionError.class, () -> Contract.check(new Contract.Outcome(2, "", "bad", null), in,
                "chip-seed7-i0001.yaml", List.of(), "no cause"));
        assertThrows(AssertionError.class, () -> Contract.check(new Contract.Outcome(2, "", "engram: error: x", null), in,
                "chip-seed7-i0002.yaml", List.of(left), "left behind"));
        assertThrows(AssertionError.class, () -> Contract.check(new Contract.Outcome(0, "", "\tat a.B.c(B.java:1)",
                null), in, "chip-seed7-i0003.yaml", List.of(), "stack trace"));
        assertEquals("refused", Contract.check(new Contract.Outcome(2, "", "engram: error: x", null), in,
                "chip-seed7-i0004.yaml", List.of(dir.resolve("absent.h5")), "clean refusal"));
        assertEquals("ok", Contract.check(new Contract.Outcome(0, "", "", null), in, "chip-seed7-i0005.yaml", List.of(),
                "accepted"));
        try (Stream<Path> s = Files.list(Contract.FAILURES)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("chip-seed7-")).toList()) Files.delete(p);
        }
    }

    @Test
    void mutationsAreSeededAndBeginWithEveryOperationAtBothEnds() {
        for (int i = 0; i < 50; i++) {
            assertEquals(InputMutationTest.mutation(InputMutationTest.Kind.NETWORK, Mutation.TEXT_OPS, i),
                    InputMutationTest.mutation(InputMutationTest.Kind.NETWORK, Mutation.TEXT_OPS, i));
        }
        // inputs 0..15 of a text kind: 8 operations x (where 0, where 1), in order
        for (int i = 0; i < 2 * Mutation.TEXT_OPS.length; i++) {
            Mutation m = InputMutationTest.mutation(InputMutationTest.Kind.CHIP, Mutation.TEXT_OPS, i);
            assertEquals(Mutation.TEXT_OPS[i / 2], m.op());
            assertEquals(i % 2, m.where());
        }
        // two kinds draw different streams: input 20 of network and chip differ
        assertTrue(!InputMutationTest.mutation(InputMutationTest.Kind.NETWORK, Mutation.TEXT_OPS, 20).equals(
                InputMutationTest.mutation(InputMutationTest.Kind.CHIP, Mutation.TEXT_OPS, 20)));
    }
}
