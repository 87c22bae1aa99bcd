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

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write RUN_DIR/checkpoint.h5 every N training samples (same as --set training.checkpoint_every=N).")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR", arity = "0..1", fallbackValue = "",
            description = "Continue from RUN_DIR/checkpoint.h5 (default RUN_DIR: --out, else the experiment's output); "
                    + "the report is the same as an uninterrupted run's.")
    String resume;

    /** The --set overrides, with --checkpoint-every as one more. */
    List<String> allOverrides() {
        List<String> all = new ArrayList<>(overrides);
        if (checkpointEvery != null) all.add("training.checkpoint_every=" + checkpointEvery);
        return all;
    }
}
