package io.engram.chip.tech;

/**
 * Static figures of one instance of a component class (see {@link Component#instanceUnit()}), each with its source.
 *
 * @param leakageMw     static power of one instance while powered
 * @param leakageSource where the leakage figure comes from
 * @param areaUm2       silicon area of one instance (technology files give um2 or F^2 at the file's feature size)
 * @param areaSource    where the area figure comes from
 */
public record PerInstance(double leakageMw, String leakageSource, double areaUm2, String areaSource) {
    public PerInstance {
        if (!(leakageMw >= 0) || Double.isInfinite(leakageMw)) throw new IllegalArgumentException("leakageMw " + leakageMw);
        if (!(areaUm2 >= 0) || Double.isInfinite(areaUm2)) throw new IllegalArgumentException("areaUm2 " + areaUm2);
        if (leakageSource == null || leakageSource.isBlank()) throw new IllegalArgumentException("leakage needs a source");
        if (areaSource == null || areaSource.isBlank()) throw new IllegalArgumentException("area needs a source");
    }

    /** The same instance scaled by a factor (an ADC of another resolution); the sources say so. */
    public PerInstance scaled(double factor, String why) {
        return new PerInstance(leakageMw * factor, leakageSource + "; " + why, areaUm2 * factor, areaSource + "; " + why);
    }
}
