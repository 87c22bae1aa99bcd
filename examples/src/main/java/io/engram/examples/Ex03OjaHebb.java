package io.engram.examples;

import io.engram.api.ChipBuilder;
import io.engram.api.Engram;
import io.engram.api.Experiment;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.reference.FloatReference;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.sim.Chip;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.examples.StudyKit.Args;
import io.engram.examples.StudyKit.Table;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Study 3: one linear neuron on the chip. Oja's rule dw = eta y (x - y w) finds the first principal component of its
 * input; plain Hebb dw = eta x y grows without bound; Hebb with weight decay dw = eta (x y - d w) is bounded.
 *
 * <p>Data: zero-mean Gaussian vectors x = Q diag(sqrt(lambda)) z in 16 dimensions, Q a random rotation,
 * lambda = 4, 2, 1, 0.5, ... (the ratio 2 between the first two eigenvalues makes the first PC well separated).
 * The principal component is taken from the sample covariance with commons-math's EigenDecomposition. The chip runs
 * twice: ideal device (exact analog inputs, ideal ADC) and the rram-22nm preset (32-level nonlinear RRAM, 8-bit
 * bit-serial inputs, 8-bit ADC, write and read noise). The network is built with the Java API's network builder and
 * loaded with {@link Engram#load}; the study then drives the chip sample by sample and reads its weights at the
 * checkpoints (the pipeline of {@link Engram#run} trains and reads out; it does not stop mid-epoch to read weights).
 *
 * <p>Linear Hebb with a constant decay d follows dw/dt = (C - d I) w: the weight grows along the first PC while
 * d &lt; lambda_1 and shrinks to zero when d &gt; lambda_1. So "bounded" needs d &gt;= lambda_1; the study shows both
 * sides. On the chip every weight is also bounded by its conductance range (weight_scale), so plain Hebb there
 * saturates instead of diverging: the float reference shows the divergence itself.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.Ex03OjaHebb [--full] [--seed N]
 * </pre>
 */
public final class Ex03OjaHebb {
    private Ex03OjaHebb() {}

    static final int DIM = 16;

    public static void main(String[] argv) {
        Args a = Args.parse(argv, "03-oja-hebb");
        int samples = a.full() ? 50_000 : 5_000;
        System.out.printf("Study 3: Oja and Hebb on one linear neuron, %d-dim Gaussian input, %d samples, seed %d%n",
                DIM, samples, a.seed());
        SplittableRandom rnd = new SplittableRandom(a.seed());
        double[] lambda = new double[DIM];
        for (int i = 0; i < DIM; i++) lambda[i] = 4.0 / Math.pow(2, i);
        RealMatrix q = randomRotation(rnd);
        float[][] xs = new float[samples][DIM];
        double[][] cov = new double[DIM][DIM];
        for (int s = 0; s < samples; s++) {
            double[] z = new double[DIM];
            for (int i = 0; i < DIM; i++) z[i] = rnd.nextGaussian() * Math.sqrt(lambda[i]);
            double[] x = q.operate(z);
            for (int i = 0; i < DIM; i++) xs[s][i] = (float) x[i];
            for (int i = 0; i < DIM; i++) for (int j = 0; j < DIM; j++) cov[i][j] += xs[s][i] * (double) xs[s][j] / samples;
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov));
        int top = 0;
        double[] ev = eig.getRealEigenvalues();
        for (int i = 1; i < DIM; i++) if (ev[i] > ev[top]) top = i;
        RealVector pc1 = eig.getEigenvector(top);
        System.out.printf("sample covariance: largest eigenvalues %.3f, %.3f (generated 4, 2)%n", ev[top], secondLargest(ev, top));

        // ---- Oja --------------------------------------------------------------------------------------------------
        Table oja = new Table("Study 3a: Oja's rule, cosine between the learned w and the first PC (commons-math), seed " + a.seed(),
                "platform", "eta", "samples_seen", "cos_w_pc1", "norm_w");
        double etaOja = 0.002;
        Network ojaNet = net(new LearningRule.Oja(etaOja));
        int[] checkpoints = checkpoints(samples);
        for (String platform : new String[]{"float reference", "chip ideal device", "chip rram-22nm"}) {
            try (Probe p = new Probe(a, platform, ojaNet, xs)) {
                int done = 0;
                for (int c : checkpoints) {
                    p.train(done, c);
                    done = c;
                    double[] w = p.weights();
                    oja.add(platform, etaOja, c, Math.abs(cos(w, pc1.toArray())), norm(w));
                }
            }
        }
        oja.emit(a, "oja", StudyKit.meta(a, "dim", DIM, "eigenvalues", "4/2^i", "init", "normal radius 1",
                "weight_scale", WEIGHT_SCALE, "pc1_eigenvalue", ev[top]));

        // ---- Hebb with and without decay ----------------------------------------------------------------------------
        Table hebb = new Table("Study 3b: Hebb's rule, weight norm over time (lambda_1 = " + String.format("%.2f", ev[top])
                + "), seed " + a.seed(), "platform", "decay", "samples_seen", "norm_w", "cos_w_pc1");
        double etaHebb = 0.001;
        for (double decay : new double[]{0.0, 2.0, 6.0}) {
            for (String platform : new String[]{"float reference", "chip ideal device", "chip rram-22nm"}) {
                try (Probe p = new Probe(a, platform, net(new LearningRule.Hebb(etaHebb, decay)), xs)) {
                    int done = 0;
                    for (int c : checkpoints) {
                        p.train(done, c);
                        done = c;
                        double[] w = p.weights();
                        hebb.add(platform, decay, c, norm(w), Math.abs(cos(w, pc1.toArray())));
                    }
                }
            }
        }
        hebb.emit(a, "hebb", StudyKit.meta(a, "dim", DIM, "eta", etaHebb, "weight_scale", WEIGHT_SCALE,
                "note", "chip weights are clipped at +/- weight_scale, so the chip's norm is at most 1.5*sqrt(16) = 6"));
    }

    /** One neuron on one platform, trained on consecutive slices of the same sample sequence. */
    static final class Probe implements AutoCloseable {
        final Chip chip;
        final FloatReference ref;
        final int layer;
        final int out;
        final float[][] xs;
        final boolean[] learn;

        Probe(Args a, String platform, Network network, float[][] xs) {
            this.xs = xs;
            ChipBuilder spec = ChipBuilder.preset("rram-22nm");
            if (!platform.equals("chip rram-22nm")) spec.ideal();
            Chip c = Engram.load(Experiment.builder("ex03").seed(a.seed()).chip(spec).network(network).build());
            int l = 0;
            while (!c.hasWeights(l)) l++;
            layer = l;
            LayerProgram lp = c.program().layers().get(l);
            out = lp.cols();
            learn = new boolean[c.layerCount()];
            learn[l] = true;
            if (platform.equals("float reference")) {
                float[] w0 = c.weights(l);
                double[][] wr = new double[out][lp.rows()];
                for (int i = 0; i < lp.rows(); i++) for (int k = 0; k < out; k++) wr[k][i] = w0[i * out + k];
                ref = new FloatReference(lp.rule(), lp.competition(), wr, c.bias(l));
                c.close();
                chip = null;
            } else {
                ref = null;
                chip = c;
            }
        }

        void train(int from, int to) {
            for (int s = from; s < to; s++) {
                if (chip != null) {
                    chip.run(xs[s], layer, learn);
                } else {
                    double[] x = new double[xs[s].length];
                    for (int i = 0; i < x.length; i++) x[i] = xs[s][i];
                    ref.step(x);
                }
            }
        }

        double[] weights() {
            if (ref != null) return ref.weights()[0].clone();
            float[] w = chip.weights(layer);
            double[] d = new double[w.length / out];
            for (int i = 0; i < d.length; i++) d[i] = w[i * out];
            return d;
        }

        @Override
        public void close() {
            if (chip != null) chip.close();
        }
    }

    /** The weight at full conductance: chip weights are clipped at +/- this. */
    static final double WEIGHT_SCALE = 1.5;

    /** One linear rate neuron {@code neuron} on DIM inputs, no competition, normal init of radius 1. */
    static Network net(LearningRule rule) {
        return Engram.network("ex03").input(DIM).dense("neuron", 1).activation(Activation.identity())
                .competition(Competition.none()).rule(rule).init(Init.normal(1)).weightScale(WEIGHT_SCALE).build();
    }

    static int[] checkpoints(int samples) {
        return new int[]{samples / 100, samples / 20, samples / 10, samples / 4, samples / 2, samples};
    }

    static RealMatrix randomRotation(SplittableRandom rnd) {
        double[][] m = new double[DIM][DIM];
        for (double[] r : m) for (int j = 0; j < DIM; j++) r[j] = rnd.nextGaussian();
        return new org.apache.commons.math3.linear.QRDecomposition(new Array2DRowRealMatrix(m)).getQ();
    }

    static double secondLargest(double[] ev, int top) {
        double s = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ev.length; i++) if (i != top) s = Math.max(s, ev[i]);
        return s;
    }

    static double norm(double[] w) {
        double s = 0;
        for (double v : w) s += v * v;
        return Math.sqrt(s);
    }

    static double cos(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d += a[i] * b[i];
        return d / (norm(a) * norm(b) + 1e-300);
    }
}
