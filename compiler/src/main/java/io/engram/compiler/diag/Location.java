package io.engram.compiler.diag;

/**
 * Where a diagnostic points: a file (null for a network built in Java) and an element inside it, such as
 * {@code layers[1] `conv2`}, {@code NIR node `fc1` (Affine)} or {@code core 5 (1,1)}.
 */
public record Location(String file, String element) {
    public static Location of(String file, String element) { return new Location(file, element); }

    @Override
    public String toString() {
        String f = file == null ? "<builder>" : file;
        return element == null || element.isEmpty() ? f : f + ": " + element;
    }
}
