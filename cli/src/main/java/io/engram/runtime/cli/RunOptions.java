package io.engram.runtime.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options shared by {@code run} and {@code demo}. */
final class RunOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override an experiment field, e.g. --set data.train=500 --set seed=3 (repeatable; default: none). "
                    + "Fields and their defaults: README, engram run.")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: the experiment's output).")
    Path out;

    @Option(names = "--force", description = "Replace a finished run in the run folder (without it, a run never overwrites another).")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (no progress, no summary; the run folder is written as usual).")
    boolean quiet;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write RUN_DIR/checkpoint.h5 every N training samples (same as --set training.checkpoint_every=N; "
                    + "default: the experiment's training.checkpoint_every, else 0 = none).")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR", arity = "0..1", fallbackValue = "",
            description = "Continue from RUN_DIR/checkpoint.h5 (default RUN_DIR: --out, else the experiment's output); "
                    + "the report is the same as an uninterrupted run's.")
    String resume;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (same as --set seed=S; default: the experiment's seed, else 1).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads evaluating tiles; results are identical for any count (same as --set threads=N; default: the "
                    + "experiment's threads, else this machine's processors).")
    Integer threads;

    @Option(names = "--engine", paramLabel = "fast|reference",
            description = "NoC engine; both give identical results (same as --set engine=...; default: the experiment's engine, "
                    + "else fast).")
    String engine;

    /** The --set overrides, with the dedicated options as more of them. */
    List<String> allOverrides() {
        List<String> all = new ArrayList<>(overrides);
        if (checkpointEvery != null) all.add("training.checkpoint_every=" + checkpointEvery);
        if (seed != null) all.add("seed=" + seed);
        if (threads != null) all.add("threads=" + threads);
        if (engine != null) all.add("engine=" + engine);
        return all;
    }
}
