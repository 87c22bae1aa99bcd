package io.engram.examples;

import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Outcome;
import io.engram.examples.StudyKit.Table;
import io.engram.examples.StudyKit.Training;
import io.engram.runtime.data.Dataset;
import io.engram.runtime.data.DatasetSource;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.data.Splits;
import java.nio.file.Path;
import java.util.Locale;

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
     * The network YAML with {@code depth} Hebbian conv blocks of widths c1, 4 c1, 16 c1. The last block ends in a
     * 2x2 average pool, the others in a 2x2 max pool (as the reference's 1-, 2- and 3-layer nets).
     */
    static String network(int depth, int c1, String scaling) { return network(depth, c1, scaling, true, "batch", 28); }

    /**
     * @param learn false: {@code rule: none} (the random frozen baseline; its norms still gather statistics in a pass
     *              per layer)
     * @param norm  the {@code norm} of every conv layer: batch (the reference's BatchNorm before every block) or none
     */
    static String network(int depth, int c1, String scaling, boolean learn, String norm, int side) {
        StringBuilder sb = new StringBuilder("name: ex02-depth" + depth + "\ninput: { shape: [1, " + side + ", " + side
                + "] }\nlayers:\n");
        int c = c1;
        for (int l = 0; l < depth; l++) {
            double tau = 1.0 / T_INVERT[l];
            sb.append("  - name: conv").append(l + 1).append("\n    type: conv2d\n")
                    .append("    channels: ").append(c).append("\n    kernel: ").append(KERNEL[l])
                    .append("\n    padding: ").append(KERNEL[l] / 2).append("\n    neuron: rate\n")
                    .append("    norm: ").append(norm).append('\n')
                    .append(String.format(Locale.ROOT, "    activation: { kind: triangle, power: %s }%n", TRIANGLE[l]))
                    .append(String.format(Locale.ROOT, "    competition: { kind: softmax, temperature: %s }%n", tau))
                    .append(learn ? String.format(Locale.ROOT, "    rule: { kind: soft-anti-hebb, eta: %s, tau: %s, power: %s, scaling: %s }%n",
                            ETA0[l], tau, Q, scaling) : "    rule: none\n")
                    .append(String.format(Locale.ROOT, "    init: { kind: normal, radius: %s }%n", RADIUS));
            sb.append("  - type: ").append(l == depth - 1 ? "avgpool" : "maxpool").append("\n    kernel: 2\n    stride: 2\n");
            c *= 4;
        }
        sb.append("  - type: flatten\n");
        return sb.toString();
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

    /** Mean L2 norm of the neurons' weight vectors (columns of the rows x cols matrix) of each weighted layer. */
    static String norms(Chip chip) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < chip.layerCount(); l++) {
            if (!chip.hasWeights(l)) continue;
            float[] w = chip.weights(l);
            int cols = chip.program().layers().get(l).cols();
            int rows = w.length / cols;
            double sum = 0;
            for (int k = 0; k < cols; k++) {
                double n2 = 0;
                for (int i = 0; i < rows; i++) n2 += (double) w[i * cols + k] * w[i * cols + k];
                sum += Math.sqrt(n2);
            }
            if (sb.length() > 0) sb.append('/');
            sb.append(String.format(Locale.ROOT, "%.2f", sum / cols));
        }
        return sb.toString();
    }

    public static void main(String[] argv) {
        Args a = Args.parse(argv, "02-deep-softhebb");
        int c1 = a.units(a.full() ? 24 : 8);
        int train = Integer.getInteger("engram.ex02.train", a.full() ? 10000 : 2000);
        int test = Integer.getInteger("engram.ex02.test", a.full() ? 2000 : 1000);
        String scaling = System.getProperty("engram.ex02.scaling", "layer");
        String norm = System.getProperty("engram.ex02.norm", "batch");
        int batch = Integer.getInteger("engram.ex02.batch", 1);
        if (batch < 1) throw new IllegalArgumentException("engram.ex02.batch must be >= 1, not " + batch);
        int pad = Integer.getInteger("engram.ex02.pad", 0);
        if (pad < 0 || pad > 16) throw new IllegalArgumentException("engram.ex02.pad must be in [0, 16], not " + pad);
        int side = 28 + 2 * pad;
        if (!norm.equals("batch") && !norm.equals("none")) throw new IllegalArgumentException("engram.ex02.norm: batch or none, not " + norm);
        Splits data = Preprocess.STANDARDISE.apply(DatasetSource.parse("fashion-mnist", Path.of(".")).load(train, test, a.seed()));
        if (pad > 0) data = new Splits(padded(data.train(), pad), padded(data.test(), pad));
        ChipSpec base = ChipSpec.preset("rram-22nm");
        System.out.printf("Study 2: deep SoftHebb on Fashion-MNIST, widths %d/%d/%d, %d train / %d test, one epoch per layer, "
                + "batch %d, scaling %s, norm %s, input %dx%d, ideal-device rram-22nm, seed %d%n", c1, 4 * c1, 16 * c1, train,
                test, batch, scaling, norm, side, side, a.seed());

        if (a.runs("probe")) {
            // a few samples per depth: wall time per sample, to size the default run
            for (int d = 1; d <= 3; d++) {
                Path net = StudyKit.writeNetwork(a, "network-probe.yaml", network(d, c1, scaling, true, norm, side));
                ChipSpec chip = StudyKit.ideal(StudyKit.fitMesh(base, net, a.seed()));
                Splits few = new Splits(data.train().limit(10), data.test().limit(10));
                long t0 = System.nanoTime();
                Outcome o = StudyKit.run(chip, net, few, new Training(1, 1), a.seed());
                System.out.printf("  depth %d: mesh %dx%d, %d cores, %d features, 10 train + 20 feature samples in %.1f s%n", d,
                        chip.mesh().width(), chip.mesh().height(), o.coresUsed(), o.testFeatures()[0].length,
                        StudyKit.millisSince(t0) / 1000.0);
            }
            if (a.part() != null) return;
        }

        Table t = new Table("Study 2: deep SoftHebb, Fashion-MNIST, " + train + " train / " + test + " test, widths "
                + c1 + "/" + 4 * c1 + "/" + 16 * c1 + ", norm " + norm + ", batch " + batch + ", input " + side + "x" + side + ", seed " + a.seed() + ", rram-22nm with the ideal device (mesh sized to fit)",
                "features", "hebbian_layers", "n_features", "test_acc_pct", "train_acc_pct", "train_nJ_per_sample",
                "infer_nJ_per_sample", "infer_latency_us", "train_latency_us", "cores", "write_pulses", "mean_norm_per_layer", "wall_s");
        long t0 = System.nanoTime();
        double[] raw = StudyKit.readout(data.train().images(), data.train().labels(), data.test().images(),
                data.test().labels(), StudyKit.classes(data), a.seed());
        t.add("raw pixels (" + side * side + ", no chip)", 0, side * side, StudyKit.pct(raw[1]), StudyKit.pct(raw[0]), Double.NaN, Double.NaN,
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
            Path net = StudyKit.writeNetwork(a, "network-depth" + depth + (learn ? "" : "-random") + ".yaml",
                    network(depth, c1, scaling, learn, norm, side));
            ChipSpec chip = StudyKit.ideal(StudyKit.fitMesh(base, net, a.seed()));
            boolean passes = learn || norm.equals("batch");
            Outcome o = StudyKit.run(chip, net, data, new Training(passes ? 1 : 0, batch), a.seed());
            double wall = StudyKit.millisSince(t0) / 1000.0;
            t.add(v[0], learn ? depth : 0, o.testFeatures()[0].length, StudyKit.pct(o.testAcc()), StudyKit.pct(o.trainAcc()),
                    passes ? o.trainPjPerSample() / 1000 : Double.NaN, o.inferPjPerSample() / 1000,
                    o.inferNsPerSample() / 1000, passes ? o.trainNsPerSample() / 1000 : Double.NaN, o.coresUsed(),
                    o.writePulses(), norms(o.chip()), wall);
            System.out.printf("  %-26s test %.2f %%  train %.2f %%  (%.0f s)%n", v[0], StudyKit.pct(o.testAcc()),
                    StudyKit.pct(o.trainAcc()), wall);
        }
        t.emit(a, "depth-c" + c1 + "-n" + train + "-" + scaling + "-norm-" + norm + (batch == 1 ? "" : "-b" + batch) + (pad == 0 ? "" : "-pad" + pad), StudyKit.meta(a, "widths", new int[]{c1, 4 * c1, 16 * c1},
                "train", train, "test", test, "dataset", "fashion-mnist (standardised per image)", "scaling", scaling, "norm", norm, "batch", batch, "pad", pad,
                "chip", "rram-22nm, ideal device, analog DAC, ideal ADC",
                "readout", "softmax regression off-chip, standardised features, Adam lr 0.003, 30 epochs, batch 64"));
    }
}
