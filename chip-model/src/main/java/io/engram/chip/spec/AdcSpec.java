package io.engram.chip.spec;

/**
 * Column read-out. {@code SAR}: {@code bits} of resolution over a signed full-scale range of
 * {@code fullScale} x (largest possible column signal of one read), clipped outside; columns share ADCs
 * ({@code columnsPerAdc} columns per converter, converted one after another). {@code IDEAL}: infinite precision.
 */
public record AdcSpec(Mode mode, int bits, int columnsPerAdc, double fullScale) {
    public enum Mode { SAR, IDEAL }

    public AdcSpec {
        if (mode == Mode.SAR && (bits < 1 || bits > 16)) throw new IllegalArgumentException("bits " + bits);
        if (columnsPerAdc < 1) throw new IllegalArgumentException("columnsPerAdc");
        if (!(fullScale > 0 && fullScale <= 1)) throw new IllegalArgumentException("fullScale");
    }

    static AdcSpec read(SpecNode n, int cols) {
        Mode m = n.optEnum("mode", Mode.class, Mode.SAR);
        int bits = n.optInt("bits", 8, 1, 16);
        int cpa = n.optInt("columns_per_adc", 8, 1, cols);
        double fs = n.optDouble("full_scale", 0.25, 1e-6, 1.0);
        n.finish();
        return new AdcSpec(m, bits, cpa, fs);
    }
}
