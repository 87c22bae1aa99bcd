package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the data readers: they read regular files only, and say so in the user's terms. */
final class DataFiles {
    private DataFiles() {}

    /**
     * A data file must exist and be a regular file: a folder is named as such, and a FIFO or a device is refused
     * rather than read (reading one could block forever).
     *
     * @param what what the file should be, for the message (e.g. "an IDX file")
     */
    static void requireRegularFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new SpecException(file.toString(), null, null, "a folder where " + what + " is expected");
        }
        if (!Files.exists(file)) throw new SpecException(file.toString(), null, null, "file not found");
        if (!Files.isRegularFile(file)) {
            throw new SpecException(file.toString(), null, null, "not a regular file (a pipe or a device); "
                    + "give " + what);
        }
    }
}
