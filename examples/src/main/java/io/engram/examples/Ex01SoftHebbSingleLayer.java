package io.engram.examples;

import io.engram.chip.plasticity.reference.FloatReference;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Outcome;
import io.engram.examples.StudyKit.Table;
import io.engram.examples.StudyKit.Training;
import io.engram.runtime.data.Splits;
import java.nio.file.Path;

/**
 * Study 1: one SoftHebb layer learned on the chip, against the same linear readout on raw pixels, on random frozen
 * weights, and on a hard-WTA layer; then the ideal-device chip against the float reference of the rule.
 *
 * <p>The question (SoftHebb, Moraitis et al. 2022): do features learned on-chip in one unsupervised epoch carry more
 * linearly decodable class information than the pixels themselves or a random projection of the same size, and
 * does the soft competition beat the hard one? The readout is the same everywhere: softmax regression trained
 * off-chip on standardised features (Adam, 30 epochs, batch 64, lr 0.003). Inputs are L2-normalised.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.Ex01SoftHebbSingleLayer [--full] [--seed N] [--part accuracy|mnist|fashion-mnist|ideal] [--units N]
 * </pre>
 */
public final class Ex01SoftHebbSingleLayer {
    private Ex01SoftHebbSingleLayer() {}

    static String network(int units, String competition, String rule) {
        return network(units, competition, rule, "auto");
    }

    static String network(int units, String competition, String rule, String weightScale) {
        return "name: ex01\ninput: { shape: [1, 28, 28] }\nlayers:\n  - type: flatten\n  - name: hidden\n    type: dense\n"
                + "    units: " + units + "\n    neuron: rate\n    activation: { kind: triangle, power: 1 }\n"
                + "    competition: " + competition + "\n    rule: " + rule + "\n"
                + "    init: { kind: uniform-positive, radius: 3 }\n    weight_scale: " + weightScale + "\n";
    }

    static final String SOFT = "{ kind: softmax, temperature: 0.03 }";
    static final String SOFTHEBB = "{ kind: softhebb, eta: 0.05, bias_eta: 0.0, adaptive_power: 0.0, scaling: none }";
    static final String SOFTHEBB_LAYER = "{ kind: softhebb, eta: 0.05, bias_eta: 0.0, adaptive_power: 0.0, scaling: layer }";
    static final String HARD = "hard-wta";
    static final String HARDWTA = "{ kind: hard-wta, eta: 0.05, variant: softhebb-baseline }";

    public static void main(String[] argv) {
        Args a = Args.parse(argv, "01-softhebb-single-layer");
        int units = a.units(a.full() ? 2000 : 256);
        int train = a.full() ? 8000 : 2000;
        int test = a.full() ? 2000 : 1000;
        System.out.printf("Study 1: SoftHebb single layer, %d neurons, %d train / %d test samples, one unsupervised epoch, seed %d%n",
                units, train, test, a.seed());
        ChipSpec base = ChipSpec.preset("rram-22nm");
        Table t = new Table("Study 1: accuracy and cost, seed " + a.seed() + ", " + units + " neurons, chip rram-22nm (mesh sized to fit)",
                "dataset", "features", "test_acc_pct", "train_acc_pct", "train_nJ_per_sample", "infer_nJ_per_sample",
                "infer_latency_ns", "train_latency_ns", "cores", "rram_cells", "sram_bytes", "write_pulses", "wall_s");
        String[][] datasets = {{"mnist", StudyKit.mnistSource()}, {"fashion-mnist", "fashion-mnist"}};
        boolean any = false;
        for (String[] ds : datasets) {
            if (!a.runs("accuracy") && !a.runs(ds[0])) continue;
            any = true;
            Splits data = StudyKit.load(ds[1], train, test, a.seed());
            String dname = ds[1].equals("generated") ? "generated-digits" : ds[0];
            long t0 = System.nanoTime();
            double[] raw = StudyKit.readout(data.train().images(), data.train().labels(), data.test().images(),
                    data.test().labels(), StudyKit.classes(data), a.seed());
            t.add(dname, "raw pixels (784, no chip)", StudyKit.pct(raw[1]), StudyKit.pct(raw[0]), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, 0L, 0L, 0L, StudyKit.millisSince(t0) / 1000.0);
            Object[][] variants = {
                    {"random frozen (untrained init)", SOFT, SOFTHEBB, 0, 1},
                    {"hard WTA (online)", HARD, HARDWTA, 1, 1},
                    {"SoftHebb (online, no scaling)", SOFT, SOFTHEBB, 1, 1},
                    {"SoftHebb (layer scaling, batch 32)", SOFT, SOFTHEBB_LAYER, 1, 32},
            };
            for (Object[] v : variants) {
                t0 = System.nanoTime();
                Path net = StudyKit.writeNetwork(a, "network-" + ((String) v[0]).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".yaml",
                        network(units, (String) v[1], (String) v[2]));
                ChipSpec chip = StudyKit.fitMesh(base, net, a.seed());
                Outcome o = StudyKit.run(chip, net, data, new Training((int) v[3], (int) v[4]), a.seed());
                t.add(dname, v[0], StudyKit.pct(o.testAcc()), StudyKit.pct(o.trainAcc()),
                        (int) v[3] == 0 ? Double.NaN : o.trainPjPerSample() / 1000, o.inferPjPerSample() / 1000,
                        o.inferNsPerSample(), (int) v[3] == 0 ? Double.NaN : o.trainNsPerSample(), o.coresUsed(),
                        o.rramCellsUsed(), o.sramPeakBytes(), o.writePulses(), StudyKit.millisSince(t0) / 1000.0);
                System.out.printf("  %-14s %-36s test %.2f %%  (%.0f s)%n", dname, v[0], StudyKit.pct(o.testAcc()),
                        StudyKit.millisSince(t0) / 1000.0);
            }
        }
        if (any) t.emit(a, "accuracy-" + units + (a.part() == null ? "" : "-" + a.part()), StudyKit.meta(a, "units", units, "train", train, "test", test,
                "readout", "softmax regression off-chip, standardised features, Adam lr 0.003, 30 epochs, batch 64",
                "preprocess", "l2"));

        if (a.runs("ideal")) idealVersusFloat(a, a.full() ? 2000 : 500);
    }

