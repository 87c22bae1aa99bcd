package io.engram.compiler.diag;

/**
 * One message from the compiler: a stable code from {@link DiagCode}, where, what and what to do about it.
 *
 * @param hint what the user can change; empty when there is nothing useful to suggest
 */
public record Diagnostic(DiagCode code, Location location, String message, String hint) {
    public Diagnostic {
        if (code == null || location == null || message == null) throw new IllegalArgumentException("incomplete diagnostic");
        if (hint == null) hint = "";
    }

    public Severity severity() { return code.severity(); }

    public boolean isError() { return severity() == Severity.ERROR; }

    /** Text form: {@code error E301 [net.yaml: layers[1] `conv2`]: message} then an indented hint line. */
    public String render() {
        String s = severity().name().toLowerCase(java.util.Locale.ROOT) + " " + code.name() + " [" + location + "]: " + message;
        return hint.isEmpty() ? s : s + "\n  hint: " + hint;
    }

    @Override
    public String toString() { return render(); }
}
