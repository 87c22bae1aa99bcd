package io.engram.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics during one compile. Passes report every problem they can find and carry on where it is safe,
 * so a user sees all errors at once. One instance per compile; never shared.
 */
public final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();

    public void report(Diagnostic d) { list.add(d); }

    public void report(DiagCode code, Location where, String message, String hint) {
        list.add(new Diagnostic(code, where, message, hint));
    }

    public boolean hasErrors() { return list.stream().anyMatch(Diagnostic::isError); }

    public int errorCount() { return (int) list.stream().filter(Diagnostic::isError).count(); }

    public List<Diagnostic> all() { return List.copyOf(list); }
}
