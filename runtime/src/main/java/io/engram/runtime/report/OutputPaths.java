package io.engram.runtime.report;

import io.engram.chip.spec.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Checks output locations before any work starts, so that a run, a compile or a bench never computes for minutes and
 * then fails to write, and a run never overwrites another run's folder. Each check names the option or field the
 * path came from and says what is wrong in the user's terms: an empty path, a file where a folder is expected (or
 * the reverse), a path under a file ({@code /dev/null/x}), a folder that cannot be written, a folder that already
 * holds a run.
 */
public final class OutputPaths {
    /** Files whose presence means a folder holds a finished (or finishing) run. */
    public static final List<String> RUN_MARKERS = List.of(RunFolder.MANIFEST_JSON, ReportRenderer.REPORT_JSON);

    private OutputPaths() {}

    /**
     * A run folder: it may exist (empty, or holding a checkpoint of this run) or be created; it must not already hold
     * a run unless {@code mayReplace} (--force, or resuming into it).
     *
     * @param option where the path came from, for the message (e.g. {@code --out}, or the experiment's {@code output})
     */
    public static void checkRunFolder(Path dir, String option, boolean mayReplace) {
        requireNonEmpty(dir, option, "a folder");
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw error(dir, option, "is a file, not a folder; a run writes a folder of files");
            }
            probeWritable(dir, abs, option, "the folder");
            if (!mayReplace) {
                for (String m : RUN_MARKERS) {
                    if (Files.exists(abs.resolve(m))) {
                        throw error(dir, option, "already holds a run (" + m + "); a run never overwrites another: "
                                + "choose another folder, or add --force to replace it");
                    }
                }
            }
            return;
        }
        checkCreatable(dir, abs, option);
    }

    /** Whether two paths name the same folder (false when either is null). */
    public static boolean same(Path a, Path b) {
        return a != null && b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * An output file (a program, bench.json): it may exist as a file (it is replaced) or be created; not a folder, not
     * under a file, in a writable folder.
     *
     * @param exampleName a file name to suggest when the path names a folder
     */
    public static void checkFile(Path file, String option, String exampleName) {
        requireNonEmpty(file, option, "a file");
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw error(file, option, "is a folder; give a file name (e.g. " + file.resolve(exampleName) + ")");
        }
        if (Files.exists(abs)) {
            if (!Files.isRegularFile(abs)) throw error(file, option, "exists and is not a regular file");
            probeWritable(file, abs.getParent(), option, "its folder");
            return;
        }
        checkCreatable(file, abs, option);
    }

    private static void requireNonEmpty(Path p, String option, String what) {
        if (p.toString().isBlank()) {
            throw new SpecException("<command line>", option, "\"\"", "an empty path; name " + what);
        }
    }

    /** The nearest existing ancestor must be a folder we can create entries in. */
    private static void checkCreatable(Path given, Path abs, String option) {
        Path p = abs.getParent();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) throw error(given, option, "no existing folder above it");
        if (!Files.isDirectory(p)) {
            throw error(given, option, p + " is a file, so nothing can be created under it");
        }
        probeWritable(given, p, option, p.toString());
    }

    /** Creates and removes an empty hidden file: the only test that also holds for root and read-only mounts. */
    private static void probeWritable(Path given, Path dir, String option, String what) {
        Path probe = dir.resolve(".engram-write-probe-" + UUID.randomUUID());
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw error(given, option, what + " is not writable (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase()
                + (m == null ? "" : ": " + m);
    }

    private static SpecException error(Path p, String option, String what) {
        return new SpecException(p.toString(), option, null, what);
    }
}
