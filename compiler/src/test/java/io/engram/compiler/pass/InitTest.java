package io.engram.compiler.pass;

import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.TestChips;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LoweredIr;
import io.engram.compiler.ir.Network;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Initial weights: per-neuron L2 norm close to the radius, the right support, seeded streams, weight_scale auto. */
class InitTest {
    private static LoweredIr.Matrix lower(Init init, long seed) {
        Network net = Network.builder("init").input(784).dense("layer", 200).init(init).build();
        CompileResult r = new Compiler().compile(NetworkSource.of(net), TestChips.rram(),
                CompileOptions.defaults().withSeed(seed).withStopAfter(Pass.LOWER));
        assertTrue(r.ok(), r.renderDiagnostics());
        assertEquals(Pass.LOWER, r.completed().get(r.completed().size() - 1));
        return ((LoweredIr) r.ir(Pass.LOWER)).matrices().get(0);
    }

    @Test
    void normsAreCloseToTheRadius() {
        for (Init init : new Init[] {Init.uniformPositive(35), Init.normal(35), Init.uniformSymmetric(35)}) {
            double[] n = LoweredIr.columnNorms(lower(init, 3));
            assertEquals(35, n[0], 35 * 0.01, init + " mean norm");
            assertTrue(n[1] > 35 * 0.9 && n[2] < 35 * 1.1, init + " norms within 10%: " + n[1] + ".." + n[2]);
        }
    }

    @Test
    void supportMatchesTheFamily() {
        double a = Math.sqrt(3 * 35.0 * 35.0 / 784);
        float[] pos = lower(Init.uniformPositive(35), 1).weights();
        float[] sym = lower(Init.uniformSymmetric(35), 1).weights();
        boolean neg = false;
        for (float v : pos) assertTrue(v >= 0 && v <= a, "U(0, a)");
        for (float v : sym) {
            assertTrue(v >= -a && v <= a, "U(-a, a)");
            neg |= v < 0;
        }
        assertTrue(neg);
    }

    @Test
    void weightScaleAutoIsTheLargestInitialWeight() {
        LoweredIr.Matrix m = lower(Init.uniformPositive(35), 5);
        double max = 0;
        for (float v : m.weights()) max = Math.max(max, Math.abs(v));
        assertEquals(max, m.weightScale());
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        assertArrayEquals(lower(Init.normal(1), 9).weights(), lower(Init.normal(1), 9).weights());
        assertFalse(java.util.Arrays.equals(lower(Init.normal(1), 9).weights(), lower(Init.normal(1), 10).weights()));
    }

    @Test
    void streamIsDerivedFromLayerNameAndPurpose() {
        // the stream for layer `layer` and purpose "init": the first weight of uniform-positive is a * U(0,1)
        double a = Math.sqrt(3 * 35.0 * 35.0 / 784);
        double first = new io.engram.chip.random.RandomStreams(77).stream("layer", "init").nextDouble();
        assertEquals((float) (a * first), lower(Init.uniformPositive(35), 77).weights()[0]);
    }
}
