package io.engram.runtime.checkpoint;

import io.engram.chip.spec.SpecException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checksums of every dataset and attribute of an HDF5 file, kept in the file itself, so that a file changed after it
 * was written (a flipped bit, a zeroed block, a value edited by hand) is refused with the name of what changed.
 * <pre>
 * /integrity            paths string [n] (a dataset's HDF5 path, or PATH@ATTRIBUTE), sha256 string [n] (hex)
 * /@integrity_sha256    SHA-256 of the table itself
 * </pre>
 * Each entry's checksum is SHA-256 over the value's type, shape and element bits as jhdf reads them back, so the
 * writer computes it from the file it has just written (two passes) and the reader from the file it opens: both
 * sides use the same code on the same representation.
 */
final class Hdf5Integrity {
    static final String GROUP = "integrity";
    static final String TABLE_ATTRIBUTE = "integrity_sha256";

    private Hdf5Integrity() {}

    /** Writes {@code body}'s content into {@code temp}, then writes it again with the checksums of the first pass. */
    static void writeWithChecksums(java.nio.file.Path temp, java.util.function.Consumer<WritableHdfFile> body) {
        try (WritableHdfFile h = HdfFile.write(temp)) {
            h.removeAttribute("_jHDF"); // jHDF tags every file it writes with its version; not ours to ship
            body.accept(h);
        }
        Map<String, String> sums;
        try (HdfFile f = new HdfFile(temp)) {
            sums = checksums(f);
        }
        try (WritableHdfFile h = HdfFile.write(temp)) {
            h.removeAttribute("_jHDF"); // jHDF tags every file it writes with its version; not ours to ship
            body.accept(h);
            WritableGroup g = h.putGroup(GROUP);
            g.putDataset("paths", sums.keySet().toArray(new String[0]));
            g.putDataset("sha256", sums.values().toArray(new String[0]));
            h.putAttribute(TABLE_ATTRIBUTE, tableDigest(sums));
        }
    }

    /**
     * Checks every checksum of the table against the file's content.
     *
     * @throws SpecException naming the dataset or attribute whose content changed, one missing from the file, or one
     *                       the table does not list
     */
    static void verify(HdfFile f, String file) {
        if (!(f.getChildren().get(GROUP) instanceof Group g) || !f.getAttributes().containsKey(TABLE_ATTRIBUTE)) {
            throw new SpecException(file, "/" + GROUP, null, "the checkpoint has no checksum table (written by an "
                    + "older engram or damaged); delete it to start the run over");
        }
        Map<String, String> expected = new TreeMap<>();
        String[] paths = g.getChildren().get("paths") instanceof Dataset d && d.getData() instanceof String[] p ? p : null;
        String[] sums = g.getChildren().get("sha256") instanceof Dataset d && d.getData() instanceof String[] s ? s : null;
        if (paths == null || sums == null || paths.length != sums.length) {
            throw new SpecException(file, "/" + GROUP, null, "damaged checksum table; delete the checkpoint to start over");
        }
        for (int i = 0; i < paths.length; i++) expected.put(paths[i], sums[i]);
        Object stored = f.getAttributes().get(TABLE_ATTRIBUTE).getData();
        if (!tableDigest(expected).equals(stored)) {
            throw new SpecException(file, "/" + GROUP, null, "the checksum table itself was changed after it was "
                    + "written (corrupt checkpoint); delete it to start the run over");
        }
        Map<String, String> actual = checksums(f);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = actual.get(e.getKey());
            if (got == null) {
                throw new SpecException(file, e.getKey(), null, "missing from the checkpoint although its checksum "
                        + "table lists it (corrupt checkpoint)");
            }
            if (!got.equals(e.getValue())) {
                throw new SpecException(file, e.getKey(), null, "checksum mismatch: the content changed after the "
                        + "checkpoint was written (corrupt checkpoint; sha256 " + got.substring(0, 12)
                        + ", written " + e.getValue().substring(0, Math.min(12, e.getValue().length()))
                        + "); delete it to start the run over");
            }
        }
        for (String p : actual.keySet()) {
            if (!expected.containsKey(p)) {
                throw new SpecException(file, p, null, "not in the checkpoint's checksum table (added after it was "
                        + "written, or corrupt)");
            }
        }
    }

    /** Checksum of every dataset and attribute in the file, by path, without the checksum table itself. */
    static Map<String, String> checksums(HdfFile f) {
        long fileBytes = f.size();
        Map<String, String> out = new TreeMap<>();
        walk(f, out, fileBytes);
        return out;
    }

    private static void walk(Group g, Map<String, String> out, long fileBytes) {
        attributes(g, out, g.getPath().equals("/"));
        for (Node n : g) {
            if (g.getPath().equals("/") && n.getName().equals(GROUP)) continue;
            if (n instanceof Group child) {
                walk(child, out, fileBytes);
            } else if (n instanceof Dataset d) {
                if (d.getSizeInBytes() < 0 || d.getSizeInBytes() > fileBytes) {
                    throw new IllegalStateException("dataset " + d.getPath() + " declares " + d.getSizeInBytes()
                            + " bytes in a file of " + fileBytes);
                }
                attributes(d, out, false);
                out.put(d.getPath(), digest(d.getData()));
            }
        }
    }

    private static void attributes(Node n, Map<String, String> out, boolean root) {
        for (Map.Entry<String, Attribute> a : n.getAttributes().entrySet()) {
            if (root && a.getKey().equals(TABLE_ATTRIBUTE)) continue;
            out.put(n.getPath() + "@" + a.getKey(), digest(a.getValue().getData()));
        }
    }

    private static String tableDigest(Map<String, String> sums) {
        MessageDigest md = sha256();
        for (Map.Entry<String, String> e : new TreeMap<>(sums).entrySet()) {
            md.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 over a value's type tag, shape and element bits (raw IEEE bits, so a NaN's payload counts too). */
    static String digest(Object value) {
        MessageDigest md = sha256();
        feed(md, value);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void feed(MessageDigest md, Object v) {
        ByteBuffer b = ByteBuffer.allocate(9);
        if (v == null) {
            md.update((byte) 'z');
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            md.update((byte) '[');
            md.update(b.putLong(n).array(), 0, Long.BYTES);
            Class<?> c = v.getClass().getComponentType();
            if (c == float.class) {
                ByteBuffer bb = ByteBuffer.allocate(n * Float.BYTES);
                for (float x : (float[]) v) bb.putInt(Float.floatToRawIntBits(x));
                md.update((byte) 'f');
                md.update(bb.array());
            } else if (c == double.class) {
                ByteBuffer bb = ByteBuffer.allocate(n * Double.BYTES);
                for (double x : (double[]) v) bb.putLong(Double.doubleToRawLongBits(x));
                md.update((byte) 'd');
                md.update(bb.array());
            } else if (c == int.class) {
                ByteBuffer bb = ByteBuffer.allocate(n * Integer.BYTES);
                for (int x : (int[]) v) bb.putInt(x);
                md.update((byte) 'i');
                md.update(bb.array());
            } else if (c == long.class) {
                ByteBuffer bb = ByteBuffer.allocate(n * Long.BYTES);
                for (long x : (long[]) v) bb.putLong(x);
                md.update((byte) 'j');
                md.update(bb.array());
            } else if (c == byte.class) {
                md.update((byte) 'b');
                md.update((byte[]) v);
            } else {
                for (int i = 0; i < n; i++) feed(md, Array.get(v, i));
            }
        } else if (v instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            md.update((byte) 's');
            md.update(b.putLong(bytes.length).array(), 0, Long.BYTES);
            md.update(bytes);
        } else if (v instanceof Float x) {
            md.update((byte) 'F');
            md.update(b.putInt(Float.floatToRawIntBits(x)).array(), 0, Integer.BYTES);
        } else if (v instanceof Double x) {
            md.update((byte) 'D');
            md.update(b.putLong(Double.doubleToRawLongBits(x)).array(), 0, Long.BYTES);
        } else if (v instanceof Number x) {
            md.update((byte) 'N');
            md.update(b.putLong(x.longValue()).array(), 0, Long.BYTES);
        } else if (v instanceof Boolean x) {
            md.update((byte) (x ? 'T' : 'U'));
        } else {
            // any other type jhdf may return (compound data, references): its text form, tagged with its class
            feed(md, v.getClass().getName() + ":" + v);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
