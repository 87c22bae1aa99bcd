package io.engram.sweep;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.engram.chip.spec.SpecException;
import io.engram.runtime.report.AtomicFiles;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results table: one row per point, columns {@code point, status, error, config_hash}, the parameters (every
 * key any point varies, in first-seen order), every {@link Metric}, {@code wall_time_s}, {@code run_dir}. Written as
 * CSV here (Jackson CSV, one file, atomically) and as Parquet by the Spark driver ({@link SparkSweep}); read back from
 * the CSV by {@code engram sweep report} and {@code --resume}.
 */
public record ResultsTable(List<String> paramColumns, List<ResultRow> rows) {
    public static final String CSV = "results.csv";
    public static final String PARQUET = "results.parquet";
    public static final String POINT = "point";
    public static final String STATUS = "status";
    public static final String ERROR = "error";
    public static final String CONFIG_HASH = "config_hash";
    public static final String WALL_TIME = "wall_time_s";
    public static final String RUN_DIR = "run_dir";
    private static final List<String> LEADING = List.of(POINT, STATUS, ERROR, CONFIG_HASH);
    private static final List<String> TRAILING = List.of(WALL_TIME, RUN_DIR);

    public ResultsTable {
        paramColumns = List.copyOf(paramColumns);
        rows = List.copyOf(rows);
    }

    public static ResultsTable of(List<ResultRow> rows) {
        Set<String> params = new LinkedHashSet<>();
        for (ResultRow r : rows) params.addAll(r.params().keySet());
        return new ResultsTable(new ArrayList<>(params), rows);
    }

    /** Every column, in order. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(LEADING);
        c.addAll(paramColumns);
        for (Metric m : Metric.values()) c.add(m.column());
        c.addAll(TRAILING);
        return c;
    }

    /** A row's cells in {@link #columns()} order (null where empty; numbers as Long or Double). */
    public List<Object> cells(ResultRow r) {
        List<Object> out = new ArrayList<>();
        out.add(r.point());
        out.add(r.status());
        out.add(r.error());
        out.add(r.configHash());
        for (String p : paramColumns) out.add(r.params().get(p));
        for (Metric m : Metric.values()) out.add(r.metrics().get(m.column()));
        out.add(r.wallTimeS());
        out.add(r.runDir());
        return out;
    }

    public void writeCsv(Path file) {
        List<String> cols = columns();
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        for (String c : cols) b.addColumn(c);
        CsvSchema schema = b.build();
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvMapper mapper = CsvMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
            try (var seq = mapper.writer(schema).writeValues(w)) {
                for (ResultRow r : rows) {
                    List<String> text = new ArrayList<>();
                    for (Object o : cells(r)) text.add(o == null ? "" : o.toString());
                    seq.write(text);
                }
            }
            w.flush();
        });
    }

    /** Reads a table {@link #writeCsv} wrote. */
    public static ResultsTable readCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SpecException(file.toString(), "", null, "no results table here (a sweep's output folder has " + CSV + ")");
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<ResultRow> rows = new ArrayList<>();
        List<String> params = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class).with(schema)
                .readValues(file.toFile())) {
            List<String> header = new ArrayList<>();
            ((CsvSchema) it.getParserSchema()).forEach(c -> header.add(c.getName()));
            for (String h : header) {
                if (!LEADING.contains(h) && !TRAILING.contains(h) && Metric.byColumn(h) == null) params.add(h);
            }
            if (!header.containsAll(LEADING)) {
                throw new SpecException(file.toString(), "", null, "not a sweep results table: its header lacks "
                        + String.join(", ", LEADING));
            }
            while (it.hasNext()) {
                Map<String, String> m = it.next();
                Map<String, String> p = new LinkedHashMap<>();
                for (String c : params) {
                    String v = m.get(c);
                    if (v != null && !v.isEmpty()) p.put(c, v);
                }
                Map<String, Number> metrics = new LinkedHashMap<>();
                for (Metric x : Metric.values()) {
                    String v = m.get(x.column());
                    if (v != null && !v.isEmpty()) {
                        metrics.put(x.column(), x.integral() ? (Number) Long.valueOf(v) : Double.valueOf(v));
                    } else if (ResultRow.OK.equals(m.get(STATUS))) {
                        metrics.put(x.column(), null);
                    }
                }
                rows.add(new ResultRow(m.get(POINT), m.get(STATUS), empty(m.get(ERROR)), m.get(CONFIG_HASH), p, metrics,
                        empty(m.get(WALL_TIME)) == null ? null : Double.valueOf(m.get(WALL_TIME)), empty(m.get(RUN_DIR))));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SpecException se) throw se;
            throw new SpecException(file.toString(), "", null, "cannot read the results table: " + e.getMessage());
        }
        return new ResultsTable(params, rows);
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
