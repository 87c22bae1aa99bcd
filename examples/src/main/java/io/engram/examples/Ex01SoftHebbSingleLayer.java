package io.engram.examples;

import io.engram.api.ChipBuilder;
import io.engram.api.Data;
import io.engram.api.Engram;
import io.engram.api.Experiment;
import io.engram.api.RunResult;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.plasticity.reference.FloatReference;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Table;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.data.Splits;
import io.engram.runtime.session.ExperimentSpec;

/**
 * Study 1: one SoftHebb layer learned on the chip, against the same linear readout on raw pixels, on random frozen
 * weights, and on a hard-WTA layer; then the ideal-device chip against the float reference of the rule.
 *
 * <p>The question (SoftHebb, Moraitis et al. 2022): do features learned on-chip in one unsupervised epoch carry more
 * linearly decodable class information than the pixels themselves or a random projection of the same size, and
 * does the soft competition beat the hard one? The readout is the same everywhere: softmax regression trained
 * off-chip on standardised features (Adam, 30 epochs, batch 64, lr 0.003). Inputs are L2-normalised. Every row is an
 * experiment of the Java API ({@link Engram#run}); the raw-pixel row is the readout on the preprocessed input
 * ({@code readoutFeatures(INPUT)}). The ideal-versus-float part drives a loaded chip sample by sample
 * ({@link Engram#load}) beside the float reference.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.Ex01SoftHebbSingleLayer [--full] [--seed N] [--part accuracy|mnist|fashion-mnist|ideal] [--units N]
 * </pre>
 */
public final class Ex01SoftHebbSingleLayer {
    private Ex01SoftHebbSingleLayer() {}

    /** Softmax temperature of the soft competition, and SoftHebb's tau (the rule takes the competition's). */
    static final double TEMPERATURE = 0.03;
    static final double ETA = 0.05;
    static final double INIT_RADIUS = 3;

    static final Competition SOFT = Competition.softmax(TEMPERATURE);
    static final LearningRule SOFTHEBB = new LearningRule.SoftHebb(ETA, TEMPERATURE, 0, 0, UpdateScaling.NONE);
    static final LearningRule SOFTHEBB_LAYER = new LearningRule.SoftHebb(ETA, TEMPERATURE, 0, 0, UpdateScaling.LAYER);
    static final Competition HARD = Competition.hardWta();
    static final LearningRule HARDWTA = new LearningRule.HardWta(ETA, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE);

    /** Flatten, then one dense layer {@code hidden} of rate neurons with the triangle forward signal. */
    static Network network(int units, Competition competition, LearningRule rule) {
        return network(units, competition, rule, Double.NaN);
    }

    /** @param weightScale the weight at full conductance; NaN: auto (the largest initial |w|) */
    static Network network(int units, Competition competition, LearningRule rule, double weightScale) {
        Network.Builder b = Engram.network("ex01").input(1, 28, 28).flatten()
                .dense("hidden", units).activation(Activation.triangle(1)).competition(competition).rule(rule)
                .init(Init.uniformPositive(INIT_RADIUS));
        return (Double.isNaN(weightScale) ? b.weightScaleAuto() : b.weightScale(weightScale)).build();
    }

    record Variant(String name, Competition competition, LearningRule rule, int epochs, int batch) {}

