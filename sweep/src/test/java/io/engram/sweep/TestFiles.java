package io.engram.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test experiment (src/test/resources/sweep) copied into a folder, with a sweep file beside it. */
final class TestFiles {
    private TestFiles() {}

    static Path experiment(Path dir) {
        copy("network.yaml", dir);
        return copy("experiment.yaml", dir);
    }

    static Path sweep(Path dir, String yaml) {
        experiment(dir);
        Path f = dir.resolve("sweep.yaml");
        try {
            Files.writeString(f, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static Path copy(String name, Path dir) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/sweep/" + name)) {
            Path f = dir.resolve(name);
            Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
