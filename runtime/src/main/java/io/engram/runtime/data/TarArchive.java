package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the regular files of a tar archive, optionally gzip-compressed (npm package tarballs), with Apache Commons
 * Compress. A damaged or cut-off archive is a user error naming the file.
 */
final class TarArchive {
    private TarArchive() {}

    /** Returns the contents of the regular files whose path satisfies {@code wanted}, keyed by path. */
    static Map<String, byte[]> read(Path archive, Predicate<String> wanted) {
        Map<String, byte[]> out = new TreeMap<>();
        String current = null;
        try (InputStream raw = IdxReader.open(archive); TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                current = e.getName();
                if (!e.isFile() || !wanted.test(current)) continue;
                if (e.getSize() > IdxReader.MAX_PIXELS) {
                    throw new SpecException(archive.toString(), current, e.getSize() + " bytes", "tar entry too large");
                }
                byte[] data = tar.readNBytes((int) e.getSize());
                if (data.length < e.getSize()) {
                    throw truncated(archive, current, "expected " + e.getSize() + " bytes, found " + data.length);
                }
                out.put(current, data);
            }
        } catch (EOFException e) {
            throw truncated(archive, current, e.getMessage());
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.toLowerCase(Locale.ROOT).contains("truncated")) throw truncated(archive, current, m);
            if (e instanceof java.util.zip.ZipException || e instanceof java.nio.file.NoSuchFileException) {
                throw IdxReader.ioError(archive, e);
            }
            throw new SpecException(archive.toString(), current, null, "not a tar archive, or a corrupt one (" + m + ")", e);
        } catch (IllegalArgumentException e) {
            // Commons Compress rejects some malformed header fields (numbers, sizes) this way
            throw new SpecException(archive.toString(), current, null, "not a tar archive, or a corrupt one ("
                    + e.getMessage() + ")", e);
        }
        return out;
    }

    private static SpecException truncated(Path archive, String entry, String detail) {
        return new SpecException(archive.toString(), entry, null, "truncated tar archive (" + detail
                + "); the download may be incomplete");
    }
}
