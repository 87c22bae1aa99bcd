package io.engram.chip.spec;

/**
 * A user's mistake in a specification, technology, network or experiment file.
 * Carries where (file and field path), what (the bad value) and what would be accepted.
 * The CLI prints {@link #getMessage()} and exits with code 2; it never prints a stack trace for this type.
 */
public final class SpecException extends RuntimeException {
    private final String file;
    private final String fieldPath;
    private final String value;
    private final String allowed;

    public SpecException(String file, String fieldPath, String value, String allowed) {
        super(format(file, fieldPath, value, allowed));
        this.file = file;
        this.fieldPath = fieldPath;
        this.value = value;
        this.allowed = allowed;
    }

    public SpecException(String file, String fieldPath, String value, String allowed, Throwable cause) {
        super(format(file, fieldPath, value, allowed), cause);
        this.file = file;
        this.fieldPath = fieldPath;
        this.value = value;
        this.allowed = allowed;
    }

    private static String format(String file, String fieldPath, String value, String allowed) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file);
        if (fieldPath != null && !fieldPath.isEmpty()) {
            sb.append(": field '").append(fieldPath).append('\'');
        }
        if (value != null) {
            sb.append(": value ").append(value);
        }
        if (allowed != null) {
            sb.append(": ").append(allowed);
        }
        return sb.toString();
    }

    public String file() { return file; }
    public String fieldPath() { return fieldPath; }
    public String value() { return value; }
    public String allowed() { return allowed; }
}
