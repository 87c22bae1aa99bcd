package io.engram.api;

import example.UseFromJava;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.runtime.data.Preprocess;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.Report;
import io.engram.runtime.report.ReportBuilder;
import io.engram.runtime.report.ReportJson;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Progress;
import io.engram.runtime.session.Session;
import io.engram.runtime.session.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java API gives what the experiment file gives: the same experiment built in Java (chip overrides, a network file
 * or a network built in Java) and read from YAML produces the same report.json bytes. The README's example is this
 * module's example/UseFromJava.java, verbatim, and runs.
 */
class EngramApiTest {
    static final String NETWORK = """
            name: tiny
            input: { shape: [1, 28, 28] }
            layers:
              - { name: flat, type: flatten }
              - name: hidden
                type: dense
                units: 16
                activation: { kind: triangle, power: 1 }
                competition: { kind: softmax, temperature: 0.05 }
                rule: { kind: softhebb, eta: 0.05, scaling: none }
                init: { kind: uniform-positive, radius: 3 }
            """;

    static final String EXPERIMENT = """
            name: tiny
            seed: 7
            threads: 1
            chip: rram-22nm
            network: network.yaml
            data: { source: generated, train: 60, test: 30, preprocess: l2 }
            training: { epochs: 1 }
            readout: { kind: linear, epochs: 5 }
            """;

    /** The same network with the compiler's Java builder. */
    static Network builtNetwork() {
        return Engram.network("tiny").input(1, 28, 28).flatten("flat")
                .dense("hidden", 16).activation(Activation.triangle(1)).competition(Competition.softmax(0.05))
                .rule(new LearningRule.SoftHebb(0.05, 0.05, 0, 0, UpdateScaling.NONE)).init(Init.uniformPositive(3))
                .build();
    }

    static Experiment.Builder tiny() {
        return Experiment.builder("tiny").seed(7).threads(1).chip(ChipBuilder.preset("rram-22nm").adcBits(6))
                .data(Data.generated()).samples(60, 30).preprocess(Preprocess.L2).training(1, 1)
                .readout(ExperimentSpec.ReadoutKind.LINEAR, 5, 64, 1e-3);
    }

    /** report.json bytes of the YAML experiment with --set chip.core.adc.bits=6, as the CLI runs it. */
    static byte[] yamlReport(Path dir) throws Exception {
        Files.writeString(dir.resolve("network.yaml"), NETWORK);
        Files.writeString(dir.resolve("experiment.yaml"), EXPERIMENT);
        SpecNode node = SpecNode.parse(dir.resolve("experiment.yaml")).withOverrides(List.of("chip.core.adc.bits=6"));
        ExperimentSpec spec = ExperimentSpec.read(node, dir);
        try (SessionResult r = new Session(spec, Progress.silent()).run()) {
            AccuracyFigures acc = new AccuracyFigures(r.trainAccuracy(), r.testAccuracy(), r.readout(), r.perEpoch());
            return ReportJson.toBytes(ReportBuilder.from(r.chip(), spec.seed(), Engram.version(), acc, r.phases()));
        }
    }

    @Test
    void theJavaExperimentGivesTheYamlExperimentsReportByteForByte(@TempDir Path dir) throws Exception {
        byte[] yaml = yamlReport(dir);
        RunResult fromFile = Engram.run(tiny().network(dir.resolve("network.yaml")).build());
        assertArrayEquals(yaml, ReportJson.toBytes(fromFile.report()), "network file");
        RunResult built = Engram.run(tiny().network(builtNetwork()).build());
        assertArrayEquals(yaml, ReportJson.toBytes(built.report()), "network built in Java");

        assertEquals("rram-22nm (+ core.adc.bits=6)", built.chip());
        Report.Line adc = built.energyLines().stream().filter(l -> l.component().equals("adc")).findFirst().orElseThrow();
        // rram-22nm prices an 8-bit SAR conversion at 1.2 pJ; its resolution_scaling factor for 6 bits is 0.719
        assertEquals(1.2 * 0.719, adc.costPj(), 1e-12);
        double sum = 0;
        for (Report.Line l : built.energyLines()) sum += l.count() * l.costPj();
        assertEquals(built.energy().dynamicPj(), sum, 1e-9 * sum, "dynamic = sum of count x cost");
        // 1 pJ / 1 ns = 1e-12 J / 1e-9 s = 1e-3 W
        assertEquals(built.energy().totalPj() / built.latency().ns(), built.meanPowerMw(), 1e-12);
        assertEquals(built.report().phases().get(0), built.phase("train"));
        assertEquals(60, built.phase("train").samples());
    }

