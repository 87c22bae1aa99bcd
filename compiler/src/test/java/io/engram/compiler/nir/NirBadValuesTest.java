package io.engram.compiler.nir;

import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.engram.compiler.TestChips.rram;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Non-finite values and impossible sizes in an NIR graph are errors naming the node and the parameter, and a compile
 * with an error never returns a program. Before: a NaN or infinite weight crashed (weight scale 0) or was written
 * into the program, a NaN v_threshold compiled with no program and exit 0, and a dataset declared larger than a Java
 * array failed inside the HDF5 library.
 */
class NirBadValuesTest {
    @TempDir
    Path tmp;

    private Path lif(String name, float[][] w, double[] threshold, double[] tau) {
        return new NirFiles()
                .node("in", "Input", "shape", new long[] {3})
                .node("fc", "Linear", "weight", w)
                .node("lif", "LIF", "tau", tau, "r", new double[] {1, 1}, "v_leak", new double[] {0, 0},
                        "v_threshold", threshold)
                .node("out", "Output", "shape", new long[] {2})
                .edge("in", "fc").edge("fc", "lif").edge("lif", "out")
                .write(tmp.resolve(name), true);
    }

    private static void refused(CompileResult r, String... parts) {
        assertFalse(r.ok(), "must not compile");
        assertNull(r.program(), "no program after an error");
        String d = r.renderDiagnostics();
        for (String p : parts) assertTrue(d.contains(p), "'" + p + "' in: " + d);
    }

    @Test
    void nanAndInfiniteWeightsAreRefusedNamingNodeAndParameter() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[][] w = NirFiles.weight(2, 3);
            w[1][2] = bad;
            CompileResult r = TestChips.compile(NetworkSource.nir(lif("w.nir", w, new double[] {1, 1},
                    new double[] {0.01, 0.01})), rram());
            refused(r, DiagCode.E206.name(), "fc", "weight", Float.toString(bad), "index 5");
        }
    }

    @Test
    void nonFiniteThresholdsAndTimeConstantsAreRefused() {
        CompileResult r = TestChips.compile(NetworkSource.nir(lif("t.nir", NirFiles.weight(2, 3),
                new double[] {Double.NaN, Double.NaN}, new double[] {0.01, 0.01})), rram());
        refused(r, "lif", "v_threshold", "NaN");
        r = TestChips.compile(NetworkSource.nir(lif("tau.nir", NirFiles.weight(2, 3), new double[] {1, 1},
                new double[] {Double.POSITIVE_INFINITY, 0.01})), rram());
        refused(r, "lif", "tau", "Infinity");
    }

    @Test
    void aFolderOrAnHdf5FileCutShortIsNamedInTheUsersTerms() throws Exception {
        CompileResult r = TestChips.compile(NetworkSource.nir(tmp), rram());
        refused(r, DiagCode.E200.name(), "a folder, not a file");
        Path good = lif("g.nir", NirFiles.weight(2, 3), new double[] {1, 1}, new double[] {0.01, 0.01});
        byte[] b = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("cut.nir"), java.util.Arrays.copyOf(b, 40));
        refused(TestChips.compile(NetworkSource.nir(cut), rram()), DiagCode.E200.name(),
                "truncated or not an HDF5 file");
        Path text = Files.writeString(tmp.resolve("text.nir"), "name: not hdf5\n");
        refused(TestChips.compile(NetworkSource.nir(text), rram()), "truncated or not an HDF5 file");
    }
}
