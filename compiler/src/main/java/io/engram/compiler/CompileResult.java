package io.engram.compiler;

import io.engram.chip.program.ChipProgram;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostic;
import io.engram.compiler.ir.Ir;
import io.engram.compiler.report.MappingReport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Outcome of one compile: the program (null when an error stopped the compile or {@code stopAfter} came before
 * emit), every diagnostic, the IR after each pass that ran, its dumps, and the mapping report (when emit ran).
 */
public final class CompileResult {
    private final ChipProgram program;
    private final List<Diagnostic> diagnostics;
    private final Map<Pass, Ir> irs;
    private final Map<Pass, String> dumps;
    private final Map<Pass, Long> nanos;
    private final MappingReport report;

    CompileResult(ChipProgram program, List<Diagnostic> diagnostics, EnumMap<Pass, Ir> irs, EnumMap<Pass, String> dumps,
                  EnumMap<Pass, Long> nanos, MappingReport report) {
        this.program = program;
        this.diagnostics = List.copyOf(diagnostics);
        this.irs = Collections.unmodifiableMap(new EnumMap<>(irs));
        this.dumps = Collections.unmodifiableMap(new EnumMap<>(dumps));
        this.nanos = Collections.unmodifiableMap(new EnumMap<>(nanos));
        this.report = report;
    }

    /** True when no error was reported (the program may still be null if the compile stopped early on request). */
    public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }

    public ChipProgram program() { return program; }

    public List<Diagnostic> diagnostics() { return diagnostics; }

    public List<Diagnostic> errors() { return diagnostics.stream().filter(Diagnostic::isError).collect(Collectors.toList()); }

    /** Diagnostics with this code. */
    public List<Diagnostic> withCode(DiagCode code) {
        return diagnostics.stream().filter(d -> d.code() == code).collect(Collectors.toList());
    }

    public boolean has(DiagCode code) { return diagnostics.stream().anyMatch(d -> d.code() == code); }

    /** Passes that completed, in order. */
    public List<Pass> completed() { return List.copyOf(irs.keySet()); }

    /** The IR after a pass, or null if the pass did not run. */
    public Ir ir(Pass pass) { return irs.get(pass); }

    /** Statistics record of a pass that ran, or null. */
    public Record stats(Pass pass) {
        Ir ir = irs.get(pass);
        return ir == null ? null : ir.stats();
    }

    /** Deterministic text of the IR after the pass; throws if the pass did not run. */
    public String dump(Pass pass) {
        String d = dumps.get(pass);
        if (d != null) return d;
        Ir ir = irs.get(pass);
        if (ir == null) throw new IllegalStateException("pass " + pass.cliName() + " did not run; completed: " + completed());
        return ir.dump();
    }

    /** Dumps rendered eagerly because they were requested in {@link CompileOptions#dumpIr()}. */
    public Map<Pass, String> requestedDumps() { return dumps; }

    /** Wall time of each pass that ran, in nanoseconds. */
    public Map<Pass, Long> passNanos() { return nanos; }

    /** The mapping report, or null when emit did not run. */
    public MappingReport report() { return report; }

    /** All diagnostics as text, one per entry. */
    public String renderDiagnostics() {
        return diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }
}