    /**
     * With the ideal device, analog inputs and an ideal ADC the chip must learn exactly what the float algorithm
     * learns from the same initial weights and the same sample order.
     */
    static void idealVersusFloat(Args a, int samples) {
        // winner_mismatches: samples where the chip's largest output is not the float winner; for hard WTA one
        // flipped near-tie (float32 partial sums over row tiles vs double) sends a whole update to another neuron.
        Splits data = StudyKit.load(StudyKit.mnistSource(), samples, 1, a.seed());
        Table t = new Table("Study 1b: ideal-device chip vs FloatReference after " + samples + " online samples, seed " + a.seed(),
                "rule", "units", "batch", "weight_scale", "tiles", "max_abs_w", "max_abs_diff", "max_rel_diff", "winner_mismatches",
                "min_top2_margin");
        // weight_scale auto = the largest initial |w|: a weight that grows past it saturates the differential pair,
        // which the float reference does not model; 0.5 leaves room (checked by max_abs_w below)
        String[][] rules = {{SOFT, SOFTHEBB, "1", "auto"}, {SOFT, SOFTHEBB_LAYER, "32", "auto"}, {HARD, HARDWTA, "1", "auto"},
                {HARD, HARDWTA, "1", "0.5"}};
        for (String[] r : rules) {
            int units = 128; // two column blocks on rram-22nm: the softmax group spans cores
            int batch = Integer.parseInt(r[2]);
            Path net = StudyKit.writeNetwork(a, "network-ideal.yaml", network(units, r[0], r[1], r[3]));
            ChipSpec chip = StudyKit.ideal(StudyKit.fitMesh(ChipSpec.preset("rram-22nm"), net, a.seed()));
            var prog = StudyKit.compile(net, chip, a.seed()).program();
            Chip c = new Chip(chip, a.seed());
            c.load(prog);
            int l = 0;
            while (!c.hasWeights(l)) l++;
            LayerProgram lp = prog.layers().get(l);
            int in = lp.rows();
            int out = lp.cols();
            float[] w0 = c.weights(l);
            double[][] wr = new double[out][in];
            for (int i = 0; i < in; i++) for (int k = 0; k < out; k++) wr[k][i] = w0[i * out + k];
            FloatReference ref = new FloatReference(lp.rule(), lp.competition(), wr, c.bias(l));
            boolean[] learn = new boolean[c.layerCount()];
            learn[l] = true;
            double[] xd = new double[in];
            int mismatches = 0;
            double minMargin = Double.MAX_VALUE;
            for (int s = 0; s < samples; s++) {
                float[] x = data.train().images()[s];
                for (int i = 0; i < in; i++) xd[i] = x[i];
                // the float winner and its margin over the runner-up, before either side learns from this sample
                double[] u = ref.preActivation(xd);
                int win = 0;
                for (int k = 1; k < out; k++) if (u[k] > u[win]) win = k;
                double second = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < out; k++) if (k != win) second = Math.max(second, u[k]);
                minMargin = Math.min(minMargin, u[win] - second);
                boolean open = batch > 1 && s % batch == 0;
                boolean close = batch > 1 && (s % batch == batch - 1 || s == samples - 1);
                if (open) c.beginBatch(l);
                float[] y = c.run(x, l, learn);
                int cw = 0;
                for (int k = 1; k < out; k++) if (y[k] > y[cw]) cw = k;
                if (cw != win) mismatches++;
                if (close) c.endBatch(l);
                ref.accumulate(xd);
                if (batch == 1 || close) ref.applyBatch();
            }
            float[] wc = c.weights(l);
            double max = 0;
            double err = 0;
            for (int i = 0; i < in; i++) {
                for (int k = 0; k < out; k++) {
                    max = Math.max(max, Math.abs(ref.weights()[k][i]));
                    err = Math.max(err, Math.abs(ref.weights()[k][i] - wc[i * out + k]));
                }
            }
            t.add(lp.rule().getClass().getSimpleName() + " " + r[1], units, batch, r[3] + " (" + (float) lp.weightScale() + ")", lp.tiles().size(), max, err, err / max, mismatches, minMargin);
        }
        t.emit(a, "ideal-vs-float", StudyKit.meta(a, "samples", samples, "data", "first training samples, in order"));
    }
}
