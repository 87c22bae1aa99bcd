package io.engram.runtime.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a half-written file:
 * write a temporary file in the target's directory, force it to disk, then rename it over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes bytes produced by {@code body} into an output stream. */
    @FunctionalInterface
    public interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file at the given temporary path (for libraries that open files themselves). */
    @FunctionalInterface
    public interface PathBody {
        void write(Path temp) throws IOException;
    }

    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, StreamBody body) {
        writeVia(target, temp -> {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.write(out);
                out.flush();
                ch.force(true);
            }
        });
    }

    /**
     * Creates an empty temporary file beside {@code target}, lets {@code body} fill it, and renames it over the
     * target atomically. On any failure the temporary file is removed and the target is left as it was.
     */
    public static void writeVia(Path target, PathBody body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // createFile, not createTempFile: the result gets the usual permissions (umask), not owner-only
            temp = Files.createFile(dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp"));
            body.write(temp);
            Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure matters more than a leftover temporary file
                }
            }
        }
    }
}
