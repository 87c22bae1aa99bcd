package io.engram.compiler.nir;

import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.engram.compiler.TestChips.rram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NIR type names resolve to kinds once; an unknown name is E201 with the list of accepted names. */
class NirKindTest {
    @TempDir
    Path tmp;

    @Test
    void typeNamesAndAliasesResolve() {
        assertEquals(NirKind.INTEGRATOR, NirKind.of("I"));
        assertEquals(NirKind.INTEGRATOR, NirKind.of("Integrator"));
        assertEquals(NirKind.CUBA_LIF, NirKind.of("CubaLIF"));
        assertEquals(NirKind.GRAPH, NirKind.of("NIRGraph"));
        assertEquals(NirKind.UNKNOWN, NirKind.of("cubalif"), "type names are case-sensitive, as in NIR");
        assertEquals(NirKind.Role.NEURON, NirKind.THRESHOLD.role());
        assertEquals(NirKind.Role.WEIGHTED, NirKind.LINEAR.role());
        assertEquals("I", NirKind.INTEGRATOR.typeName(), "the first accepted name is written on export");
    }

    @Test
    void unknownTypeIsReportedWithTheSupportedNames() {
        Path f = new NirFiles()
                .node("in", "Input", "shape", new long[] {2})
                .node("x", "Conv3d", "weight", NirFiles.weight(2, 2))
                .node("out", "Output", "shape", new long[] {2})
                .edge("in", "x").edge("x", "out")
                .write(tmp.resolve("unknown.nir"), true);
        CompileResult r = TestChips.compile(NetworkSource.nir(f), rram());
        Diagnostic d = r.withCode(DiagCode.E201).get(0);
        assertEquals("NIR node `x` (Conv3d)", d.location().element());
        // sorted by String order: upper-case names first, as a TreeSet orders them
        assertEquals("supported types: Affine, AvgPool2d, Conv2d, CubaLIF, Delay, Flatten, I, IF, Input, Integrator, LI,"
                + " LIF, Linear, Output, Scale, SumPool2d, Threshold", d.hint());
        assertTrue(r.program() == null);
    }
}
