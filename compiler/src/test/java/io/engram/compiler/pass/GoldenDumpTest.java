package io.engram.compiler.pass;

import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.TestChips;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IR dump after every pass, for three small networks, compared exactly with the golden files under
 * src/test/resources/golden/NETWORK/PASS.txt. To accept intended changes, run with ENGRAM_UPDATE_GOLDEN=1 and review
 * the diff.
 */
class GoldenDumpTest {
    private static final Map<String, String> NETWORKS = Map.of(
            "tiny-dense", "networks/tiny-dense.yaml",
            "tiny-conv", "networks/tiny-conv.yaml",
            "cnn-sinabs", "nir/cnn_sinabs.nir");

    @TestFactory
    List<DynamicTest> dumpsMatchGoldenFiles() {
        boolean update = System.getenv("ENGRAM_UPDATE_GOLDEN") != null;
        List<DynamicTest> tests = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(NETWORKS).entrySet()) {
            CompileResult r = new Compiler().compile(NetworkSource.file(TestChips.resource(e.getValue())), TestChips.rram(),
                    CompileOptions.defaults().withSeed(42));
            for (Pass p : Pass.values()) {
                tests.add(DynamicTest.dynamicTest(e.getKey() + " " + p.cliName(), () -> {
                    assertTrue(r.ok(), r.renderDiagnostics());
                    String actual = r.dump(p);
                    Path golden = TestChips.resource("golden/" + e.getKey() + "/" + p.cliName() + ".txt");
                    if (update) {
                        Files.createDirectories(golden.getParent());
                        Files.writeString(golden, actual);
                    }
                    assertEquals(read(golden), actual, "dump after " + p.cliName() + " differs from " + golden);
                }));
            }
        }
        return tests;
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "<missing golden file " + p + ">";
    }
}
