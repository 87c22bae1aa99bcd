package io.engram.runtime.report;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.sim.StepPhase;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.device.CellArray;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipInventory;
import io.engram.chip.stats.ChipStats;
import io.engram.chip.stats.NocStatsSnapshot;
import io.engram.chip.stats.Stat;
import io.engram.chip.stats.EnergyAccount;
import io.engram.chip.stats.EnergyLine;
import io.engram.chip.stats.Event;
import io.engram.chip.stats.LeakageLine;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Component;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Report} from a chip's statistics snapshot ({@link Chip#stats()}) after a run. Every figure is read
 * from the snapshot, never recounted from the live chip; every energy figure is priced by {@link EnergyAccount}.
 */
public final class ReportBuilder {
    /** Key of NoC energy in {@code energy.by_layer}. */
    public static final String NOC_KEY = "noc";
    /** Key in {@code energy.by_layer} of actions counted on cores that hold no tile. */
    public static final String UNASSIGNED_KEY = "unassigned";

    private ReportBuilder() {}

    /**
     * Settles the chip (so every core's states sum to the chip's cycles) and reports it.
     *
     * @param version engram version string for {@code engram_version}
     * @param acc     accuracy the runtime measured
     * @param phases  per-phase figures in the order they ran (may be empty)
     */
    public static Report from(Chip chip, long seed, String version, AccuracyFigures acc, List<PhaseStats> phases) {
        Objects.requireNonNull(acc, "acc");
        if (chip.program() == null) throw new IllegalStateException("no program loaded on the chip");
        chip.settle();
        return from(chip.stats(), chip.spec(), chip.program(), seed, version, acc, phases);
    }

    /**
     * Reports a statistics snapshot of a settled chip ({@link Chip#settle()}, then {@link Chip#stats()}).
     *
     * @param spec the chip's spec
     * @param prog the program the chip ran
     */
    public static Report from(ChipStats stats, ChipSpec spec, ChipProgram prog, long seed, String version,
                              AccuracyFigures acc, List<PhaseStats> phases) {
        Objects.requireNonNull(acc, "acc");
        Objects.requireNonNull(prog, "prog");
        long cycles = stats.cycles();
        Technology tech = spec.technology();
        int coreCount = stats.cores().size();
        String[] layerOf = layerOfCore(prog, coreCount);

        ActionCounters total = stats.totalCounts();
        ChipInventory inventory = inventory(spec, stats);
        EnergyAccount account = EnergyAccount.of(total, tech, inventory, cycles);
        long samples = stats.samples();

        List<Report.Phase> phaseList = new ArrayList<>();
        for (PhaseStats p : phases) phaseList.add(phase(p, tech, spec, inventory));

        return new Report(version, seed,
                new Report.ChipInfo(spec.name(), coreCount, List.of(spec.mesh().width(), spec.mesh().height()),
                        spec.clockMhz(), tech.name()),
                mapping(prog, spec),
                acc,
                new Report.Energy(account.totalPj(), account.dynamicPj(), account.leakagePj(), lines(account),
                        leakage(account, inventory), byComponent(account), byLayer(stats, prog, layerOf, tech),
                        ratio(account.totalPj(), samples), nocByKind(stats.noc(), tech)),
                efficiency(total.get(Event.SYNAPTIC_OP), phaseList, phases, isRate(prog), spec.nsPerCycle()),
                latency(stats, spec, samples),
                area(inventory),
                memory(stats, spec, prog),
                learning(stats, total),
                noc(stats.noc()),
                phaseList);
    }

    /** The chip's component instances, with the unused cores gated unless the chip keeps them powered. */
    static ChipInventory inventory(ChipSpec spec, ChipStats stats) {
        return ChipInventory.of(spec, stats.coresUsed());
    }

    /** The chip's component instances now, as {@link #inventory(ChipSpec, ChipStats)} counts them. */
    static ChipInventory inventory(Chip chip) {
        return ChipInventory.of(chip.spec(), chip.counters().coresUsed());
    }

    /** Whether every layer passes rates (no LIF neurons): TOPS/W is reported for rate inference only. */
    static boolean isRate(ChipProgram prog) {
        for (LayerProgram lp : prog.layers()) if (lp.neuron() instanceof NeuronModel.Lif) return false;
        return true;
    }

