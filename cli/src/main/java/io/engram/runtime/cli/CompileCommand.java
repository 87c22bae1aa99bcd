package io.engram.runtime.cli;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.nir.NirSemantics;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.emit.ProgramFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "compile", description = "Map a network (YAML or NIR) onto a chip and print the mapping report.")
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "network YAML, or an NIR graph (.nir / .h5)")
    Path network;

    @Option(names = "--chip", defaultValue = "rram-22nm", description = "chip preset or chip YAML (default ${DEFAULT-VALUE})")
    String chip;

    @Option(names = "--overlay", description = "NIR only: YAML attaching learning rules to layers by node name")
    Path overlay;

    @Option(names = {"-o", "--output"}, paramLabel = "program.h5", description = "write the compiled program (HDF5)")
    Path output;

    @Option(names = "--dump-ir", paramLabel = "PASS", split = ",", description = "print the IR after these passes")
    List<String> dumpIr = List.of();

    @Option(names = "--stop-after", paramLabel = "PASS", description = "stop the pipeline after this pass")
    String stopAfter;

    @Option(names = "--seed", defaultValue = "1", description = "seed for weight init and placement (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--nir-dt", paramLabel = "SECONDS", description = "NIR only: time step used to discretise time constants")
    Double nirDt;

    @Option(names = "--nir-spike", paramLabel = "dirac|held", description = "NIR only: a spike is a Dirac pulse (NIR, default) or 1 held for a step")
    String nirSpike;

    @Option(names = "--nir-discretisation", paramLabel = "exact|euler", description = "NIR only: exact (default) or forward-Euler leak steps")
    String nirDiscretisation;

    @Option(names = "--nir-reset", paramLabel = "to-v-reset|subtract", description = "NIR only: reset to v_reset (NIR, default) or subtract the threshold")
    String nirReset;

    @Option(names = "--json", description = "print the mapping report as JSON")
    boolean json;

    /** The NIR reading from the three options (null: the NIR specification's value). */
    static NirSemantics semantics(String spike, String disc, String reset) {
        NirSemantics s = NirSemantics.specification();
        if (spike != null) s = s.withSpike(word("--nir-spike", NirSemantics.Spike.class, spike));
        if (disc != null) s = s.withDiscretisation(word("--nir-discretisation", NirSemantics.Discretisation.class, disc));
        if (reset != null) s = s.withReset(word("--nir-reset", NirSemantics.Reset.class, reset));
        return s;
    }

    private static <E extends Enum<E>> E word(String option, Class<E> type, String value) {
        E e = NirSemantics.option(type, value);
        if (e == null) throw new SpecException("<command line>", option, value, "allowed: " + NirSemantics.words(type));
        return e;
    }

    @Override
    public Integer call() {
        if (!Files.exists(network)) throw new SpecException(network.toString(), "", null, "no such network file");
        if (output != null) io.engram.runtime.report.OutputPaths.checkFile(output, "-o", "program.h5");
        ChipSpec chipSpec = ChipSpec.resolve(chip);
        Set<Pass> dumps = EnumSet.noneOf(Pass.class);
        for (String d : dumpIr) dumps.add(pass("--dump-ir", d));
        CompileOptions opts = CompileOptions.defaults().withSeed(seed).withDumpIr(dumps);
        if (stopAfter != null) opts = opts.withStopAfter(pass("--stop-after", stopAfter));
        if (nirDt != null) {
            if (!(nirDt > 0) || nirDt.isInfinite()) {
                throw new SpecException("<command line>", "--nir-dt", String.valueOf(nirDt), "must be a positive number of seconds");
            }
            opts = opts.withNirDtSeconds(nirDt);
        }
        opts = opts.withNirSemantics(semantics(nirSpike, nirDiscretisation, nirReset));
        NetworkSource src = overlay != null ? NetworkSource.nir(network, overlay) : NetworkSource.file(network);
        CompileResult r = new Compiler().compile(src, chipSpec, opts);
        for (Pass p : dumps) {
            if (r.completed().contains(p)) {
                System.out.println("=== IR after " + p.cliName());
                System.out.println(r.dump(p));
            }
        }
        if (!r.diagnostics().isEmpty()) {
            String d = r.renderDiagnostics();
            System.err.print(d.endsWith("\n") ? d : d + "\n");
        }
        if (!r.ok()) return EngramCli.EXIT_USER;
        if (r.program() == null) {
            System.out.println("stopped after " + (stopAfter == null ? "?" : stopAfter));
            return EngramCli.EXIT_OK;
        }
        System.out.print(json ? r.report().toJson() + "\n" : r.report().toText());
        if (output != null) {
            ProgramFile.write(r.program(), output);
            System.out.println("program written to " + output);
        }
        return EngramCli.EXIT_OK;
    }

    private static Pass pass(String option, String name) {
        try {
            return Pass.parse(name);
        } catch (IllegalArgumentException e) {
            throw new SpecException("<command line>", option, name, e.getMessage());
        }
    }
}
