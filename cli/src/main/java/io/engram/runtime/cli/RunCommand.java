package io.engram.runtime.cli;

import io.engram.chip.spec.SpecNode;
import io.engram.runtime.session.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Run an experiment file: compile, load, train, evaluate, report.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path experiment;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        SpecNode node = SpecNode.parse(experiment).withOverrides(options.allOverrides());
        ExperimentSpec spec = ExperimentSpec.read(node, experiment.toAbsolutePath().getParent());
        return Runner.run(spec, options);
    }
}
