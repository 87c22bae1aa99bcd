package io.engram.runtime.session;

import io.engram.chip.spec.SpecNode;
import io.engram.runtime.report.Report;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes beyond spikes and membrane, read back from probes.h5 with jHDF's reader (and h5py when the machine has
 * it): a CubaLIF layer's synaptic current, the timeline (every step of a spiking run, every sample of a rate run),
 * whose energy, NoC flits and core-state cycles add up to the report's, and weight snapshots every N samples.
 */
class ProbesTimelineTest {
    @TempDir
    Path tmp;

    static final int STEPS = 20;
    /** dt 0.1 ms, tau_syn 1 ms: the synaptic current decays by d = exp(-0.1) per step. */
    static final double DT = 1e-4, TS = 1e-3, TM = 1e-2;

    /** One input, one CubaLIF neuron whose threshold it never reaches, as an NIR graph (NIR's HDF5 layout). */
    private Path cubaNir() {
        Path f = tmp.resolve("cuba.nir");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putDataset("version", "0.2.0");
            WritableGroup node = h.putGroup("node");
            node.putDataset("type", "NIRGraph");
            WritableGroup ns = node.putGroup("nodes");
            WritableGroup in = ns.putGroup("in");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[]{1});
            WritableGroup w = ns.putGroup("w");
            w.putDataset("type", "Linear");
            w.putDataset("weight", new double[][]{{1.0}});
            WritableGroup lif = ns.putGroup("lif");
            lif.putDataset("type", "CubaLIF");
            lif.putDataset("tau_syn", new double[]{TS});
            lif.putDataset("tau_mem", new double[]{TM});
            lif.putDataset("r", new double[]{1});
            lif.putDataset("w_in", new double[]{1});
            lif.putDataset("v_leak", new double[]{0});
            lif.putDataset("v_threshold", new double[]{1e9});
            WritableGroup out = ns.putGroup("out");
            out.putDataset("type", "Output");
            out.putDataset("shape", new long[]{1});
            node.putDataset("edges", new String[][]{{"in", "w"}, {"w", "lif"}, {"lif", "out"}});
        }
        return f;
    }

    @Test
    void spikingRunRecordsTheCurrentAndATimelineOfEveryStepThatAddsUpToTheReport() throws Exception {
        float[][][] x = new float[2][STEPS][1];
        x[0][0][0] = 1; // one input spike at step 0 of each sample
        x[1][0][0] = 1;
        try (WritableHdfFile f = HdfFile.write(tmp.resolve("spikes.h5"))) {
            f.putDataset("inputs", x);
        }
        Path exp = tmp.resolve("exp.yaml");
        Files.writeString(exp, "name: cuba\nchip: rram-22nm\nnetwork: " + cubaNir() + "\n"
                + "data: { source: recorded:spikes.h5, train: 2, test: 2 }\n"
                + "encoding: { kind: recorded, dt_ms: 0.1 }\ntraining: { epochs: 0 }\nreadout: { kind: vote }\nthreads: 1\n"
                + "probes: { layer: 0, neurons: 1, first_sample: 1, samples: 1 }\n");
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        Path dir = tmp.resolve("run");
        Report report = ExperimentRun.run(spec, Progress.silent(), dir, null, "test").report();
        try (HdfFile h = new HdfFile(dir.resolve("probes.h5"))) {
            // the current: I0 after the spike at step 0, then I_t = I_{t-1} d with d = exp(-dt / tau_syn) and no input
            String layer = "layer_" + h.getAttribute("layer").getData();
            double[][][] cur = (double[][][]) h.getDatasetByPath(layer + "/current").getData();
            assertEquals(1, cur.length);
            assertEquals(STEPS, cur[0].length);
            double d = Math.exp(-DT / TS), i0 = cur[0][0][0];
            assertTrue(i0 > 0, "the spike reaches the current: " + i0);
            double expect = i0;
            for (int t = 1; t < STEPS; t++) {
                expect *= d;
                assertEquals(expect, cur[0][t][0], 1e-12 * i0, "step " + t);
            }
            assertTrue(((String) h.getDatasetByPath(layer + "/current").getAttribute("units").getData()).contains("synaptic current"));
            assertArrayEquals(new int[]{1}, (int[]) h.getDatasetByPath(layer + "/sample_index").getData(), "test sample 1 only");
            // the timeline: no training, so the readout's features of the 2 training samples then the 2 test samples,
            // 20 steps each = 80 rows of one step
            double[][] e = (double[][]) h.getDatasetByPath("timeline/energy_pj").getData();
            long[] points = (long[]) h.getDatasetByPath("timeline/points").getData();
            long[] first = (long[]) h.getDatasetByPath("timeline/first_sample").getData();
            int[] step = (int[]) h.getDatasetByPath("timeline/first_step").getData();
            assertEquals(4 * STEPS, e.length);
            for (int r = 0; r < e.length; r++) {
                assertEquals(1, points[r]);
                assertEquals(r / STEPS, first[r]);
                assertEquals(r % STEPS, step[r]);
            }
            assertEquals("step", h.getByPath("timeline").getAttribute("point").getData());
            assertEquals("no", h.getByPath("timeline").getAttribute("decimation").getData());
            assertSumsToReport(h, report);
            assertArrayEquals(new String[]{"features (train)", "features (test)"},
                    (String[]) h.getDatasetByPath("timeline/phase_name").getData());
            assertArrayEquals(new long[]{0, 2}, (long[]) h.getDatasetByPath("timeline/phase_first_sample").getData());
        }
        assertTrue(Files.size(dir.resolve("probe_current.png")) > 0 && Files.size(dir.resolve("probe_energy.png")) > 0);
        // a second reader: h5py (when installed) sees the same current and the same energy sum
        String py = h5py("import h5py, json\nf = h5py.File(r'" + dir.resolve("probes.h5") + "', 'r')\n"
                + "a = f.attrs['layer']\nlayer = 'layer_' + (a if isinstance(a, str) else a.decode())\n"
                + "print(json.dumps([float(f[layer + '/current'][0, 5, 0]), float(f['timeline/energy_pj'][()].sum()"
                + " + f['timeline/before_energy_pj'][()].sum() + f['timeline/after_energy_pj'][()].sum()),"
                + " f['timeline/energy_pj'].attrs['units'] if isinstance(f['timeline/energy_pj'].attrs['units'], str)"
                + " else f['timeline/energy_pj'].attrs['units'].decode()]))\n");
        try (HdfFile h = new HdfFile(dir.resolve("probes.h5"))) {
            double[][][] cur = (double[][][]) h.getDatasetByPath("layer_" + h.getAttribute("layer").getData() + "/current").getData();
            List<?> got = new com.fasterxml.jackson.databind.ObjectMapper().readValue(py, List.class);
            assertEquals(cur[0][5][0], ((Number) got.get(0)).doubleValue(), 0);
            assertEquals(report.energy().totalPj(), ((Number) got.get(1)).doubleValue(), 1e-9 * report.energy().totalPj());
            assertEquals("pJ", got.get(2));
        }
    }

    @Test
    void probesFileIsTheSameBytesForAnyThreadCount() throws Exception {
        float[][][] x = new float[2][STEPS][1];
        for (int k = 0; k < 2; k++) for (int t = 0; t < STEPS; t += 3) x[k][t][0] = 1;
        try (WritableHdfFile f = HdfFile.write(tmp.resolve("spikes.h5"))) {
            f.putDataset("inputs", x);
        }
        byte[][] files = new byte[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Path exp = tmp.resolve("exp" + threads + ".yaml");
            Files.writeString(exp, "name: det\nchip: rram-22nm\nnetwork: " + cubaNir() + "\n"
                    + "data: { source: recorded:spikes.h5, train: 2, test: 2 }\n"
                    + "encoding: { kind: recorded, dt_ms: 0.1 }\ntraining: { epochs: 0 }\nreadout: { kind: vote }\n"
                    + "threads: " + threads + "\nprobes: { layer: 0, samples: 2, weights_every: 1, timeline_rows: 16 }\n");
            Path dir = tmp.resolve("run" + threads);
            ExperimentRun.run(ExperimentSpec.read(SpecNode.parse(exp), tmp), Progress.silent(), dir, null, "test");
            files[threads - 1] = Files.readAllBytes(dir.resolve("probes.h5"));
        }
        assertArrayEquals(files[0], files[1], "same seed, 1 or 2 threads: the same probes.h5");
    }

    @Test
    void aBoundBelowOneSampleCutsEverySampleAndAnUntrainedRunKeepsItsProgrammedWeightsOnce() throws Exception {
        float[][][] x = new float[1][STEPS][1];
        x[0][0][0] = 1;
        try (WritableHdfFile f = HdfFile.write(tmp.resolve("spikes.h5"))) {
            f.putDataset("inputs", x);
        }
        Path exp = tmp.resolve("exp.yaml");
        // one sample of 20 steps x 1 neuron is 20 values: a bound of 5 holds none; the weights (1 x 1) fit
        Files.writeString(exp, "name: cut\nchip: rram-22nm\nnetwork: " + cubaNir() + "\n"
                + "data: { source: recorded:spikes.h5, train: 1, test: 1 }\n"
                + "encoding: { kind: recorded, dt_ms: 0.1 }\ntraining: { epochs: 0 }\nreadout: { kind: vote }\nthreads: 1\n"
                + "probes: { layer: 0, samples: 1, max_values: 5, weights_every: 1 }\n");
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        Path dir = tmp.resolve("run");
        ExperimentRun.run(spec, Progress.silent(), dir, null, "test");
        try (HdfFile h = new HdfFile(dir.resolve("probes.h5"))) {
            String layer = "layer_" + h.getAttribute("layer").getData();
            assertTrue(((String) h.getAttribute("cut").getData()).startsWith("sample 0 and later: 1 samples x 20 steps"),
                    (String) h.getAttribute("cut").getData());
            assertEquals(0, h.getByPath(layer).getAttribute("spike_samples_recorded").getData());
            assertFalse(((io.jhdf.api.Group) h.getByPath(layer)).getChildren().containsKey("spikes"));
            assertArrayEquals(new long[]{0}, (long[]) h.getDatasetByPath(layer + "/weights_sample_index").getData());
        }
        assertFalse(Files.exists(dir.resolve("probe_raster.png")), "no sample recorded, no raster");
    }

    @Test
    void rateRunRecordsATimelineOfEverySampleAndWeightSnapshotsEveryNTrainingSamples() throws Exception {
        Files.writeString(tmp.resolve("network.yaml"), io.engram.api.EngramApiTestAccess.NETWORK);
        Path exp = tmp.resolve("exp.yaml");
        Files.writeString(exp, io.engram.api.EngramApiTestAccess.EXPERIMENT
                + "probes: { layer: 1, weights_every: 25, timeline_rows: 64 }\n");
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        Path dir = tmp.resolve("run");
        Report report = ExperimentRun.run(spec, Progress.silent(), dir, null, "test").report();
        try (HdfFile h = new HdfFile(dir.resolve("probes.h5"));
             HdfFile wf = new HdfFile(dir.resolve("weights.h5"))) {
            // 60 training samples, every 25: before samples 0, 25, 50, and after the 60th
            float[][][] w = (float[][][]) h.getDatasetByPath("layer_hidden/weights").getData();
            long[] idx = (long[]) h.getDatasetByPath("layer_hidden/weights_sample_index").getData();
            assertArrayEquals(new long[]{0, 25, 50, 60}, idx);
            assertEquals(784, w[0].length);
            assertEquals(16, w[0][0].length);
            // the last snapshot is the trained layer: weights.h5 (written from the chip at the end) holds the same
            float[][] end = (float[][]) wf.getDatasetByPath("layers/hidden/weights").getData();
            for (int r = 0; r < 784; r++) assertArrayEquals(end[r], w[3][r], "row " + r);
            assertFalse(java.util.Arrays.deepEquals(w[0], w[3]), "SoftHebb moved the weights");
            // a rate run: one point per sample, 60 train + 60 readout features + 30 test = 150 samples; at most 64
            // rows: merged at 64 (32 rows of 2), again at 64 rows (128 samples: 32 rows of 4), then 22 samples =
            // 5 rows of 4 and a partial row of 2: 38 rows
            long[] points = (long[]) h.getDatasetByPath("timeline/points").getData();
            assertEquals(38, points.length);
            long total = 0;
            for (int r = 0; r < points.length; r++) {
                assertEquals(r < 37 ? 4 : 2, points[r], "row " + r);
                total += points[r];
            }
            assertEquals(150, total);
            assertEquals("sample", h.getByPath("timeline").getAttribute("point").getData());
            assertTrue(((String) h.getByPath("timeline").getAttribute("decimation").getData())
                    .contains("each row adds 4 consecutive samples"));
            assertArrayEquals(new long[]{0, 60, 120}, (long[]) h.getDatasetByPath("timeline/phase_first_sample").getData());
            assertSumsToReport(h, report);
        }
        assertTrue(Files.size(dir.resolve("probe_energy.png")) > 0);
        assertFalse(Files.exists(dir.resolve("probe_raster.png")), "no spikes in a rate run");
    }

    /** Energy, flits and core-state cycles of the rows, before and after add up to the report's. */
    private static void assertSumsToReport(HdfFile h, Report report) {
        double[][] e = (double[][]) h.getDatasetByPath("timeline/energy_pj").getData();
        double[] before = (double[]) h.getDatasetByPath("timeline/before_energy_pj").getData();
        double[] after = (double[]) h.getDatasetByPath("timeline/after_energy_pj").getData();
        String[] cols = (String[]) h.getDatasetByPath("timeline/columns").getData();
        double sum = 0, leak = 0;
        double[] byCol = new double[cols.length];
        for (int c = 0; c < cols.length; c++) byCol[c] = before[c] + after[c];
        for (double[] row : e) for (int c = 0; c < cols.length; c++) byCol[c] += row[c];
        for (int c = 0; c < cols.length; c++) {
            sum += byCol[c];
            if (cols[c].equals("leakage")) leak = byCol[c];
            else assertEquals(report.energy().byComponent().getOrDefault(cols[c], 0.0), byCol[c],
                    1e-9 * Math.max(1, byCol[c]), cols[c]);
        }
        double total = report.energy().totalPj();
        assertEquals(total, sum, 1e-9 * total, "timeline energy = report energy.total_pj");
        assertEquals(report.energy().leakagePj(), leak, 1e-9 * leak);
        assertEquals(total, (double) h.getByPath("timeline").getAttribute("total_energy_pj").getData(), 1e-9 * total);
        // flits: the rows hold every flit of the run (nothing moves on the NoC outside a step or sample here)
        long flits = 0;
        for (long f : (long[]) h.getDatasetByPath("timeline/noc_flits").getData()) flits += f;
        assertEquals(report.noc().flits(), flits);
        long[][] states = (long[][]) h.getDatasetByPath("timeline/core_state_cycles").getData();
        String[] names = (String[]) h.getDatasetByPath("timeline/core_state_cycles").getAttribute("states").getData();
        long[] byState = new long[names.length];
        for (long[] row : states) for (int s = 0; s < names.length; s++) byState[s] += row[s];
        Map<String, Long> rep = report.latency().coreStates();
        for (int s = 0; s < names.length; s++) {
            // busy states are charged during steps and samples only; waits may be charged when the chip settles
            if (names[s].startsWith("busy")) assertEquals(rep.get(names[s]).longValue(), byState[s], names[s]);
            else assertTrue(byState[s] <= rep.get(names[s]), names[s]);
        }
    }

    /** What the machine's python3 with h5py prints for {@code script}; skipped where h5py is not installed. */
    static String h5py(String script) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process check = new ProcessBuilder(python.toString(), "-c", "import h5py").redirectErrorStream(true).start();
        Assumptions.assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0, "h5py not installed");
        Process p = new ProcessBuilder(python.toString(), "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "h5py timed out");
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }
}
