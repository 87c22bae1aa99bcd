package io.engram.runtime.encode;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoissonEncoderTest {
    private final PoissonEncoder enc = new PoissonEncoder(100, 200.0, 0.001); // p = 0.2 per step at value 1

    @Test
    void meanCountWithinThreeSigmaOfRateTimesSteps() {
        float[] values = {0f, 0.1f, 0.25f, 0.5f, 1f, 1.7f, -0.3f};
        int trials = 2000;
        long[] sum = new long[values.length];
        SplittableRandom rng = new SplittableRandom(11);
        SpikeTrain train = new SpikeTrain();
        for (int n = 0; n < trials; n++) {
            enc.encode(values, rng, train);
            for (int k = 0; k < train.spikeCount(); k++) sum[train.index(k)]++;
        }
        for (int i = 0; i < values.length; i++) {
            double v = Math.max(0, Math.min(1, values[i]));
            double p = v * 200.0 * 0.001;
            double expected = p * 100;
            double sigmaOfMean = Math.sqrt(100 * p * (1 - p) / trials);
            double mean = sum[i] / (double) trials;
            if (p == 0) {
                assertEquals(0.0, mean);
            } else {
                assertTrue(Math.abs(mean - expected) <= 3 * sigmaOfMean,
                        "value " + values[i] + ": mean " + mean + " expected " + expected + " +- " + 3 * sigmaOfMean);
            }
        }
    }

    @Test
    void sameSeedSameTrainAndCsrIsWellFormed() {
        float[] values = new float[784];
        for (int i = 0; i < values.length; i++) values[i] = (i % 7) / 6f;
        SpikeTrain a = enc.encode(values, new SplittableRandom(5));
        SpikeTrain reused = new SpikeTrain();
        enc.encode(new float[] {1f, 1f}, new SplittableRandom(1), reused); // leave stale content behind
        enc.encode(values, new SplittableRandom(5), reused);
        assertEquals(a, reused);
        assertTrue(!a.equals(enc.encode(values, new SplittableRandom(6))));
        assertEquals(100, a.steps());
        assertEquals(784, a.inputs());
        assertEquals(0, a.start(0));
        assertEquals(a.spikeCount(), a.end(99));
        for (int t = 0; t < 100; t++) {
            for (int k = a.start(t) + 1; k < a.end(t); k++) assertTrue(a.index(k - 1) < a.index(k));
        }
        int total = 0;
        for (int c : a.countsPerInput()) total += c;
        assertEquals(a.spikeCount(), total);
        assertEquals(a, a.copy());
    }

    @Test
    void rateTimesStepMustNotExceedOne() {
        SpecException e = assertThrows(SpecException.class, () -> new PoissonEncoder(100, 2000.0, 0.001));
        assertEquals("encoder.max_rate_hz", e.fieldPath());
        assertTrue(e.getMessage().contains("exceeds 1"), e.getMessage());
        assertThrows(SpecException.class, () -> new PoissonEncoder(0, 100.0, 0.001));
        assertThrows(SpecException.class, () -> new PoissonEncoder(10, -1.0, 0.001));
    }
}
