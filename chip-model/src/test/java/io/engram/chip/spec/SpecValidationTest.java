package io.engram.chip.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every preset loads; each preset with one field broken (in the chip file or in its technology file) fails with a
 * {@link SpecException} whose message names the file, the field path, the bad value and what is allowed.
 */
class SpecValidationTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    static List<String> presets() { return ChipSpec.PRESETS; }

    static ObjectNode resource(String res) {
        try (InputStream in = SpecValidationTest.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("no resource " + res);
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mapping at a dotted path (created if absent). */
    static ObjectNode at(ObjectNode root, String dotted) {
        ObjectNode cur = root;
        for (String k : dotted.split("\\.")) {
            JsonNode n = cur.get(k);
            cur = n instanceof ObjectNode o ? o : cur.putObject(k);
        }
        return cur;
    }

    static String technologyOf(String preset) { return resource("chips/" + preset + ".yaml").get("technology").asText(); }

    Path write(String name, JsonNode tree) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, YAML.writeValueAsString(tree));
        return p;
    }

    /** Loads the preset with {@code edit} applied to its chip YAML; returns the error and the file it should name. */
    SpecException chipError(String preset, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode chip = resource("chips/" + preset + ".yaml");
        edit.accept(chip);
        Path p = write(preset + "-bad.yaml", chip);
        SpecException e = assertThrows(SpecException.class, () -> ChipSpec.load(p));
        assertEquals(p.toString(), e.file());
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        return e;
    }

    /** Loads the preset pointing at a copy of its technology file with {@code edit} applied. */
    SpecException techError(String preset, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode tech = resource("technology/" + technologyOf(preset) + ".yaml");
        edit.accept(tech);
        Path tp = write(preset + "-tech-bad.yaml", tech);
        ObjectNode chip = resource("chips/" + preset + ".yaml");
        chip.put("technology", tp.getFileName().toString());
        Path cp = write(preset + "-chip.yaml", chip);
        SpecException e = assertThrows(SpecException.class, () -> ChipSpec.load(cp));
        assertEquals(tp.toAbsolutePath().toString(), e.file());
        assertTrue(e.getMessage().startsWith(tp.toAbsolutePath() + ": "), e.getMessage());
        return e;
    }

    static void assertError(SpecException e, String field, String value, String... allowed) {
        assertEquals(field, e.fieldPath(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertTrue(e.getMessage().contains("field '" + field + "'"), e.getMessage());
        if (value != null) assertTrue(e.getMessage().contains("value " + value), e.getMessage());
        for (String a : allowed) assertTrue(e.getMessage().contains(a), "missing '" + a + "' in: " + e.getMessage());
    }

    // ---- presets

    @ParameterizedTest
    @MethodSource("presets")
    void presetLoadsAndEqualsItsFileCopy(String preset) throws IOException {
        ChipSpec p = ChipSpec.preset(preset);
        assertEquals(preset, p.name());
        for (Action a : Action.values()) assertTrue(p.technology().costs().containsKey(a), a.qualifiedName());
        // the same YAML loaded from a file (technology by built-in name) gives the same records
        ChipSpec f = ChipSpec.load(write(preset + ".yaml", resource("chips/" + preset + ".yaml")));
        assertEquals(p.core(), f.core());
        assertEquals(p.mesh(), f.mesh());
        assertEquals(p.noc(), f.noc());
        assertEquals(p.technology().costs(), f.technology().costs());
    }

    @Test
    void rram22nmHasTheSectionOneNumbers() {
        ChipSpec s = ChipSpec.preset("rram-22nm");
        CoreSpec c = s.core();
        assertEquals(1000.0, s.clockMhz());
        assertEquals(1.0, s.nsPerCycle());
        assertEquals(SynapseKind.RRAM, c.synapse());
        assertEquals(new CrossbarSpec(128, 128, 2, 128), c.crossbar());
        assertEquals(64, c.crossbar().weightCols());
        assertEquals(DeviceKind.NONLINEAR, c.device().kind());
        assertEquals(32, c.device().levels());
        assertEquals(1.0, c.device().gMinUs());
        assertEquals(10.0, c.device().gMaxUs());
        assertEquals(0.01, c.device().readNoise());
        assertEquals(new DacSpec(DacSpec.Mode.BIT_SERIAL, 8), c.dac());
        assertEquals(AdcSpec.Mode.SAR, c.adc().mode());
        assertEquals(8, c.adc().bits());
        assertEquals(8, c.adc().columnsPerAdc());
        Technology t = s.technology();
        assertEquals("rram-22nm", t.name());
        assertEquals(1.2, t.energyPj(Action.ADC_CONVERSION));
        assertEquals(9, t.cycles(Action.ADC_CONVERSION));
        assertEquals(10, t.cycles(Action.CROSSBAR_READ_PULSE), "10 ns read pulse at 1 GHz");
        assertEquals(0.0138, t.energyPj(Action.CROSSBAR_CELL_READ));
        assertEquals(64, t.sha256().length());
    }

    @Test
    void latencyInNsIsCeiledToCyclesAtTheClock() throws IOException {
        ObjectNode chip = resource("chips/rram-22nm.yaml");
        chip.put("clock_mhz", 250);
        ChipSpec s = ChipSpec.load(write("slow.yaml", chip));
        assertEquals(3, s.technology().cycles(Action.CROSSBAR_READ_PULSE), "10 ns at 250 MHz = 2.5 -> 3 cycles");
        assertEquals(13, s.technology().cycles(Action.CROSSBAR_SET_PULSE), "50 ns -> 12.5 -> 13");
        assertEquals(9, s.technology().cycles(Action.ADC_CONVERSION), "cycles stay cycles");
    }

    @Test
    void unknownPresetListsThePresets() {
        SpecException e = assertThrows(SpecException.class, () -> ChipSpec.preset("rram-7nm"));
        assertTrue(e.getMessage().contains("rram-7nm"), e.getMessage());
        assertTrue(e.getMessage().contains("rram-22nm, rram-stress, digital-sram"), e.getMessage());
    }

    // ---- broken chip files

    @ParameterizedTest
    @MethodSource("presets")
    void negativeCrossbarRows(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.crossbar").put("rows", -128));
        assertError(e, "core.crossbar.rows", "-128", "allowed range [1, 8192]");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void parallelRowsAboveRows(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.crossbar").put("parallel_rows", 129));
        assertError(e, "core.crossbar.parallel_rows", "129", "allowed range [1, 128]");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void unknownDeviceModel(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.device").put("model", "memristor"));
        assertError(e, "core.device.model", "'memristor'", "one of ideal, linear-step, soft-bounds, nonlinear, digital");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void nanReadNoise(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.device").set("read_noise", DoubleNode.valueOf(Double.NaN)));
        assertError(e, "core.device.read_noise", "NaN", "allowed range [0, 1]");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void nanWrittenAsYamlDotNan(String preset) throws IOException {
        String text = new String(SpecValidationTest.class.getClassLoader()
                .getResourceAsStream("chips/" + preset + ".yaml").readAllBytes())
                .replace("clock_mhz: 1000", "clock_mhz: .nan");
        Path p = dir.resolve(preset + "-nan.yaml");
        Files.writeString(p, text);
        SpecException e = assertThrows(SpecException.class, () -> ChipSpec.load(p));
        assertEquals(p.toString(), e.file());
        assertError(e, "clock_mhz", "NaN", "allowed range [0.001, 1000000]");
    }

    @Test
    void infinityAndDuplicateKeysAndOverrides() throws IOException {
        String text = new String(SpecValidationTest.class.getClassLoader()
                .getResourceAsStream("chips/rram-22nm.yaml").readAllBytes());
        Path inf = dir.resolve("inf.yaml");
        Files.writeString(inf, text.replace("read_noise: 0.01", "read_noise: .inf"));
        assertError(assertThrows(SpecException.class, () -> ChipSpec.load(inf)),
                "core.device.read_noise", "inf", "allowed range [0, 1]");
        Path neg = dir.resolve("neginf.yaml");
        Files.writeString(neg, text.replace("write_noise: 0.005", "write_noise: -.inf"));
        assertError(assertThrows(SpecException.class, () -> ChipSpec.load(neg)),
                "core.device.write_noise", "-inf", "allowed range [0, 1]");
        Path dup = dir.resolve("dup.yaml");
        Files.writeString(dup, text.replace("    levels: 32\n", "    levels: 32\n    levels: 64\n"));
        SpecException d = assertThrows(SpecException.class, () -> ChipSpec.load(dup));
        assertEquals(dup.toString(), d.file());
        assertEquals("core.device.levels", d.fieldPath());
        assertTrue(d.getMessage().contains("given twice"), d.getMessage());
        // the same checks through --set style overrides
        SpecNode base = SpecNode.parseString(text, "rram-22nm.yaml");
        SpecException o = assertThrows(SpecException.class,
                () -> ChipSpec.read(base.withOverrides(List.of("core.device.read_noise=.nan")), null));
        assertError(o, "core.device.read_noise", "NaN", "allowed range [0, 1]");
        assertEquals(64, ChipSpec.read(base.withOverrides(List.of("core.crossbar.parallel_rows=64")), null)
                .core().crossbar().parallelRows());
        // a YAML syntax error names the line
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: x\ncore: {crossbar: [1, 2\n");
        SpecException b = assertThrows(SpecException.class, () -> ChipSpec.load(broken));
        assertTrue(b.getMessage().startsWith(broken + ": not valid YAML"), b.getMessage());
        assertTrue(b.getMessage().contains("line "), b.getMessage());
    }

    @ParameterizedTest
    @MethodSource("presets")
    void typoedKeyIsRejectedWithASuggestion(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.crossbar").put("parallel_row", 64));
        assertError(e, "core.crossbar.parallel_row", "64", "unknown field", "did you mean 'parallel_rows'?",
                "known fields here: cells_per_weight, cols, parallel_rows, rows");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void typoedTopLevelSection(String preset) throws IOException {
        SpecException e = chipError(preset, c -> c.set("nco", c.get("noc")));
        assertEquals("nco", e.fieldPath());
        assertTrue(e.getMessage().contains("did you mean 'noc'?"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("presets")
    void stuckRatesAboveOne(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.device").put("stuck_low_rate", 0.7).put("stuck_high_rate", 0.4));
        assertError(e, "core.device.stuck_high_rate", "0.4", "stuck_low_rate + stuck_high_rate must be <= 1");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void gMaxNotAboveGMin(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.device").put("g_min_us", 2.0).put("g_max_us", 2.0));
        assertError(e, "core.device.g_max_us", "2.0", "must be greater than g_min_us (2.0)");
        SpecException e2 = chipError(preset, c -> at(c, "core.device").put("g_max_us", 0.5));
        assertError(e2, "core.device.g_max_us", "0.5", "must be greater than g_min_us");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void wrongTypeAndMissingSection(String preset) throws IOException {
        SpecException e = chipError(preset, c -> at(c, "core.adc").put("bits", "eight"));
        assertError(e, "core.adc.bits", "\"eight\"", "expected an integer in [1, 16]");
        SpecException m = chipError(preset, c -> at(c, "core").remove("crossbar"));
        assertError(m, "core.crossbar", null, "required section is missing");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void unknownTechnology(String preset) throws IOException {
        SpecException e = chipError(preset, c -> c.put("technology", "rram-7nm"));
        assertEquals("technology", e.fieldPath());
        assertEquals("rram-7nm", e.value());
        assertTrue(e.getMessage().contains("not a built-in technology (rram-22nm, digital-sram)"), e.getMessage());
    }

    // ---- broken technology files

    @ParameterizedTest
    @MethodSource("presets")
    void missingCost(String preset) throws IOException {
        SpecException e = techError(preset, t -> at(t, "components.adc.actions").remove("conversion"));
        assertError(e, "components.adc.actions.conversion", null, "missing cost for counted action adc.conversion",
                "0 is allowed, but must be written");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void missingComponent(String preset) throws IOException {
        SpecException e = techError(preset, t -> at(t, "components").remove("router"));
        assertError(e, "components.router", null, "missing component");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void bothLatencies(String preset) throws IOException {
        SpecException e = techError(preset, t -> at(t, "components.crossbar.actions.read_pulse")
                .put("latency_ns", 10).put("latency_cycles", 10));
        assertError(e, "components.crossbar.actions.read_pulse.latency_ns", "10",
                "give latency_cycles or latency_ns, not both", "latency_cycles is 10");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void negativeAndNanEnergy(String preset) throws IOException {
        SpecException e = techError(preset, t -> at(t, "components.adc.actions.conversion").put("energy_pj", -1.2));
        assertError(e, "components.adc.actions.conversion.energy_pj", "-1.2", "allowed range [0, 1000000000]");
        SpecException n = techError(preset, t -> at(t, "components.sram.actions.read_word")
                .set("energy_pj", DoubleNode.valueOf(Double.NaN)));
        assertError(n, "components.sram.actions.read_word.energy_pj", "NaN", "allowed range [0, 1000000000]");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void missingSourceAndTypoInTechnology(String preset) throws IOException {
        SpecException e = techError(preset, t -> at(t, "components.adc.actions.conversion").remove("source"));
        assertError(e, "components.adc.actions.conversion.source", null, "required text field is missing");
        SpecException k = techError(preset, t -> at(t, "components.adc").set("leakag", IntNode.valueOf(1)));
        assertError(k, "components.adc.leakag", "1", "unknown field", "did you mean 'leakage'?");
    }

    /** Defect 4 (issue 15): a missing leakage entry used to count as zero; now it is a load error like a missing cost. */
    @ParameterizedTest
    @MethodSource("presets")
    void missingLeakageOrAreaIsALoadError(String preset) throws IOException {
        SpecException e = techError(preset, t -> at(t, "components.sram").remove("leakage"));
        assertError(e, "components.sram.leakage", null, "missing leakage of sram", "per: kib");
        SpecException s = techError(preset, t -> at(t, "components.neuron.leakage").remove("source"));
        assertError(s, "components.neuron.leakage.source", null, "required text field is missing");
        SpecException a = techError(preset, t -> at(t, "components.router").remove("area"));
        assertError(a, "components.router.area", null, "missing area of router", "per: router");
        // a figure per core cannot pass for one per converter: the unit is checked
        SpecException u = techError(preset, t -> at(t, "components.adc.leakage").put("per", "core"));
        assertError(u, "components.adc.leakage.per", "core", "adc (what one instance of this component class is)");
        SpecException b = techError(preset, t -> at(t, "components.crossbar.area").put("f2", 48).put("um2", 1));
        assertError(b, "components.crossbar.area.f2", "48", "give um2 or f2, not both");
    }

    /**
     * Robustness: every scalar leaf of every preset set to each of a handful of bad values either loads (the value
     * is allowed there) or fails with a SpecException naming the file; never any other exception.
     */
    @ParameterizedTest
    @MethodSource("presets")
    void noLeafValueEscapesAsAnotherException(String preset) throws IOException {
        String file = preset + "-leaf.yaml";
        SpecNode base = SpecNode.parseString(YAML.writeValueAsString(resource("chips/" + preset + ".yaml")), file);
        List<String> leaves = new ArrayList<>();
        collectLeaves(base.raw(), "", leaves);
        assertTrue(leaves.size() > 20, "leaves " + leaves);
        String[] bad = {"-1", "0", "1e12", ".nan", "oops", "[1]"};
        int rejected = 0;
        for (String leaf : leaves) {
            for (String v : bad) {
                try {
                    ChipSpec.read(base.withOverrides(List.of(leaf + "=" + v)), dir);
                } catch (SpecException e) {
                    rejected++;
                    assertTrue(e.file().equals(file) || e.file().startsWith(dir.toString()), e.getMessage());
                    assertTrue(e.getMessage().length() > e.file().length() + 10, e.getMessage());
                } catch (RuntimeException e) {
                    fail(leaf + " = " + v + " escaped as " + e, e);
                }
            }
        }
        assertTrue(rejected > leaves.size() * 3, "rejected " + rejected);
    }

    static void collectLeaves(JsonNode n, String path, List<String> out) {
        n.fields().forEachRemaining(e -> {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) collectLeaves(e.getValue(), p, out);
            else out.add(p);
        });
    }

    @Test
    void editDistanceSuggestionsOnlyWhenClose() {
        assertEquals("parallel_rows", SpecNode.closest("paralel_rows", List.of("rows", "cols", "parallel_rows")));
        assertEquals("cols", SpecNode.closest("colls", List.of("rows", "cols", "parallel_rows")));
        assertNull(SpecNode.closest("frobnicate", List.of("rows", "cols", "parallel_rows")));
    }
}
