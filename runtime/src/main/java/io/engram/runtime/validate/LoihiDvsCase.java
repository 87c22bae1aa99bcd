package io.engram.runtime.validate;

import io.engram.chip.eventcore.EventChipSpec;
import io.engram.chip.eventcore.EventCosts;
import io.engram.chip.eventcore.EventKind;
import io.engram.chip.eventcore.EventNetwork;
import io.engram.chip.eventcore.EventRun;
import io.engram.chip.eventcore.EventSimulator;
import io.engram.chip.spec.SpecNode;
import io.engram.compiler.frontend.sanafe.SanafeNetworkReader;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SANA-FE's DVS gesture network on the {@code loihi} event chip, read from the user's copy of SANA-FE's network file
 * (GPL, never shipped), run for the case's number of time steps, priced with every event technology of the case.
 * Compared only with another model: silicon.md has no measured energy or latency of this workload.
 */
final class LoihiDvsCase implements ValidationCase {
    static final String NAME = "loihi";

    @Override
    public String name() { return NAME; }

    @Override
    public CaseResult run(Options o) {
        SpecNode c = CaseFiles.caseYaml(NAME);
        CaseFiles.Header header = CaseFiles.header(NAME, c);
        EventChipSpec chip = EventChipSpec.resolve(c.requireString("chip"));
        int steps = c.requireInt("steps", 1, 1_000_000);
        SpecNode tn = c.object("technologies");
        List<String> techs = new ArrayList<>();
        for (String k : tn.keys()) {
            tn.requireString(k);
            techs.add(k);
        }
        tn.finish();
        String sanafeClaim = c.requireString("sanafe_against_silicon");
        String sanafeHost = c.requireString("sanafe_host_cost");
        c.finish();
        List<String> lines = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        if (o.sanafe() == null || !Files.isRegularFile(o.sanafe())) {
            lines.add("skipped: SANA-FE's DVS gesture network not found at " + o.sanafe()
                    + " (give its path with --sanafe; the file is GPL and not shipped with Engram)");
            details.put("skipped", "network file not found: " + o.sanafe());
            return header.result(List.of(), lines, details);
        }
        HostMeter meter = HostMeter.start();
        EventNetwork net = SanafeNetworkReader.read(o.sanafe(), chip);
        double readS = meter.seconds();
        EventRun run = new EventSimulator(chip, net).run(steps);
        double totalS = meter.seconds();
        double heap = meter.peakHeapMib();
        lines.add(String.format(Locale.ROOT, "network %s: %,d neurons in %d groups, %,d synapses, %d cores on %d tiles "
                + "of chip %s; %d time steps", net.name(), net.neurons(), net.groupNames().size(), net.synapses(),
                run.coresUsed(), run.tilesUsed(), chip.name(), steps));
        StringBuilder sp = new StringBuilder("spikes per group:");
        Map<String, Long> spikes = new LinkedHashMap<>();
        for (int g = 0; g < net.groupNames().size(); g++) {
            sp.append(' ').append(net.groupNames().get(g)).append('=').append(run.totalSpikes(g));
            spikes.put(net.groupNames().get(g), run.totalSpikes(g));
        }
        lines.add(sp.toString());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (EventKind k : EventKind.values()) counts.put(k.key(), run.total(k));
        details.put("network", ValidationRunner.ordered("name", net.name(), "neurons", net.neurons(), "synapses", net.synapses(),
                "cores_used", run.coresUsed(), "tiles_used", run.tilesUsed(), "steps", steps));
        details.put("spikes_by_group", spikes);
        details.put("event_counts", counts);
        List<Point> points = new ArrayList<>();
        Map<String, Object> byTech = new LinkedHashMap<>();
        for (String t : techs) {
            EventCosts costs = EventCosts.resolve(t);
            double[] e = run.energyPerStepPj(costs);
            double[] l = run.latencyPerStepNs(costs);
            Stats es = Stats.of(e);
            Stats ls = Stats.of(l);
            lines.add(String.format(Locale.ROOT, "technology %s: energy per step mean %.2f nJ (min %.2f, max %.2f); "
                    + "latency per step mean %.2f us (min %.2f, max %.2f)", costs.name(), es.mean() / 1e3,
                    es.min() / 1e3, es.max() / 1e3, ls.mean() / 1e3, ls.min() / 1e3, ls.max() / 1e3));
            double total = 0;
            for (double v : e) total += v;
            Map<String, Object> breakdown = new LinkedHashMap<>();
            lines.add("  event                     count        cost pJ    energy nJ    share");
            for (EventKind k : EventKind.values()) {
                double ek = run.energyPj(costs, k);
                breakdown.put(k.key(), ValidationRunner.ordered("count", run.total(k), "cost_pj", costs.cost(k).energyPj(),
                        "energy_pj", ek, "source", costs.cost(k).source()));
                lines.add(String.format(Locale.ROOT, "  %-22s %12d %12.2f %12.2f %7.2f %%", k.key(), run.total(k),
                        costs.cost(k).energyPj(), ek / 1e3, total == 0 ? 0 : 100 * ek / total));
            }
            double barrierPj = costs.barrier().energyPj() * steps;
            breakdown.put("barrier", ValidationRunner.ordered("count", steps, "cost_pj", costs.barrier().energyPj(),
                    "energy_pj", barrierPj, "source", costs.barrier().source()));
            Map<String, Object> td = new LinkedHashMap<>();
            td.put("energy_per_step_pj", ValidationRunner.ordered("mean", es.mean(), "min", es.min(), "max", es.max()));
            td.put("latency_per_step_ns", ValidationRunner.ordered("mean", ls.mean(), "min", ls.min(), "max", ls.max()));
            td.put("energy_series_pj", e);
            td.put("latency_series_ns", l);
            td.put("breakdown", breakdown);
            td.put("sha256", costs.sha256());
            byTech.put(costs.name(), td);
            points.add(new Point(NAME, costs.name() + " energy/step", steps + " steps, costs " + costs.name(),
                    "energy per time step", "nJ", null, "no silicon figure for this workload in silicon.md; "
                    + sanafeClaim, es.mean() / 1e3, Point.Role.COMPUTED, ""));
            points.add(new Point(NAME, costs.name() + " latency/step", steps + " steps, costs " + costs.name(),
                    "latency per time step", "us", null, "no silicon figure for this workload in silicon.md; "
                    + sanafeClaim, ls.mean() / 1e3, Point.Role.COMPUTED, ""));
        }
        details.put("technologies", byTech);
        lines.add(String.format(Locale.ROOT, "host: read %.2f s, read + run %.2f s, peak Java heap %.0f MiB "
                + "(SANA-FE: %s)", readS, totalS, heap, sanafeHost));
        return header.result(points, lines, details);
    }

    record Stats(double mean, double min, double max) {
        static Stats of(double[] v) {
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                s += x;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            return new Stats(s / v.length, lo, hi);
        }
    }
}