    @Test
    void typedOverridesAreCheckedLikeTheChipFile() {
        ChipSpec c = ChipBuilder.preset("rram-22nm").mesh(8, 4).crossbar(64, 64).deviceLevels(16).build();
        assertEquals(8, c.mesh().width());
        assertEquals(4, c.mesh().height());
        assertEquals(64, c.core().crossbar().rows());
        SpecException e = assertThrows(SpecException.class, () -> ChipBuilder.preset("rram-22nm").adcBits(12).build());
        assertTrue(e.getMessage().contains("core.adc.bits") && e.getMessage().contains("12"), e.getMessage());
        SpecException bad = assertThrows(SpecException.class, () -> tiny().samples(-5, 10).network(builtNetwork()).build());
        assertTrue(bad.getMessage().contains("data.train") && bad.getMessage().contains("-5"), bad.getMessage());
        SpecException preset = assertThrows(SpecException.class, () -> ChipBuilder.preset("rram-7nm"));
        assertTrue(preset.getMessage().contains("rram-22nm"), preset.getMessage());
    }

    @Test
    void theReadmeExampleIsThisFileVerbatimAndRuns() throws Exception {
        String example = Files.readString(Path.of("src/test/java/example/UseFromJava.java"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + example + "```\n"),
                "README.md's 'Use from Java' block must be runtime/src/test/java/example/UseFromJava.java verbatim");
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            UseFromJava.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        String printed = o.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("rram-22nm (+ core.adc.bits=6): test accuracy "), printed);
        assertEquals(5, printed.lines().count(), "headline, per-sample figures and the three largest energy lines: " + printed);
        assertTrue(printed.lines().skip(1).findFirst().orElseThrow().startsWith("  per sample: training "), printed);
        RunResult r = UseFromJava.run();
        assertTrue(r.testAccuracy() > 0.2, "better than chance (0.1) on 10 classes: " + r.testAccuracy());
    }

    @Test
    void idealIsTheExactDeviceWithAnalogInputsAndAnIdealAdc() {
        ChipSpec preset = ChipSpec.preset("rram-22nm");
        AdcSpec adc = preset.core().adc();
        // what the chip tests build by hand: DeviceSpec.ideal(), an analog DAC (0 bits), an ideal ADC with the
        // preset's bits, columns per ADC, full scale and sensing
        ChipSpec byHand = preset.withCore(preset.core().withDevice(DeviceSpec.ideal())
                .withDac(new DacSpec(DacSpec.Mode.ANALOG, 0))
                .withAdc(new AdcSpec(AdcSpec.Mode.IDEAL, adc.bits(), adc.columnsPerAdc(), adc.fullScale(), adc.sensing())));
        assertEquals(byHand, ChipBuilder.preset("rram-22nm").ideal().build());
        assertEquals(preset.withCore(preset.core().withDevice(DeviceSpec.ideal())),
                ChipBuilder.preset("rram-22nm").idealDevice().build());
    }

    @Test
    void meshToFitGrowsTheMeshUntilTheNetworkCompiles() {
        // 784 inputs x 256 neurons on 128x128 crossbars with 2 cells per weight: ceil(784 / 128) = 7 row tiles x
        // 256 x 2 / 128 = 4 column tiles = 28 tiles, one per core: more than the preset's 4x4 = 16 cores, fewer than
        // 8x8 = 64, so the first doubling fits
        Network wide = Engram.network("wide").input(1, 28, 28).flatten()
                .dense("hidden", 256).activation(Activation.triangle(1)).competition(Competition.softmax(0.05))
                .rule(new LearningRule.SoftHebb(0.05, 0.05, 0, 0, UpdateScaling.NONE)).init(Init.uniformPositive(3))
                .build();
        Experiment e = tiny().network(wide).meshToFit().build();
        assertEquals("rram-22nm (+ core.adc.bits=6, mesh.width=8, mesh.height=8)", e.chipLabel());
        assertEquals(8, e.given().chip().mesh().width());
        assertEquals(8, e.given().chip().mesh().height());
        // a network that fits the preset keeps its 4x4 mesh
        assertEquals("rram-22nm (+ core.adc.bits=6)", tiny().network(builtNetwork()).meshToFit().build().chipLabel());
    }

    @Test
    void theResultCarriesTrainingAndInferenceAreaPowerAndWeights() {
        RunResult r = Engram.run(tiny().network(builtNetwork()).build());
        Report.Phase train = r.phase("train");
        Report.Phase eval = r.phase("evaluate");
        // one training phase of 60 samples; the evaluation runs the 60 readout samples and the 30 test samples
        assertEquals(60, r.training().samples());
        assertEquals(90, r.inference().samples());
        assertEquals(train.energy().totalPj() / 60, r.trainingPjPerSample(), 1e-9);
        assertEquals(eval.energy().totalPj() / 90, r.inferencePjPerSample(), 1e-9);
        assertEquals(eval.energy().leakagePj() / 90, r.inferenceLeakagePjPerSample(), 1e-9);
        assertEquals(eval.energy().byComponent().get("adc") / 90, r.inferenceComponentPjPerSample("adc"), 1e-9);
        assertEquals(0.0, r.inferenceComponentPjPerSample("no-such-component"));
        assertEquals(train.latency().ns() / 60, r.trainingNsPerSample(), 1e-9);
        assertEquals(r.dynamicPj() + r.leakagePj(), r.energy().totalPj(), 1e-9 * r.energy().totalPj());
        double leak = 0;
        for (Report.LeakageLine l : r.leakageLines()) leak += l.energyPj();
        assertEquals(r.leakagePj(), leak, 1e-9 * leak, "leakage = sum of its lines");
        double mm2 = 0;
        for (Report.AreaLine l : r.area().lines()) mm2 += l.areaMm2();
        assertEquals(r.area().chipMm2(), mm2, 1e-9 * mm2, "chip area = sum of its lines");
        // 1,000 MHz: 1 cycle = 1 ns
        assertEquals(r.latency().cyclesPerSampleSerial(), r.serialNsPerSample(), 1e-9);
        // the network: 784 inputs (28 x 28 flattened) to 16 neurons, whose outputs the readout sees
        RunResult.LayerWeights w = r.weights("hidden");
        assertEquals(784, w.rows());
        assertEquals(16, w.cols());
        assertEquals(784 * 16, w.values().length);
        assertEquals(16, w.bias().length);
        assertEquals(16, r.featureCount());
        assertEquals(w.values()[3 * 16 + 5], (float) w.neuron(5)[3]);
        assertEquals(4, r.chipSpec().mesh().width());
        assertThrows(java.util.NoSuchElementException.class, () -> r.weights("flat"));
    }

    @Test
    void theRunFolderVariantGivesTheSameResult(@TempDir Path dir) throws Exception {
        RunResult plain = Engram.run(tiny().network(builtNetwork()).build());
        RunResult written = Engram.run(tiny().network(builtNetwork()).build(), dir.resolve("run"));
        assertArrayEquals(ReportJson.toBytes(plain.report()), ReportJson.toBytes(written.report()));
        // the weights are read from the chip after the run folder was written and the chip closed
        assertArrayEquals(plain.weights("hidden").values(), written.weights("hidden").values());
        assertArrayEquals(plain.weights("hidden").bias(), written.weights("hidden").bias());
        assertEquals(plain.featureCount(), written.featureCount());
        assertEquals(plain.chipSpec(), written.chipSpec());
        assertTrue(Files.isRegularFile(dir.resolve("run").resolve("report.json")));
    }

    @Test
    void theReadmePomDependsOnThisVersionAndRunsTheExample() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("## Use from Java");
        int start = readme.indexOf("```xml\n", section) + "```xml\n".length();
        String pom = readme.substring(start, readme.indexOf("```", start));
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
        org.w3c.dom.NodeList deps = doc.getElementsByTagName("dependency");
        String runtimeVersion = null;
        for (int i = 0; i < deps.getLength(); i++) {
            org.w3c.dom.Element d = (org.w3c.dom.Element) deps.item(i);
            if (text(d, "groupId").equals("io.engram") && text(d, "artifactId").equals("runtime")) {
                runtimeVersion = text(d, "version");
            }
        }
        assertEquals(Engram.version(), runtimeVersion, "the README's pom depends on io.engram:runtime of this build");
        assertEquals("17", text(doc.getDocumentElement(), "maven.compiler.release"));
        org.w3c.dom.NodeList plugins = doc.getElementsByTagName("plugin");
        String compiler = null;
        for (int i = 0; i < plugins.getLength(); i++) {
            org.w3c.dom.Element pl = (org.w3c.dom.Element) plugins.item(i);
            if (text(pl, "artifactId").equals("maven-compiler-plugin")) compiler = text(pl, "version");
        }
        // maven.compiler.release needs maven-compiler-plugin 3.6 or later (Maven's default 3.1 fails on it)
        String[] v = compiler.split("\\.");
        assertTrue(Integer.parseInt(v[0]) > 3 || Integer.parseInt(v[0]) == 3 && Integer.parseInt(v[1]) >= 6, compiler);
        assertEquals(UseFromJava.class.getName(), text(doc.getDocumentElement(), "mainClass"));
    }

    private static String text(org.w3c.dom.Element e, String tag) {
        org.w3c.dom.NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }

    @Test
    void meanNeuronNormIsTheMeanOfTheColumnNorms() {
        // two neurons over two inputs: columns (3, 4) and (0, 1) have norms 5 and 1, mean 3
        RunResult.LayerWeights w = new RunResult.LayerWeights("l", 2, 2, new float[]{3, 0, 4, 1}, new double[2]);
        assertEquals(3.0, w.meanNeuronNorm(), 1e-12);
    }
}
