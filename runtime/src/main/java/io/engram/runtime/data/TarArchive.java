package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A minimal reader of tar archives (ustar with GNU long names and pax path records), optionally gzip-compressed,
 * enough for npm package tarballs. Regular files only; links and devices are skipped.
 */
final class TarArchive {
    private static final int BLOCK = 512;

    private TarArchive() {}

    /** Returns the contents of the regular files whose path satisfies {@code wanted}, keyed by path. */
    static Map<String, byte[]> read(Path archive, Predicate<String> wanted) {
        Map<String, byte[]> out = new TreeMap<>();
        try (InputStream in = IdxReader.open(archive)) {
            byte[] header = new byte[BLOCK];
            long offset = 0;
            String longName = null;
            while (true) {
                int got = readBlock(in, header);
                if (got == 0) break; // tolerated: archive without the two end-of-archive blocks
                if (got < BLOCK) throw truncated(archive, offset, BLOCK, got);
                if (isZero(header)) break;
                verifyChecksum(archive, header, offset);
                long size = parseSize(archive, header, offset);
                char type = (char) header[156];
                String name = longName != null ? longName : entryName(header);
                longName = null;
                offset += BLOCK;
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (type == 'L' || type == 'x') {
                    byte[] meta = readEntry(archive, in, size, padded, offset);
                    longName = type == 'L' ? cString(meta, 0, meta.length) : paxPath(meta);
                } else if ((type == '0' || type == '\0' || type == '7') && wanted.test(name)) {
                    if (size > Integer.MAX_VALUE - 8) {
                        throw new SpecException(archive.toString(), name, size + " bytes", "tar entry too large");
                    }
                    out.put(name, readEntry(archive, in, size, padded, offset));
                } else {
                    skip(archive, in, padded, offset);
                }
                offset += padded;
            }
        } catch (IOException e) {
            throw IdxReader.ioError(archive, e);
        }
        return out;
    }

    private static byte[] readEntry(Path archive, InputStream in, long size, long padded, long offset) throws IOException {
        byte[] data = new byte[(int) size];
        int got = in.readNBytes(data, 0, data.length);
        if (got < size) throw truncated(archive, offset, size, got);
        skip(archive, in, padded - size, offset + size);
        return data;
    }

    private static void skip(Path archive, InputStream in, long n, long offset) throws IOException {
        long left = n;
        byte[] buf = new byte[BLOCK * 16];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) throw truncated(archive, offset, n, n - left);
            left -= r;
        }
    }

    private static int readBlock(InputStream in, byte[] block) throws IOException {
        return in.readNBytes(block, 0, BLOCK);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String entryName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        if (ustar) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
        }
        return name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** Pax extended header: records "LEN key=value\n"; only {@code path} matters here. */
    private static String paxPath(byte[] meta) {
        String s = new String(meta, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int sp = s.indexOf(' ', i);
            if (sp < 0) break;
            int len;
            try {
                len = Integer.parseInt(s.substring(i, sp));
            } catch (NumberFormatException e) {
                break;
            }
            if (len <= 0 || i + len > s.length()) break;
            String rec = s.substring(sp + 1, i + len - 1);
            if (rec.startsWith("path=")) return rec.substring(5);
            i += len;
        }
        return null;
    }

    private static long parseSize(Path archive, byte[] h, long offset) {
        if ((h[124] & 0x80) != 0) { // GNU base-256 for sizes above 8 GiB
            long v = h[124] & 0x7F;
            for (int i = 125; i < 136; i++) v = (v << 8) | (h[i] & 0xFF);
            return v;
        }
        return parseOctal(archive, h, 124, 12, "size", offset);
    }

    private static long parseOctal(Path archive, byte[] h, int off, int len, String field, long offset) {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && h[i] == ' ') i++;
        for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new SpecException(archive.toString(), "tar header at byte " + offset + ", " + field,
                        "'" + cString(h, off, len).trim() + "'", "not a tar archive, or a corrupt one (octal number expected)");
            }
            v = (v << 3) | (h[i] - '0');
        }
        return v;
    }

    private static void verifyChecksum(Path archive, byte[] h, long offset) {
        long stored = parseOctal(archive, h, 148, 8, "checksum", offset);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        if (sum != stored) {
            throw new SpecException(archive.toString(), "tar header at byte " + offset, "checksum " + stored,
                    "not a tar archive, or a corrupt one (computed checksum " + sum + ")");
        }
    }

    private static SpecException truncated(Path archive, long offset, long expected, long found) {
        return new SpecException(archive.toString(), null, null, "truncated tar archive at byte " + offset
                + ": expected " + expected + " bytes, found " + found + "; the download may be incomplete");
    }
}