    private static Report.Leakage leakage(EnergyAccount account, ChipInventory inv) {
        List<Report.LeakageLine> lines = new ArrayList<>();
        double mw = 0;
        for (LeakageLine l : account.leakageLines()) {
            lines.add(new Report.LeakageLine(l.component(), l.unit(), l.instances(), l.perInstanceMw(), l.powerMw(),
                    l.energyPj(), l.source()));
            mw += l.powerMw();
        }
        return new Report.Leakage(inv.unusedCores().name().toLowerCase(Locale.ROOT), inv.coresPowered(), mw, lines);
    }

    private static Report.Area area(ChipInventory inv) {
        List<Report.AreaLine> lines = new ArrayList<>();
        double routerUm2 = 0;
        for (ChipInventory.Item i : inv.items()) {
            double n = i.instances(inv.cores());
            if (i.component() == Component.ROUTER) routerUm2 = i.each().areaUm2();
            if (n == 0) continue;
            lines.add(new Report.AreaLine(i.component().key(), i.component().instanceUnit(), n, i.each().areaUm2(),
                    inv.areaMm2(i), i.each().areaSource()));
        }
        return new Report.Area(inv.chipAreaMm2(), inv.coreAreaMm2(), routerUm2 / UM2_PER_MM2, lines);
    }

    private static final double UM2_PER_MM2 = 1e6;
    /** Operations per MAC in TOPS (a multiply and an add). */
    private static final double OPS_PER_MAC = 2;

    /**
     * Inference = the phases that updated no weight, training = the others; each group's energy, synaptic ops and
     * time summed over its phases.
     */
    static Report.Efficiency efficiency(long synOps, List<Report.Phase> reported, List<PhaseStats> phases,
                                        boolean rate, double nsPerCycle) {
        List<String> inf = new ArrayList<>();
        List<String> tr = new ArrayList<>();
        long[] infN = new long[3];
        long[] trN = new long[3];
        double[] infE = new double[1];
        double[] trE = new double[1];
        for (int i = 0; i < phases.size(); i++) {
            PhaseStats p = phases.get(i);
            Report.Phase r = reported.get(i);
            boolean learns = updates(p.counts()) > 0;
            (learns ? tr : inf).add(p.name());
            long[] n = learns ? trN : infN;
            n[0] += p.samples();
            n[1] += r.energy().synapticOps();
            n[2] += p.cycles();
            (learns ? trE : infE)[0] += r.energy().totalPj();
        }
        return new Report.Efficiency(synOps, group(inf, infN, infE[0], rate, nsPerCycle),
                group(tr, trN, trE[0], false, nsPerCycle));
    }

    private static Report.PhaseGroup group(List<String> names, long[] n, double energyPj, boolean tops,
                                           double nsPerCycle) {
        Double perOp = ratio(energyPj, n[1]);
        return new Report.PhaseGroup(names, n[0], n[1], energyPj, perOp,
                tops && perOp != null && energyPj > 0 ? OPS_PER_MAC / perOp : null,
                ratio(energyPj, n[2] * nsPerCycle));
    }

    /** Name of the layer whose tile each core holds (null for a free core). */
    static String[] layerOfCore(ChipProgram prog, int coreCount) {
        String[] of = new String[coreCount];
        for (int i = 0; i < prog.layers().size(); i++) {
            LayerProgram lp = prog.layers().get(i);
            for (Tile t : lp.tiles()) {
                if (t.core() < coreCount) of[t.core()] = layerKey(prog, i);
            }
        }
        return of;
    }

    /** A layer's key in reports: its name, or name#index when two layers share a name. */
    static String layerKey(ChipProgram prog, int index) {
        String name = prog.layers().get(index).name();
        long same = prog.layers().stream().filter(l -> l.name().equals(name)).count();
        return same > 1 ? name + "#" + index : name;
    }

    private static Double ratio(double num, long den) {
        return den == 0 ? null : num / den;
    }

    private static Double ratio(double num, double den) {
        return den == 0 ? null : num / den;
    }

