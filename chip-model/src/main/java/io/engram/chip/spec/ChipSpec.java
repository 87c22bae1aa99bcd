package io.engram.chip.spec;

import io.engram.chip.tech.Technology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole chip: clock, mesh of identical cores, network-on-chip, the technology that prices every action, and what
 * cores without a tile do ({@link UnusedCores}: power-gated by default).
 * Loaded from YAML ({@link #load(Path)}) or a built-in preset ({@link #preset(String)}).
 */
public record ChipSpec(String name, double clockMhz, MeshSpec mesh, CoreSpec core, NocSpec noc, Technology technology,
                       UnusedCores unusedCores) {
    /** Built-in chip presets, each a YAML resource {@code chips/NAME.yaml}. */
    public static final List<String> PRESETS = List.of("rram-22nm", "rram-stress", "digital-sram");

    /** A chip whose unused cores are power-gated. */
    public ChipSpec(String name, double clockMhz, MeshSpec mesh, CoreSpec core, NocSpec noc, Technology technology) {
        this(name, clockMhz, mesh, core, noc, technology, UnusedCores.GATED);
    }

    public ChipSpec {
        if (!(clockMhz > 0)) throw new IllegalArgumentException("clockMhz");
        java.util.Objects.requireNonNull(unusedCores, "unusedCores");
        // the ADC conversion is priced for the core's resolution (any with*() copy re-prices it)
        if (core.adc().mode() == AdcSpec.Mode.SAR) technology = technology.forAdcBits(core.adc().bits());
    }

    public ChipSpec withCore(CoreSpec c) { return new ChipSpec(name, clockMhz, mesh, c, noc, technology, unusedCores); }

    public ChipSpec withMesh(MeshSpec m) { return new ChipSpec(name, clockMhz, m, core, noc, technology, unusedCores); }

    public ChipSpec withNoc(NocSpec n) { return new ChipSpec(name, clockMhz, mesh, core, n, technology, unusedCores); }

    public ChipSpec withUnusedCores(UnusedCores u) { return new ChipSpec(name, clockMhz, mesh, core, noc, technology, u); }

    public double nsPerCycle() { return 1000.0 / clockMhz; }

    /** A preset name or a path to a chip YAML file. */
    public static ChipSpec resolve(String presetOrPath) {
        if (PRESETS.contains(presetOrPath)) return preset(presetOrPath);
        Path p = Path.of(presetOrPath);
        if (!Files.exists(p)) {
            throw new SpecException(presetOrPath, "", null,
                    "no such chip file, and not a preset; presets: " + String.join(", ", PRESETS));
        }
        return load(p);
    }

    public static ChipSpec preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new SpecException(name, "", null, "unknown chip preset; presets: " + String.join(", ", PRESETS));
        }
        String res = "chips/" + name + ".yaml";
        try (InputStream in = ChipSpec.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing built-in resource " + res);
            return read(SpecNode.parse(in, res), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML tree of a built-in preset (for experiments that override some of its fields). */
    public static SpecNode presetNode(String name) {
        if (!PRESETS.contains(name)) {
            throw new SpecException(name, "", null, "unknown chip preset; presets: " + String.join(", ", PRESETS));
        }
        String res = "chips/" + name + ".yaml";
        try (InputStream in = ChipSpec.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing built-in resource " + res);
            return SpecNode.parse(in, res);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ChipSpec load(Path file) {
        return read(SpecNode.parse(file), file.toAbsolutePath().getParent());
    }

    public static ChipSpec read(SpecNode n, Path baseDir) {
        String name = n.requireString("name");
        n.optString("description", "");
        double clock = n.optDouble("clock_mhz", 1000.0, 1e-3, 1e6);
        MeshSpec mesh = MeshSpec.read(n.object("mesh"));
        CoreSpec core = CoreSpec.read(n.object("core"));
        NocSpec noc = NocSpec.read(n.optObject("noc"));
        String techRef = n.requireString("technology");
        SpecNode power = n.optObject("power");
        UnusedCores unused = power.optEnum("unused_cores", UnusedCores.class, UnusedCores.GATED);
        power.finish();
        n.finish();
        Technology tech = TechnologyLoader.builtIn(techRef, clock);
        if (tech == null) {
            Path p = baseDir == null ? Path.of(techRef) : baseDir.resolve(techRef);
            if (!Files.exists(p)) {
                throw n.error("technology", techRef, "not a built-in technology (rram-22nm, digital-sram) "
                        + "and no such file " + p);
            }
            tech = TechnologyLoader.load(p, clock);
        }
        if (core.adc().mode() == AdcSpec.Mode.SAR && tech.adcScaling() != null && !tech.adcScaling().prices(core.adc().bits())) {
            throw n.error("core.adc.bits", core.adc().bits(), "technology " + tech.name() + " prices ADCs of "
                    + tech.adcScaling().energyFactor().keySet() + " bits; add a factor under adc.resolution_scaling");
        }
        return new ChipSpec(name, clock, mesh, core, noc, tech, unused);
    }
}
