package io.engram.runtime.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes unsigned-byte IDX files (gzip-compressed when the name ends in {@code .gz}), e.g. to export the generated
 * dataset for other tools. Written atomically: a temporary file, then a rename.
 */
public final class IdxWriter {
    private IdxWriter() {}

    /** Writes {@code data} (row-major, length = product of {@code dims}) under an IDX header. */
    public static void writeUbyte(Path file, int[] dims, byte[] data) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension");
            n *= d;
        }
        if (n != data.length) throw new IllegalArgumentException("dims hold " + n + " bytes, data has " + data.length);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream z = file.getFileName().toString().endsWith(".gz")
                         ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 16);
                 DataOutputStream out = new DataOutputStream(z)) {
                out.writeByte(0);
                out.writeByte(0);
                out.writeByte(IdxReader.UBYTE);
                out.writeByte(dims.length);
                for (int d : dims) out.writeInt(d);
                out.write(data);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a single-channel dataset as an images file (values in [0,1] rounded to 0..255) and a labels file. */
    public static void writeDataset(Dataset d, Path imagesFile, Path labelsFile) {
        if (d.channels() != 1) throw new IllegalArgumentException("IDX export supports one channel, got " + d.channels());
        int pixels = d.pixels();
        byte[] img = new byte[d.size() * pixels];
        byte[] lab = new byte[d.size()];
        for (int i = 0, k = 0; i < d.size(); i++) {
            float[] im = d.images()[i];
            for (int p = 0; p < pixels; p++, k++) {
                img[k] = (byte) Math.round(Math.max(0f, Math.min(1f, im[p])) * 255f);
            }
            if (d.labels()[i] > 255) throw new IllegalArgumentException("label above 255");
            lab[i] = (byte) d.labels()[i];
        }
        writeUbyte(imagesFile, new int[] {d.size(), d.height(), d.width()}, img);
        writeUbyte(labelsFile, new int[] {d.size()}, lab);
    }
}
