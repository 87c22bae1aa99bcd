package io.engram.examples;

import io.engram.api.ChipBuilder;
import io.engram.api.Data;
import io.engram.api.Engram;
import io.engram.api.RunResult;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Table;
import io.engram.runtime.data.Dataset;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.data.Splits;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Study 2: deep convolutional SoftHebb (Journé et al., ICLR 2023, "Hebbian Deep Learning Without Feedback") learned
 * on the chip, greedily, one unsupervised epoch per layer, on Fashion-MNIST.
 *
 * <p>The question: with widths growing 4x per layer, does the linear-readout accuracy rise from 1 to 2 to 3 Hebbian
 * layers (the paper, CIFAR-10: 71.1 / 77.7 / 80.3 %), and does the 3-layer Hebbian network beat the same
 * architecture with its random initial weights frozen (paper: 64.6 %)?
 *
 * <p>Per layer (reference section 2): soft anti-Hebbian plasticity (winner +s_k, losers -s_k), adaptive rate
 * eta_k = eta0 |‖w_k‖ - 1|^0.5, triangle activation on the forward signal, normal init of radius 25, no bias.
 * Kernels 5x5 / 3x3 / 3x3 with "same" padding, 1/tau = 1, 0.65, 0.25, eta0 = 0.08, 0.005, 0.01, triangle powers
 * 0.7, 1.4, 1.0. Pools are 2x2 stride 2 (max, max, avg): the chip's pools have no padding, so the reference's
 * max_4_2_1 is replaced by the pool that gives the same halving. The 1-layer net ends in an average pool (as the
 * paper's 1-layer net). Inputs are standardised per image. As the reference puts a BatchNorm2d(affine=False) before
 * every block, every conv layer has {@code norm: batch} (compiler/README-network.md, "Input norm"): the producing
 * core's neuron unit standardises the layer's input per channel with the mean and variance it measured on the chip
 * during that layer's own greedy training pass (frozen afterwards), counted as {@code neuron.norm_op} and SRAM
 * traffic. {@code -Dengram.ex02.norm=none} runs without it (layers 2 and 3 then see raw triangle outputs). The random
 * frozen baseline has the same initial weights ({@code rule: none}) and still spends one pass per layer to gather its
 * norms' statistics, as the reference's random baseline keeps its BatchNorms. One weight update per image (summed over
 * positions); {@code -Dengram.ex02.batch=10} sums over 10 images as the reference's unsupervised preset does. The readout
 * is the studies' common one: softmax regression off-chip on standardised features (Adam, lr 0.003, 30 epochs,
 * batch 64). {@code -Dengram.ex02.pad=2} adds a zero border (28x28 to 32x32, CIFAR's size), so that the 2x2 pools halve
 * evenly to the reference's 16 / 8 / 4 maps and no row is dropped before the last pool. Results and commands:
 * examples/README-studies.md section 2.
 *
 * <pre>
 * java [-Dengram.ex02.norm=batch|none] [-Dengram.ex02.batch=1] [-Dengram.ex02.pad=0] [-Dengram.ex02.train=2000] [-Dengram.ex02.test=1000]
 *      [-Dengram.ex02.scaling=layer|per-neuron] -cp "examples/target/classes:$(cat examples/target/classpath.txt)"
 *      io.engram.examples.Ex02DeepSoftHebb [--full] [--seed N] [--units C1] [--part depth|probe]
 * </pre>
 */
public final class Ex02DeepSoftHebb {
    private Ex02DeepSoftHebb() {}

    /** Per-layer hyper-parameters of the reference CIFAR preset. */
    static final int[] KERNEL = {5, 3, 3};
    static final double[] T_INVERT = {1.0, 0.65, 0.25};
    static final double[] ETA0 = {0.08, 0.005, 0.01};
    static final double[] TRIANGLE = {0.7, 1.4, 1.0};
    static final double Q = 0.5;
    static final double RADIUS = 25;

    /**
     * The network with {@code depth} Hebbian conv blocks of widths c1, 4 c1, 16 c1. The last block ends in a 2x2
     * average pool, the others in a 2x2 max pool (as the reference's 1-, 2- and 3-layer nets).
     */
    static Network network(int depth, int c1, UpdateScaling scaling) {
        return network(depth, c1, scaling, true, InputNorm.batch(), 28);
    }

    /**
     * @param learn false: {@code rule: none} (the random frozen baseline; its norms still gather statistics in a pass
     *              per layer)
     * @param norm  the input norm of every conv layer: batch (the reference's BatchNorm before every block) or none
     */
    static Network network(int depth, int c1, UpdateScaling scaling, boolean learn, InputNorm norm, int side) {
        Network.Builder b = Engram.network("ex02-depth" + depth).input(1, side, side);
        int c = c1;
        for (int l = 0; l < depth; l++) {
            double tau = 1.0 / T_INVERT[l];
            b.conv2d("conv" + (l + 1), c, KERNEL[l], 1, KERNEL[l] / 2).norm(norm)
                    .activation(Activation.triangle(TRIANGLE[l])).competition(Competition.softmax(tau))
                    .rule(learn ? new LearningRule.SoftAntiHebb(ETA0[l], tau, Q, scaling) : new LearningRule.None())
                    .init(Init.normal(RADIUS));
            if (l == depth - 1) b.avgpool(2, 2);
            else b.maxpool(2, 2);
            c *= 4;
        }
        return b.flatten().build();
    }

    /**
     * The images with {@code pad} zero pixels on every side (after the per-image standardisation, so 0 is the image's
     * mean): 28x28 with pad 2 becomes 32x32, CIFAR's size, whose 2x2 pools halve evenly down to 4x4 as in the reference.
     */
    static Dataset padded(Dataset d, int pad) {
        int w = d.width(), h = d.height(), W = w + 2 * pad;
        float[][] out = new float[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            float[] src = d.images()[i];
            float[] dst = new float[W * (h + 2 * pad)];
            for (int y = 0; y < h; y++) System.arraycopy(src, y * w, dst, (y + pad) * W + pad, w);
            out[i] = dst;
        }
        return new Dataset(d.name() + "-pad" + pad, W, h + 2 * pad, d.channels(), d.classes(), out, d.labels());
    }

    /** Mean L2 norm of the neurons' weight vectors of each weighted layer, e.g. {@code 1.01/1.91/14.20}. */
    static String norms(RunResult r) {
        return r.weights().stream().map(w -> String.format(Locale.ROOT, "%.2f", w.meanNeuronNorm()))
                .collect(Collectors.joining("/"));
    }

    public static void main(String[] argv) {
        Args a = Args.parse(argv, "02-deep-softhebb");
        int c1 = a.units(a.full() ? 24 : 8);
        int train = Integer.getInteger("engram.ex02.train", a.full() ? 10000 : 2000);
        int test = Integer.getInteger("engram.ex02.test", a.full() ? 2000 : 1000);
        String scaling = System.getProperty("engram.ex02.scaling", "layer");
        String norm = System.getProperty("engram.ex02.norm", "batch");
        if (!scaling.equals("layer") && !scaling.equals("per-neuron")) {
            throw new IllegalArgumentException("engram.ex02.scaling: layer or per-neuron, not " + scaling);
        }
        UpdateScaling updateScaling = scaling.equals("layer") ? UpdateScaling.LAYER : UpdateScaling.PER_NEURON;
        InputNorm inputNorm = norm.equals("batch") ? InputNorm.batch() : InputNorm.none();
        int batch = Integer.getInteger("engram.ex02.batch", 1);
        if (batch < 1) throw new IllegalArgumentException("engram.ex02.batch must be >= 1, not " + batch);
        int pad = Integer.getInteger("engram.ex02.pad", 0);
        if (pad < 0 || pad > 16) throw new IllegalArgumentException("engram.ex02.pad must be in [0, 16], not " + pad);
        int side = 28 + 2 * pad;
        if (!norm.equals("batch") && !norm.equals("none")) throw new IllegalArgumentException("engram.ex02.norm: batch or none, not " + norm);
        Data data = Data.fashionMnist().load(train, test, a.seed(), Preprocess.STANDARDISE);
        if (pad > 0) data = Data.of(new Splits(padded(data.splits().train(), pad), padded(data.splits().test(), pad)));
        ChipBuilder chip = ChipBuilder.preset("rram-22nm").ideal();
        System.out.printf("Study 2: deep SoftHebb on Fashion-MNIST, widths %d/%d/%d, %d train / %d test, one epoch per layer, "
                + "batch %d, scaling %s, norm %s, input %dx%d, ideal-device rram-22nm, seed %d%n", c1, 4 * c1, 16 * c1, train,
                test, batch, scaling, norm, side, side, a.seed());

        if (a.runs("probe")) {
            // a few samples per depth: wall time per sample, to size the default run
            for (int d = 1; d <= 3; d++) {
                Splits few = new Splits(data.splits().train().limit(10), data.splits().test().limit(10));
                long t0 = System.nanoTime();
                RunResult r = Engram.run(StudyKit.experiment("ex02-probe", a).chip(chip)
                        .network(network(d, c1, updateScaling, true, inputNorm, side)).data(Data.of(few))
                        .training(1, 1).build());
                System.out.printf("  depth %d: mesh %dx%d, %d cores, %d features, 10 train + 20 feature samples in %.1f s%n", d,
                        r.chipSpec().mesh().width(), r.chipSpec().mesh().height(), r.mapping().coresUsed(),
                        r.featureCount(), StudyKit.millisSince(t0) / 1000.0);
            }
            if (a.part() != null) return;
        }

        Table t = new Table("Study 2: deep SoftHebb, Fashion-MNIST, " + train + " train / " + test + " test, widths "
                + c1 + "/" + 4 * c1 + "/" + 16 * c1 + ", norm " + norm + ", batch " + batch + ", input " + side + "x" + side + ", seed " + a.seed() + ", rram-22nm with the ideal device (mesh sized to fit)",
                "features", "hebbian_layers", "n_features", "test_acc_pct", "train_acc_pct", "train_nJ_per_sample",
                "infer_nJ_per_sample", "infer_latency_us", "train_latency_us", "cores", "write_pulses", "mean_norm_per_layer", "wall_s");
        long t0 = System.nanoTime();
        RunResult raw = Engram.run(StudyKit.experiment("ex02-raw-pixels", a).chip(chip)
                .network(network(1, c1, updateScaling, true, inputNorm, side)).data(data)
                .readoutFeatures(io.engram.runtime.session.ExperimentSpec.Features.INPUT).build());
        t.add("raw pixels (" + side * side + ", no chip)", 0, raw.featureCount(), StudyKit.pct(raw.testAccuracy()),
                StudyKit.pct(raw.trainAccuracy()), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, 0L, "-", StudyKit.millisSince(t0) / 1000.0);
        Object[][] variants = {
                {"SoftHebb, 1 layer", 1, 1},
                {"SoftHebb, 2 layers", 2, 1},
                {"SoftHebb, 3 layers", 3, 1},
                {"random frozen, 1 layer", 1, 0},
                {"random frozen, 3 layers", 3, 0},
        };
        for (Object[] v : variants) {
            int depth = (int) v[1];
            boolean learn = (int) v[2] == 1;
            t0 = System.nanoTime();
            // random frozen: rule none (same initial weights: they come from the stream of the layer's name); with a
            // norm, one pass per layer still gathers the norm statistics, as the reference's random baseline keeps its
            // BatchNorms
            boolean passes = learn || norm.equals("batch");
            RunResult r = Engram.run(StudyKit.experiment("ex02-depth" + depth + (learn ? "" : "-random"), a).chip(chip)
                    .network(network(depth, c1, updateScaling, learn, inputNorm, side)).data(data)
                    .training(passes ? 1 : 0, batch).build());
            double wall = StudyKit.millisSince(t0) / 1000.0;
            t.add(v[0], learn ? depth : 0, r.featureCount(), StudyKit.pct(r.testAccuracy()), StudyKit.pct(r.trainAccuracy()),
                    r.phasePjPerSample("train") / 1000, r.phasePjPerSample("evaluate") / 1000,
                    r.phaseNsPerSample("evaluate") / 1000, r.phaseNsPerSample("train") / 1000, r.mapping().coresUsed(),
                    r.learning().writePulses(), norms(r), wall);
            System.out.printf("  %-26s test %.2f %%  train %.2f %%  (%.0f s)%n", v[0], StudyKit.pct(r.testAccuracy()),
                    StudyKit.pct(r.trainAccuracy()), wall);
        }
        t.emit(a, "depth-c" + c1 + "-n" + train + "-" + scaling + "-norm-" + norm + (batch == 1 ? "" : "-b" + batch) + (pad == 0 ? "" : "-pad" + pad), StudyKit.meta(a, "widths", new int[]{c1, 4 * c1, 16 * c1},
                "train", train, "test", test, "dataset", "fashion-mnist (standardised per image)", "scaling", scaling, "norm", norm, "batch", batch, "pad", pad,
                "chip", "rram-22nm, ideal device, analog DAC, ideal ADC",
                "readout", StudyKit.READOUT));
    }
}
