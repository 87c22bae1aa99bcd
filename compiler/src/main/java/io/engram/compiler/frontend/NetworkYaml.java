package io.engram.compiler.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.Shape;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.NeuronConfig;
import io.engram.compiler.ir.WeightScale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a network YAML file. Every value is type- and range-checked and unknown keys are errors; a mistake throws
 * {@link SpecException} naming the file, the field path (e.g. {@code layers[1].competition.temperature}), the value
 * and what is allowed.
 * <pre>
 * name: softhebb-mnist
 * description: optional text
 * input: { shape: [1, 28, 28] }             # channels, height, width; or [n] for a vector
 * partition: { allow_row_split: true }      # optional
 * layers:
 *   - name: hidden                          # optional for pooling/flatten (default: type + index)
 *     type: dense                           # dense | conv2d | maxpool | avgpool | flatten
 *     units: 2000                           # dense
 *     # conv2d: channels, kernel, stride (1), padding (0); maxpool/avgpool: kernel, stride (= kernel)
 *     neuron: rate                          # rate | lif | {kind: lif, decay, threshold, reset: zero|subtract,
 *                                           #              refractory, theta_plus, theta_decay}
 *     activation: { kind: identity }        # identity | relu | {kind: clamp, low, high} | {kind: triangle, power}
 *     competition: { kind: softmax, temperature: 0.0833 }  # none | hard-wta (+ inhibition, inhibition_floor) | {kind: k-wta, k} | softmax
 *     rule: { kind: softhebb, eta: 0.045 }  # see below
 *     init: { kind: uniform-positive, radius: 35 }          # uniform-positive | normal | uniform-symmetric
 *     weight_scale: auto                    # or a number
 *     norm: none                            # dense/conv2d: none | batch | {kind: batch, eps: 1e-5}: per-channel
 *                                           #   standardisation of the layer's input (statistics from its training pass)
 * </pre>
 * Rules: {@code none}; {@code hebb {eta, decay (0)}}; {@code oja {eta}}; {@code hard-wta {eta, variant:
 * instar|softhebb-baseline}}; {@code softhebb {eta, tau or temperature (default: the competition's temperature),
 * bias_eta (0), adaptive_power (0), scaling: none|per-neuron|layer (per-neuron)}}; {@code soft-anti-hebb {eta, tau,
 * power (0.5), scaling}}; {@code stdp {form: pair|triplet, eta_pre, eta_post, tau_pre_ms (20), tau_post_ms (20),
 * tau_post2_ms (40), w_min (0), w_max (1), normalise_sum (0 = off; &gt; 0: each neuron's input weights
 * rescaled on chip to this sum before every learning sample)}}. A kind without parameters may be written as a plain word
 * ({@code competition: hard-wta}). Full reference: compiler/README-network.md.
 */
public final class NetworkYaml {
    public static final int MAX_UNITS = 1 << 24;
    public static final int MAX_CHANNELS = 1 << 16;
    public static final int MAX_KERNEL = 64;
    public static final double MAX_ETA = 1e3;
    /** Upper bound of an STDP rule's normalise_sum (0 = off). */
    public static final double MAX_NORMALISE_SUM = 1e9;

    enum LayerType { DENSE, CONV2D, MAXPOOL, AVGPOOL, FLATTEN }

    enum NeuronKind { RATE, LIF }

    enum ActivationKind { IDENTITY, RELU, CLAMP, TRIANGLE }

    enum RuleKind { NONE, HEBB, OJA, HARD_WTA, SOFTHEBB, SOFT_ANTI_HEBB, STDP }

    enum InitKind { UNIFORM_POSITIVE, NORMAL, UNIFORM_SYMMETRIC }

    private NetworkYaml() {}

    public static Network read(Path file) { return read(SpecNode.parse(file)); }

    public static Network parse(String yaml, String name) { return read(SpecNode.parseString(yaml, name)); }

    public static Network read(SpecNode root) {
        String name = root.requireString("name");
        root.optString("description", "");
        SpecNode input = root.object("input");
        List<Integer> dims = input.optIntList("shape", null, 1, MAX_UNITS);
        if (dims == null) throw input.error("shape", null, "required: [channels, height, width] or [n]");
        if (dims.size() != 1 && dims.size() != 3) throw input.error("shape", dims, "expected 1 or 3 dimensions");
        input.finish();
        Shape in = dims.size() == 1 ? Shape.flat(dims.get(0)) : new Shape(dims.get(0), dims.get(1), dims.get(2));
        SpecNode partition = root.optObject("partition");
        boolean rowSplit = partition.optBool("allow_row_split", true);
        partition.finish();
        List<LayerSpec> layers = new ArrayList<>();
        List<SpecNode> items = root.objectList("layers");
        for (int i = 0; i < items.size(); i++) layers.add(layer(items.get(i), i));
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof LayerSpec.Dense d) || !d.recurrent()) continue;
            LayerSpec src = layers.stream().filter(l -> d.recurrentFrom().equals(l.name())).findFirst().orElse(null);
            if (!(src instanceof LayerSpec.Dense s)) {
                throw items.get(i).error("recurrent_from", d.recurrentFrom(), "the name of a dense layer: this one, or a"
                        + " later one whose spikes return to it one step later");
            }
            layers.set(i, new LayerSpec.Dense(d.name(), d.units(), d.config(), d.init(), d.weightScale(), d.origin(),
                    d.recurrentFrom(), s.units()));
        }
        root.finish();
        return new Network(name, in, layers, rowSplit, root.file());
    }

    private static LayerSpec layer(SpecNode n, int index) {
        LayerType type = n.requireEnum("type", LayerType.class);
        String name = n.optString("name", type.name().toLowerCase(java.util.Locale.ROOT) + index);
        String origin = n.path() + " `" + name + "`";
        LayerSpec out;
        switch (type) {
            case DENSE: {
                int units = n.requireInt("units", 1, MAX_UNITS);
                // spiking recurrence: the rows below the inputs take this layer's, or a later dense layer's, spikes of
                // the step before (its units are filled in once every layer is read)
                String from = n.optString("recurrent_from", null);
                out = new LayerSpec.Dense(name, units, config(n), init(n), weightScale(n), origin, from, 0);
                break;
            }
            case CONV2D: {
                int channels = n.requireInt("channels", 1, MAX_CHANNELS);
                int kernel = n.requireInt("kernel", 1, MAX_KERNEL);
                int stride = n.optInt("stride", 1, 1, MAX_KERNEL);
                int padding = n.optInt("padding", 0, 0, MAX_KERNEL);
                out = new LayerSpec.Conv2d(name, channels, kernel, stride, padding, config(n), init(n), weightScale(n), origin);
                break;
            }
            case MAXPOOL:
            case AVGPOOL: {
                int kernel = n.requireInt("kernel", 1, MAX_KERNEL);
                int stride = n.optInt("stride", kernel, 1, MAX_KERNEL);
                out = new LayerSpec.Pool(name, type == LayerType.MAXPOOL ? LayerKind.MAXPOOL : LayerKind.AVGPOOL, kernel,
                        stride, origin);
                break;
            }
            default:
                out = new LayerSpec.Flatten(name, origin);
        }
        n.finish();
        return out;
    }

    private static NeuronConfig config(SpecNode n) {
        NeuronModel neuron = neuron(n);
        Activation act = activation(n);
        Competition comp = competition(n);
        LearningRule rule = rule(n, comp);
        InputNorm norm = norm(n);
        return new NeuronConfig(neuron, act, comp, rule, norm);
    }

    public static final double MIN_NORM_EPS = 1e-12;

    /** Reads {@code norm} of a weighted layer: none (default), batch, or {kind: batch, eps} with eps in [1e-12, 1]. */
    public static InputNorm norm(SpecNode layer) {
        Kinded<InputNorm.Kind> k = kinded(layer, "norm", InputNorm.Kind.class, InputNorm.Kind.NONE);
        SpecNode p = k.params();
        InputNorm m = k.kind() == InputNorm.Kind.BATCH
                ? InputNorm.batch(p.optDouble("eps", InputNorm.DEFAULT_EPS, MIN_NORM_EPS, 1)) : InputNorm.none();
        p.finish();
        return m;
    }

    /** A kind and its parameter mapping; a plain word stands for a mapping with just that kind. */
    private record Kinded<E extends Enum<E>>(E kind, SpecNode params) {}

    private static <E extends Enum<E>> Kinded<E> kinded(SpecNode parent, String key, Class<E> type, E dflt) {
        String childPath = parent.path().isEmpty() ? key : parent.path() + "." + key;
        JsonNode v = parent.raw().get(key);
        if (v == null || v.isNull()) {
            parent.optString(key, null);
            return new Kinded<>(dflt, SpecNode.empty(parent.file(), childPath));
        }
        if (v.isObject()) {
            SpecNode p = parent.optObject(key);
            return new Kinded<>(p.requireEnum("kind", type), p);
        }
        String text = parent.optString(key, null);
        return new Kinded<>(parent.parseEnum(key, text, type), SpecNode.empty(parent.file(), childPath));
    }

    /** Reads {@code neuron} of a layer mapping. */
    public static NeuronModel neuron(SpecNode layer) {
        Kinded<NeuronKind> k = kinded(layer, "neuron", NeuronKind.class, NeuronKind.RATE);
        SpecNode p = k.params();
        NeuronModel m;
        if (k.kind() == NeuronKind.LIF) {
            double decay = p.optDouble("decay", 0.9, 0, 1);
            double threshold = p.optDouble("threshold", 1.0, 1e-12, 1e12);
            LifParams.Reset reset = p.optEnum("reset", LifParams.Reset.class, LifParams.Reset.ZERO);
            int refractory = p.optInt("refractory", 0, 0, 1 << 20);
            double thetaPlus = p.optDouble("theta_plus", 0, 0, 1e12);
            double thetaDecay = p.optDouble("theta_decay", 1, 0, 1);
            m = new NeuronModel.Lif(new LifParams(decay, threshold, reset, 0, refractory, thetaPlus, thetaDecay));
        } else {
            m = new NeuronModel.Rate();
        }
        p.finish();
        return m;
    }

    /** Reads {@code activation} of a layer mapping. */
    public static Activation activation(SpecNode layer) {
        Kinded<ActivationKind> k = kinded(layer, "activation", ActivationKind.class, ActivationKind.IDENTITY);
        SpecNode p = k.params();
        Activation a;
        switch (k.kind()) {
            case RELU: a = Activation.relu(); break;
            case CLAMP: {
                double lo = p.requireDouble("low", -1e12, 1e12);
                double hi = p.requireDouble("high", -1e12, 1e12);
                if (!(hi > lo)) throw p.error("high", hi, "must be greater than low (" + lo + ")");
                a = Activation.clamp(lo, hi);
                break;
            }
            case TRIANGLE: a = Activation.triangle(p.optDouble("power", 1, 1e-6, 16)); break;
            default: a = Activation.identity();
        }
        p.finish();
        return a;
    }

    /** Reads {@code competition} of a layer mapping. */
    public static Competition competition(SpecNode layer) {
        Kinded<Competition.Kind> k = kinded(layer, "competition", Competition.Kind.class, Competition.Kind.NONE);
        SpecNode p = k.params();
        Competition c;
        switch (k.kind()) {
            case HARD_WTA: {
                double inh = p.optDouble("inhibition", 0, 0, 1e12);
                if (inh == 0) {
                    p.optDouble("inhibition_floor", 0, -1e12, 1e12);
                    c = Competition.hardWta();
                } else {
                    c = Competition.hardWta(inh, p.requireDouble("inhibition_floor", -1e12, -1e-12));
                }
                break;
            }
            case K_WTA: c = Competition.kWta(p.requireInt("k", 1, MAX_UNITS)); break;
            case SOFTMAX: c = Competition.softmax(p.requireDouble("temperature", 1e-9, 1e9)); break;
            default: c = Competition.none();
        }
        p.finish();
        return c;
    }

    /** Reads {@code rule} of a layer mapping; SoftHebb-type rules take tau from a softmax competition by default. */
    public static LearningRule rule(SpecNode layer, Competition comp) {
        Kinded<RuleKind> k = kinded(layer, "rule", RuleKind.class, RuleKind.NONE);
        SpecNode p = k.params();
        LearningRule r;
        switch (k.kind()) {
            case HEBB:
                r = new LearningRule.Hebb(eta(p), p.optDouble("decay", 0, 0, MAX_ETA));
                break;
            case OJA:
                r = new LearningRule.Oja(eta(p));
                break;
            case HARD_WTA:
                r = new LearningRule.HardWta(eta(p),
                        p.optEnum("variant", LearningRule.HardWta.Variant.class, LearningRule.HardWta.Variant.INSTAR));
                break;
            case SOFTHEBB: {
                double eta = eta(p);
                double tau = tau(p, comp);
                r = new LearningRule.SoftHebb(eta, tau, p.optDouble("bias_eta", 0, 0, MAX_ETA),
                        p.optDouble("adaptive_power", 0, 0, 16), p.optEnum("scaling", UpdateScaling.class, UpdateScaling.PER_NEURON));
                break;
            }
            case SOFT_ANTI_HEBB: {
                double eta = eta(p);
                double tau = tau(p, comp);
                r = new LearningRule.SoftAntiHebb(eta, tau, p.optDouble("power", 0.5, 0, 16),
                        p.optEnum("scaling", UpdateScaling.class, UpdateScaling.PER_NEURON));
                break;
            }
            case STDP: {
                LearningRule.Stdp.Form form = p.optEnum("form", LearningRule.Stdp.Form.class, LearningRule.Stdp.Form.PAIR);
                double etaPre = p.requireDouble("eta_pre", 0, MAX_ETA);
                double etaPost = p.requireDouble("eta_post", 0, MAX_ETA);
                double tPre = p.optDouble("tau_pre_ms", 20, 1e-6, 1e9);
                double tPost = p.optDouble("tau_post_ms", 20, 1e-6, 1e9);
                double tPost2 = p.optDouble("tau_post2_ms", 40, 1e-6, 1e9);
                double wMin = p.optDouble("w_min", 0, -1e12, 1e12);
                double wMax = p.optDouble("w_max", 1, -1e12, 1e12);
                if (!(wMax > wMin)) throw p.error("w_max", wMax, "must be greater than w_min (" + wMin + ")");
                double norm = p.optDouble("normalise_sum", 0, 0, MAX_NORMALISE_SUM);
                r = new LearningRule.Stdp(form, etaPre, etaPost, tPre, tPost, tPost2, wMin, wMax, norm);
                break;
            }
            default:
                r = new LearningRule.None();
        }
        p.finish();
        return r;
    }

    private static double eta(SpecNode p) { return p.requireDouble("eta", 0, MAX_ETA); }

    private static double tau(SpecNode p, Competition comp) {
        boolean hasTau = p.has("tau");
        boolean hasTemp = p.has("temperature");
        if (hasTau && hasTemp) throw p.error("temperature", null, "give tau or temperature, not both");
        if (hasTau) return p.requireDouble("tau", 1e-9, 1e9);
        if (hasTemp) return p.requireDouble("temperature", 1e-9, 1e9);
        p.optDouble("tau", 0, 0, 0);
        p.optDouble("temperature", 0, 0, 0);
        if (comp.kind() == Competition.Kind.SOFTMAX) return comp.temperature();
        throw p.error("tau", null, "required when the competition is not softmax (it defaults to the softmax temperature)");
    }

    private static Init init(SpecNode n) {
        if (!n.has("init")) {
            n.optObject("init");
            return Init.normal(1);
        }
        SpecNode p = n.optObject("init");
        InitKind kind = p.requireEnum("kind", InitKind.class);
        double r = p.requireDouble("radius", 1e-9, 1e9);
        p.finish();
        switch (kind) {
            case UNIFORM_POSITIVE: return Init.uniformPositive(r);
            case UNIFORM_SYMMETRIC: return Init.uniformSymmetric(r);
            default: return Init.normal(r);
        }
    }

    private static WeightScale weightScale(SpecNode n) {
        JsonNode v = n.raw().get("weight_scale");
        if (v != null && v.isNumber()) return WeightScale.of(n.requireDouble("weight_scale", 1e-12, 1e12));
        String s = n.optString("weight_scale", "auto");
        if (!s.equals("auto")) throw n.error("weight_scale", "'" + s + "'", "auto or a number in [1e-12, 1e12]");
        return WeightScale.AUTO;
    }
}
