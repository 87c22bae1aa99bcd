package io.engram.runtime.validate;

import java.util.List;
import java.util.Map;

/**
 * What one validation case produced: its points, the lines it prints beyond the point table, and the details that go
 * into {@code validation.json} under the case's name (series, breakdowns).
 */
public record CaseResult(String name, String title, String validates, String doesNotValidate, List<Point> points,
                         List<String> lines, Map<String, Object> details) {
    public CaseResult {
        points = List.copyOf(points);
        lines = List.copyOf(lines);
    }
}
