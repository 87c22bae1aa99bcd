package io.engram.compiler.emit;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.TestChips;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramFileTest {
    @TempDir
    Path dir;

    /** A network that uses every rule, neuron, activation and competition form the file stores. */
    static Network allForms() {
        LifParams lif = new LifParams(0.95, 1.5, LifParams.Reset.SUBTRACT, 0.25, 2, 0.05, 0.999);
        return Network.builder("all-forms").input(2, 8, 8)
                .conv2d("c1", 12, 3, 1, 1).activation(Activation.triangle(0.7)).competition(Competition.softmax(0.5))
                .rule(new LearningRule.SoftAntiHebb(0.01, 0.5, 0.5, UpdateScaling.LAYER)).init(Init.uniformSymmetric(25))
                .maxpool(2)
                .conv2d("c2", 10, 3).competition(Competition.hardWta()).norm(io.engram.chip.neuron.InputNorm.batch(1e-3))
                .rule(new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.SOFTHEBB_BASELINE))
                .avgpool(2)
                .flatten()
                .dense("d1", 70).competition(Competition.softmax(0.1))
                .rule(new LearningRule.SoftHebb(0.045, 0.1, 0.01, 0.5, UpdateScaling.PER_NEURON)).init(Init.uniformPositive(5))
                .dense("d2", 30).activation(Activation.clamp(-1, 1)).rule(new LearningRule.Oja(0.001)).weightScale(0.8)
                .dense("d3", 20).activation(Activation.relu()).competition(Competition.kWta(3)).rule(new LearningRule.Hebb(0.01, 0.001))
                .dense("d4", 10).neuron(new NeuronModel.Lif(lif)).competition(Competition.hardWta(19.8, -58.3))
                .rule(new LearningRule.Stdp(LearningRule.Stdp.Form.TRIPLET, 1e-4, 1e-2, 20, 20, 40, 0, 1, 78))
                .build();
    }

    @Test
    void roundTripGivesAnEqualProgram() {
        CompileResult r = TestChips.compile(NetworkSource.of(allForms()), TestChips.rram());
        assertTrue(r.ok(), r.renderDiagnostics());
        Path f = dir.resolve("program.h5");
        ProgramFile.write(r.program(), f);
        ChipProgram back = ProgramFile.read(f);
        assertNull(ProgramEquality.difference(r.program(), back), "round trip");
        assertTrue(ProgramEquality.equal(r.program(), back));
    }

    @Test
    void nirProgramsRoundTripToo() {
        for (String nir : new String[] {"nir/cnn_sinabs.nir", "nir/lif_norse.nir"}) {
            CompileResult r = TestChips.compileFile(nir, TestChips.rram());
            Path f = dir.resolve(Path.of(nir).getFileName() + ".h5");
            ProgramFile.write(r.program(), f);
            assertNull(ProgramEquality.difference(r.program(), ProgramFile.read(f)), nir);
        }
    }

    @Test
    void layoutIsReadableByAPlainHdf5Reader() throws IOException {
        CompileResult r = TestChips.compileFile("networks/tiny-dense.yaml", TestChips.rram());
        Path f = dir.resolve("tiny.h5");
        ProgramFile.write(r.program(), f);
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("engram-program", h.getAttribute("format").getData());
            assertEquals("rram-22nm", h.getAttribute("chip_name").getData());
            assertFalse(h.getAttributes().containsKey("_jHDF"), "no attribute of the writing library's own");
            assertArrayEquals(new int[] {1, 12, 12}, (int[]) h.getAttribute("input_shape").getData());
            Group hidden = (Group) h.getByPath("layers/001_hidden");
            assertEquals("dense", hidden.getAttribute("kind").getData());
            assertEquals("softhebb", hidden.getAttribute("rule").getData());
            assertEquals(0.045, (Double) hidden.getAttribute("rule_eta").getData(), 1e-12);
            Dataset w = (Dataset) hidden.getChild("weights");
            assertArrayEquals(new int[] {144, 100}, w.getDimensions());
            float[][] data = (float[][]) w.getData();
            assertEquals(r.program().layers().get(1).weights()[5 * 100 + 7], data[5][7]);
            assertArrayEquals(new int[] {4, 5}, ((Dataset) hidden.getChild("tiles")).getDimensions());
            int core = r.program().layers().get(1).tiles().get(0).core();
            Group coreGroup = (Group) h.getByPath("cores/" + core);
            assertEquals(r.program().sramBytesPerCore()[core], ((Number) coreGroup.getAttribute("sram_bytes").getData()).longValue());
            assertEquals(r.program().routes().size(), ((String[]) h.getDatasetByPath("routes/kind").getData()).length);
        }
    }

    @Test
    void writeIsAtomicAndReplacesAnOldFile() throws IOException {
        CompileResult r = TestChips.compileFile("networks/tiny-dense.yaml", TestChips.rram());
        Path f = dir.resolve("out/p.h5");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "old content");
        ProgramFile.write(r.program(), f);
        assertTrue(ProgramEquality.equal(r.program(), ProgramFile.read(f)));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void truncatedCorruptOrForeignFilesAreSpecErrorsNamingTheFile() throws IOException {
        CompileResult r = TestChips.compileFile("networks/tiny-conv.yaml", TestChips.rram());
        Path good = dir.resolve("good.h5");
        ProgramFile.write(r.program(), good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        SpecException e1 = assertThrows(SpecException.class, () -> ProgramFile.read(truncated));
        assertEquals(truncated.toString(), e1.file());

        Path garbage = dir.resolve("garbage.h5");
        Files.writeString(garbage, "definitely not HDF5");
        SpecException e2 = assertThrows(SpecException.class, () -> ProgramFile.read(garbage));
        assertTrue(e2.getMessage().startsWith(garbage.toString()), e2.getMessage());

        SpecException e3 = assertThrows(SpecException.class, () -> ProgramFile.read(TestChips.resource("nir/lif_norse.nir")));
        assertTrue(e3.getMessage().contains("not an Engram program file"), e3.getMessage());

        SpecException e4 = assertThrows(SpecException.class, () -> ProgramFile.read(dir.resolve("missing.h5")));
        assertTrue(e4.getMessage().contains("missing.h5"));
    }
}
