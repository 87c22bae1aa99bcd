package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST container format), plain or gzip-compressed; compression is detected from the
 * content, not the file name. Only unsigned-byte payloads (type 0x08) are supported, which covers MNIST,
 * Fashion-MNIST, EMNIST and KMNIST.
 *
 * <p>Layout: two zero bytes, a type byte, a dimension-count byte, then one big-endian int per dimension,
 * then the payload in row-major order. The first dimension is the item count.
 */
public final class IdxReader {
    /** The IDX type code of unsigned bytes, the only one supported. */
    public static final int UBYTE = 0x08;

    private static final int MAX_DIMS = 8;

    private IdxReader() {}

    /** The decoded header of one IDX file; {@code dims[0]} is the item count. */
    public record Header(Path file, int typeCode, int[] dims) {
        public int count() { return dims[0]; }

        /** Bytes per item: the product of all dimensions after the first. */
        public long itemBytes() {
            long n = 1;
            for (int i = 1; i < dims.length; i++) n *= dims[i];
            return n;
        }

        /** Size of the header in bytes. */
        public int headerBytes() { return 4 + 4 * dims.length; }

        /** Uncompressed size the header promises. */
        public long expectedBytes() { return headerBytes() + itemBytes() * count(); }

        @Override
        public String toString() { return file + " " + Arrays.toString(dims); }
    }

    /** The first {@code count} items of an IDX file: raw unsigned bytes, row-major. */
    public record Data(Header header, int count, byte[] bytes) {
        /** The unsigned value at flat index {@code i} of the payload read. */
        public int unsigned(int i) { return bytes[i] & 0xFF; }
    }