    private static Report.Mapping mapping(ChipProgram prog, ChipSpec spec) {
        int w = spec.mesh().width();
        int pair = spec.core().crossbar().cellsPerWeight();
        double xbarCells = (double) spec.core().crossbar().rows() * spec.core().crossbar().cols();
        List<Report.TileInfo> tiles = new ArrayList<>();
        long cellsUsed = 0;
        for (int i = 0; i < prog.layers().size(); i++) {
            String key = layerKey(prog, i);
            for (Tile t : prog.layers().get(i).tiles()) {
                long cells = (long) t.rows() * t.cols() * pair;
                cellsUsed += cells;
                tiles.add(new Report.TileInfo(key, t.core(), t.core() % w, t.core() / w, t.rowStart(), t.rows(),
                        t.colStart(), t.cols(), cells / xbarCells));
            }
        }
        int used = prog.coresUsed();
        return new Report.Mapping(used, used == 0 ? 0 : cellsUsed / (used * xbarCells), tiles);
    }

    private static List<Report.Line> lines(EnergyAccount account) {
        List<Report.Line> out = new ArrayList<>(account.lines().size());
        for (EnergyLine l : account.lines()) {
            out.add(new Report.Line(l.component(), l.action(), l.count(), l.costPj(), l.energyPj(), l.source()));
        }
        return out;
    }

