package io.engram.runtime.cli;

import io.engram.chip.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram}: the command line. Exit codes: 0 success, 2 a user's input error (message names the file, field
 * and allowed values; no stack trace), 1 an internal error.
 */
@Command(name = "engram", mixinStandardHelpOptions = true, versionProvider = EngramCli.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Cycle-accurate simulator of neuromorphic chips that learn on-chip.",
        subcommands = {DemoCommand.class, RunCommand.class, CompileCommand.class, ReportCommand.class,
                PresetsCommand.class, BenchCommand.class, ValidateCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class EngramCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USER = 2;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT, description = "Engram's debug messages on stderr (e.g. compiler pass timings).")
    void verbose(boolean on) {
        if (on) Logging.verbose();
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting the JVM (for tests). */
    public static int execute(String... args) {
        Logging.reset();
        CommandLine cl = new CommandLine(new EngramCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof SpecException se) {
                cmd.getErr().println("engram: error: " + se.getMessage());
                return EXIT_USER;
            }
            cmd.getErr().println("engram: internal error (please report): " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("engram: error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USER;
        });
        return cl.execute(args);
    }

    /** Version from the jar manifest, or the development version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[]{"engram " + version()}; }
    }

    public static String version() {
        String v = EngramCli.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