    /** Reads only the header. */
    public static Header readHeader(Path file) {
        try (InputStream in = open(file)) {
            return header(file, in);
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    /**
     * Reads the header and the first {@code limit} items ({@code limit <= 0}: all).
     * A file shorter than its header promises fails with the expected and found sizes, as long as
     * the shortfall lies within the items requested; bytes after them are not read.
     */
    public static Data read(Path file, int limit) {
        try (InputStream in = open(file)) {
            Header h = header(file, in);
            int count = limit <= 0 ? h.count() : Math.min(limit, h.count());
            long want = h.itemBytes() * count;
            if (want > Integer.MAX_VALUE - 8) {
                throw new SpecException(file.toString(), null, Arrays.toString(h.dims()),
                        "IDX payload of " + want + " bytes is too large to load; pass a smaller limit");
            }
            byte[] bytes = new byte[(int) want];
            int got = readFully(in, bytes);
            if (got < want) {
                long found = h.headerBytes() + got + drain(in);
                throw truncated(file, h, found);
            }
            return new Data(h, count, bytes);
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    /**
     * Loads an image/label file pair as a dataset with values scaled from 0..255 to [0, 1].
     * Images must be 3-dimensional (count, rows, columns) and labels 1-dimensional with the same count.
     *
     * @param classes class count, or {@code 0} to use the largest label read + 1
     */
    public static Dataset readDataset(String name, Path imagesFile, Path labelsFile, int classes, int limit) {
        Header ih = readHeader(imagesFile);
        if (ih.dims().length != 3) {
            throw new SpecException(imagesFile.toString(), "dimensions", Arrays.toString(ih.dims()),
                    "an image file must have 3 dimensions (count, rows, columns); is this a label file?");
        }
        Header lh = readHeader(labelsFile);
        if (lh.dims().length != 1) {
            throw new SpecException(labelsFile.toString(), "dimensions", Arrays.toString(lh.dims()),
                    "a label file must have 1 dimension (count); is this an image file?");
        }
        if (ih.count() != lh.count()) {
            throw new SpecException(labelsFile.toString(), "count", String.valueOf(lh.count()),
                    "must equal the image count " + ih.count() + " of " + imagesFile);
        }
        Data img = read(imagesFile, limit);
        Data lab = read(labelsFile, limit);
        int n = img.count();
        int height = ih.dims()[1];
        int width = ih.dims()[2];
        if (height == 0 || width == 0) {
            throw new SpecException(imagesFile.toString(), "dimensions", height + "x" + width,
                    "images must have at least one row and one column");
        }
        if ((long) height * width > MAX_PIXELS) {
            throw new SpecException(imagesFile.toString(), "dimensions", height + "x" + width,
                    "an image of " + (long) height * width + " pixels; at most " + MAX_PIXELS + " (one array)");
        }
        int pixels = width * height;
        int[] labels = new int[n];
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            labels[i] = lab.unsigned(i);
            maxLabel = Math.max(maxLabel, labels[i]);
        }
        if (classes > 0 && maxLabel >= classes) {
            int at = 0;
            while (labels[at] < classes) at++;
            throw new SpecException(labelsFile.toString(), "label[" + at + "]", String.valueOf(labels[at]),
                    "labels must lie in 0.." + (classes - 1));
        }
        float[][] images = new float[n][pixels];
        byte[] b = img.bytes();
        for (int i = 0, k = 0; i < n; i++) {
            float[] im = images[i];
            for (int p = 0; p < pixels; p++, k++) im[p] = (b[k] & 0xFF) / 255f;
        }
        return new Dataset(name, width, height, 1, classes > 0 ? classes : maxLabel + 1, images, labels);
    }

    /**
     * Finds the IDX file of one split in a directory, accepting the common spellings:
     * {@code train-images-idx3-ubyte}, {@code train-images.idx3-ubyte}, each optionally with {@code .gz}.
     *
     * @param what {@code "images"} or {@code "labels"}
     */
    public static Optional<Path> findSplitFile(Path dir, Split split, String what) {
        String idx = what.equals("images") ? "idx3" : "idx1";
        String[] names = {
            split.filePrefix() + "-" + what + "-" + idx + "-ubyte",
            split.filePrefix() + "-" + what + "." + idx + "-ubyte",
        };
        for (String n : names) {
            for (String suffix : new String[] {"", ".gz"}) {
                Path p = dir.resolve(n + suffix);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads one split from a directory in the MNIST layout.
     *
     * @param hint appended to the "file not found" message, e.g. how to install the data
     */
    public static Dataset loadSplit(Path dir, Split split, String name, int classes, int limit, String hint) {
        Path images = requireSplitFile(dir, split, "images", hint);
        Path labels = requireSplitFile(dir, split, "labels", hint);
        return readDataset(name, images, labels, classes, limit);
    }

    private static Path requireSplitFile(Path dir, Split split, String what, String hint) {
        String idx = what.equals("images") ? "idx3" : "idx1";
        String expected = split.filePrefix() + "-" + what + "-" + idx + "-ubyte[.gz]";
        if (!Files.isDirectory(dir)) {
            throw new SpecException(dir.toString(), null, null, "IDX directory not found" + hintSuffix(hint));
        }
        return findSplitFile(dir, split, what).orElseThrow(() -> new SpecException(dir.resolve(expected).toString(),
                null, null, "IDX file not found in " + dir + hintSuffix(hint)));
    }

    private static String hintSuffix(String hint) {
        return hint == null || hint.isEmpty() ? "" : "; " + hint;
    }

    /** Most pixels of one image: one Java array's elements (the JVM's limit is a little below Integer.MAX_VALUE). */
    static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

    /** Opens a file, transparently decompressing gzip (magic 1f 8b). */
    static InputStream open(Path file) throws IOException {
        DataFiles.requireRegularFile(file, "a data file");
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            // Not wrapped in another buffer: a bulk read through BufferedInputStream loses the bytes it had decoded
            // when a cut-off stream throws, and the truncation message needs that count.
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static Header header(Path file, InputStream in) throws IOException {
        byte[] magic = new byte[4];
        int got = readFully(in, magic);
        if (got < 4) {
            throw new SpecException(file.toString(), null, null,
                    "truncated IDX file: expected at least 4 header bytes, found " + got);
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new SpecException(file.toString(), "magic", String.format("%02x %02x", magic[0], magic[1]),
                    "not an IDX file: it must start with two zero bytes");
        }
        int type = magic[2] & 0xFF;
        int ndims = magic[3] & 0xFF;
        if (type != UBYTE) {
            throw new SpecException(file.toString(), "type", String.format("0x%02x", type),
                    "only unsigned-byte IDX files (type 0x08) are supported");
        }
        if (ndims < 1 || ndims > MAX_DIMS) {
            throw new SpecException(file.toString(), "dimensions", String.valueOf(ndims),
                    "an IDX file has 1.." + MAX_DIMS + " dimensions");
        }
        byte[] raw = new byte[4 * ndims];
        got = readFully(in, raw);
        if (got < raw.length) {
            throw new SpecException(file.toString(), null, null, "truncated IDX file: expected "
                    + (4 + raw.length) + " header bytes, found " + (4 + got));
        }
        int[] dims = new int[ndims];
        for (int i = 0; i < ndims; i++) {
            dims[i] = ((raw[4 * i] & 0xFF) << 24) | ((raw[4 * i + 1] & 0xFF) << 16)
                    | ((raw[4 * i + 2] & 0xFF) << 8) | (raw[4 * i + 3] & 0xFF);
            if (dims[i] < 0) {
                throw new SpecException(file.toString(), "dimension[" + i + "]", Integer.toUnsignedString(dims[i]),
                        "dimension sizes must be below 2^31");
            }
        }
        return new Header(file, type, dims);
    }

    /** Reads until {@code buf} is full or the stream ends; a truncated gzip stream counts as its end. */
    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        try {
            while (off < buf.length) {
                int r = in.read(buf, off, buf.length - off);
                if (r < 0) break;
                off += r;
            }
        } catch (EOFException e) {
            // GZIPInputStream reports a cut-off compressed stream this way; what was decoded is kept.
        }
        return off;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long n = 0;
        try {
            for (int r; (r = in.read(buf)) >= 0; ) n += r;
        } catch (EOFException e) {
            // as in readFully
        }
        return n;
    }

    private static SpecException truncated(Path file, Header h, long found) {
        String unit = isGzip(file) ? " bytes after decompression" : " bytes";
        return new SpecException(file.toString(), null, null, "truncated IDX file: expected " + h.expectedBytes() + unit
                + ", found " + found + " (header dimensions " + Arrays.toString(h.dims())
                + "); the file may be an incomplete download");
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    static SpecException ioError(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new SpecException(file.toString(), null, null, "file not found", e);
        }
        if (e instanceof EOFException) {
            return new SpecException(file.toString(), null, null,
                    "truncated compressed data (" + e.getMessage() + "); the download may be incomplete", e);
        }
        if (e instanceof ZipException) {
            return new SpecException(file.toString(), null, null, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
        if (java.nio.file.Files.isDirectory(file)) {
            return new SpecException(file.toString(), null, null, "a folder where a file is expected", e);
        }
        return new SpecException(file.toString(), null, null, "cannot read the file (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
}
