package io.engram.runtime.report;

import java.util.List;
import java.util.Map;

/**
 * Everything a run reports, as {@code report.json} holds it (DESIGN.md section 4; keys are the snake_case forms of
 * the component names, in declaration order). No wall-clock time: the same seed and inputs give the same bytes.
 * Built by {@link ReportBuilder}, written and read by {@link ReportJson}, rendered as text by {@link ReportText}.
 * Nullable {@code Double}s are ratios that are undefined for the run (for example per-sample figures with no samples,
 * or an accuracy that was not measured) and are written as JSON null.
 */
public record Report(String engramVersion, long seed, ChipInfo chip, Mapping mapping, AccuracyFigures accuracy,
                     Energy energy, Efficiency efficiency, Latency latency, Area area, Memory memory, Learning learning,
                     Noc noc, List<Phase> phases) {
    public Report {
        phases = List.copyOf(phases);
    }

    /**
     * @param technology name of the technology file the costs come from (its hash is in manifest.json)
     */
    public record ChipInfo(String name, int cores, List<Integer> mesh, double clockMhz, String technology) {
        public ChipInfo {
            mesh = List.copyOf(mesh);
        }
    }

    /**
     * @param crossbarUtilization physical cells holding weights / cells of the used cores' crossbars
     */
    public record Mapping(int coresUsed, double crossbarUtilization, List<TileInfo> tiles) {
        public Mapping {
            tiles = List.copyOf(tiles);
        }
    }

    /**
     * One tile of a layer on one core (x = core % mesh width, y = core / mesh width).
     *
     * @param utilization physical cells of this tile / cells of the crossbar
     */
    public record TileInfo(String layer, int core, int x, int y, int rowStart, int rows, int colStart, int cols,
                           double utilization) {}

    /**
     * Energy after the run: every line is count x cost of one (component, action); dynamic = sum of the lines in
     * their order; leakage = sum of the leakage lines (powered instances x static power x time).
     *
     * @param leakage     the leakage lines and which cores were powered
     * @param byComponent dynamic energy per component class (leakage is in {@code leakage})
     * @param byLayer     dynamic energy of each layer's cores, plus {@code noc} (router and link actions) and,
     *                    when a core outside every layer counted actions, {@code unassigned}
     * @param perSamplePj total (dynamic + leakage) / samples run
     * @param nocByKind   router and link traffic per packet kind (partial sums, post-activity broadcasts, competition
     *                    reductions, activations, spikes) priced at the router and link costs; sums to the NoC lines
     */
    public record Energy(double totalPj, double dynamicPj, double leakagePj, List<Line> lines, Leakage leakage,
                        Map<String, Double> byComponent, Map<String, Double> byLayer, Double perSamplePj,
                        Map<String, NocKind> nocByKind) {
        public Energy {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Static power while the chip runs.
     *
     * @param unusedCores  {@code gated} (cores without a tile are power-gated and do not leak) or {@code powered}
     * @param coresPowered cores whose components leak
     * @param powerMw      static power of every powered instance (sum of the lines' power)
     * @param lines        one per component class with powered instances
     */
    public record Leakage(String unusedCores, int coresPowered, double powerMw, List<LeakageLine> lines) {
        public Leakage {
            lines = List.copyOf(lines);
        }
    }

    /**
     * instances x perInstanceMw = powerMw; powerMw x elapsed time = energyPj.
     *
     * @param unit what one instance is (row, cell, adc, kib, lane, router, link, chip)
     */
    public record LeakageLine(String component, String unit, double instances, double perInstanceMw, double powerMw,
                              double energyPj, String source) {}

    /**
     * Work done per energy. A synaptic operation is one weight times one non-zero input (NeuroBench's effective MACs
     * for rate networks, ACs for spikes), counted by the reads, whatever the read costs.
     *
     * @param synapticOps synaptic operations of the whole run
     * @param inference   the phases with no weight update (evaluation)
     * @param training    the phases with weight updates
     */
    public record Efficiency(long synapticOps, PhaseGroup inference, PhaseGroup training) {}

    /**
     * Phases of one kind together. Energy is total (dynamic + leakage).
     *
     * @param pjPerSynapticOp energyPj / synapticOps
     * @param topsPerW        2 operations per MAC / pjPerSynapticOp (= 2 synapticOps / energyPj, TOPS/W); only for
     *                        rate networks (null for spiking ones and when nothing ran)
     * @param averagePowerMw  energyPj / time of these phases (pJ / ns = mW)
     */
    public record PhaseGroup(List<String> phases, long samples, long synapticOps, double energyPj,
                             Double pjPerSynapticOp, Double topsPerW, Double averagePowerMw) {
        public PhaseGroup {
            phases = List.copyOf(phases);
        }
    }

    /**
     * Silicon area from the technology's per-instance figures and the chip's instances.
     *
     * @param chipMm2   every core, router, link and the barrier
     * @param coreMm2   one core (its component classes)
     * @param routerMm2 one router
     * @param lines     one per component class with instances: instances x perInstanceUm2 = areaMm2 x 1e6
     */
    public record Area(double chipMm2, double coreMm2, double routerMm2, List<AreaLine> lines) {
        public Area {
            lines = List.copyOf(lines);
        }
    }

    public record AreaLine(String component, String unit, double instances, double perInstanceUm2, double areaMm2,
                           String source) {}

    /**
     * One packet kind's traffic: energy = routerTraversals x router.traversal + flitHops x link.flit_hop.
     *
     * @param routerTraversals flits passing a router (links crossed + 1 per flit: injection and ejection included)
     * @param flitHops         flits crossing a link
     */
    public record NocKind(long packets, long routerTraversals, long flitHops, double energyPj) {}

    /** count x costPj = energyPj, with where the cost comes from. */
    public record Line(String component, String action, long count, double costPj, double energyPj, String source) {}

    /**
     * @param cycles                chip cycles from the first sample to the end of the last booked work (settled)
     * @param cyclesPerSample       cycles / samples (pipelined throughput)
     * @param cyclesPerSampleSerial mean latency of one sample from its start to the end of its last work
     * @param coreStates            cycles of the used cores per state, summed; they sum to cycles x cores used
     */
    /**
     * @param criticalPath       cycles of each step phase on the samples' critical paths, in the fixed phase order
     * @param criticalPathByComponent the same cycles by the component class each phase is the time of
     *                           ({@code StepPhase.component()}, the energy breakdown's names; noc = routers and links)
     *                           ({@link io.engram.chip.sim.StepPhase}); they add up to samples x cyclesPerSampleSerial
     * @param learnOverlapCycles learn cycles of the used cores that overlapped other cores' compute (learning hidden
     *                           behind the pipeline); per core in counters.csv
     */
    public record Latency(long cycles, double ns, Double cyclesPerSample, Double cyclesPerSampleSerial,
                          Map<String, Long> coreStates, long samples, long learnOverlapCycles,
                          Map<String, Long> criticalPath, Map<String, Long> criticalPathByComponent) {}

    /**
     * @param rramCells      cells of every crossbar of the chip
     * @param rramCellsUsed  physical cells holding weights (tiles x cells per weight)
     * @param sramBytes      SRAM capacity of the chip (cores x per-core SRAM)
     * @param sramPeakBytes  SRAM the program allocates, summed over cores (allocation is static, so it is the peak)
     * @param programBytes   parameters the program loads: float32 weights and biases
     * @param simulatorBytes host memory of the simulated cell arrays (payload arrays only)
     */
    public record Memory(long rramCells, long rramCellsUsed, long sramBytes, long sramPeakBytes, long programBytes,
                         long simulatorBytes) {}

    /**
     * @param updates        weight updates computed (plasticity engine and digital synapse updates)
     * @param writePulses    SET + RESET pulses
     * @param verifyReads    write-verify reads
     * @param writeHistogram cells holding weights by write count, in power-of-two buckets
     */
    public record Learning(long updates, long writePulses, long verifyReads, long cellsWritten, int maxWritesPerCell,
                           long cellsPastEndurance, List<WriteBucket> writeHistogram) {
        public Learning {
            writeHistogram = List.copyOf(writeHistogram);
        }
    }

    /** Cells written between minWrites and maxWrites times (inclusive). */
    public record WriteBucket(long minWrites, long maxWrites, long cells) {}

    /**
     * @param flits            flits injected
     * @param hops             packet-hops: the XY hop count summed over deliveries (one per (packet, destination))
     * @param flitHops         flits crossing a mesh link (link.flit_hop)
     * @param routerTraversals flits passing a router, injection and ejection included (router.traversal)
     */
    public record Noc(long packets, long flits, long hops, long flitHops, long routerTraversals, long stallCycles,
                      long maxLinkLoad) {}

    /**
     * One phase of the run (train, evaluate, ...), from the counts and cycles the runtime measured across it.
     *
     * @param counts non-zero action counts by qualified name (component.action), in action order
     */
    public record Phase(String name, long samples, PhaseEnergy energy, PhaseLatency latency, PhaseLearning learning,
                        Map<String, Long> counts) {}

    /**
     * @param powerMw         average power: totalPj / the phase's time (pJ / ns = mW)
     * @param synapticOps     synaptic operations of the phase ({@link Efficiency})
     * @param pjPerSynapticOp totalPj / synapticOps
     */
    public record PhaseEnergy(double totalPj, double dynamicPj, double leakagePj, Double perSamplePj, Double powerMw,
                              long synapticOps, Double pjPerSynapticOp, Map<String, Double> byComponent) {}

    public record PhaseLatency(long cycles, double ns, Double cyclesPerSample) {}

    public record PhaseLearning(long updates, long writePulses, long verifyReads) {}
}
