package io.engram.runtime.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options shared by {@code run} and {@code demo}. */
final class RunOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override an experiment field, e.g. --set data.train=500 --set seed=3 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: the experiment's output).")
    Path out;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;
}
