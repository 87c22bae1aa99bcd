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
 * Energy computed after a run from counts and costs: dynamic = sum over lines of count x cost; leakage = sum over
 * component classes of powered instances x static power per instance x elapsed time ({@link ChipInventory}).
 *
 * @param byComponentPj dynamic energy per component class
 */
public record EnergyAccount(List<EnergyLine> lines, double dynamicPj, List<LeakageLine> leakageLines, double leakagePj,
                            Map<Component, Double> byComponentPj) {
    /** mW x ns = pJ. */
    private static final double PJ_PER_MW_NS = 1.0;

    public EnergyAccount {
        lines = Collections.unmodifiableList(new ArrayList<>(lines));
        leakageLines = Collections.unmodifiableList(new ArrayList<>(leakageLines));
        byComponentPj = Collections.unmodifiableMap(new EnumMap<>(byComponentPj));
    }

    public double totalPj() { return dynamicPj + leakagePj; }

    /**
     * @param counts    summed action counts
     * @param tech      costs
     * @param inventory instances powered and their static power
     * @param cycles    elapsed cycles (leakage runs for all of them)
     */
    public static EnergyAccount of(ActionCounters counts, Technology tech, ChipInventory inventory, long cycles) {
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
        double ns = cycles * tech.nsPerCycle();
        List<LeakageLine> leakLines = new ArrayList<>();
        double leak = 0;
        for (ChipInventory.Item i : inventory.items()) {
            double instances = inventory.powered(i);
            if (instances == 0) continue;
            double mw = instances * i.each().leakageMw();
            double e = mw * ns * PJ_PER_MW_NS;
            leakLines.add(new LeakageLine(i.component().key(), i.component().instanceUnit(), instances,
                    i.each().leakageMw(), mw, e, i.each().leakageSource()));
            leak += e;
        }
        return new EnergyAccount(lines, dyn, leakLines, leak, byComp);
    }

    /** The dynamic energy of some counts (no leakage): sum of count x cost in action order. */
    public static double dynamicPj(ActionCounters counts, Technology tech) {
        double dyn = 0;
        for (Action a : Action.values()) {
            long n = counts.get(a);
            if (n != 0) dyn += n * tech.energyPj(a);
        }
        return dyn;
    }
}
