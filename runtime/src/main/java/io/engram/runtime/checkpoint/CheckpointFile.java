package io.engram.runtime.checkpoint;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.core.CoreState;
import io.engram.chip.device.CellArray;
import io.engram.chip.plasticity.PlasticityEngine;
import io.engram.chip.sim.ChipState;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.sim.Interconnect;
import io.engram.chip.spec.SpecException;
import io.engram.chip.stats.ActionCounters;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.AtomicFiles;
import io.engram.runtime.report.PhaseStats;
import io.engram.runtime.report.WeightsFile;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code checkpoint.h5}: the whole chip state ({@link ChipState}) and the session position ({@link SessionPosition}),
 * written atomically (a temporary file renamed over the old checkpoint), so a run killed at any moment leaves either
 * the previous checkpoint or the new one. Every dataset and attribute carries a checksum ({@link Hdf5Integrity}),
 * verified before anything is read, and the values read are checked for physical sense (counters and clocks not
 * negative, cell arrays of one length); conductances against the device's range are checked by the session, which
 * knows the chip ({@link #checkPhysical}).
 * <pre>
 * /                              attrs format, format_version, engram_version, config_hash, identity (JSON of the
 *                                {@link RunIdentity}), actions (counter order), integrity_sha256
 * /integrity                     paths, sha256: checksum of every dataset and attribute
 * /session                       attrs stage, epoch, sample, phase_count, epoch_count
 * /session/whole, /session/epoch attrs cycle, samples; counts int64 [actions]          (phase start marks)
 * /session/phase_names, phase_samples, phase_cycles, phase_counts [phases][actions]    (closed phases)
 * /session/epoch_counts int64 [epochs][actions]; epoch_accuracy float64 [epochs][3]     (epoch, train, test; NaN = none)
 * /chip                          attrs now, last_end, serial_cycles, samples
 * /chip/cores                    counts int64 [cores][actions], state_cycles int64 [cores][states], free_at int64 [cores]
 * /chip/tiles/core_I             conductances float32, write_counts int32, cell_states int8 (flat, row-major);
 *                                residual, batch float32 (when present); attrs write_noise_rng, read_noise_rng,
 *                                clipped, rounding_rng, batch_open
 * /chip/layers/layer_I           bias float64; attrs index, rate_scale, batch_open; spiking/ (v, theta, refractory,
 *                                pre_trace, post1, post2; attr sampler_rng); norm/ (sum, sum_sq float64; attr
 *                                count) when the layer has an input norm
 * /chip/noc                      counts int64 [actions], link_loads int64 [links]; attrs packets, flits, hops, stall_cycles
 * </pre>
 */
public final class CheckpointFile {
    /** The file's name in a run folder. */
    public static final String NAME = "checkpoint.h5";
    static final String FORMAT = "engram-checkpoint";
    static final int FORMAT_VERSION = 2;

    private CheckpointFile() {}

    /**
     * A checkpoint's content.
     *
     * @param identity the configuration that wrote it (a resume must match it)
     */
    public record Contents(RunIdentity identity, SessionPosition position, ChipState chip) {
        public Contents {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(chip, "chip");
        }
    }

    // ---- writing

    public static void write(Path file, Contents c, String engramVersion) {
        AtomicFiles.writeVia(file, temp -> Hdf5Integrity.writeWithChecksums(temp, h -> {
            h.putAttribute("format", FORMAT);
            h.putAttribute("format_version", FORMAT_VERSION);
            h.putAttribute("engram_version", engramVersion);
            h.putAttribute("config_hash", c.identity().hash());
            h.putAttribute("identity", c.identity().toJson());
            h.putAttribute("actions", WeightsFile.actionNames());
            writeSession(h.putGroup("session"), c.position());
            writeChip(h.putGroup("chip"), c.chip());
        }));
    }

    /** Leftover temporary files of checkpoint writes that a killed run never renamed (see {@link AtomicFiles}). */
    public static List<Path> staleTemporaries(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (var s = Files.newDirectoryStream(dir, "." + NAME + ".*.tmp")) {
            for (Path p : s) if (Files.isRegularFile(p)) out.add(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** Removes {@link #staleTemporaries} (they hold no state the checkpoint does not; a rename never happened). */
    public static void removeStaleTemporaries(Path dir) {
        for (Path p : staleTemporaries(dir)) {
            try {
                Files.deleteIfExists(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot remove the stale temporary file " + p + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * The checks that need the chip: every conductance finite and within the device's range [g_min, g_max] (as
     * stored, in single precision), every write count non-negative.
     *
     * @throws SpecException naming the checkpoint, the tile's dataset, the cell and the range
     */
    public static void checkPhysical(Path file, ChipState s, io.engram.chip.spec.DeviceSpec device) {
        float lo = (float) device.gMinUs();
        float hi = (float) device.gMaxUs();
        for (ChipState.Core c : s.cores()) {
            if (c.tile() == null) continue;
            CellArray.Snapshot cells = c.tile().cells();
            float[] g = cells.conductances();
            for (int i = 0; i < g.length; i++) {
                if (!(g[i] >= lo && g[i] <= hi)) {
                    throw new SpecException(file.toString(), "/chip/tiles/core_" + c.index() + "/conductances",
                            Float.toString(g[i]), "cell " + i + " is outside the device's conductance range ["
                            + lo + ", " + hi + "] uS (corrupt checkpoint)");
                }
            }
            int[] w = cells.writeCount();
            for (int i = 0; i < w.length; i++) {
                if (w[i] < 0) {
                    throw new SpecException(file.toString(), "/chip/tiles/core_" + c.index() + "/write_counts",
                            Integer.toString(w[i]), "cell " + i + ": a write count cannot be negative (corrupt checkpoint)");
                }
            }
        }
    }

    private static void writeSession(WritableGroup g, SessionPosition p) {
        g.putAttribute("stage", p.stage());
        g.putAttribute("epoch", p.epoch());
        g.putAttribute("sample", p.sample());
        g.putAttribute("phase_count", p.phases().size());
        g.putAttribute("epoch_count", p.epochCounts().size());
        g.putAttribute("accuracy_count", p.perEpoch().size());
        writeMark(g.putGroup("whole"), p.whole());
        writeMark(g.putGroup("epoch"), p.epochMark());
        int n = p.phases().size();
        if (n > 0) {
            String[] names = new String[n];
            long[] samples = new long[n];
            long[] cycles = new long[n];
            long[][] counts = new long[n][];
            for (int i = 0; i < n; i++) {
                PhaseStats s = p.phases().get(i);
                names[i] = s.name();
                samples[i] = s.samples();
                cycles[i] = s.cycles();
                counts[i] = s.counts().toArray();
            }
            g.putDataset("phase_names", names);
            g.putDataset("phase_samples", samples);
            g.putDataset("phase_cycles", cycles);
            g.putDataset("phase_counts", counts);
        }
        List<ActionCounters> ec = p.epochCounts();
        if (!ec.isEmpty()) {
            long[][] m = new long[ec.size()][];
            for (int i = 0; i < m.length; i++) m[i] = ec.get(i).toArray();
            g.putDataset("epoch_counts", m);
        }
        if (!p.perEpoch().isEmpty()) {
            double[][] a = new double[p.perEpoch().size()][];
            for (int i = 0; i < a.length; i++) {
                AccuracyFigures.EpochAccuracy e = p.perEpoch().get(i);
                a[i] = new double[]{e.epoch(), orNaN(e.train()), orNaN(e.test())};
            }
            g.putDataset("epoch_accuracy", a);
        }
    }

    private static double orNaN(Double d) { return d == null ? Double.NaN : d; }

    private static void writeMark(WritableGroup g, PhaseStats.Mark m) {
        g.putAttribute("cycle", m.cycle());
        g.putAttribute("samples", m.samples());
        g.putDataset("counts", m.counts().toArray());
    }

    private static void writeChip(WritableGroup g, ChipState s) {
        g.putAttribute("now", s.now());
        g.putAttribute("last_end", s.lastEnd());
        g.putAttribute("serial_cycles", s.serialCycles());
        g.putAttribute("samples", s.samples());
        g.putDataset("learn_overlap", s.overlap());
        g.putDataset("step_phase_cycles", s.stepPhases());
        int n = s.cores().size();
        long[][] counts = new long[n][];
        long[][] states = new long[n][];
        long[] freeAt = new long[n];
        for (int i = 0; i < n; i++) {
            ChipState.Core c = s.cores().get(i);
            counts[i] = c.counts();
            states[i] = c.stateCycles();
            freeAt[i] = c.freeAt();
        }
        WritableGroup cores = g.putGroup("cores");
        cores.putAttribute("count", n);
        cores.putDataset("counts", counts);
        cores.putDataset("state_cycles", states);
        cores.putDataset("free_at", freeAt);
        WritableGroup tiles = g.putGroup("tiles");
        for (ChipState.Core c : s.cores()) {
            if (c.tile() == null) continue;
            ChipState.Tile t = c.tile();
            WritableGroup tg = tiles.putGroup("core_" + c.index());
            tg.putAttribute("index", c.index());
            CellArray.Snapshot cells = t.cells();
            tg.putDataset("conductances", cells.conductances());
            tg.putDataset("write_counts", cells.writeCount());
            tg.putDataset("cell_states", cells.state());
            tg.putAttribute("write_noise_rng", cells.writeNoiseRng());
            tg.putAttribute("read_noise_rng", t.readNoiseRng());
            tg.putAttribute("clipped", t.clipped());
            PlasticityEngine.Snapshot e = t.plasticity();
            tg.putAttribute("rounding_rng", e.roundingRng());
            tg.putAttribute("batch_open", e.batchOpen() ? 1 : 0);
            if (e.residual() != null) tg.putDataset("residual", e.residual());
            if (e.batch() != null) tg.putDataset("batch", e.batch());
        }
        WritableGroup layers = g.putGroup("layers");
        layers.putAttribute("count", s.layers().size());
        for (ChipState.Layer l : s.layers()) {
            WritableGroup lg = layers.putGroup("layer_" + l.index());
            lg.putAttribute("index", l.index());
            lg.putAttribute("rate_scale", l.rateScale());
            lg.putAttribute("batch_open", l.batchOpen() ? 1 : 0);
            lg.putDataset("bias", l.bias());
            ChipState.Spiking sp = l.spiking();
            if (sp != null) {
                WritableGroup sg = lg.putGroup("spiking");
                sg.putAttribute("sampler_rng", sp.samplerRng());
                sg.putDataset("v", sp.v());
                if (sp.theta() != null) sg.putDataset("theta", sp.theta());
                sg.putDataset("refractory", sp.refractory());
                sg.putDataset("pre_trace", sp.preTrace());
                sg.putDataset("post1", sp.post1());
                sg.putDataset("post2", sp.post2());
            }
            ChipState.Norm nm = l.norm();
            if (nm != null) {
                WritableGroup ngr = lg.putGroup("norm");
                ngr.putAttribute("count", nm.count());
                ngr.putDataset("sum", nm.sum());
                ngr.putDataset("sum_sq", nm.sumSq());
            }
        }
        Interconnect.NocState noc = s.noc();
        WritableGroup ng = g.putGroup("noc");
        ng.putAttribute("packets", noc.packets());
        ng.putAttribute("flits", noc.flits());
        ng.putAttribute("hops", noc.hops());
        ng.putAttribute("stall_cycles", noc.stallCycles());
        ng.putAttribute("link_count", noc.linkLoads().length);
        ng.putDataset("counts", noc.counts());
        ng.putDataset("by_kind", noc.byKind());
        if (noc.linkLoads().length > 0) ng.putDataset("link_loads", noc.linkLoads());
    }

    // ---- reading

    /**
     * Reads a checkpoint and checks that it was written by the same configuration.
     *
     * @throws SpecException naming the file and what is wrong: missing, truncated or corrupt, not a checkpoint, or
     *                       written by another configuration
     */
    public static Contents read(Path file, RunIdentity expected) {
        Contents c = read(file);
        if (!c.identity().equals(expected)) {
            throw new SpecException(file.toString(), "/identity", null, "the checkpoint was written by another "
                    + "configuration: " + c.identity().describeChanges(expected) + "; resume with the same "
                    + "experiment, chip, network and data, or start the run over");
        }
        return c;
    }

    /** Reads a checkpoint; a missing, truncated, corrupt or foreign file throws {@link SpecException} naming it. */
    public static Contents read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new SpecException(name, "", null, "no such checkpoint file");
        Reader r = new Reader(name);
        try (HdfFile f = new HdfFile(file)) {
            return r.contents(f);
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException | InternalError | OutOfMemoryError | StackOverflowError e) {
            // a damaged header can declare an absurd size or a cycle: reported as corrupt like any other damage
            // jhdf reports a short or damaged file with assorted runtime exceptions; the cursor says where it was
            throw new SpecException(name, r.where(), null, "truncated or corrupt checkpoint ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))
                    + "); delete it to start the run over", e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads with a cursor ({@code where}, from {@link io.engram.chip.io.Hdf5Fields}) so errors name the HDF5 path. */
    private static final class Reader extends io.engram.chip.io.Hdf5Fields {
        Reader(String file) { super(file); }

        Contents contents(HdfFile f) {
            String format = f.getAttributes().containsKey("format") ? str(f, "format") : null;
            if (!FORMAT.equals(format)) {
                throw new SpecException(file, "/", format, "not an Engram checkpoint (attribute format must be '"
                        + FORMAT + "')");
            }
            int version = integer(f, "format_version");
            if (version != FORMAT_VERSION) {
                throw new SpecException(file, "/format_version", Integer.toString(version), "supported: " + FORMAT_VERSION);
            }
            Hdf5Integrity.verify(f, file);
            Object actions = attr(f, "actions").getData();
            if (!(actions instanceof String[] a) || !Arrays.equals(a, WeightsFile.actionNames())) {
                throw new SpecException(file, "/actions", null, "the checkpoint counts other actions than this "
                        + "version of engram (written by " + str(f, "engram_version") + ")");
            }
            RunIdentity identity = RunIdentity.parse(str(f, "identity"));
            if (identity == null) throw new SpecException(file, "/@identity", null, "not a configuration identity");
            SessionPosition pos = session(group(f, "session"));
            ChipState chip = chip(group(f, "chip"));
            return new Contents(identity, pos, chip);
        }

        SessionPosition session(Group g) {
            where = g.getPath();
            int stage = integer(g, "stage");
            int epoch = integer(g, "epoch");
            int sample = integer(g, "sample");
            if (stage < 0 || epoch < 0 || sample < 0) {
                throw new SpecException(file, g.getPath(), stage + "/" + epoch + "/" + sample, "negative position");
            }
            int phaseCount = integer(g, "phase_count");
            int epochCount = integer(g, "epoch_count");
            int accCount = integer(g, "accuracy_count");
            PhaseStats.Mark whole = mark(group(g, "whole"));
            PhaseStats.Mark epochMark = mark(group(g, "epoch"));
            List<PhaseStats> phases = new ArrayList<>();
            if (phaseCount > 0) {
                String[] names = (String[]) dataset(g, "phase_names").getData();
                long[] samples = longs(g, "phase_samples", phaseCount);
                long[] cycles = longs(g, "phase_cycles", phaseCount);
                long[][] counts = matrix(g, "phase_counts", phaseCount, ActionCounters.SIZE);
                if (names.length != phaseCount) throw mismatch(g, "phase_names", names.length, phaseCount);
                for (int i = 0; i < phaseCount; i++) {
                    phases.add(new PhaseStats(names[i], samples[i], cycles[i], ActionCounters.fromArray(counts[i])));
                }
            }
            List<ActionCounters> epochCounts = new ArrayList<>();
            if (epochCount > 0) {
                for (long[] row : matrix(g, "epoch_counts", epochCount, ActionCounters.SIZE)) {
                    epochCounts.add(ActionCounters.fromArray(row));
                }
            }
            List<AccuracyFigures.EpochAccuracy> perEpoch = new ArrayList<>();
            if (accCount > 0) {
                double[][] a = (double[][]) dataset(g, "epoch_accuracy").getData();
                if (a.length != accCount) throw mismatch(g, "epoch_accuracy", a.length, accCount);
                for (double[] row : a) {
                    if (row.length != 3) throw mismatch(g, "epoch_accuracy", row.length, 3);
                    perEpoch.add(new AccuracyFigures.EpochAccuracy((int) row[0], orNull(row[1]), orNull(row[2])));
                }
            }
            return new SessionPosition(stage, epoch, sample, whole, epochMark, phases, perEpoch, epochCounts);
        }

        private static Double orNull(double d) { return Double.isNaN(d) ? null : d; }

        PhaseStats.Mark mark(Group g) {
            return new PhaseStats.Mark(ActionCounters.fromArray(longs(g, "counts", ActionCounters.SIZE)), count(g, "cycle"),
                    count(g, "samples"));
        }

        ChipState chip(Group g) {
            where = g.getPath();
            long now = count(g, "now");
            long lastEnd = count(g, "last_end");
            long serial = count(g, "serial_cycles");
            long samples = count(g, "samples");
            Group cg = group(g, "cores");
            int n = integer(cg, "count");
            long[][] counts = matrix(cg, "counts", n, ActionCounters.SIZE);
            long[][] states = matrix(cg, "state_cycles", n, CoreState.values().length);
            long[] freeAt = longs(cg, "free_at", n);
            Group tg = group(g, "tiles");
            List<ChipState.Core> cores = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Node tn = tg.getChildren().get("core_" + i);
                ChipState.Tile tile = tn instanceof Group t ? tile(t) : null;
                cores.add(new ChipState.Core(i, counts[i], states[i], freeAt[i], tile));
            }
            Group lg = group(g, "layers");
            int layerCount = integer(lg, "count");
            List<ChipState.Layer> layers = new ArrayList<>();
            java.util.TreeMap<Integer, Group> byIndex = new java.util.TreeMap<>();
            for (Node node : lg) {
                if (node instanceof Group l) byIndex.put(integer(l, "index"), l);
            }
            if (byIndex.size() != layerCount) throw mismatch(lg, "layer_*", byIndex.size(), layerCount);
            for (Group l : byIndex.values()) layers.add(layer(l));
            Group ng = group(g, "noc");
            where = ng.getPath();
            int links = integer(ng, "link_count");
            Interconnect.NocState noc = new Interconnect.NocState(longs(ng, "counts", ActionCounters.SIZE),
                    links == 0 ? new long[0] : longs(ng, "link_loads", links), count(ng, "packets"), count(ng, "flits"),
                    count(ng, "hops"), count(ng, "stall_cycles"),
                    longs(ng, "by_kind", PacketKind.values().length * Interconnect.KIND_FIELDS));
            long[] overlap = (long[]) dataset(g, "learn_overlap").getData();
            for (int i = 0; i < overlap.length; i++) if (overlap[i] < 0) throw negative(g, "learn_overlap", i, overlap[i]);
            long[] phases = longs(g, "step_phase_cycles", io.engram.chip.sim.StepPhase.values().length);
            return new ChipState(now, lastEnd, serial, samples, cores, layers, noc, overlap, phases);
        }

        ChipState.Tile tile(Group t) {
            where = t.getPath();
            float[] g = (float[]) dataset(t, "conductances").getData();
            int[] writes = (int[]) dataset(t, "write_counts").getData();
            byte[] states = (byte[]) dataset(t, "cell_states").getData();
            if (writes.length != g.length || states.length != g.length) {
                throw new SpecException(file, t.getPath(), null, "cell datasets differ in length");
            }
            CellArray.Snapshot cells = new CellArray.Snapshot(g, writes, states, lng(t, "write_noise_rng"));
            float[] residual = t.getChildren().containsKey("residual")
                    ? finite(t, "residual", (float[]) dataset(t, "residual").getData()) : null;
            float[] batch = t.getChildren().containsKey("batch")
                    ? finite(t, "batch", (float[]) dataset(t, "batch").getData()) : null;
            PlasticityEngine.Snapshot e = new PlasticityEngine.Snapshot(lng(t, "rounding_rng"), residual, batch,
                    integer(t, "batch_open") != 0);
            return new ChipState.Tile(cells, lng(t, "read_noise_rng"), count(t, "clipped"), e);
        }

        ChipState.Layer layer(Group l) {
            where = l.getPath();
            double[] bias = finite(l, "bias", (double[]) dataset(l, "bias").getData());
            ChipState.Spiking sp = null;
            if (l.getChildren().get("spiking") instanceof Group s) {
                where = s.getPath();
                int cols = bias.length;
                double[] v = doubles(s, "v", cols);
                double[] theta = s.getChildren().containsKey("theta") ? doubles(s, "theta", cols) : null;
                int[] refr = (int[]) dataset(s, "refractory").getData();
                float[] pre = finite(s, "pre_trace", (float[]) dataset(s, "pre_trace").getData());
                sp = new ChipState.Spiking(v, theta, refr, pre, doubles(s, "post1", cols), doubles(s, "post2", cols),
                        lng(s, "sampler_rng"));
            }
            ChipState.Norm nm = null;
            if (l.getChildren().get("norm") instanceof Group ng) {
                where = ng.getPath();
                double[] sum = finite(ng, "sum", (double[]) dataset(ng, "sum").getData());
                nm = new ChipState.Norm(count(ng, "count"), sum, doubles(ng, "sum_sq", sum.length));
            }
            return new ChipState.Layer(integer(l, "index"), bias, dbl(l, "rate_scale"), integer(l, "batch_open") != 0, sp, nm);
        }

        // ---- typed access with precise errors

        /** Counters, clocks and cycle figures: all counts of something, never negative. */
        long[] longs(Group g, String key, int n) {
            long[] v = (long[]) dataset(g, key).getData();
            if (v.length != n) throw mismatch(g, key, v.length, n);
            for (int i = 0; i < v.length; i++) if (v[i] < 0) throw negative(g, key, i, v[i]);
            return v;
        }

        double[] doubles(Group g, String key, int n) {
            double[] v = finite(g, key, (double[]) dataset(g, key).getData());
            if (v.length != n) throw mismatch(g, key, v.length, n);
            return v;
        }

        double[] finite(Group g, String key, double[] v) {
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new SpecException(file, path(g, key), Double.toString(v[i]), "element " + i
                            + " is not a finite number (corrupt checkpoint)");
                }
            }
            return v;
        }

        float[] finite(Group g, String key, float[] v) {
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new SpecException(file, path(g, key), Float.toString(v[i]), "element " + i
                            + " is not a finite number (corrupt checkpoint)");
                }
            }
            return v;
        }

        long[][] matrix(Group g, String key, int rows, int cols) {
            long[][] v = (long[][]) dataset(g, key).getData();
            if (v.length != rows) throw mismatch(g, key, v.length, rows);
            for (long[] row : v) if (row.length != cols) throw mismatch(g, key, row.length, cols);
            for (long[] row : v) for (int i = 0; i < row.length; i++) if (row[i] < 0) throw negative(g, key, i, row[i]);
            return v;
        }

        /** A counter or clock attribute: never negative. */
        long count(Node n, String key) {
            long v = lng(n, key);
            if (v < 0) {
                throw new SpecException(file, n.getPath() + "@" + key, Long.toString(v), "a count or clock cannot be "
                        + "negative (corrupt checkpoint)");
            }
            return v;
        }

        SpecException negative(Group g, String key, int i, long v) {
            return new SpecException(file, path(g, key), Long.toString(v), "element " + i + ": a count or clock cannot "
                    + "be negative (corrupt checkpoint)");
        }

    }
}
