package io.engram.chip.tech;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads a technology file:
 * <pre>
 * name: rram-22nm
 * components:
 *   adc:
 *     leakage_mw: 0.0
 *     actions:
 *       conversion: { energy_pj: 1.2, latency_cycles: 9, source: "ISAAC SAR via Accelergy, x0.7 to 22 nm" }
 * </pre>
 * Latency may be given as {@code latency_ns} instead; it is converted to {@code ceil(ns * clock)} cycles.
 * Every action of every component class must be present: a missing cost is a load error, zero is written explicitly.
 */
public final class TechnologyLoader {
    private static final double MAX_ENERGY_PJ = 1e9;
    private static final long MAX_LATENCY = 1_000_000_000L;

    private TechnologyLoader() {}

    /** Loads a built-in technology from the classpath, {@code technology/NAME.yaml}. */
    public static Technology builtIn(String name, double clockMhz) {
        String res = "technology/" + name + ".yaml";
        try (InputStream in = TechnologyLoader.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) return null;
            byte[] bytes = in.readAllBytes();
            return parse(bytes, res, clockMhz);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in resource " + res, e);
        }
    }

    public static Technology load(Path file, double clockMhz) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SpecException(file.toString(), "", null, "cannot read technology file: " + e.getMessage());
        }
        return parse(bytes, file.toString(), clockMhz);
    }

    public static Technology parse(byte[] bytes, String fileName, double clockMhz) {
        SpecNode root = SpecNode.parse(new java.io.ByteArrayInputStream(bytes), fileName);
        String name = root.requireString("name");
        root.optString("description", "");
        root.optString("node", "");
        SpecNode comps = root.object("components");
        Map<Action, Cost> costs = new EnumMap<>(Action.class);
        Map<Component, Double> leak = new EnumMap<>(Component.class);
        Map<Component, String> leakSrc = new EnumMap<>(Component.class);
        SpecNode adcScalingNode = null;
        for (Component c : Component.values()) {
            if (!comps.has(c.key())) {
                throw comps.error(c.key(), null, "missing component; every component class needs its costs "
                        + "(write zeros explicitly where it does not apply)");
            }
            SpecNode cn = comps.object(c.key());
            leak.put(c, cn.optDouble("leakage_mw", 0.0, 0.0, 1e6));
            leakSrc.put(c, cn.optString("leakage_source", ""));
            if (c == Component.ADC && cn.has("resolution_scaling")) adcScalingNode = cn.object("resolution_scaling");
            SpecNode actions = cn.object("actions");
            for (Action a : Action.values()) {
                if (a.component() != c) continue;
                if (!actions.has(a.key())) {
                    throw actions.error(a.key(), null, "missing cost for counted action " + a.qualifiedName()
                            + "; give energy_pj and latency_cycles (0 is allowed, but must be written)");
                }
                SpecNode an = actions.object(a.key());
                double e = an.requireDouble("energy_pj", 0.0, MAX_ENERGY_PJ);
                long cycles;
                if (an.has("latency_ns")) {
                    if (an.has("latency_cycles")) {
                        throw an.error("latency_ns", an.raw().get("latency_ns"), "give latency_cycles or latency_ns, "
                                + "not both (latency_cycles is " + an.raw().get("latency_cycles") + ")");
                    }
                    double ns = an.requireDouble("latency_ns", 0.0, 1e9);
                    cycles = (long) Math.ceil(ns * clockMhz / 1000.0 - 1e-9);
                } else {
                    cycles = an.optLong("latency_cycles", -1, 0, MAX_LATENCY);
                    if (cycles < 0) {
                        throw an.error("latency_cycles", null, "required (or latency_ns); 0 is allowed");
                    }
                }
                String src = an.requireString("source");
                an.finish();
                costs.put(a, new Cost(e, cycles, src));
            }
            actions.finish();
            cn.finish();
        }
        comps.finish();
        root.finish();
        AdcScaling scaling = adcScalingNode == null ? null : adcScaling(adcScalingNode, costs.get(Action.ADC_CONVERSION));
        return new Technology(name, clockMhz, costs, leak, leakSrc, sha256(bytes), scaling);
    }

    private static final int MAX_ADC_BITS = 16;

    private static AdcScaling adcScaling(SpecNode n, Cost reference) {
        int ref = n.requireInt("reference_bits", 1, MAX_ADC_BITS);
        String src = n.requireString("source");
        SpecNode f = n.object("energy_factor");
        java.util.Map<Integer, Double> factors = new java.util.TreeMap<>();
        for (String k : f.keys()) {
            int bits;
            try {
                bits = Integer.parseInt(k);
            } catch (NumberFormatException e) {
                throw f.error(k, k, "keys are ADC resolutions in bits, 1 to " + MAX_ADC_BITS);
            }
            if (bits < 1 || bits > MAX_ADC_BITS) throw f.error(k, k, "keys are ADC resolutions in bits, 1 to " + MAX_ADC_BITS);
            factors.put(bits, f.requireDouble(k, 0.0, 1e6));
        }
        f.finish();
        n.finish();
        if (!factors.containsKey(ref) || factors.get(ref) != 1.0) {
            throw n.error("energy_factor", factors.get(ref), "the factor of reference_bits (" + ref + ") must be 1");
        }
        return new AdcScaling(ref, factors, reference, src);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