    public static void main(String[] argv) {
        Args a = Args.parse(argv, "01-softhebb-single-layer");
        int units = a.units(a.full() ? 2000 : 256);
        int train = a.full() ? 8000 : 2000;
        int test = a.full() ? 2000 : 1000;
        System.out.printf("Study 1: SoftHebb single layer, %d neurons, %d train / %d test samples, one unsupervised epoch, seed %d%n",
                units, train, test, a.seed());
        Table t = new Table("Study 1: accuracy and cost, seed " + a.seed() + ", " + units + " neurons, chip rram-22nm (mesh sized to fit)",
                "dataset", "features", "test_acc_pct", "train_acc_pct", "train_nJ_per_sample", "infer_nJ_per_sample",
                "infer_latency_ns", "train_latency_ns", "cores", "rram_cells", "sram_bytes", "write_pulses", "wall_s");
        Variant[] variants = {
                new Variant("random frozen (untrained init)", SOFT, SOFTHEBB, 0, 1),
                new Variant("hard WTA (online)", HARD, HARDWTA, 1, 1),
                new Variant("SoftHebb (online, no scaling)", SOFT, SOFTHEBB, 1, 1),
                new Variant("SoftHebb (layer scaling, batch 32)", SOFT, SOFTHEBB_LAYER, 1, 32),
        };
        boolean any = false;
        for (String part : new String[]{"mnist", "fashion-mnist"}) {
            if (!a.runs("accuracy") && !a.runs(part)) continue;
            any = true;
            Data source = part.equals("mnist") ? StudyKit.mnist() : Data.fashionMnist();
            Data data = source.load(train, test, a.seed(), Preprocess.L2);
            String dname = StudyKit.name(data);
            long t0 = System.nanoTime();
            RunResult raw = Engram.run(StudyKit.experiment("ex01-raw-pixels", a).network(network(units, SOFT, SOFTHEBB))
                    .data(data).readoutFeatures(ExperimentSpec.Features.INPUT).build());
            t.add(dname, "raw pixels (784, no chip)", StudyKit.pct(raw.testAccuracy()), StudyKit.pct(raw.trainAccuracy()),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0L, 0L, 0L, StudyKit.millisSince(t0) / 1000.0);
            for (Variant v : variants) {
                t0 = System.nanoTime();
                RunResult r = Engram.run(StudyKit.experiment("ex01", a).chip("rram-22nm")
                        .network(network(units, v.competition(), v.rule())).data(data).training(v.epochs(), v.batch())
                        .build());
                t.add(dname, v.name(), StudyKit.pct(r.testAccuracy()), StudyKit.pct(r.trainAccuracy()),
                        r.phasePjPerSample("train") / 1000, r.phasePjPerSample("evaluate") / 1000,
                        r.phaseNsPerSample("evaluate"), r.phaseNsPerSample("train"), r.mapping().coresUsed(),
                        r.memory().rramCellsUsed(), r.memory().sramPeakBytes(), r.learning().writePulses(),
                        StudyKit.millisSince(t0) / 1000.0);
                System.out.printf("  %-14s %-36s test %.2f %%  (%.0f s)%n", dname, v.name(), StudyKit.pct(r.testAccuracy()),
                        StudyKit.millisSince(t0) / 1000.0);
            }
        }
        if (any) t.emit(a, "accuracy-" + units + (a.part() == null ? "" : "-" + a.part()), StudyKit.meta(a, "units", units,
                "train", train, "test", test, "readout", StudyKit.READOUT, "preprocess", "l2"));

        if (a.runs("ideal")) idealVersusFloat(a, a.full() ? 2000 : 500);
    }

    /**
     * With the ideal device, analog inputs and an ideal ADC the chip must learn exactly what the float algorithm
     * learns from the same initial weights and the same sample order.
     */
    static void idealVersusFloat(Args a, int samples) {
        // winner_mismatches: samples where the chip's largest output is not the float winner; for hard WTA one
        // flipped near-tie (float32 partial sums over row tiles vs double) sends a whole update to another neuron.
        Splits data = StudyKit.mnist().load(samples, 1, a.seed(), Preprocess.L2).splits();
        Table t = new Table("Study 1b: ideal-device chip vs FloatReference after " + samples + " online samples, seed " + a.seed(),
                "rule", "units", "batch", "weight_scale", "tiles", "max_abs_w", "max_abs_diff", "max_rel_diff", "winner_mismatches",
                "min_top2_margin");
        // weight_scale auto = the largest initial |w|: a weight that grows past it saturates the differential pair,
        // which the float reference does not model; 0.5 leaves room (checked by max_abs_w below)
        Object[][] rules = {{SOFT, SOFTHEBB, 1, Double.NaN}, {SOFT, SOFTHEBB_LAYER, 32, Double.NaN},
                {HARD, HARDWTA, 1, Double.NaN}, {HARD, HARDWTA, 1, 0.5}};
        for (Object[] r : rules) {
            int units = 128; // two column blocks on rram-22nm: the softmax group spans cores
            int batch = (int) r[2];
            double scale = (double) r[3];
            Experiment e = Experiment.builder("ex01-ideal").seed(a.seed()).meshToFit()
                    .chip(ChipBuilder.preset("rram-22nm").ideal())
                    .network(network(units, (Competition) r[0], (LearningRule) r[1], scale)).build();
            try (Chip c = Engram.load(e)) {
                int l = 0;
                while (!c.hasWeights(l)) l++;
                LayerProgram lp = c.program().layers().get(l);
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
                t.add(lp.rule().toString(), units, batch, (Double.isNaN(scale) ? "auto" : String.valueOf(scale))
                        + " (" + (float) lp.weightScale() + ")", lp.tiles().size(), max, err, err / max, mismatches, minMargin);
            }
        }
        t.emit(a, "ideal-vs-float", StudyKit.meta(a, "samples", samples, "data", "first training samples, in order"));
    }
}
