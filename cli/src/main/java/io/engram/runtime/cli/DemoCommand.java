package io.engram.runtime.cli;

import io.engram.chip.spec.SpecNode;
import io.engram.runtime.session.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Train a SoftHebb layer spanning 14 cores of rram-22nm on the built-in generated "
        + "digits and report accuracy, energy, latency and memory. Takes the same options as run.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        Path out = options.out != null ? options.out : Path.of("runs", "demo");
        Path resumeDir = options.resume == null ? null : options.resume.isBlank() ? out : Path.of(options.resume);
        io.engram.runtime.report.OutputPaths.checkRunFolder(out, "--out", options.force
                || io.engram.runtime.report.OutputPaths.same(resumeDir, out));
        Path inputs = out.resolve("inputs");
        copy("demo/experiment.yaml", inputs.resolve("experiment.yaml"));
        copy("demo/network.yaml", inputs.resolve("network.yaml"));
        SpecNode node = SpecNode.parse(inputs.resolve("experiment.yaml")).withOverrides(options.allOverrides());
        ExperimentSpec spec = ExperimentSpec.read(node, inputs.toAbsolutePath());
        if (options.out == null) options.out = out;
        return Runner.run(spec, options);
    }

    private static void copy(String resource, Path to) {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing built-in resource " + resource);
            Files.createDirectories(to.getParent());
            Path tmp = Files.createTempFile(to.getParent(), ".tmp-", ".yaml");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
