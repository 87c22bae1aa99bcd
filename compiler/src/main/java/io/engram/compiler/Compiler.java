package io.engram.compiler;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.diag.Location;
import io.engram.compiler.frontend.NetworkYaml;
import io.engram.compiler.ir.AllocatedIr;
import io.engram.compiler.ir.EmittedIr;
import io.engram.compiler.ir.Ir;
import io.engram.compiler.ir.LoweredIr;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.PlacedIr;
import io.engram.compiler.ir.RoutedIr;
import io.engram.compiler.ir.ShapedIr;
import io.engram.compiler.nir.NirImporter;
import io.engram.compiler.pass.AllocatePass;
import io.engram.compiler.pass.EmitPass;
import io.engram.compiler.pass.LowerPass;
import io.engram.compiler.pass.PartitionPass;
import io.engram.compiler.pass.PassContext;
import io.engram.compiler.pass.PlacePass;
import io.engram.compiler.pass.RoutePass;
import io.engram.compiler.pass.ValidatePass;
import io.engram.compiler.report.MappingReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.function.Consumer;

/**
 * Compiles a network onto a chip: frontend, then validate -> lower -> partition -> place -> route -> allocate -> emit.
 * <pre>{@code
 * CompileResult r = new Compiler().compile(NetworkSource.yaml(Path.of("net.yaml")), ChipSpec.resolve("rram-22nm"),
 *         CompileOptions.defaults().withSeed(7));
 * if (r.ok()) ProgramFile.write(r.program(), Path.of("program.h5"));
 * else System.err.println(r.renderDiagnostics());
 * }</pre>
 * User mistakes come back as diagnostics in the result, never as exceptions; an {@link IllegalStateException} means
 * a bug in the compiler (a verifier caught an inconsistent IR). The compiler holds no state between compiles.
 * <p>On Java 17, {@code java.lang.Compiler} (deprecated, removed in 21) makes {@code import io.engram.compiler.*}
 * ambiguous for this name: import {@code io.engram.compiler.Compiler} explicitly.
 */
public final class Compiler {
    private static final Logger LOG = LoggerFactory.getLogger(Compiler.class);

    public CompileResult compile(NetworkSource src, ChipSpec chip, CompileOptions opts) {
        Diagnostics diags = new Diagnostics();
        Network net = frontend(src, opts, diags);
        Run run = new Run(opts);
        if (net == null && !diags.hasErrors()) {
            throw new IllegalStateException("the frontend produced no network and reported no error");
        }
        if (net == null || diags.hasErrors()) return run.finish(diags, null, null, chip);
        PassContext ctx = new PassContext(chip, new RandomStreams(opts.seed()), diags, net.file(),
                opts.allowRowSplit() && net.allowRowSplit(), opts.placementPasses());
        LOG.debug("compiling `{}` for {} (seed {})", net.name(), chip.name(), opts.seed());

        ShapedIr shaped = run.step(Pass.VALIDATE, () -> ValidatePass.run(net, ctx), ValidatePass::verify, diags);
        if (run.stop(shaped)) return run.finish(diags, null, null, chip);
        LoweredIr lowered = run.step(Pass.LOWER, () -> LowerPass.run(shaped, ctx), LowerPass::verify, diags);
        if (run.stop(lowered)) return run.finish(diags, null, null, chip);
        PartitionedIr part = run.step(Pass.PARTITION, () -> PartitionPass.run(lowered, ctx), PartitionPass::verify, diags);
        if (run.stop(part)) return run.finish(diags, null, null, chip);
        PlacedIr placed = run.step(Pass.PLACE, () -> PlacePass.run(part, ctx), PlacePass::verify, diags);
        if (run.stop(placed)) return run.finish(diags, null, null, chip);
        RoutedIr routed = run.step(Pass.ROUTE, () -> RoutePass.run(placed, ctx), RoutePass::verify, diags);
        if (run.stop(routed)) return run.finish(diags, null, null, chip);
        AllocatedIr alloc = run.step(Pass.ALLOCATE, () -> AllocatePass.run(routed, ctx), AllocatePass::verify, diags);
        if (run.stop(alloc)) return run.finish(diags, null, null, chip);
        EmittedIr emitted = run.step(Pass.EMIT, () -> EmitPass.run(alloc, ctx), EmitPass::verify, diags);
        return run.finish(diags, emitted, emitted == null ? null : emitted.program(), chip);
    }

    /** Convenience: compile with default options and the given seed. */
    public CompileResult compile(NetworkSource src, ChipSpec chip, long seed) {
        return compile(src, chip, CompileOptions.defaults().withSeed(seed));
    }

    private static Network frontend(NetworkSource src, CompileOptions opts, Diagnostics diags) {
        try {
            if (src instanceof NetworkSource.Yaml y) return NetworkYaml.read(y.file());
            if (src instanceof NetworkSource.Built b) return b.network();
            NetworkSource.Nir n = (NetworkSource.Nir) src;
            return NirImporter.importGraph(n.file(), n.overlay(), opts.nirDtSeconds(), opts.nirSemantics(), diags);
        } catch (SpecException e) {
            diags.report(DiagCode.E100, Location.of(e.file(), e.fieldPath() == null || e.fieldPath().isEmpty() ? ""
                    : "field `" + e.fieldPath() + "`"), specMessage(e), "fix the file; see compiler/README-network.md for the format");
            return null;
        }
    }

    /** The exception's text without the file name, which the diagnostic's location already shows. */
    private static String specMessage(SpecException e) {
        String m = e.getMessage();
        String prefix = e.file() == null ? null : e.file() + ": ";
        return prefix != null && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** Bookkeeping of one pipeline run: IRs, dumps and timings per pass. */
    private static final class Run {
        final CompileOptions opts;
        final EnumMap<Pass, Ir> irs = new EnumMap<>(Pass.class);
        final EnumMap<Pass, String> dumps = new EnumMap<>(Pass.class);
        final EnumMap<Pass, Long> nanos = new EnumMap<>(Pass.class);
        Pass last;

        Run(CompileOptions opts) { this.opts = opts; }

        <T extends Ir> T step(Pass pass, java.util.function.Supplier<T> body, Consumer<T> verifier, Diagnostics diags) {
            long t0 = System.nanoTime();
            T out = body.get();
            if (out == null && !diags.hasErrors()) {
                // a compile never ends without a program and without saying why
                throw new IllegalStateException("compiler pass " + pass.cliName() + " produced nothing and reported no error");
            }
            if (out != null && !diags.hasErrors()) {
                verifier.accept(out);
                irs.put(pass, out);
                if (opts.dumpIr().contains(pass)) dumps.put(pass, out.dump());
                last = pass;
            } else {
                out = null;
            }
            long dt = System.nanoTime() - t0;
            nanos.put(pass, dt);
            LOG.debug("pass {}: {} ms{}", pass.cliName(), dt / 1_000_000, out == null ? " (failed)" : "");
            return out;
        }

        boolean stop(Ir ir) { return ir == null || last == opts.stopAfter(); }

        CompileResult finish(Diagnostics diags, EmittedIr emitted, io.engram.chip.program.ChipProgram program, ChipSpec chip) {
            MappingReport report = emitted == null ? null : MappingReport.of(emitted, chip);
            return new CompileResult(program, diags.all(), irs, dumps, nanos, report);
        }
    }

}
