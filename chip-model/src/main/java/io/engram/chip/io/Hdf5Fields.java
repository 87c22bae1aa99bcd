package io.engram.chip.io;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.Locale;

/**
 * Typed reads from an HDF5 file (jhdf) that fail with a {@link SpecException} naming the file, the HDF5 path and
 * what was expected, so a truncated or foreign file is a user's error, never a stack trace. Our file readers
 * (programs, checkpoints) extend it.
 */
public class Hdf5Fields {
    protected final String file;
    /** Path of the dataset being read, for error messages about its contents. */
    protected String where = "/";

    protected Hdf5Fields(String file) { this.file = file; }

    /** The HDF5 path read last, for reporting a failure the reader did not anticipate. */
    public String where() { return where; }

    protected static String path(Node parent, String key) {
        return parent.getPath().endsWith("/") ? parent.getPath() + key : parent.getPath() + "/" + key;
    }

    protected Attribute attr(Node n, String key) {
        Attribute a = n.getAttributes().get(key);
        if (a == null) throw new SpecException(file, n.getPath() + "@" + key, null, "missing attribute");
        return a;
    }

    protected String str(Node n, String key) {
        Object o = attr(n, key).getData();
        if (!(o instanceof String s)) throw new SpecException(file, n.getPath() + "@" + key, String.valueOf(o), "expected text");
        return s;
    }

    protected int integer(Node n, String key) {
        Object o = attr(n, key).getData();
        if (!(o instanceof Number x)) throw new SpecException(file, n.getPath() + "@" + key, String.valueOf(o), "expected an integer");
        return x.intValue();
    }

    protected long lng(Node n, String key) {
        Object o = attr(n, key).getData();
        if (!(o instanceof Number x)) throw new SpecException(file, n.getPath() + "@" + key, String.valueOf(o), "expected an integer");
        return x.longValue();
    }

    protected double dbl(Node n, String key) {
        Object o = attr(n, key).getData();
        if (!(o instanceof Number x)) throw new SpecException(file, n.getPath() + "@" + key, String.valueOf(o), "expected a number");
        return x.doubleValue();
    }

    protected Group group(Group parent, String key) {
        Node n = parent.getChildren().get(key);
        if (!(n instanceof Group g)) throw new SpecException(file, path(parent, key), null, "missing group");
        return g;
    }

    protected Dataset dataset(Group parent, String key) {
        Node n = parent.getChildren().get(key);
        String p = path(parent, key);
        where = p;
        if (!(n instanceof Dataset d)) throw new SpecException(file, p, null, "missing dataset");
        return d;
    }

    protected SpecException mismatch(Node parent, String key, int got, int expected) {
        return new SpecException(file, path(parent, key), Integer.toString(got), "expected length " + expected);
    }

    /** A value of a dataset just read (named by the last dataset read), e.g. one entry of a text column. */
    protected <E extends Enum<E>> E parseEnum(Class<E> type, String text, String key) {
        return constant(type, text, where + "@" + key);
    }

    /** The text attribute {@code key} of node {@code n} as a constant of {@code type}; the error names that node. */
    protected <E extends Enum<E>> E parseEnum(Class<E> type, Node n, String key) {
        return constant(type, str(n, key), n.getPath() + "@" + key);
    }

    private <E extends Enum<E>> E constant(Class<E> type, String text, String at) {
        String norm = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) if (e.name().equals(norm)) return e;
        throw new SpecException(file, at, text, "unknown value; one of " + SpecNode.choices(type));
    }
}
