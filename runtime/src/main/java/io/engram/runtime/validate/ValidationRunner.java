package io.engram.runtime.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.engram.runtime.report.AtomicFiles;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs validation cases, prints their points, writes validation.json and the parity plot. */
public final class ValidationRunner {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ValidationRunner() {}

    /**
     * A map of the given keys and values in that order (Map.of's iteration order changes from one JVM to the next,
     * so validation.json would not be the same bytes twice).
     */
    static Map<String, Object> ordered(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values come in pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    public static List<CaseResult> run(List<ValidationCase> cases, ValidationCase.Options options, PrintStream out) {
        List<CaseResult> results = new ArrayList<>();
        for (ValidationCase c : cases) {
            CaseResult r = c.run(options);
            print(r, out);
            results.add(r);
        }
        return results;
    }

    static void print(CaseResult r, PrintStream out) {
        out.println("== " + r.name() + ": " + r.title());
        for (String l : r.lines()) out.println(l);
        if (!r.points().isEmpty()) {
            out.printf(Locale.ROOT, "  %-22s %-34s %-12s %12s %12s %9s  %s%n", "point", "configuration", "role",
                    "measured", "engram", "error", "unit / source of the measured figure");
            for (Point p : r.points()) {
                String m = p.measured() == null ? "-" : fmt(p.measured());
                String e = p.relativeError() == null ? "-" : String.format(Locale.ROOT, "%+.1f %%", 100 * p.relativeError());
                out.printf(Locale.ROOT, "  %-22s %-34s %-12s %12s %12s %9s  %s; %s%s%n", p.id(), p.configuration(),
                        p.role().name().toLowerCase(Locale.ROOT), m, fmt(p.engram()), e, p.unit(), p.source(),
                        p.note().isEmpty() ? "" : " (" + p.note() + ")");
            }
        }
        out.println();
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 1e6)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** validation.json: every case with its points (and relative errors) and details; no wall-clock figures. */
    public static void writeJson(List<CaseResult> results, ValidationCase.Options options, String version, Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("engram_version", version);
        root.put("seed", options.seed());
        root.put("quick", options.quick());
        List<Object> cases = new ArrayList<>();
        for (CaseResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", r.name());
            c.put("title", r.title());
            c.put("validates", r.validates());
            c.put("does_not_validate", r.doesNotValidate());
            List<Object> pts = new ArrayList<>();
            for (Point p : r.points()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("configuration", p.configuration());
                m.put("quantity", p.quantity());
                m.put("unit", p.unit());
                m.put("role", p.role().name().toLowerCase(Locale.ROOT));
                m.put("measured", p.measured());
                m.put("source", p.source());
                m.put("engram", p.engram());
                m.put("relative_error", p.relativeError());
                m.put("note", p.note());
                pts.add(m);
            }
            c.put("points", pts);
            c.put("details", r.details());
            cases.add(c);
        }
        root.put("cases", cases);
        try {
            AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise validation results", e);
        }
    }
}
