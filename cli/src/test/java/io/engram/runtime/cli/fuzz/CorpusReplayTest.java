package io.engram.runtime.cli.fuzz;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every input that ever broke the error contract, kept in {@code src/test/resources/fuzz-corpus} (the
 * generative suite saves a new one under {@code target/fuzz-failures}; copy it there with its kind as prefix):
 * {@code network-*.yaml} compiled for rram-22nm, {@code chip-*.yaml} as the chip of a small network,
 * {@code experiment-*.yaml} run with a small network beside it, {@code *.nir} compiled.
 */
class CorpusReplayTest {
    static final Path CORPUS = Path.of("src", "test", "resources", "fuzz-corpus");

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> everyCorpusInputKeepsTheContract() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(CORPUS)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 10, "corpus of " + files.size() + " inputs");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> replay(f)));
    }

    private static void replay(Path f) throws IOException {
        String name = f.getFileName().toString();
        byte[] in = Files.readAllBytes(f);
        Path dir = Files.createDirectories(work.resolve(name + ".d"));
        Files.writeString(dir.resolve("network.yaml"), InputMutationTest.RUN_NETWORK);
        Path prog = dir.resolve("program.h5");
        Contract.Outcome r;
        List<Path> left = new ArrayList<>(List.of(prog));
        if (name.startsWith("network-")) {
            Path p = Files.write(dir.resolve("input.yaml"), in);
            r = Contract.execute("compile", p.toString(), "--chip", "rram-22nm", "-o", prog.toString());
        } else if (name.startsWith("chip-")) {
            Path p = Files.write(dir.resolve("chip.yaml"), in);
            r = Contract.execute("compile", dir.resolve("network.yaml").toString(), "--chip", p.toString(), "-o",
                    prog.toString());
        } else if (name.startsWith("experiment-")) {
            Path p = Files.write(dir.resolve("experiment.yaml"), in);
            Path out = dir.resolve("run");
            r = Contract.execute("run", p.toString(), "--out", out.toString(), "--quiet");
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    s.forEach(left::add);
                }
            }
        } else if (name.endsWith(".nir")) {
            Path p = Files.write(dir.resolve("graph.nir"), in);
            r = Contract.execute("compile", p.toString(), "-o", prog.toString());
        } else {
            throw new AssertionError("corpus file of no known kind: " + name);
        }
        Contract.check(r, in, name, left, "corpus " + name + ": " + new String(in, 0, Math.min(in.length, 80),
                StandardCharsets.ISO_8859_1).replace('\n', ' '));
    }
}
