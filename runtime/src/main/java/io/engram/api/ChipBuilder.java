package io.engram.api;

import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceKind;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.EndurancePolicy;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chip: a built-in preset or a chip YAML file, with field overrides. Typed setters cover the fields studies change
 * most; {@link #set(String, Object)} reaches any field of the chip YAML by its dotted path. {@link #build()} reads the
 * result exactly like a chip file (same defaults, same ranges, same error messages), so an override out of range is a
 * {@link SpecException} naming the field.
 *
 * <pre>{@code
 * ChipSpec chip = ChipBuilder.preset("rram-22nm").adcBits(6).mesh(8, 8).build();
 * }</pre>
 * Builders are mutable and not thread-safe; the {@link ChipSpec} they build is immutable.
 */
public final class ChipBuilder {
    private final String base;
    private final Path file;
    private final List<String> overrides = new ArrayList<>();

    private ChipBuilder(String base, Path file) {
        this.base = base;
        this.file = file;
    }

    /** A built-in preset ({@link ChipSpec#PRESETS}). */
    public static ChipBuilder preset(String name) {
        if (!ChipSpec.PRESETS.contains(name)) {
            throw new SpecException(name, "", null, "unknown chip preset; presets: " + String.join(", ", ChipSpec.PRESETS));
        }
        return new ChipBuilder(name, null);
    }

    /** A chip YAML file (its technology path, if any, is relative to the file). */
    public static ChipBuilder file(Path chipYaml) {
        if (!Files.isRegularFile(chipYaml)) {
            throw new SpecException(chipYaml.toString(), "", null, "no such chip file (looked at "
                    + chipYaml.toAbsolutePath().normalize() + ")");
        }
        return new ChipBuilder(chipYaml.toString(), chipYaml);
    }

    /** Any chip field by its YAML path, e.g. {@code set("core.device.levels", 16)}; later settings win. */
    public ChipBuilder set(String dottedPath, Object value) {
        if (dottedPath == null || dottedPath.isBlank() || dottedPath.contains("=")) {
            throw new IllegalArgumentException("a chip field path like core.adc.bits, not '" + dottedPath + "'");
        }
        String text = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%s", value) : String.valueOf(value);
        overrides.add(dottedPath + "=" + text);
        return this;
    }

    /** Mesh of width x height cores ({@code mesh.width}, {@code mesh.height}). */
    public ChipBuilder mesh(int width, int height) { return set("mesh.width", width).set("mesh.height", height); }

    /** Core clock ({@code clock_mhz}). */
    public ChipBuilder clockMhz(double mhz) { return set("clock_mhz", mhz); }

    /**
     * Crossbar size ({@code core.crossbar.rows}, {@code core.crossbar.cols}), every row read in parallel
     * ({@code core.crossbar.parallel_rows = rows}; set that field afterwards for fewer).
     */
    public ChipBuilder crossbar(int rows, int cols) {
        return set("core.crossbar.rows", rows).set("core.crossbar.cols", cols).set("core.crossbar.parallel_rows", rows);
    }

    /** ADC resolution ({@code core.adc.bits}); the technology must price it. */
    public ChipBuilder adcBits(int bits) { return set("core.adc.bits", bits); }

    /** Columns sharing one ADC ({@code core.adc.columns_per_adc}). */
    public ChipBuilder columnsPerAdc(int columns) { return set("core.adc.columns_per_adc", columns); }

    /** DAC resolution ({@code core.dac.bits}). */
    public ChipBuilder dacBits(int bits) { return set("core.dac.bits", bits); }

    /** Conductance levels of the device ({@code core.device.levels}). */
    public ChipBuilder deviceLevels(int levels) { return set("core.device.levels", levels); }

    /** Cycle-to-cycle write noise, relative ({@code core.device.write_noise}). */
    public ChipBuilder writeNoise(double relative) { return set("core.device.write_noise", relative); }

    /** Read noise, relative ({@code core.device.read_noise}). */
    public ChipBuilder readNoise(double relative) { return set("core.device.read_noise", relative); }

    /** Fractions of cells stuck at the low and high conductance ({@code core.device.stuck_low_rate}, {@code stuck_high_rate}). */
    public ChipBuilder stuckAt(double lowRate, double highRate) {
        return set("core.device.stuck_low_rate", lowRate).set("core.device.stuck_high_rate", highRate);
    }

    /**
     * The ideal device: exact, noiseless, 65,536 levels, no faults, no endurance limit ({@code core.device.model =
     * ideal}, every other device field set to match). The DAC and ADC stay as they are; see {@link #ideal()}.
     */
    public ChipBuilder idealDevice() {
        return set("core.device.model", SpecNode.displayName(DeviceKind.IDEAL))
                .set("core.device.levels", DeviceSpec.MAX_LEVELS)
                .set("core.device.shape_ltp", 1).set("core.device.shape_ltd", 1)
                .set("core.device.write_noise", 0).set("core.device.d2d_variation", 0).set("core.device.read_noise", 0)
                .stuckAt(0, 0)
                .set("core.device.endurance", Long.MAX_VALUE)
                .set("core.device.past_endurance", SpecNode.displayName(EndurancePolicy.COUNT_ONLY));
    }

    /**
     * The idealised chip the chip's tests and the studies check against float references: the ideal device
     * ({@link #idealDevice()}), exact analog inputs ({@code core.dac.mode = analog}) and an ideal ADC
     * ({@code core.adc.mode = ideal}, same bits, columns per ADC and full scale). The costs stay the technology's:
     * only the arithmetic is exact.
     */
    public ChipBuilder ideal() {
        return idealDevice()
                .set("core.dac.mode", SpecNode.displayName(DacSpec.Mode.ANALOG)).set("core.dac.bits", 0)
                .set("core.adc.mode", SpecNode.displayName(AdcSpec.Mode.IDEAL));
    }

    /** SRAM per core ({@code core.sram.bytes}). */
    public ChipBuilder sramBytes(long bytes) { return set("core.sram.bytes", bytes); }

    /** The preset name or the chip file as given. */
    public String base() { return base; }

    /** The chip file, or null for a preset. */
    Path file() { return file; }

    /** The overrides in the order given, as {@code path=value}. */
    public List<String> overrides() { return List.copyOf(overrides); }

    /** For headers and logs: {@code rram-22nm (+ core.adc.bits=6)}, or just the base without overrides. */
    public String describe() {
        return overrides.isEmpty() ? base : base + " (+ " + String.join(", ", overrides) + ")";
    }

    /** Reads the chip with the overrides applied, checking every field as a chip file is checked. */
    public ChipSpec build() {
        SpecNode node = file == null ? ChipSpec.presetNode(base) : SpecNode.parse(file);
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        if (overrides.isEmpty()) return ChipSpec.read(node, dir);
        SpecNode merged = node.withOverrides(overrides);
        return ChipSpec.read(merged.mergedWith(merged.raw(), base + " with overrides " + String.join(", ", overrides)), dir);
    }

    @Override
    public String toString() { return describe(); }
}
