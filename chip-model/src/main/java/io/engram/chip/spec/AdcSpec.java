package io.engram.chip.spec;

/**
 * Column read-out. {@code SAR}: {@code bits} of resolution over a signed full-scale range of
 * {@code fullScale} x (largest possible column signal of one read), clipped outside; columns share ADCs
 * ({@code columnsPerAdc} columns per converter, converted one after another). {@code IDEAL}: infinite precision.
 * {@code sensing} says what one conversion reads for a differential pair: {@link Sensing#DIFFERENTIAL}, the pair's
 * two column currents subtracted before the ADC (one conversion per weight column, as ISAAC-style designs with a
 * current-mode subtractor do); {@link Sensing#PER_COLUMN}, every physical column converted on its own and the pair
 * subtracted digitally (two conversions per weight column, each quantised). Single-cell weights convert one column
 * per weight either way.
 */
public record AdcSpec(Mode mode, int bits, int columnsPerAdc, double fullScale, Sensing sensing) {
    public enum Mode { SAR, IDEAL }

    /** What one conversion reads for a differential pair ({@code core.adc.sensing}). */
    public enum Sensing { DIFFERENTIAL, PER_COLUMN }

    public AdcSpec {
        if (mode == Mode.SAR && (bits < 1 || bits > 16)) throw new IllegalArgumentException("bits " + bits);
        if (columnsPerAdc < 1) throw new IllegalArgumentException("columnsPerAdc");
        if (!(fullScale > 0 && fullScale <= 1)) throw new IllegalArgumentException("fullScale");
        if (sensing == null) throw new IllegalArgumentException("sensing");
    }

    /** A read-out with differential sensing. */
    public AdcSpec(Mode mode, int bits, int columnsPerAdc, double fullScale) {
        this(mode, bits, columnsPerAdc, fullScale, Sensing.DIFFERENTIAL);
    }

    /** The same read-out with another sensing. */
    public AdcSpec withSensing(Sensing s) { return new AdcSpec(mode, bits, columnsPerAdc, fullScale, s); }

    /** Conversions of one read of {@code cols} weight columns of {@code cellsPerWeight} physical columns each. */
    public int conversions(int cols, int cellsPerWeight) {
        return sensing == Sensing.PER_COLUMN ? cols * cellsPerWeight : cols;
    }

    static AdcSpec read(SpecNode n, int cols) {
        Mode m = n.optEnum("mode", Mode.class, Mode.SAR);
        int bits = n.optInt("bits", 8, 1, 16);
        int cpa = n.optInt("columns_per_adc", 8, 1, cols);
        double fs = n.optDouble("full_scale", 0.25, 1e-6, 1.0);
        Sensing sensing = n.optEnum("sensing", Sensing.class, Sensing.DIFFERENTIAL);
        n.finish();
        return new AdcSpec(m, bits, cpa, fs, sensing);
    }
}
