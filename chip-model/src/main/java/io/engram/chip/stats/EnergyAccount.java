package io.engram.chip.stats;

import io.engram.chip.tech.Action;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Energy computed after a run from counts and costs: dynamic = sum over lines of count x cost;
 * leakage = static power x instances x time.
 */
public record EnergyAccount(List<EnergyLine> lines, double dynamicPj, double leakagePj,
                            Map<Component, Double> byComponentPj) {

    public double totalPj() { return dynamicPj + leakagePj; }

    /**
     * @param counts      summed action counts
     * @param tech        costs
     * @param coreCount   cores powered (core components leak per core)
     * @param routerCount routers powered
     * @param cycles      elapsed cycles
     */
    public static EnergyAccount of(ActionCounters counts, Technology tech, int coreCount, int routerCount, long cycles) {
        List<EnergyLine> lines = new ArrayList<>();
        Map<Component, Double> byComp = new EnumMap<>(Component.class);
        double dyn = 0;
        for (Action a : Action.values()) {
            long n = counts.get(a);
            if (n == 0) continue;
            double cost = tech.energyPj(a);
            double e = n * cost;
            lines.add(new EnergyLine(a.component().key(), a.key(), n, cost, e, tech.cost(a).source()));
            dyn += e;
            byComp.merge(a.component(), e, Double::sum);
        }
        double seconds = cycles * tech.nsPerCycle() * 1e-9;
        double leak = 0;
        for (Component c : Component.values()) {
            int instances = switch (c) {
                case ROUTER, LINK -> routerCount;
                case BARRIER -> 1;
                default -> coreCount;
            };
            // mW x s = mJ = 1e9 pJ
            double e = tech.leakageMw(c) * instances * seconds * 1e9;
            leak += e;
        }
        return new EnergyAccount(Collections.unmodifiableList(lines), dyn, leak, Collections.unmodifiableMap(byComp));
    }
}
