package io.engram.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto fronts of test accuracy (higher is better) against a cost (lower is better). A point is on the front when
 * no other point is at least as accurate and at most as costly and strictly better in one of the two.
 */
public final class Pareto {
    private Pareto() {}

    /** Successful points that have both figures. */
    public static List<ResultRow> candidates(List<ResultRow> rows, Metric cost) {
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            if (r.ok() && r.metric(Metric.ACCURACY_TEST) != null && r.metric(cost) != null) out.add(r);
        }
        return out;
    }

    /** The front among {@code rows}, ordered by rising cost (ties by point). */
    public static List<ResultRow> front(List<ResultRow> rows, Metric cost) {
        List<ResultRow> c = candidates(rows, cost);
        List<ResultRow> front = new ArrayList<>();
        for (ResultRow a : c) {
            boolean dominated = false;
            for (ResultRow b : c) {
                if (dominates(b, a, cost)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) front.add(a);
        }
        front.sort(Comparator.comparing((ResultRow r) -> r.metric(cost)).thenComparing(ResultRow::point));
        return front;
    }

    static boolean dominates(ResultRow b, ResultRow a, Metric cost) {
        double accA = a.metric(Metric.ACCURACY_TEST);
        double accB = b.metric(Metric.ACCURACY_TEST);
        double costA = a.metric(cost);
        double costB = b.metric(cost);
        return accB >= accA && costB <= costA && (accB > accA || costB < costA);
    }
}
