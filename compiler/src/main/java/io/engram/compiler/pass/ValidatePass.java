package io.engram.compiler.pass;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.LifParams;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.program.Shape;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.Describe;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.NeuronConfig;
import io.engram.compiler.ir.ShapedIr;
import io.engram.compiler.ir.ShapedIr.ShapedLayer;
import io.engram.compiler.ir.WeightScale;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * validate: checks a network as a whole and resolves every layer's shapes. Reports all problems it finds; after an
 * error in a layer's shape the following layers are still checked for everything that does not depend on shapes.
 */
public final class ValidatePass {
    private ValidatePass() {}

    public static ShapedIr run(Network net, PassContext ctx) {
        List<ShapedLayer> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Shape shape = fits(net.input(), "input of network `" + net.name() + "`", "the input", ctx) ? net.input() : null;
        boolean seenWeighted = false;
        int weighted = 0;
        long synapses = 0, neurons = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            LayerSpec l = net.layers().get(i);
            String where = l.origin();
            if (l.name() == null || l.name().isBlank()) {
                ctx.report(DiagCode.E109, where, "layer " + i + " has no name", "give every layer a unique name");
            } else if (!names.add(l.name())) {
                ctx.report(DiagCode.E101, where, "layer name `" + l.name() + "` is used twice",
                        "layer names must be unique; they name tiles, HDF5 groups and report lines");
            }
            Shape next = null;
            if (l instanceof LayerSpec.Dense d) {
                weighted++;
                seenWeighted = true;
                checkWeighted(d, d.units(), ctx);
                if (d.units() < 1) {
                    ctx.report(DiagCode.E109, where, "units = " + d.units() + "; a dense layer needs at least 1 unit", "");
                } else if (shape != null) {
                    if (shape.height() != 1 || shape.width() != 1) {
                        ctx.report(DiagCode.E102, where, "dense layer `" + d.name() + "` receives a " + shape
                                + " tensor but needs a flat vector", "add a flatten layer before `" + d.name() + "`");
                    } else {
                        next = Shape.flat(d.units());
                    }
                }
            } else if (l instanceof LayerSpec.Conv2d c) {
                weighted++;
                seenWeighted = true;
                checkWeighted(c, c.channels(), ctx);
                boolean ok = positive(ctx, where, "channels", c.channels(), 1) & positive(ctx, where, "kernel", c.kernel(), 1)
                        & positive(ctx, where, "stride", c.stride(), 1) & positive(ctx, where, "padding", c.padding(), 0);
                if (ok && shape != null) {
                    int oh = outSize(shape.height(), c.kernel(), c.stride(), c.padding());
                    int ow = outSize(shape.width(), c.kernel(), c.stride(), c.padding());
                    if (oh < 1 || ow < 1) {
                        ctx.report(DiagCode.E103, where, "kernel " + c.kernel() + " does not fit the input " + shape
                                        + " with padding " + c.padding(),
                                "use a kernel of at most " + (Math.min(shape.height(), shape.width()) + 2 * c.padding())
                                        + " or add padding");
                    } else {
                        next = new Shape(c.channels(), oh, ow);
                    }
                }
            } else if (l instanceof LayerSpec.Pool p) {
                if (!seenWeighted) {
                    ctx.report(DiagCode.E104, where, Describe.lower(p.kind()) + " layer `" + p.name()
                                    + "` comes before any dense or conv2d layer; pooling runs in the neuron units of the"
                                    + " cores of the layer before it",
                            "pool the input before it reaches the chip, or put a weighted layer first");
                }
                boolean ok = positive(ctx, where, "kernel", p.kernel(), 1) & positive(ctx, where, "stride", p.stride(), 1);
                if (ok && shape != null) {
                    int oh = outSize(shape.height(), p.kernel(), p.stride(), 0);
                    int ow = outSize(shape.width(), p.kernel(), p.stride(), 0);
                    if (oh < 1 || ow < 1) {
                        ctx.report(DiagCode.E103, where, "pooling kernel " + p.kernel() + " is larger than its input " + shape,
                                "use a kernel of at most " + Math.min(shape.height(), shape.width()));
                    } else {
                        next = new Shape(shape.channels(), oh, ow);
                    }
                }
            } else if (l instanceof LayerSpec.Flatten) {
                if (shape != null) next = Shape.flat(shape.size());
            }
            if (next != null && !fits(next, where, "the output of layer `" + l.name() + "`", ctx)) next = null;
            if (shape != null && next != null && l instanceof LayerSpec.Weighted && !weightsFit(new ShapedLayer(i, l,
                    shape, next), where, ctx)) {
                next = null;
            }
            if (shape != null && next != null && l instanceof LayerSpec.Weighted w && w.init() instanceof Init.Given g) {
                ShapedLayer probe = new ShapedLayer(i, l, shape, next);
                if (g.rows() != probe.rows() || g.cols() != probe.cols()) {
                    ctx.report(DiagCode.E109, where, "given weights are " + g.rows() + "x" + g.cols() + " but layer `"
                            + l.name() + "` needs " + probe.rows() + "x" + probe.cols() + " (fan-in x neurons)", "");
                    next = null;
                }
            }
            if (shape != null && next != null) {
                ShapedLayer sl = new ShapedLayer(i, l, shape, next);
                out.add(sl);
                synapses += sl.synapses();
                if (l instanceof LayerSpec.Weighted) neurons += next.size();
            }
            shape = next;
        }
        if (weighted == 0) {
            ctx.report(DiagCode.E108, "network `" + net.name() + "`", "the network has no dense or conv2d layer, so"
                    + " nothing would run on the crossbars", "add at least one dense or conv2d layer");
        }
        checkRecurrence(net.layers(), ctx);
        if (ctx.diags().hasErrors()) return null;
        return new ShapedIr(net, out, new ShapedIr.Stats(out.size(), weighted, synapses, neurons));
    }

    /** Most elements of one Java array (the JVM's limit is a little below Integer.MAX_VALUE). */
    static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    /** A tensor the simulator can hold in one array (its int size would overflow otherwise); E109 with the numbers. */
    private static boolean fits(Shape s, String where, String what, PassContext ctx) {
        long n = (long) s.channels() * s.height() * s.width();
        if (n <= MAX_ARRAY_ELEMENTS) return true;
        ctx.report(DiagCode.E109, where, what + " is " + s + " = " + String.format(java.util.Locale.ROOT, "%,d", n)
                + " values, more than the simulator holds in one array (" + String.format(java.util.Locale.ROOT, "%,d",
                MAX_ARRAY_ELEMENTS) + ")", "make the shape smaller");
        return false;
    }

    /**
     * A weight matrix the simulator can build: at most one array's elements and, at 4 bytes a weight, within the
     * heap this JVM has left (its maximum less what it holds now: a matrix as large as the whole heap, 1x16777216x28
     * into a dense layer, passed a comparison with the maximum alone and ran out of memory). Checked here, before
     * anything is allocated, with the chip's whole capacity for comparison (the placement pass counts cores exactly
     * for networks the simulator can build).
     */
    private static boolean weightsFit(ShapedLayer sl, String where, PassContext ctx) {
        long weights = (long) sl.rows() * sl.cols();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long bytes = weights * Float.BYTES;
        if (sl.rows() > 0 && weights <= MAX_ARRAY_ELEMENTS && bytes <= heap) return true;
        var xb = ctx.chip().core().crossbar();
        long capacity = (long) ctx.chip().mesh().cores() * xb.rows() * xb.weightCols();
        java.util.Locale r = java.util.Locale.ROOT;
        ctx.report(DiagCode.E109, where, "layer `" + sl.spec().name() + "` has " + String.format(r, "%,d", (long) sl.rows())
                + " x " + String.format(r, "%,d", (long) sl.cols()) + " = " + String.format(r, "%,d", weights)
                + " weights (fan-in x neurons): more than the simulator holds in one array (" + String.format(r, "%,d",
                MAX_ARRAY_ELEMENTS) + ") or in the heap this JVM has left (" + String.format(r, "%,d", heap) + " bytes at 4 bytes a"
                + " weight); chip `" + ctx.chip().name() + "` holds " + String.format(r, "%,d", capacity) + " weights ("
                + ctx.chip().mesh().cores() + " cores x " + xb.rows() + " rows x " + xb.weightCols() + " weight columns)",
                "make the layer smaller or split it over several layers");
        return false;
    }

    static int outSize(int in, int k, int s, int p) {
        int span = in + 2 * p - k;
        return span < 0 ? 0 : span / s + 1;
    }

    private static boolean positive(PassContext ctx, String where, String field, int v, int min) {
        if (v >= min) return true;
        ctx.report(DiagCode.E109, where, field + " = " + v + "; allowed range [" + min + ", " + Integer.MAX_VALUE + "]", "");
        return false;
    }

    /**
     * A recurrent dense layer's rows below its inputs take the spikes of the step before of a dense layer with spiking
     * neurons at or after it (itself, or a later layer: feedback to an earlier layer), one row per neuron.
     */
    private static void checkRecurrence(List<LayerSpec> layers, PassContext ctx) {
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof LayerSpec.Dense d) || !d.recurrent()) continue;
            int src = -1;
            for (int j = 0; j < layers.size(); j++) if (d.recurrentFrom().equals(layers.get(j).name())) src = j;
            if (src < i) {
                ctx.report(DiagCode.E109, d.origin(), "layer `" + d.name() + "` takes recurrent spikes from `"
                        + d.recurrentFrom() + "`, " + (src < 0 ? "which is not a layer of the network" : "which comes"
                        + " before it (spikes flow forward; a recurrence returns to the same or an earlier layer)"),
                        "name the layer itself or a later dense layer");
                continue;
            }
            if (!(layers.get(src) instanceof LayerSpec.Dense s) || s.units() != d.recurrentUnits()
                    || !(s.config().neuron() instanceof NeuronModel.Lif)) {
                ctx.report(DiagCode.E109, d.origin(), "layer `" + d.name() + "` has " + d.recurrentUnits() + " recurrent rows"
                        + " for `" + d.recurrentFrom() + "`, which must be a dense layer of as many lif neurons", "");
            }
        }
    }

    private static void checkWeighted(LayerSpec.Weighted w, int groupSize, PassContext ctx) {
        String where = w.origin();
        NeuronConfig c = w.config();
        LearningRule r = c.rule();
        Competition comp = c.competition();
        if (r.learns() && !r.learnsInRateMode() && !(c.neuron() instanceof NeuronModel.Lif)) {
            ctx.report(DiagCode.E106, where, "rule " + r.kindName() + " needs spiking neurons but layer `" + w.name() + "` has rate neurons",
                    "set neuron: lif, or choose a rate-based rule (hebb, oja, hard-wta, softhebb, soft-anti-hebb)");
        }
        if (w instanceof LayerSpec.Dense d && d.recurrent() && !(c.neuron() instanceof NeuronModel.Lif)) {
            ctx.report(DiagCode.E109, where, "layer `" + w.name() + "` is recurrent (it receives the spikes of `"
                    + d.recurrentFrom() + "` of the step before), which needs spiking neurons; it has rate neurons", "set neuron: lif");
        }
        if (w instanceof LayerSpec.Conv2d && c.neuron() instanceof NeuronModel.Lif
                && (comp.kind() != Competition.Kind.NONE || r.learns())) {
            ctx.report(DiagCode.E109, where, "layer `" + w.name() + "` is a convolution with lif neurons and "
                    + (comp.kind() != Competition.Kind.NONE ? "competition " + Describe.lower(comp.kind())
                    : "rule " + r.kindName()) + "; on spikes a convolution runs without competition and without learning",
                    "use competition: none and rule: none on the convolution, or put the competition and learning on a"
                            + " dense layer");
        }
        if (c.norm().on() && c.neuron() instanceof NeuronModel.Lif) {
            ctx.report(DiagCode.E109, where, "norm " + Describe.lower(c.norm().kind()) + " standardises rate inputs, but layer `"
                    + w.name() + "` has lif neurons (spiking mode runs no input norm)", "remove norm, or set neuron: rate");
        }
        if (c.norm().on() && !(c.norm().eps() > 0 && c.norm().eps() <= 1)) bad(ctx, where, "norm eps", c.norm().eps(), "(0, 1]");
        if (r.learnsWinnerOnly() && comp.kind() != Competition.Kind.HARD_WTA
                && !(comp.kind() == Competition.Kind.K_WTA && comp.k() == 1)) {
            ctx.report(DiagCode.E105, where, "rule " + r.kindName() + " updates the winner only, but the competition is "
                    + Describe.competition(comp), "set competition: { kind: hard-wta }");
        }
        if (r.learnsFromSoftmax() && comp.kind() != Competition.Kind.SOFTMAX) {
            ctx.report(DiagCode.E105, where, "rule " + Describe.ruleKind(r) + " learns from softmax(u/tau), but the"
                    + " competition is " + Describe.competition(comp), "set competition: { kind: softmax, temperature: ... }");
        }
        double tau = r.tau();
        if (!Double.isNaN(tau) && comp.kind() == Competition.Kind.SOFTMAX
                && Math.abs(tau - comp.temperature()) > 1e-9 * Math.max(1, Math.abs(tau))) {
            ctx.report(DiagCode.W101, where, "rule tau " + Fmt.num(tau) + " differs from the competition temperature "
                    + Fmt.num(comp.temperature()) + "; the competition unit computes one softmax, with the competition's"
                    + " temperature", "use the same value, or leave the rule's tau out");
        }
        if (comp.kind() == Competition.Kind.K_WTA && groupSize >= 1 && comp.k() > groupSize) {
            ctx.report(DiagCode.E107, where, "k-wta with k = " + comp.k() + " but layer `" + w.name() + "` has only "
                    + groupSize + " neurons per group", "use k <= " + groupSize);
        }
        // Values the YAML reader range-checks already; a Java caller or an NIR file can still get them wrong.
        if (!(r.eta() >= 0) || Double.isInfinite(r.eta())) bad(ctx, where, "rule eta", r.eta(), "a finite value >= 0");
        if (!Double.isNaN(tau) && !(tau > 0)) bad(ctx, where, "rule tau", tau, "a value > 0");
        if (!Double.isNaN(r.weightLow()) && !(r.weightLow() < r.weightHigh())) {
            bad(ctx, where, r.kindName() + " w_min", r.weightLow(), "a value below w_max " + Fmt.num(r.weightHigh()));
        }
        Activation a = c.activation();
        if (a.kind() == Activation.Kind.TRIANGLE && !(a.power() > 0)) bad(ctx, where, "triangle power", a.power(), "a value > 0");
        if (a.kind() == Activation.Kind.CLAMP && !(a.clampLow() < a.clampHigh())) {
            bad(ctx, where, "clamp low", a.clampLow(), "a value below high " + Fmt.num(a.clampHigh()));
        }
        if (c.neuron() instanceof NeuronModel.Lif lif) {
            LifParams p = lif.params();
            if (!(p.threshold() > 0)) bad(ctx, where, "lif threshold", p.threshold(), "a value > 0");
            if (!(p.thetaDecay() >= 0 && p.thetaDecay() <= 1)) bad(ctx, where, "lif theta_decay", p.thetaDecay(), "[0, 1]");
        }
        Init init = w.init();
        double radius = init instanceof Init.UniformPositive u ? u.radius() : init instanceof Init.Normal n ? n.radius()
                : init instanceof Init.UniformSymmetric s ? s.radius() : 1;
        if (!(radius > 0) || Double.isInfinite(radius)) bad(ctx, where, "init radius", radius, "a finite value > 0");
        WeightScale ws = w.weightScale();
        if (!ws.auto() && (!(ws.value() > 0) || Double.isInfinite(ws.value()))) {
            bad(ctx, where, "weight_scale", ws.value(), "a finite value > 0, or auto");
        }
    }

    private static void bad(PassContext ctx, String where, String field, double v, String allowed) {
        ctx.report(DiagCode.E109, where, field + " = " + Fmt.num(v) + "; allowed: " + allowed, "");
    }

    /** Verifier: every layer shaped, shapes chained. */
    public static void verify(ShapedIr ir) {
        Shape s = ir.network().input();
        if (ir.layers().size() != ir.network().layers().size()) throw new IllegalStateException("validate lost layers");
        for (ShapedLayer l : ir.layers()) {
            if (!l.in().equals(s)) throw new IllegalStateException("layer " + l.index() + " input " + l.in() + " != " + s);
            s = l.out();
        }
    }
}
