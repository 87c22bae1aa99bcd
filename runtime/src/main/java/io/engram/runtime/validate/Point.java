package io.engram.runtime.validate;

/**
 * One validated figure: what was configured, what Engram computed and, where a measurement exists, the measured
 * figure with its source.
 *
 * @param caseName      the case it belongs to
 * @param id            short name of the point inside its case, e.g. {@code 10/8 total}
 * @param configuration the setting it was computed at, in words
 * @param quantity      what is compared, e.g. {@code energy per op}
 * @param unit          unit of {@code measured} and {@code engram}
 * @param measured      the published figure, or null where there is none (a model-only figure)
 * @param source        where the published figure comes from (or why there is none)
 * @param engram        Engram's figure
 * @param role          how the point was used
 * @param note          why a point misses, or what it depends on; may be empty
 */
public record Point(String caseName, String id, String configuration, String quantity, String unit, Double measured,
                    String source, double engram, Role role, String note) {
    /** How a point was used: fitted on, predicted, compared with another model, or only computed. */
    public enum Role { CALIBRATION, PREDICTION, MODEL_COMPARISON, COMPUTED }

    /** (engram - measured) / measured, or null without a measurement. */
    public Double relativeError() { return measured == null ? null : (engram - measured) / measured; }
}
