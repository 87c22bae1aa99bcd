package io.engram.sweep;

import io.engram.chip.spec.SpecException;
import io.engram.runtime.session.ExperimentRun;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code engram sweep}: runs a sweep file on Spark ({@code engram sweep SWEEP.yaml}) or re-renders a sweep's
 * pictures and prints its fronts ({@code engram sweep report DIR}). Exit codes as {@code engram}'s: 0 success (failed
 * points are rows of the table, not a failed sweep), 2 a user's input error, 1 an internal error.
 */
public final class SweepCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USER = 2;
    static final String REPORT = "report";

    private SweepCli() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command without exiting the JVM (for tests). */
    public static int execute(String... args) {
        Object cmd = args.length > 0 && args[0].equals(REPORT) ? new ReportCommand() : new RunSweep();
        String[] rest = cmd instanceof ReportCommand ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cl = new CommandLine(cmd);
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof SpecException se) {
                c.getErr().println("engram sweep: error: " + se.getMessage());
                return EXIT_USER;
            }
            c.getErr().println("engram sweep: internal error (please report): " + ex);
            ex.printStackTrace(c.getErr());
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("engram sweep: error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USER;
        });
        return cl.execute(rest);
    }

    @Command(name = "engram sweep", mixinStandardHelpOptions = true,
            description = {"Run every point of a sweep file as one Spark task; write the results table (CSV and "
                    + "Parquet), the Pareto fronts and the sensitivity plots.",
                    "engram sweep report DIR re-renders the pictures of a sweep and prints its fronts."})
    static final class RunSweep implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SWEEP.yaml")
        Path file;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master: local[*] (default, embedded), local[N], spark://HOST:PORT, yarn, k8s://...")
        String master;

        @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: runs/sweeps/NAME).")
        Path out;

        @Option(names = "--resume", description = "Skip the points whose configuration hash already has a successful row in DIR.")
        boolean resume;

        @Option(names = "--partitions", paramLabel = "N", hidden = true,
                description = "Spark partitions of the points (default: one per point).")
        int partitions;

        @Override
        public Integer call() {
            SweepSpec spec = SweepSpec.load(file);
            SweepPlan plan = SweepPlan.of(spec);
            Path dir = out != null ? out : Path.of("runs", "sweeps", spec.name());
            String m = master != null ? master : spec.master();
            PrintStream o = System.out;
            o.printf(Locale.ROOT, "sweep %s: %d points of %s on %s%n", spec.name(), plan.points().size(),
                    spec.experiment().getFileName(), m);
            SparkSession[] spark = new SparkSession[1];
            SparkSweep.Outcome r;
            try {
                r = SparkSweep.run(() -> spark[0] = SparkSweep.session(m, "engram sweep " + spec.name()), plan, dir,
                        resume, partitions, ExperimentRun.version(SweepCli.class));
            } finally {
                if (spark[0] != null) spark[0].stop();
            }
            o.printf(Locale.ROOT, "ran %d points (%d failed), skipped %d already in %s%n", r.ran(), r.failed(),
                    r.skipped(), dir.resolve(ResultsTable.CSV));
            for (ResultRow row : r.table().rows()) {
                if (!row.ok()) o.printf(Locale.ROOT, "  %s failed: %s%n", row.point(), row.error());
            }
            o.printf(Locale.ROOT, "results: %s, %s%n", dir.resolve(ResultsTable.CSV), dir.resolve(ResultsTable.PARQUET));
            for (Path p : r.pictures()) o.println("picture: " + p);
            SweepReport.printFronts(r.table(), o);
            return EXIT_OK;
        }
    }

    @Command(name = "engram sweep report", mixinStandardHelpOptions = true,
            description = "Re-render a sweep's Pareto fronts and sensitivity plots from DIR/results.csv; print every point and the fronts.")
    static final class ReportCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() {
            ResultsTable table = ResultsTable.readCsv(dir.resolve(ResultsTable.CSV));
            for (Path p : SweepReport.render(table, dir)) System.out.println("picture: " + p);
            SweepReport.printAll(table, System.out);
            SweepReport.printFronts(table, System.out);
            return EXIT_OK;
        }
    }
}
