package io.engram.runtime.session;

import io.engram.chip.noc.Noc;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecNode;
import io.engram.runtime.data.Preprocess;
import io.engram.compiler.nir.NirSemantics;
import io.engram.runtime.encode.Encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An experiment: which chip, which network, which data, how to encode, train and read out. Loaded from YAML
 * (with {@code --set key=value} overrides); every default is made explicit in {@link #resolved()} for the manifest.
 *
 * <pre>
 * name: demo
 * seed: 1
 * threads: 2                     # tiles evaluated in parallel; results are identical for any count
 * engine: fast                   # fast (skips idle cycles) | reference (every router every cycle, every crossbar row)
 * chip: rram-22nm                 # preset or chip YAML path; or { base: rram-22nm, core: { adc: { bits: 6 } } }
 * network: demo-network.yaml      # network YAML or NIR file, relative to this file
 * data: { source: generated, train: 2000, test: 500, preprocess: l2 }
 * encoding: { kind: rate }        # rate | poisson | deterministic-rate | ttfs | recorded  (+ steps, dt_ms, max_rate_hz, trace_tau_ms,
 *                                 #   nir: { spike: dirac|held, discretisation: exact|euler, reset: to-v-reset|subtract })
 * training: { epochs: 1, batch: 1, mode: greedy, schedule: constant, eval_every_epoch: false, checkpoint_every: 0 }
 * readout: { kind: linear, epochs: 20, batch: 64, learning_rate: 0.001, features: chip }  # linear | vote | hebbian;
 *                                 # features: chip | input (baseline on the preprocessed input, no chip)
 * output: runs/demo
 * probes: { layer: -1, neurons: 16, first_sample: 0, samples: 4, max_values: 10000000, weights_every: 0, timeline: true,
 *           timeline_rows: 4096 }   # optional; spikes/voltage/current need a spiking encoding (rate runs: samples: 0)
 * </pre>
 */
public record ExperimentSpec(String name, long seed, int threads, Noc.Engine engine, String chip,
                             com.fasterxml.jackson.databind.JsonNode chipOverrides, Path network, Data data, Encoding encoding,
                             Training training, Readout readout, Path output, String file, Probes probes) {

    /** The experiment without probes. */
    public ExperimentSpec(String name, long seed, int threads, Noc.Engine engine, String chip,
                          com.fasterxml.jackson.databind.JsonNode chipOverrides, Path network, Data data, Encoding encoding,
                          Training training, Readout readout, Path output, String file) {
        this(name, seed, threads, engine, chip, chipOverrides, network, data, encoding, training, readout, output, file, null);
    }

    /**
     * What to record (null: nothing). Spiking runs: the spikes, membrane and (CubaLIF) synaptic current of the first
     * {@code neurons} neurons of layer {@code layer} (-1: the last weight layer) at every step of {@code samples} test
     * samples from test sample {@code firstSample} on (0: none), at most {@code maxValues} samples x steps x neurons held (later samples
     * are cut and the file says so). Any run: the layer's weights every {@code weightsEvery} training samples (0: none;
     * at most {@code maxValues} snapshots x rows x cols, thinned when more come) and, when {@code timeline}, the energy
     * by component, NoC traffic and core states of every step (spiking) or sample (rate) in at most
     * {@code timelineRows} rows (neighbouring rows are added when more come).
     */
    public record Probes(int layer, int neurons, int samples, long maxValues, long weightsEvery, boolean timeline,
                         int timelineRows, int firstSample) {
        /** Default bound on the values a probe holds (spikes, membrane, current; weight snapshots). */
        public static final long MAX_VALUES = 10_000_000L;
        /** Default bound on the timeline's rows. */
        public static final int TIMELINE_ROWS = 4096;

        /** Spikes and membrane of the first test samples, with the timeline and no weight snapshots. */
        public Probes(int layer, int neurons, int samples, long maxValues) {
            this(layer, neurons, samples, maxValues, 0, true, TIMELINE_ROWS, 0);
        }
    }


    public record Data(String source, int train, int test, Preprocess preprocess, int readoutTrain) {}

    /** @param nir how an NIR network's spikes, leaks and resets are read (the NIR specification unless set) */
    public record Encoding(Encoder.Kind kind, int steps, double dtMs, double maxRateHz, double traceTauMs, NirSemantics nir) {
        public Encoding {
            if (nir == null) nir = NirSemantics.specification();
        }

        public Encoding(Encoder.Kind kind, int steps, double dtMs, double maxRateHz, double traceTauMs) {
            this(kind, steps, dtMs, maxRateHz, traceTauMs, NirSemantics.specification());
        }
    }

    public enum Mode { GREEDY, ALL }

    public enum Schedule { CONSTANT, LINEAR_DECAY }

    /** @param checkpointEvery training samples between checkpoints of the run (0: none) */
    public record Training(int epochs, int batch, Mode mode, Schedule schedule, boolean evalEveryEpoch,
                           int checkpointEvery) {}

    public enum ReadoutKind { LINEAR, VOTE, HEBBIAN }

    public record Readout(ReadoutKind kind, int epochs, int batch, double learningRate, Features features) {}

    /** What the readout sees: the chip's output, or the preprocessed input itself (a baseline that uses no chip). */
    public enum Features { CHIP, INPUT }

    private static final int MAX_SAMPLES = 10_000_000;
    private static final int MAX_THREADS = 1024;
    /** Default rate of the on-chip supervised readout (instar toward the class's features). */
    private static final double HEBBIAN_ETA = 0.05;

    public static ExperimentSpec read(SpecNode n, Path baseDir) { return read(n, baseDir, true, true); }

    /**
     * @param networkFile whether {@code network} names a file that must exist; false when the network is built in
     *                    Java and {@code network} only labels it (see {@link Session.Given})
     * @param chipFile    whether a {@code chip} that is not a preset names a file that must exist; false when the chip
     *                    is built in Java and {@code chip} only labels it
     */
    public static ExperimentSpec read(SpecNode n, Path baseDir, boolean networkFile, boolean chipFile) {
        String name = n.optString("name", "experiment");
        long seed = n.optLong("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int threads = n.optInt("threads", Runtime.getRuntime().availableProcessors(), 1, MAX_THREADS);
        Noc.Engine engine = n.optEnum("engine", Noc.Engine.class, Noc.Engine.FAST);
        String chip;
        com.fasterxml.jackson.databind.JsonNode chipOverrides = null;
        if (n.has("chip") && n.raw().get("chip").isObject()) {
            // { base: PRESET|FILE, <chip fields to override> } (what --set chip.core.adc.bits=6 produces)
            SpecNode c = n.object("chip");
            chip = c.requireString(SpecNode.BASE_KEY);
            com.fasterxml.jackson.databind.node.ObjectNode o = c.raw().deepCopy();
            o.remove(SpecNode.BASE_KEY);
            chipOverrides = o;
        } else {
            chip = n.optString("chip", "rram-22nm");
        }
        if (chipFile && !ChipSpec.PRESETS.contains(chip)) {
            // a chip file: found like the network file (next to the experiment, else from the working directory)
            chip = resolveFile(n, chipOverrides == null ? "chip" : "chip." + SpecNode.BASE_KEY, chip, baseDir,
                    "not a preset (" + String.join(", ", ChipSpec.PRESETS) + ") and no such chip file").toString();
        }
        String net = n.requireString("network");
        Path network = networkFile ? resolveFile(n, "network", net, baseDir, "no such network file")
                : baseDir == null ? Path.of(net) : baseDir.resolve(net);
        SpecNode d = n.optObject("data");
        String source = d.optString("source", "generated");
        int train = d.optInt("train", 2000, 1, MAX_SAMPLES);
        int test = d.optInt("test", 500, 1, MAX_SAMPLES);
        Preprocess pre = d.optEnum("preprocess", Preprocess.class, Preprocess.SCALE);
        int readoutTrain = d.optInt("readout_train", train, 1, MAX_SAMPLES);
        d.finish();
        SpecNode e = n.optObject("encoding");
        Encoder.Kind kind = e.optEnum("kind", Encoder.Kind.class, Encoder.Kind.RATE);
        int steps = e.optInt("steps", 350, 1, 100_000);
        double dtMs = e.optDouble("dt_ms", 1.0, 1e-6, 1e6);
        double maxRate = e.optDouble("max_rate_hz", 63.75, 0.0, 1e6);
        double tau = e.optDouble("trace_tau_ms", 20.0, 1e-6, 1e9);
        if (kind != Encoder.Kind.RATE && kind != Encoder.Kind.RECORDED && maxRate * dtMs / 1000.0 > 1.0) {
            throw e.error("max_rate_hz", maxRate, "max_rate_hz x dt_ms / 1000 must be <= 1 (one spike per step)");
        }
        SpecNode ns = e.optObject("nir");
        NirSemantics nir = new NirSemantics(
                ns.optEnum("spike", NirSemantics.Spike.class, NirSemantics.Spike.DIRAC),
                ns.optEnum("discretisation", NirSemantics.Discretisation.class, NirSemantics.Discretisation.EXACT),
                ns.optEnum("reset", NirSemantics.Reset.class, NirSemantics.Reset.TO_V_RESET));
        ns.finish();
        boolean recordedData = source.trim().startsWith("recorded:");
        if ((kind == Encoder.Kind.RECORDED) != recordedData) {
            throw e.error("kind", SpecNode.displayName(kind), recordedData
                    ? "recorded (data.source is recorded:..., whose samples already hold every step's input)"
                    : "rate, poisson, deterministic-rate or ttfs; recorded needs data.source: recorded:TRAIN[,TEST]");
        }
        e.finish();
        SpecNode t = n.optObject("training");
        int epochs = t.optInt("epochs", 1, 0, 10_000);
        int batch = t.optInt("batch", 1, 1, 1 << 20);
        Mode mode = t.optEnum("mode", Mode.class, Mode.GREEDY);
        Schedule sched = t.optEnum("schedule", Schedule.class, Schedule.CONSTANT);
        boolean everyEpoch = t.optBool("eval_every_epoch", false);
        int checkpointEvery = t.optInt("checkpoint_every", 0, 0, Integer.MAX_VALUE);
        t.finish();
        SpecNode r = n.optObject("readout");
        ReadoutKind rk = r.optEnum("kind", ReadoutKind.class, kind == Encoder.Kind.RATE ? ReadoutKind.LINEAR : ReadoutKind.VOTE);
        int rEpochs = r.optInt("epochs", rk == ReadoutKind.HEBBIAN ? 1 : 20, 1, 10_000);
        int rBatch = r.optInt("batch", 64, 1, 1 << 20);
        Features features = r.optEnum("features", Features.class, Features.CHIP);
        if (features == Features.INPUT && rk == ReadoutKind.HEBBIAN) {
            throw r.error("features", "input", "the on-chip hebbian readout reads the chip; use linear or vote on input");
        }
        double lr = r.optDouble("learning_rate", rk == ReadoutKind.HEBBIAN ? HEBBIAN_ETA : 1e-3, 1e-9, 10);
        r.finish();
        Probes probes = null;
        if (n.has("probes")) {
            SpecNode pn = n.object("probes");
            boolean rate = kind == Encoder.Kind.RATE;
            int layer = pn.optInt("layer", -1, -1, 1_000_000);
            int neurons = pn.optInt("neurons", 16, 1, 1_000_000);
            int samples = pn.optInt("samples", rate ? 0 : 4, 0, MAX_SAMPLES);
            if (rate && samples > 0) {
                throw pn.error("samples", samples, "0 in a rate run (spikes, membrane and synaptic current are recorded "
                        + "step by step in spiking runs; set encoding.kind, or record weights_every and the timeline only)");
            }
            probes = new Probes(layer, neurons, samples, pn.optLong("max_values", Probes.MAX_VALUES, 1, 1_000_000_000L),
                    pn.optLong("weights_every", 0, 0, 1_000_000_000L), pn.optBool("timeline", true),
                    pn.optInt("timeline_rows", Probes.TIMELINE_ROWS, 2, 1_000_000),
                    pn.optInt("first_sample", 0, 0, MAX_SAMPLES));
            pn.finish();
        }
        String out = n.optString("output", "runs/" + name);
        if (out.isBlank()) throw n.error("output", "\"" + out + "\"", "an empty path; name the run folder (default runs/NAME)");
        n.finish();
        return new ExperimentSpec(name, seed, threads, engine, chip, chipOverrides, network, new Data(source, train, test, pre, Math.min(readoutTrain, train)),
                new Encoding(kind, steps, dtMs, maxRate, tau, nir), new Training(epochs, batch, mode, sched, everyEpoch, checkpointEvery),
                new Readout(rk, rEpochs, rBatch, lr, features), Path.of(out), n.file(), probes);
    }

    /**
     * A file an experiment names: an absolute path as given; a relative one next to the experiment file (baseDir),
     * else from the working directory. Not found: a user error naming every place looked at.
     */
    static Path resolveFile(SpecNode n, String field, String given, Path baseDir, String what) {
        Path p = Path.of(given);
        List<Path> candidates = new ArrayList<>();
        if (!p.isAbsolute() && baseDir != null) candidates.add(baseDir.resolve(p).normalize());
        candidates.add(p.toAbsolutePath().normalize());
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        List<String> looked = new ArrayList<>();
        for (Path c : candidates) if (!looked.contains(c.toString())) looked.add(c.toString());
        throw n.error(field, given, what + " (looked at " + String.join(" and ", looked) + ")");
    }

    /**
     * The chip as headers show it: the preset or file, and its overrides as dotted assignments in file order, e.g.
     * {@code rram-22nm (+ core.adc.bits=6)}.
     */
    public String chipLabel() {
        String base = ChipSpec.PRESETS.contains(chip) ? chip : Path.of(chip).getFileName().toString();
        if (chipOverrides == null || chipOverrides.isEmpty()) return base;
        List<String> sets = new ArrayList<>();
        flattenOverrides("", chipOverrides, sets);
        return base + " (+ " + String.join(", ", sets) + ")";
    }

    private static void flattenOverrides(String prefix, com.fasterxml.jackson.databind.JsonNode n, List<String> out) {
        if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                flattenOverrides(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.add(prefix + "=" + (n.isTextual() ? n.textValue() : n.toString()));
        }
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** The configuration with every default explicit, for manifest.json. */
    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", seed);
        m.put("threads", threads);
        m.put("engine", SpecNode.displayName(engine));
        if (chipOverrides == null) {
            m.put("chip", chip);
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(SpecNode.BASE_KEY, chip);
            c.put("overrides", chipOverrides);
            m.put("chip", c);
        }
        m.put("network", network.toString());
        m.put("data", ordered("source", data.source(), "train", data.train(), "test", data.test(),
                "preprocess", SpecNode.displayName(data.preprocess()), "readout_train", data.readoutTrain()));
        m.put("encoding", ordered("kind", SpecNode.displayName(encoding.kind()), "steps", encoding.steps(),
                "dt_ms", encoding.dtMs(), "max_rate_hz", encoding.maxRateHz(), "trace_tau_ms", encoding.traceTauMs(),
                "nir", ordered("spike", SpecNode.displayName(encoding.nir().spike()),
                        "discretisation", SpecNode.displayName(encoding.nir().discretisation()),
                        "reset", SpecNode.displayName(encoding.nir().reset()))));
        m.put("training", ordered("epochs", training.epochs(), "batch", training.batch(),
                "mode", SpecNode.displayName(training.mode()), "schedule", SpecNode.displayName(training.schedule()),
                "eval_every_epoch", training.evalEveryEpoch(), "checkpoint_every", training.checkpointEvery()));
        m.put("readout", ordered("kind", SpecNode.displayName(readout.kind()), "epochs", readout.epochs(),
                "batch", readout.batch(), "learning_rate", readout.learningRate(),
                "features", SpecNode.displayName(readout.features()), "trained", switch (readout.kind()) {
                    case LINEAR -> "off-chip (host): softmax regression on chip features";
                    case VOTE -> "labels only: neurons assigned to classes";
                    case HEBBIAN -> "on-chip: supervised instar layer driven by a teacher signal";
                }));
        if (probes != null) {
            m.put("probes", ordered("layer", probes.layer(), "neurons", probes.neurons(), "first_sample", probes.firstSample(),
                    "samples", probes.samples(),
                    "max_values", probes.maxValues(), "weights_every", probes.weightsEvery(), "timeline", probes.timeline(),
                    "timeline_rows", probes.timelineRows()));
        }
        m.put("output", output.toString());
        return m;
    }
}
