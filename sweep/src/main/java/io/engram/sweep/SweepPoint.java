package io.engram.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of a sweep: the {@code --set}s that turn the base experiment into this point's experiment.
 *
 * @param sets    every override, in order (the sweep's fixed {@code set} first, then the axes', then the seed)
 * @param varying the overrides that the axes and seeds chose (the point's parameters in the results table)
 */
public record SweepPoint(int index, String id, List<String> sets, List<String> varying) implements Serializable {
    public SweepPoint {
        sets = List.copyOf(sets);
        varying = List.copyOf(varying);
    }

    /** Parameter name to value text, in order; a key set twice keeps its last value (as {@code --set} does). */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : varying) {
            int eq = a.indexOf('=');
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }

    /** The point as a command line: {@code --set a=1 --set b=2}. */
    public String commandLine() {
        StringBuilder b = new StringBuilder();
        for (String s : sets) b.append(b.length() == 0 ? "" : " ").append("--set ").append(s);
        return b.toString();
    }
}
