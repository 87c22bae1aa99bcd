package io.engram.chip.spec;

import io.engram.chip.tech.Action;
import io.engram.chip.tech.AdcScaling;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.Cost;
import io.engram.chip.tech.PerInstance;
import io.engram.chip.tech.Technology;

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
 * Reads a technology file (it lives beside the chip specs it is loaded with, so {@code tech} holds only the
 * immutable cost model and imports nothing of ours):
 * <pre>
 * name: rram-22nm
 * feature_nm: 22
 * components:
 *   adc:
 *     leakage: { mw: 0.0148, per: adc, source: "PUMA constants.py ADC leakage / dynamic ratio ..." }
 *     area: { um2: 567, per: adc, source: "PUMA constants.py adc_area 0.0012 mm2 at 32 nm x (22/32)^2" }
 *     actions:
 *       conversion: { energy_pj: 1.2, latency_cycles: 9, source: "ISAAC SAR via Accelergy, x0.7 to 22 nm" }
 * </pre>
 * Latency may be given as {@code latency_ns} instead; it is converted to {@code ceil(ns * clock)} cycles. Area may be
 * given as {@code f2} (in squared feature sizes at the file's {@code feature_nm}) instead of {@code um2}.
 * {@code per} names what one instance is and must be the class's unit ({@link Component#instanceUnit()}), so that a
 * figure written for another unit cannot be read as this one.
 * Every action of every component class must be present, and every class's leakage and area, each with a source:
 * a missing one is a load error; zero is written explicitly.
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
        double featureNm = root.has("feature_nm") ? root.requireDouble("feature_nm", 1.0, 1000.0) : Double.NaN;
        SpecNode comps = root.object("components");
        Map<Action, Cost> costs = new EnumMap<>(Action.class);
        Map<Component, PerInstance> statics = new EnumMap<>(Component.class);
        SpecNode adcScalingNode = null;
        for (Component c : Component.values()) {
            if (!comps.has(c.key())) {
                throw comps.error(c.key(), null, "missing component; every component class needs its costs "
                        + "(write zeros explicitly where it does not apply)");
            }
            SpecNode cn = comps.object(c.key());
            statics.put(c, perInstance(cn, c, featureNm));
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
        return new Technology(name, clockMhz, costs, statics, sha256(bytes), scaling);
    }

    private static final double MAX_LEAKAGE_MW = 1e6;
    private static final double MAX_AREA_UM2 = 1e12;

    /** The {@code leakage} and {@code area} entries of one component class; both required, each with a source. */
    private static PerInstance perInstance(SpecNode cn, Component c, double featureNm) {
        String unit = c.instanceUnit();
        if (!cn.has("leakage")) {
            throw cn.error("leakage", null, "missing leakage of " + c.key() + "; give { mw: ..., per: " + unit
                    + ", source: ... } (0 is allowed, but must be written with its reason)");
        }
        SpecNode ln = cn.object("leakage");
        double mw = ln.requireDouble("mw", 0.0, MAX_LEAKAGE_MW);
        requirePer(ln, unit);
        String lsrc = requireSource(ln);
        ln.finish();
        if (!cn.has("area")) {
            throw cn.error("area", null, "missing area of " + c.key() + "; give { um2: ... (or f2: ...), per: " + unit
                    + ", source: ... } (0 is allowed, but must be written with its reason)");
        }
        SpecNode an = cn.object("area");
        double um2;
        String asrc;
        if (an.has("f2")) {
            if (an.has("um2")) {
                throw an.error("f2", an.raw().get("f2"), "give um2 or f2, not both (um2 is " + an.raw().get("um2") + ")");
            }
            double f2 = an.requireDouble("f2", 0.0, MAX_AREA_UM2);
            if (Double.isNaN(featureNm)) {
                throw an.error("f2", f2, "an area in F^2 needs the file's feature size: add feature_nm at the top level");
            }
            double f = featureNm / 1000.0;
            um2 = f2 * f * f;
            requirePer(an, unit);
            asrc = requireSource(an) + " (" + num(f2) + " F^2 at F = " + num(featureNm) + " nm)";
        } else {
            um2 = an.requireDouble("um2", 0.0, MAX_AREA_UM2);
            requirePer(an, unit);
            asrc = requireSource(an);
        }
        an.finish();
        return new PerInstance(mw, lsrc, um2, asrc);
    }

    private static void requirePer(SpecNode n, String unit) {
        String per = n.requireString("per");
        if (!per.equals(unit)) throw n.error("per", per, unit + " (what one instance of this component class is)");
    }

    private static String requireSource(SpecNode n) {
        String s = n.requireString("source");
        if (s.isBlank()) throw n.error("source", s, "a citation or derivation of the figure");
        return s;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
