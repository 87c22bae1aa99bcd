package io.engram.compiler.ir;

/**
 * The weight value that maps onto a full-range differential pair. {@code auto}: the largest |w| of the initial
 * weights (at least {@link #MIN_AUTO}); otherwise the given value.
 */
public record WeightScale(boolean auto, double value) {
    public static final double MIN_AUTO = 1e-6;
    public static final WeightScale AUTO = new WeightScale(true, Double.NaN);

    public static WeightScale of(double value) { return new WeightScale(false, value); }

    public String describe() { return auto ? "auto" : Fmt.num(value); }
}
