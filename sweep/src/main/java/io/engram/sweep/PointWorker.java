package io.engram.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.chip.spec.SpecException;
import io.engram.runtime.report.ReportRenderer;
import io.engram.runtime.report.RunFolder;
import io.engram.runtime.session.ExperimentRun;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Progress;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs one point where a Spark task runs it: reads the experiment with the point's overrides and runs it through
 * {@link ExperimentRun}, the path {@code engram run} takes, so the point's report.json has the bytes of
 * {@code engram run EXPERIMENT --set ...}. Whatever goes wrong becomes the point's row (status failed, the error),
 * never a failed task.
 *
 * @param threads tile threads of each run when the point does not set {@code threads} (results are identical for
 *                any count; a task gets the cores Spark gives it)
 */
public record PointWorker(String experiment, String outDir, SweepSpec.Keep keep, String engramVersion, int threads)
        implements Serializable {
    /** Where the kept run folders go, under the sweep's output folder. */
    public static final String RUNS = "runs";
    /** Files that {@code keep: reports} leaves in a run folder. */
    static final Set<String> REPORT_FILES = Set.of(ReportRenderer.REPORT_JSON, ReportRenderer.REPORT_TXT,
            RunFolder.MANIFEST_JSON);
    private static final String THREADS_KEY = "threads=";
    private static final double NANOS_PER_SECOND = 1e9;

    public ResultRow run(SweepPlan.Planned planned) {
        SweepPoint p = planned.point();
        Path runs = Path.of(outDir).resolve(RUNS);
        Path dir = keep == SweepSpec.Keep.NONE ? runs.resolve("." + p.id() + ".tmp") : runs.resolve(p.id());
        long start = System.nanoTime();
        try {
            deleteTree(dir);
            List<String> sets = new ArrayList<>(p.sets());
            if (sets.stream().noneMatch(s -> s.startsWith(THREADS_KEY))) sets.add(THREADS_KEY + threads);
            ExperimentSpec spec = SweepPlan.experiment(Path.of(experiment), sets);
            ExperimentRun.run(spec, Progress.silent(), dir, null, engramVersion);
            double wall = (System.nanoTime() - start) / NANOS_PER_SECOND;
            JsonNode report = new ObjectMapper().readTree(dir.resolve(ReportRenderer.REPORT_JSON).toFile());
            Map<String, Number> metrics = new LinkedHashMap<>();
            for (Metric m : Metric.values()) metrics.put(m.column(), m.from(report));
            String kept = switch (keep) {
                case NONE -> {
                    deleteTree(dir);
                    yield null;
                }
                case REPORTS -> {
                    keepOnly(dir, REPORT_FILES);
                    yield dir.toString();
                }
                case ALL -> dir.toString();
            };
            return new ResultRow(p.id(), ResultRow.OK, null, planned.configHash(), p.params(), metrics, wall, kept);
        } catch (SpecException e) {
            return failed(planned, e.getMessage(), start, dir);
        } catch (RuntimeException | IOException | Error e) {
            return failed(planned, e.getClass().getSimpleName() + ": " + e.getMessage(), start, dir);
        }
    }

    private ResultRow failed(SweepPlan.Planned planned, String error, long start, Path dir) {
        double wall = (System.nanoTime() - start) / NANOS_PER_SECOND;
        String kept = null;
        try {
            if (keep == SweepSpec.Keep.NONE) deleteTree(dir);
            else if (Files.isDirectory(dir)) kept = dir.toString();
        } catch (IOException | UncheckedIOException ignored) {
            // the error row is what matters; a folder that could not be removed is left as it is
        }
        return new ResultRow(planned.point().id(), ResultRow.FAILED, error, planned.configHash(),
                planned.point().params(), Map.of(), wall, kept);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(f);
        }
    }

    private static void keepOnly(Path dir, Set<String> names) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                if (f.equals(dir)) continue;
                if (Files.isDirectory(f) || !names.contains(dir.relativize(f).toString())) Files.delete(f);
            }
        }
    }
}