    private static Map<String, Double> byComponent(EnergyAccount account) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Component c : Component.values()) {
            Double e = account.byComponentPj().get(c);
            if (e != null) m.put(c.key(), e);
        }
        return m;
    }

    /** Dynamic energy of each layer's cores (in layer order), then the NoC, then cores outside every layer. */
    private static Map<String, Double> byLayer(ChipStats stats, ChipProgram prog, String[] layerOf, Technology tech) {
        Map<String, ActionCounters> counts = new LinkedHashMap<>();
        for (int i = 0; i < prog.layers().size(); i++) {
            if (!prog.layers().get(i).tiles().isEmpty()) counts.put(layerKey(prog, i), new ActionCounters());
        }
        ActionCounters unassigned = new ActionCounters();
        for (int i = 0; i < layerOf.length; i++) {
            (layerOf[i] == null ? unassigned : counts.get(layerOf[i])).addAll(stats.core(i).counts());
        }
        counts.put(NOC_KEY, stats.noc().counts());
        if (!unassigned.equals(new ActionCounters())) counts.put(UNASSIGNED_KEY, unassigned);
        Map<String, Double> m = new LinkedHashMap<>();
        counts.forEach((k, c) -> m.put(k, EnergyAccount.dynamicPj(c, tech)));
        return m;
    }

    /**
     * NoC traffic per packet kind, its router and link actions priced by {@link EnergyAccount} (kinds with no traffic
     * left out).
     */
    private static Map<String, Report.NocKind> nocByKind(NocStatsSnapshot noc, Technology tech) {
        long[] packets = noc.kindPackets();
        long[] router = noc.kindRouterTraversals();
        long[] link = noc.kindLinkFlitHops();
        Map<String, Report.NocKind> m = new LinkedHashMap<>();
        for (int k = 0; k < packets.length; k++) {
            if (packets[k] == 0 && router[k] == 0 && link[k] == 0) continue;
            double e = EnergyAccount.dynamicPj(noc.kindCounts(k), tech);
            m.put(noc.kinds().get(k), new Report.NocKind(packets[k], router[k], link[k], e));
        }
        return m;
    }

    private static Report.Latency latency(ChipStats stats, ChipSpec spec, long samples) {
        long cycles = stats.cycles();
        Map<String, Long> states = new LinkedHashMap<>();
        long[] used = stats.vector(Stat.CORE_STATE_CYCLES);
        for (int i = 0; i < used.length; i++) states.put(stats.coreStates().get(i), used[i]);
        long overlap = stats.scalar(Stat.CORE_LEARN_OVERLAP_CYCLES);
        Map<String, Long> path = new LinkedHashMap<>();
        Map<String, Long> byComponent = new LinkedHashMap<>();
        long[] phases = stats.stepPhaseCycles();
        for (StepPhase p : StepPhase.values()) {
            path.put(stats.stepPhases().get(p.ordinal()), phases[p.ordinal()]);
            byComponent.merge(p.component(), phases[p.ordinal()], Long::sum);
        }
        return new Report.Latency(cycles, cycles * spec.nsPerCycle(), ratio(cycles, samples),
                ratio(stats.serialCycles(), samples), states, samples, overlap, path, byComponent);
    }

    private static Report.Memory memory(ChipStats stats, ChipSpec spec, ChipProgram prog) {
        long xbarCells = (long) spec.core().crossbar().rows() * spec.core().crossbar().cols();
        long used = stats.scalar(Stat.CORE_CELLS_USED);
        long host = stats.scalar(Stat.CORE_HOST_BYTES);
        int cores = stats.cores().size();
        long sramPeak = prog.sramBytesPerCore() == null ? 0 : Arrays.stream(prog.sramBytesPerCore()).sum();
        long params = 0;
        for (LayerProgram lp : prog.layers()) {
            if (lp.weights() != null) params += lp.weights().length;
            if (lp.bias() != null) params += lp.bias().length;
        }
        return new Report.Memory(cores * xbarCells, used, cores * spec.core().sramBytes(),
                sramPeak, params * Float.BYTES, host);
    }

    private static Report.Learning learning(ChipStats stats, ActionCounters total) {
        long[] buckets = stats.vector(Stat.CORE_WRITE_HISTOGRAM);
        List<Report.WriteBucket> hist = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            hist.add(new Report.WriteBucket(ChipStats.writeBucketLow(i), ChipStats.writeBucketHigh(i), buckets[i]));
        }
        return new Report.Learning(updates(total), writePulses(total), total.get(Action.CROSSBAR_VERIFY_READ),
                stats.scalar(Stat.CORE_CELLS_WRITTEN), (int) stats.scalar(Stat.CORE_MAX_WRITES),
                stats.scalar(Stat.CORE_CELLS_PAST_ENDURANCE), hist);
    }

    /** 0 -> 0; n >= 1 -> 1 + floor(log2 n), so bucket i >= 1 holds [2^(i-1), 2^i - 1] ({@link CellArray}'s buckets). */
    static int bucketOf(int writes) {
        return CellArray.writeBucketOf(writes);
    }

    /**
     * Weight updates the plasticity engines computed. A digital synapse's read-modify-write of an update
     * ({@link Action#SYNAPSE_SRAM_UPDATE}) is the same update being written, not a second one.
     */
    static long updates(ActionCounters c) {
        return c.get(Action.PLASTICITY_UPDATE);
    }

    static long writePulses(ActionCounters c) {
        return c.get(Action.CROSSBAR_SET_PULSE) + c.get(Action.CROSSBAR_RESET_PULSE);
    }

    private static Report.Noc noc(NocStatsSnapshot noc) {
        ActionCounters c = noc.counts();
        return new Report.Noc(noc.packets(), noc.flits(), noc.hops(), c.get(Action.LINK_FLIT), c.get(Action.ROUTER_FLIT),
                noc.stallCycles(), noc.maxLinkLoad());
    }

    private static Report.Phase phase(PhaseStats p, Technology tech, ChipSpec spec, ChipInventory inventory) {
        ActionCounters c = p.counts();
        EnergyAccount a = EnergyAccount.of(c, tech, inventory, p.cycles());
        long ops = c.get(Event.SYNAPTIC_OP);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Action act : Action.values()) {
            long n = c.get(act);
            if (n != 0) counts.put(act.qualifiedName(), n);
        }
        return new Report.Phase(p.name(), p.samples(),
                new Report.PhaseEnergy(a.totalPj(), a.dynamicPj(), a.leakagePj(), ratio(a.totalPj(), p.samples()),
                        ratio(a.totalPj(), p.cycles() * spec.nsPerCycle()), ops, ratio(a.totalPj(), ops), byComponent(a)),
                new Report.PhaseLatency(p.cycles(), p.cycles() * spec.nsPerCycle(), ratio(p.cycles(), p.samples())),
                new Report.PhaseLearning(updates(c), writePulses(c), c.get(Action.CROSSBAR_VERIFY_READ)),
                counts);
    }
}
