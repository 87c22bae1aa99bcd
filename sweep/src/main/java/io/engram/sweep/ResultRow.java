package io.engram.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the results table: a point's parameters and its report's figures, or its error.
 *
 * @param params    the point's varying overrides, key to value text
 * @param metrics   {@link Metric} column to value (null where the report has none); empty for a failed point
 * @param wallTimeS seconds the point's run took in its worker (compile, train, evaluate, write the run folder)
 * @param runDir    the point's run folder (null when it was not kept)
 */
public record ResultRow(String point, String status, String error, String configHash, Map<String, String> params,
                        Map<String, Number> metrics, Double wallTimeS, String runDir) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public ResultRow {
        params = new LinkedHashMap<>(params);
        metrics = new LinkedHashMap<>(metrics);
    }

    public boolean ok() { return OK.equals(status); }

    public Double metric(Metric m) {
        Number n = metrics.get(m.column());
        return n == null ? null : n.doubleValue();
    }
}
