package io.engram.sweep;

import io.engram.runtime.session.ExperimentRun;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Spark's cost and gain on one machine: the points of a sweep file run (after one warm-up point) first one after
 * another in a plain loop of {@link PointWorker} (the worker's own code, without Spark), then as a sweep on
 * {@code local[1]} (same work, one task at a time: the difference is Spark's overhead), then on {@code local[N]}.
 * Every point runs its tiles on one thread, as a sweep's tasks do.
 *
 * <pre>
 * java [launcher's flags] -cp ... io.engram.sweep.SweepBenchmark examples/sweeps/bench.yaml [N] [OUT]
 * </pre>
 */
public final class SweepBenchmark {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int DEFAULT_PARALLEL = 2;

    private SweepBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 1) {
            System.err.println("usage: SweepBenchmark SWEEP.yaml [N] [OUT]");
            System.exit(SweepCli.EXIT_USER);
        }
        SweepSpec spec = SweepSpec.load(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PARALLEL;
        Path out = Path.of(args.length > 2 ? args[2] : "runs/sweep-bench").toAbsolutePath();
        PointWorker.deleteTree(out);
        SweepPlan plan = SweepPlan.of(spec);
        String version = ExperimentRun.version(SweepBenchmark.class);
        int points = plan.points().size();
        System.out.printf(Locale.ROOT, "sweep benchmark: %d points of %s (%s), %d processors%n", points,
                spec.experiment().getFileName(), String.join(" ", plan.points().get(0).point().sets()),
                Runtime.getRuntime().availableProcessors());

        PointWorker warm = new PointWorker(spec.experiment().toString(), out.resolve("warm-up").toString(),
                SweepSpec.Keep.NONE, version, 1);
        double tw = seconds(() -> warm.run(plan.points().get(0)));
        System.out.printf(Locale.ROOT, "warm-up point                     %8.2f s%n", tw);

        PointWorker seq = new PointWorker(spec.experiment().toString(), out.resolve("sequential").toString(),
                SweepSpec.Keep.NONE, version, 1);
        double tSeq = seconds(() -> {
            for (SweepPlan.Planned p : plan.points()) {
                ResultRow r = seq.run(p);
                if (!r.ok()) throw new IllegalStateException(r.point() + ": " + r.error());
            }
        });
        System.out.printf(Locale.ROOT, "sequential loop, no Spark         %8.2f s  (%.2f s per point)%n", tSeq, tSeq / points);

        SparkSweep.Outcome[] o1 = new SparkSweep.Outcome[1];
        double[] one = spark("local[1]", plan, out.resolve("local-1"), version, o1);
        System.out.printf(Locale.ROOT, "Spark local[1]: start %.2f s, sweep %8.2f s  (%.2f s per point; against the loop %+.2f s per point, %+.1f %%)%n",
                one[0], one[1], one[1] / points, (one[1] - tSeq) / points, 100 * (one[1] - tSeq) / tSeq);
        // Spark's own cost measured within the same minutes (a shared host's load moves both alike): the sweep's
        // time less the time its points took inside their tasks (the table's wall_time_s), one task at a time
        double inTasks = 0;
        for (ResultRow r : o1[0].table().rows()) inTasks += r.wallTimeS();
        double job = o1[0].runSeconds();
        System.out.printf(Locale.ROOT, "  local[1]: job %.2f s, of which points inside their tasks %.2f s: Spark's overhead %.3f s per point "
                        + "(%.2f %% of a point); then table, Parquet and pictures %.2f s once%n",
                job, inTasks, (job - inTasks) / points, 100 * (job - inTasks) / inTasks, o1[0].writeSeconds());
        SparkSweep.Outcome[] o2 = new SparkSweep.Outcome[1];
        double[] par = spark("local[" + n + "]", plan, out.resolve("local-" + n), version, o2);
        System.out.printf(Locale.ROOT, "Spark local[%d]: start %.2f s, sweep %8.2f s  (speed-up %.2fx over the loop, %.2fx over local[1], %.2fx with the start)%n",
                n, par[0], par[1], tSeq / par[1], one[1] / par[1], tSeq / (par[0] + par[1]));
        System.out.printf(Locale.ROOT, "  local[%d]: job %.2f s (%.2fx the local[1] job), then outputs %.2f s%n", n,
                o2[0].runSeconds(), job / o2[0].runSeconds(), o2[0].writeSeconds());
    }

    private static double[] spark(String master, SweepPlan plan, Path out, String version, SparkSweep.Outcome[] outcome) {
        SparkSession[] s = new SparkSession[1];
        double start = seconds(() -> s[0] = SparkSweep.session(master, "engram sweep benchmark"));
        try {
            double[] sweep = new double[1];
            sweep[0] = seconds(() -> {
                outcome[0] = SparkSweep.run(s[0], plan, out, false, 0, version);
                if (outcome[0].failed() > 0) throw new IllegalStateException(outcome[0].failed() + " points failed");
            });
            return new double[]{start, sweep[0]};
        } finally {
            s[0].stop();
        }
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / NANOS_PER_SECOND;
    }

}
