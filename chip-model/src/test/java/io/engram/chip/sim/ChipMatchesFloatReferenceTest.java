package io.engram.chip.sim;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.plasticity.reference.FloatReference;
import io.engram.chip.spec.ChipSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the ideal device, exact inputs and an infinite-precision ADC, the chip must learn what the float algorithm
 * learns: weights after 1,000 random samples equal the reference within 1e-5 relative (to the largest weight),
 * for every rate rule, online and mini-batch, on one core and split over several cores (row and column splits).
 */
class ChipMatchesFloatReferenceTest {
    static final int IN = 24;
    static final int OUT = 10;
    static final int SAMPLES = 1000;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        Object[][] rules = {
                {new LearningRule.Hebb(0.002, 0.05), Competition.none()},
                {new LearningRule.Oja(0.005), Competition.none()},
                {new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR), Competition.hardWta()},
                {new LearningRule.HardWta(0.02, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE), Competition.hardWta()},
                {new LearningRule.SoftHebb(0.02, 0.5, 0.01, 0.0, UpdateScaling.NONE), Competition.softmax(0.5)},
                {new LearningRule.SoftHebb(0.02, 0.5, 0.0, 0.5, UpdateScaling.PER_NEURON), Competition.softmax(0.5)},
                {new LearningRule.SoftHebb(0.01, 0.5, 0.0, 0.0, UpdateScaling.LAYER), Competition.softmax(0.5)},
                {new LearningRule.SoftAntiHebb(0.01, 1.0, 0.5, UpdateScaling.PER_NEURON), Competition.softmax(1.0)},
        };
        for (Object[] r : rules) {
            for (int batch : new int[]{1, 8}) {
                b.add(Arguments.of(r[0], r[1], batch, 64, 64));  // one core
                b.add(Arguments.of(r[0], r[1], batch, 8, 8));    // 3 row tiles x 3 column tiles
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} batch={2} xbar={3}x{4}")
    @MethodSource("cases")
    void chipWeightsEqualReference(LearningRule rule, Competition comp, int batch, int xr, int xc) {
        ChipSpec chip = TestPrograms.idealChip(xr, xc);
        boolean bias = rule instanceof LearningRule.SoftHebb s && s.etaBias() != 0;
        float[] w0 = TestPrograms.randomWeights(IN * OUT, 0.3, 7, false);
        float[] b0 = null;
        if (bias) {
            b0 = new float[OUT];
            java.util.Arrays.fill(b0, (float) Math.log(1.0 / OUT));
        }
        Chip c = new Chip(chip, 1);
        c.load(TestPrograms.program(chip, TestPrograms.dense(chip, "l0", IN, OUT, rule, comp, w0, b0, 2.0)));
        double[][] wr = new double[OUT][IN];
        for (int i = 0; i < IN; i++) for (int k = 0; k < OUT; k++) wr[k][i] = w0[i * OUT + k];
        double[] br = null;
        if (b0 != null) {
            br = new double[OUT];
            for (int k = 0; k < OUT; k++) br[k] = b0[k];
        }
        FloatReference ref = new FloatReference(rule, comp, wr, br);
        SplittableRandom rnd = new SplittableRandom(42);
        float[] x = new float[IN];
        double[] xd = new double[IN];
        for (int s = 0; s < SAMPLES; s++) {
            for (int i = 0; i < IN; i++) {
                x[i] = (float) (rnd.nextDouble() * 2 - 1) * 0.5f;
                xd[i] = x[i];
            }
            boolean first = s % batch == 0;
            boolean last = s % batch == batch - 1;
            if (batch > 1 && first) c.beginBatch(0);
            c.run(x, 0, new boolean[]{true});
            if (batch > 1 && last) c.endBatch(0);
            ref.accumulate(xd);
            if (batch == 1 || last) ref.applyBatch();
        }
        float[] wc = c.weights(0);
        double max = 0;
        double err = 0;
        for (int i = 0; i < IN; i++) {
            for (int k = 0; k < OUT; k++) {
                max = Math.max(max, Math.abs(ref.weights()[k][i]));
                err = Math.max(err, Math.abs(ref.weights()[k][i] - wc[i * OUT + k]));
            }
        }
        assertTrue(max > 0.01, "weights collapsed: " + max);
        assertTrue(err <= 1e-5 * max, "max |w_chip - w_ref| = " + err + " relative " + err / max);
    }
}
