package io.engram.runtime.cli;

import io.engram.chip.spec.SpecException;
import io.engram.runtime.validate.CaseResult;
import io.engram.runtime.validate.ParityPlot;
import io.engram.runtime.validate.ValidationCase;
import io.engram.runtime.validate.ValidationRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Compare Engram's figures with measured silicon (NeuRRAM, a 22 nm RRAM "
        + "macro) and with SANA-FE's Loihi model; prints every point, writes validation.json and a parity plot.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--only", split = ",", paramLabel = "CASE", description = "Run only these cases (comma-separated).")
    List<String> only;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "validation.json",
            description = "Where to write the results (default: ${DEFAULT-VALUE}); the parity plot goes beside it "
                    + "with the extension .png.")
    Path output;

    @Option(names = "--quick", description = "The CI form: a subset of points.")
    boolean quick;

    @Option(names = "--sanafe", paramLabel = "PATH", defaultValue = "../shared/sanafe/dvs.yaml",
            description = "SANA-FE's DVS gesture network (GPL, not shipped; default: ${DEFAULT-VALUE}); the Loihi case "
                    + "is skipped with a message when the file is absent.")
    Path sanafe;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random workloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        List<ValidationCase> cases = new ArrayList<>();
        if (only == null || only.isEmpty()) {
            cases.addAll(ValidationCase.all());
        } else {
            for (String n : only) {
                ValidationCase c = ValidationCase.all().stream().filter(v -> v.name().equals(n.trim())).findFirst()
                        .orElseThrow(() -> new SpecException("--only", "", n, "one of " + ValidationCase.names()));
                cases.add(c);
            }
        }
        io.engram.runtime.report.OutputPaths.checkFile(output, "-o", "validation.json");
        Path json = output.toAbsolutePath();
        String base = json.getFileName().toString();
        int dot = base.lastIndexOf('.');
        Path png = json.resolveSibling((dot > 0 ? base.substring(0, dot) : base) + ".png");
        io.engram.runtime.report.OutputPaths.checkFile(png, "-o", "validation.png");
        ValidationCase.Options opts = new ValidationCase.Options(quick, sanafe, seed);
        List<CaseResult> results = ValidationRunner.run(cases, opts, System.out);
        try {
            ParityPlot.write(results, png);
            ValidationRunner.writeJson(results, opts, EngramCli.version(), json);
        } catch (java.io.UncheckedIOException e) {
            throw new SpecException(output.toString(), "", null, "cannot write the results: " + e.getMessage());
        }
        System.out.println("results written to " + output + ", parity plot to " + png.getFileName());
        return EngramCli.EXIT_OK;
    }
}
