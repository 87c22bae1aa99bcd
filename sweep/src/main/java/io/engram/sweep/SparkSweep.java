package io.engram.sweep;

import io.engram.chip.spec.SpecException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Spark driver of a sweep: one task per point (by default), each task running its point with
 * {@link PointWorker} and returning one row; the driver collects the rows, merges them with the rows a resumed sweep
 * already had, and writes the table as CSV and Parquet and the pictures.
 */
public final class SparkSweep {
    private static final String LOCAL = "local";
    private static final String LOOPBACK = "127.0.0.1";
    private static final double NANOS_PER_SECOND = 1e9;

    private SparkSweep() {}

    /**
     * What a sweep did: the whole table, how many points ran, were skipped (already done) and failed, and the
     * seconds spent running the points (from submitting the job to the last row collected) and writing the outputs.
     */
    public record Outcome(ResultsTable table, int ran, int skipped, int failed, List<Path> pictures, double runSeconds,
                          double writeSeconds) {}

    /**
     * A Spark session for {@code master}. A local master binds to the loopback address and needs no installation;
     * another master also receives this module's jar ({@code spark.jars}) so that its executors can run the points.
     */
    public static SparkSession session(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                // the results table is wider than Spark's default for printing plans (it warns otherwise)
                .config("spark.sql.debug.maxToStringFields", "1000");
        if (master.startsWith(LOCAL)) {
            b.config("spark.driver.host", LOOPBACK).config("spark.driver.bindAddress", LOOPBACK);
        } else {
            Path jar = ownJar();
            if (jar != null) b.config("spark.jars", jar.toString());
        }
        return b.getOrCreate();
    }

    private static Path ownJar() {
        try {
            Path p = Path.of(SparkSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /**
     * Runs the points of {@code plan} that {@code out} does not already hold (with {@code resume}: a successful row
     * with the same configuration hash), and writes {@code out/results.csv}, {@code out/results.parquet} and the
     * pictures.
     *
     * @param partitions Spark partitions of the points (0: one per point, each point its own task)
     */
    public static Outcome run(SparkSession spark, SweepPlan plan, Path out, boolean resume, int partitions,
                              String engramVersion) {
        return run(() -> spark, plan, out, resume, partitions, engramVersion);
    }

    /**
     * As {@link #run(SparkSession, SweepPlan, Path, boolean, int, String)}, with the session asked for only when a
     * point is left to run or the table changed (a resumed sweep with nothing new starts no Spark and leaves its
     * Parquet file as it is).
     */
    public static Outcome run(Supplier<SparkSession> sparkSession, SweepPlan plan, Path out, boolean resume,
                              int partitions, String engramVersion) {
        Path dir = out.toAbsolutePath().normalize();
        Path csv = dir.resolve(ResultsTable.CSV);
        if (!resume && Files.exists(csv)) {
            throw new SpecException(dir.toString(), "", null, "holds a sweep's results (" + ResultsTable.CSV
                    + "); --resume continues that sweep, or choose another --out");
        }
        List<ResultRow> prior = resume && Files.exists(csv) ? ResultsTable.readCsv(csv).rows() : List.of();
        Map<String, ResultRow> done = new HashMap<>();
        for (ResultRow r : prior) if (r.ok()) done.put(r.configHash(), r);
        // a configuration runs once: points with the same hash (a base value listed again) share its run
        List<SweepPlan.Planned> todo = new ArrayList<>();
        Set<String> queued = new HashSet<>();
        for (SweepPlan.Planned p : plan.points()) {
            if (!done.containsKey(p.configHash()) && queued.add(p.configHash())) todo.add(p);
        }

        List<ResultRow> fresh = List.of();
        SparkSession spark = null;
        long t0 = System.nanoTime();
        if (!todo.isEmpty()) {
            spark = sparkSession.get();
            mkdirs(dir);
            int tasks = spark.sparkContext().conf().getInt("spark.task.cpus", 1);
            PointWorker worker = new PointWorker(plan.spec().experiment().toString(), dir.toString(),
                    plan.spec().keep(), engramVersion, tasks);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int slices = partitions > 0 ? partitions : todo.size();
            fresh = jsc.parallelize(todo, slices).map(worker::run).collect();
        }
        long t1 = System.nanoTime();
        Map<String, ResultRow> ran = new HashMap<>();
        for (ResultRow r : fresh) ran.put(r.configHash(), r);
        List<ResultRow> rows = new ArrayList<>();
        Set<String> inPlan = new HashSet<>();
        for (SweepPlan.Planned p : plan.points()) {
            inPlan.add(p.configHash());
            ResultRow r = ran.containsKey(p.configHash()) ? ran.get(p.configHash()) : done.get(p.configHash());
            // this point's own name and parameters, the figures of the run its configuration had (here or before)
            rows.add(new ResultRow(p.point().id(), r.status(), r.error(), r.configHash(), p.point().params(),
                    r.metrics(), r.wallTimeS(), r.runDir()));
        }
        for (ResultRow r : prior) if (!inPlan.contains(r.configHash())) rows.add(r);
        ResultsTable table = ResultsTable.of(rows);
        mkdirs(dir);
        table.writeCsv(csv);
        if (spark != null || !table.rows().equals(prior) || !Files.exists(dir.resolve(ResultsTable.PARQUET))) {
            writeParquet(spark != null ? spark : sparkSession.get(), table, dir.resolve(ResultsTable.PARQUET));
        }
        List<Path> pictures = SweepReport.render(table, dir);
        int failed = (int) fresh.stream().filter(r -> !r.ok()).count();
        return new Outcome(table, fresh.size(), plan.points().size() - todo.size(), failed, pictures,
                (t1 - t0) / NANOS_PER_SECOND, (System.nanoTime() - t1) / NANOS_PER_SECOND);
    }

    /** The table as one Parquet file in {@code target} (a folder, as Spark writes it), replaced whole. */
    static void writeParquet(SparkSession spark, ResultsTable table, Path target) {
        List<StructField> fields = new ArrayList<>();
        List<String> cols = table.columns();
        for (String c : cols) {
            Metric m = Metric.byColumn(c);
            DataType t = m != null ? (m.integral() ? DataTypes.LongType : DataTypes.DoubleType)
                    : c.equals(ResultsTable.WALL_TIME) ? DataTypes.DoubleType : DataTypes.StringType;
            fields.add(DataTypes.createStructField(c, t, true));
        }
        StructType schema = DataTypes.createStructType(fields);
        List<Row> rows = new ArrayList<>();
        for (ResultRow r : table.rows()) rows.add(RowFactory.create(table.cells(r).toArray()));
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            PointWorker.deleteTree(temp);
            spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(temp.toString());
            PointWorker.deleteTree(target);
            Files.move(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SpecException(dir.toString(), "", null, "cannot create the output folder: " + e.getMessage());
        }
    }
}
