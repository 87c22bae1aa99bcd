package io.engram.runtime.cli.fuzz;

import io.engram.runtime.cli.EngramCli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The error contract of every command, checked on one input: exit code 0, or 2 with a message naming a cause
 * ({@code engram: error:} or a diagnostic {@code error E...}); never exit 1, a stack trace or an uncaught throwable;
 * after exit 2 no output left behind (no run file, no program); the command ends within a time bound. A violating
 * input is saved under {@code target/fuzz-failures} for the corpus ({@code src/test/resources/fuzz-corpus}).
 */
final class Contract {
    /** Bound on one command's wall time: a tiny network; a violation means a hang, not a slow machine. */
    static final long TIME_BOUND_SECONDS = 60;
    static final Path FAILURES = Path.of("target", "fuzz-failures");

    static final AtomicLong TRIED = new AtomicLong();
    static final AtomicLong REFUSED = new AtomicLong();
    static final AtomicLong ACCEPTED = new AtomicLong();
    static final AtomicLong VIOLATIONS = new AtomicLong();

    private static final ExecutorService EXEC = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-cli");
        t.setDaemon(true);
        return t;
    });

    private Contract() {}

    /** What one command did. */
    record Outcome(int code, String out, String err, Throwable thrown) {}

    /** Runs the CLI in this JVM with stdout and stderr captured. */
    static synchronized Outcome execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            Future<Integer> f = EXEC.submit(() -> EngramCli.execute(args));
            try {
                int code = f.get(TIME_BOUND_SECONDS, TimeUnit.SECONDS);
                return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), null);
            } catch (TimeoutException t) {
                f.cancel(true);
                return new Outcome(-1, o.toString(StandardCharsets.UTF_8), "did not end within " + TIME_BOUND_SECONDS
                        + " s", t);
            } catch (java.util.concurrent.ExecutionException x) {
                return new Outcome(-2, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), x.getCause());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(x);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /**
     * Checks the contract; returns the outcome's class ("ok" or "refused") for statistics, or throws an
     * AssertionError naming the violation after saving the input.
     *
     * @param input     the mutated input's bytes (saved on a violation)
     * @param name      file name for the saved input: the corpus kind as prefix, the extension, and for a generated
     *                  input its seed and index (e.g. {@code network-seed20261207-i0042.yaml})
     * @param leftovers files that must not exist after a refusal (run outputs, a program)
     */
    static String check(Outcome r, byte[] input, String name, List<Path> leftovers, String what) {
        TRIED.incrementAndGet();
        String violation = null;
        if (r.thrown() != null) {
            violation = r.code() == -1 ? "hang: " + r.err() : "uncaught " + r.thrown();
        } else if (r.code() == 1) {
            violation = "internal error (exit 1)";
        } else if (r.code() != 0 && r.code() != 2) {
            violation = "exit code " + r.code();
        } else if (r.err().contains("\tat ") || r.err().contains("internal error")) {
            violation = "stack trace";
        } else if (r.code() == 2 && !(r.err().contains("error:") || r.err().contains("error E"))) {
            violation = "exit 2 without a named cause";
        } else if (r.code() == 2) {
            for (Path p : leftovers) if (Files.exists(p)) violation = "output left behind after a refusal: " + p;
        }
        if (violation != null) {
            VIOLATIONS.incrementAndGet();
            String file = save(input, name);
            throw new AssertionError(violation + " (" + what + "; input saved as " + file + ")\nstderr:\n" + r.err()
                    + (r.thrown() == null ? "" : "\n" + stack(r.thrown())));
        }
        if (r.code() == 0) {
            ACCEPTED.incrementAndGet();
            return "ok";
        }
        REFUSED.incrementAndGet();
        return "refused";
    }

    private static String stack(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** Writes a violating input to {@link #FAILURES} as {@code name} with its hash before the extension. */
    static String save(byte[] input, String name) {
        try {
            Files.createDirectories(FAILURES);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)).substring(0, 12);
            int dot = name.lastIndexOf('.');
            Path p = FAILURES.resolve(name.substring(0, dot) + "-" + hash + name.substring(dot));
            Files.write(p, input);
            return p.toString();
        } catch (Exception e) {
            return "(not saved: " + e + ")";
        }
    }

    /** Removes a folder tree (the run folders of accepted inputs, so the disk does not fill). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary folder does not change the verdict
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
