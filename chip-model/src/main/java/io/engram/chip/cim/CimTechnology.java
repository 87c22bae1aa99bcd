package io.engram.chip.cim;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Costs of a CIM chip with a voltage-integrating readout: energy of each readout event on its rail, and the step
 * times of an MVM. Every figure has a source; fitted constants say what they were fitted on.
 * <pre>
 * name: neurram-130nm
 * energy:   # pJ per event
 *   input_pulse:            { energy_pj: .., source: .. }   # input_pulse rail, per row and set input bit
 *   integration:            { energy_pj: .., source: .. }   # neuron rail, per column pair and input bit
 *   conversion_step:        { energy_pj: .., source: .. }   # neuron rail, per column pair and output bit
 *   word_line_integration:  { energy_pj: .., source: .. }   # word_line rail, per row and input bit
 *   word_line_conversion:   { energy_pj: .., source: .. }   # word_line rail, per row and output bit
 * time:
 *   integration_step_ns: { value: .., source: .. }
 *   conversion_step_ns:  { value: .., source: .. }
 *   phase_gap_ns:        { value: .., source: .. }
 * </pre>
 */
public record CimTechnology(String name, String description, Figure inputPulse, Figure integration,
                            Figure conversionStep, Figure wordLineIntegration, Figure wordLineConversion,
                            Figure integrationStepNs, Figure conversionStepNs, Figure phaseGapNs, String sha256) {
    private static final double MAX = 1e9;

    /** A number with its source. */
    public record Figure(double value, String source) {}

    public static CimTechnology builtIn(String name) {
        String res = "cim/technology/" + name + ".yaml";
        try (InputStream in = CimTechnology.class.getClassLoader().getResourceAsStream(res)) {
            return in == null ? null : parse(in.readAllBytes(), res);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in resource " + res, e);
        }
    }

    public static CimTechnology resolve(String nameOrPath) {
        CimTechnology b = builtIn(nameOrPath);
        if (b != null) return b;
        Path p = Path.of(nameOrPath);
        try {
            if (!Files.isRegularFile(p)) throw new java.nio.file.NoSuchFileException(nameOrPath);
            return parse(Files.readAllBytes(p), p.toString());
        } catch (IOException e) {
            throw new SpecException(nameOrPath, "", null, "no built-in CIM technology of that name (built in: "
                    + "neurram-130nm) and no readable file");
        }
    }

    public static CimTechnology parse(byte[] bytes, String file) {
        SpecNode root = SpecNode.parse(new java.io.ByteArrayInputStream(bytes), file);
        String name = root.requireString("name");
        String description = root.optString("description", "");
        SpecNode e = root.object("energy");
        Figure pulse = figure(e, "input_pulse", "energy_pj");
        Figure integ = figure(e, "integration", "energy_pj");
        Figure conv = figure(e, "conversion_step", "energy_pj");
        Figure wlInt = figure(e, "word_line_integration", "energy_pj");
        Figure wlConv = figure(e, "word_line_conversion", "energy_pj");
        e.finish();
        SpecNode t = root.object("time");
        Figure tInt = figure(t, "integration_step_ns", "value");
        Figure tConv = figure(t, "conversion_step_ns", "value");
        Figure gap = figure(t, "phase_gap_ns", "value");
        t.finish();
        root.finish();
        return new CimTechnology(name, description, pulse, integ, conv, wlInt, wlConv, tInt, tConv, gap,
                sha256(bytes));
    }

    private static Figure figure(SpecNode parent, String key, String valueKey) {
        SpecNode n = parent.object(key);
        Figure f = new Figure(n.requireDouble(valueKey, 0.0, MAX), n.requireString("source"));
        n.finish();
        return f;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
