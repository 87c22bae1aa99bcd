package io.engram.compiler;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The compiler's passes, in pipeline order. */
public enum Pass {
    VALIDATE, LOWER, PARTITION, PLACE, ROUTE, ALLOCATE, EMIT;

    /** Name used on the command line and in dumps, e.g. {@code partition}. */
    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a pass name case-insensitively; an unknown name fails with the list of valid ones. */
    public static Pass parse(String name) {
        for (Pass p : values()) if (p.cliName().equalsIgnoreCase(name.trim())) return p;
        throw new IllegalArgumentException("unknown pass '" + name + "'; passes: "
                + Arrays.stream(values()).map(Pass::cliName).collect(Collectors.joining(", ")));
    }
}
