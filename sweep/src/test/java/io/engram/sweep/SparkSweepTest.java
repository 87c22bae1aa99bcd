package io.engram.sweep;

import io.engram.chip.spec.SpecException;
import io.engram.runtime.cli.EngramCli;
import io.engram.runtime.session.ExperimentRun;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One embedded Spark session (local[2]) for every test here: Spark's start costs seconds, the points of the test
 * experiment (16 neurons, 40 training and 20 test samples) a fraction of one.
 */
class SparkSweepTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSweep.session("local[2]", "engram sweep test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final String SWEEP = """
            name: test
            experiment: experiment.yaml
            axes:
              - list: [ { chip.core.adc.bits: 6 }, { chip.core.adc.bits: 8, seed: 2 },
                        { data.source: "csv:missing-train.csv,missing-test.csv" },
                        { chip.core.adc.bits: 6, threads: 2 } ]
            keep: reports
            """;

    private static byte[] report(Path runDir) throws Exception {
        return Files.readAllBytes(runDir.resolve("report.json"));
    }

    @Test
    void pointsEqualPlainRunsAnyPartitioningFailuresAreRowsAndResumeRunsNothingNew() throws Exception {
        Path f = TestFiles.sweep(dir, SWEEP);
        SweepPlan plan = SweepPlan.of(SweepSpec.load(f));
        String version = ExperimentRun.version(SweepCli.class);
        Path out1 = dir.resolve("one-task-per-point");
        SparkSweep.Outcome a = SparkSweep.run(spark, plan, out1, false, 0, version);
        // p0003 is p0000 with another thread count: the same configuration, run once, two rows
        assertEquals(3, a.ran());
        assertEquals(1, a.failed());
        List<ResultRow> rows = a.table().rows();
        assertEquals(List.of(ResultRow.OK, ResultRow.OK, ResultRow.FAILED, ResultRow.OK),
                rows.stream().map(ResultRow::status).toList());
        assertEquals("p0003", rows.get(3).point());
        assertEquals("2", rows.get(3).params().get("threads"));
        assertEquals(rows.get(0).metrics(), rows.get(3).metrics());
        assertTrue(rows.get(2).error().contains("missing-train.csv"), rows.get(2).error());
        assertTrue(rows.get(2).metrics().isEmpty());

        // the point is byte for byte `engram run` with the same --set (which uses every processor for tiles, the
        // worker one thread)
        Path plain = dir.resolve("plain");
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            code = EngramCli.execute("run", dir.resolve("experiment.yaml").toString(), "--set", "chip.core.adc.bits=8",
                    "--set", "seed=2", "--out", plain.toString(), "--quiet");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        assertArrayEquals(report(plain), report(out1.resolve("runs/p0001")));

        // all points in one partition (one task, one after another): the same bytes
        Path out2 = dir.resolve("one-partition");
        SparkSweep.Outcome b = SparkSweep.run(spark, plan, out2, false, 1, version);
        assertEquals(3, b.ran());
        for (String p : List.of("p0000", "p0001")) {
            assertArrayEquals(report(out1.resolve("runs").resolve(p)), report(out2.resolve("runs").resolve(p)), p);
        }
        // keep: reports leaves report.json, report.txt and manifest.json only
        try (Stream<Path> s = Files.list(out1.resolve("runs/p0000"))) {
            assertEquals(Set.of("report.json", "report.txt", "manifest.json"),
                    s.map(x -> x.getFileName().toString()).collect(Collectors.toSet()));
        }
        // the table's figures are the report's: accuracy_test of p0001 is report.json's accuracy.test
        double test = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report(plain)).path("accuracy").path("test").doubleValue();
        assertEquals(test, rows.get(1).metric(Metric.ACCURACY_TEST));

        // a second reader: Spark reads the Parquet file back, the same rows as the CSV
        Dataset<Row> parquet = spark.read().parquet(out1.resolve(ResultsTable.PARQUET).toString()).orderBy("point");
        List<Row> pr = parquet.collectAsList();
        assertEquals(4, pr.size());
        assertEquals(rows.get(1).metric(Metric.ACCURACY_TEST), pr.get(1).getAs(Metric.ACCURACY_TEST.column()));
        assertEquals(rows.get(0).metrics().get(Metric.WRITE_PULSES.column()), pr.get(0).<Long>getAs(Metric.WRITE_PULSES.column()));
        assertEquals("8", pr.get(1).getAs("chip.core.adc.bits"));
        assertEquals(rows.get(2).error(), pr.get(2).getAs(ResultsTable.ERROR));
        assertNull(pr.get(2).getAs(Metric.ACCURACY_TEST.column()));
        ResultsTable csv = ResultsTable.readCsv(out1.resolve(ResultsTable.CSV));
        assertEquals(rows, csv.rows());

        // --resume: the two successful points are skipped; only the failed one runs again (and fails again)
        SparkSweep.Outcome c = SparkSweep.run(spark, plan, out1, true, 0, version);
        assertEquals(1, c.ran());
        assertEquals(3, c.skipped());
        assertEquals(rows.subList(0, 2), c.table().rows().subList(0, 2));
        // --resume of a sweep whose points are all done: nothing runs (the session is asked for only to rewrite
        // the Parquet file, since this smaller sweep's table differs)
        SweepPlan done = new SweepPlan(plan.spec(), plan.points().subList(0, 2));
        SparkSweep.Outcome d = SparkSweep.run(spark, done, out1, true, 0, version);
        assertEquals(0, d.ran());
        assertEquals(2, d.skipped());
        assertEquals(rows.subList(0, 2), d.table().rows().subList(0, 2));
        // without --resume an output folder with results is refused
        SpecException e = assertThrows(SpecException.class, () -> SparkSweep.run(spark, plan, out1, false, 0, version));
        assertTrue(e.getMessage().contains("--resume continues that sweep"), e.getMessage());
        assertTrue(Files.isRegularFile(out1.resolve(SweepReport.PARETO_ENERGY)));
        assertTrue(Files.isRegularFile(out1.resolve(SweepReport.SENSITIVITY_PREFIX + "chip.core.adc.bits.png")));
        assertFalse(Files.exists(out1.resolve("." + ResultsTable.PARQUET + ".tmp")));
    }
}
