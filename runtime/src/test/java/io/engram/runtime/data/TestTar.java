package io.engram.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar archives for tests (names up to 100 bytes, or split into prefix/name). */
final class TestTar {
    private TestTar() {}

    static void writeTgz(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar(entries));
        }
    }

    static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            out.write(header(e.getKey(), e.getValue().length));
            out.write(e.getValue());
            int pad = (512 - e.getValue().length % 512) % 512;
            out.write(new byte[pad]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] header(String path, long size) {
        byte[] h = new byte[512];
        String name = path;
        String prefix = "";
        if (name.length() > 100) {
            int cut = name.lastIndexOf('/', name.length() - 2);
            prefix = name.substring(0, cut);
            name = name.substring(cut + 1);
        }
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xFF;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
