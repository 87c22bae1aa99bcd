package io.engram.sweep;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParetoTest {
    static ResultRow row(String id, double acc, double energy) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(Metric.ACCURACY_TEST.column(), acc);
        m.put(Metric.INFERENCE_ENERGY.column(), energy);
        return new ResultRow(id, ResultRow.OK, null, id, Map.of(), m, 1.0, null);
    }

    @Test
    void frontByHand() {
        // A (0.90, 10), B (0.80, 5), C (0.85, 12), D (0.80, 6), E (0.95, 20), F failed.
        // C is dominated by A (0.90 >= 0.85 and 10 <= 12); D by B (equal accuracy, 5 < 6). A, B and E are each best
        // in one direction among the rest: the front by rising energy is B, A, E.
        List<ResultRow> rows = new ArrayList<>(List.of(row("A", 0.90, 10), row("B", 0.80, 5), row("C", 0.85, 12),
                row("D", 0.80, 6), row("E", 0.95, 20)));
        rows.add(new ResultRow("F", ResultRow.FAILED, "boom", "F", Map.of(), Map.of(), 1.0, null));
        assertEquals(List.of("B", "A", "E"), Pareto.front(rows, Metric.INFERENCE_ENERGY).stream().map(ResultRow::point).toList());
        assertEquals(5, Pareto.candidates(rows, Metric.INFERENCE_ENERGY).size());
    }

    @Test
    void equalPointsBothStayOnTheFront() {
        // neither of two identical points is strictly better than the other
        List<ResultRow> rows = List.of(row("A", 0.9, 10), row("B", 0.9, 10), row("C", 0.5, 10));
        assertEquals(List.of("A", "B"), Pareto.front(rows, Metric.INFERENCE_ENERGY).stream().map(ResultRow::point).toList());
    }
}
