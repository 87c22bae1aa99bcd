package io.engram.compiler.report;

import io.engram.chip.noc.PacketKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.engram.chip.program.ChipProgram.Route;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ChipInventory;
import io.engram.chip.tech.Component;
import io.engram.compiler.ir.AllocatedIr;
import io.engram.compiler.ir.Describe;
import io.engram.compiler.ir.EmittedIr;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.ir.LoweredIr.Matrix;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.PartitionedIr.Grid;
import io.engram.compiler.ir.PlacedIr;
import io.engram.compiler.ir.RoutedIr;
import io.engram.compiler.ir.RoutedIr.RoutedFlow;
import io.engram.compiler.ir.RoutedIr.Traffic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a network fits the chip, with numbers: cores, crossbar utilisation, tiles per layer, expected NoC traffic per
 * sample (per time step for SPIKE routes), hop histogram, SRAM per core and the placement objective against
 * row-major. {@link #toMap()} is the JSON form (keys as in report.json's "mapping" section); {@link #toText()} renders it.
 *
 * @param crossbarUtilization cells holding weights / cells of the crossbars of used cores
 * @param hopHistogram        index = hops, value = (route, destination) pairs with that many hops
 * @param sramBytesPerCore    index = core
 * @param area                silicon area of the chip, one core and one router (technology's per-instance figures)
 * @param recurrentRoutes     spiking recurrence: the routes that carry a layer's spikes back to its own or an earlier
 *                            layer's recurrent rows (one step later); their traffic is part of the SPIKE routes above
 */
public record MappingReport(String chipName, int meshWidth, int meshHeight, int coresUsed, int coresAvailable,
                            double crossbarUtilization, long cellsUsed, long cellsOfUsedCores, List<LayerTiles> layers,
                            Map<PacketKind, Traffic> trafficPerSample, long[] hopHistogram, long[] sramBytesPerCore,
                            long sramCapacityBytes, long placementObjective, long rowMajorObjective, ChipArea area,
                            List<RecurrentRoute> recurrentRoutes) {
    public MappingReport {
        layers = List.copyOf(layers);
        recurrentRoutes = List.copyOf(recurrentRoutes);
        trafficPerSample = java.util.Collections.unmodifiableMap(new EnumMap<>(trafficPerSample));
    }

    /** Area in mm^2: the whole chip (every core, router and link), one core, one router. */
    public record ChipArea(double chipMm2, double coreMm2, double routerMm2, int cores, int routers) {
        static ChipArea of(ChipSpec chip) {
            ChipInventory inv = ChipInventory.of(chip, 0);
            double router = 0;
            for (ChipInventory.Item i : inv.items()) {
                if (i.component() == Component.ROUTER) router = i.each().areaUm2() / UM2_PER_MM2;
            }
            return new ChipArea(inv.chipAreaMm2(), inv.coreAreaMm2(), router, chip.mesh().cores(), chip.mesh().cores());
        }
    }

    private static final double UM2_PER_MM2 = 1e6;

    /**
     * A route of returning spikes: from layer {@code from}'s core to the cores of layer {@code to} that hold the
     * recurrent rows, per time step at most {@code payloadBits} (one address event per neuron of the source block).
     */
    public record RecurrentRoute(String from, String to, int srcCore, int[] destCores, int[] hops, long payloadBits,
                                 int flitsPerPacket, long flitHops) {
        public RecurrentRoute {
            destCores = destCores.clone();
            hops = hops.clone();
        }

        @Override
        public int[] destCores() { return destCores.clone(); }

        @Override
        public int[] hops() { return hops.clone(); }
    }

    /** Tiles of one weighted layer. */
    public record LayerTiles(String layer, String kind, int rows, int cols, int positions, int rowBlocks, int colBlocks) {
        public int tiles() { return rowBlocks * colBlocks; }
    }

    public static MappingReport of(EmittedIr ir, ChipSpec chip) {
        AllocatedIr alloc = ir.allocated();
        RoutedIr routed = alloc.routed();
        PlacedIr placed = routed.placed();
        PartitionedIr part = placed.partitioned();
        int used = part.tiles().size();
        var xb = chip.core().crossbar();
        long cellsPerCore = (long) xb.rows() * xb.cols();
        List<LayerTiles> layers = new ArrayList<>();
        for (Grid g : part.grids()) {
            Matrix m = part.lowered().matrices().get(g.matrix());
            layers.add(new LayerTiles(m.name(), Describe.lower(m.kind()), m.rows(), m.cols(), m.positions(), g.rowBlocks(),
                    g.colBlocks()));
        }
        Map<PacketKind, Traffic> traffic = new EnumMap<>(PacketKind.class);
        traffic.putAll(routed.stats().traffic());
        int maxHops = 0;
        for (RoutedFlow rf : routed.routes()) for (int h : rf.hops()) maxHops = Math.max(maxHops, h);
        long[] hist = new long[maxHops + 1];
        for (RoutedFlow rf : routed.routes()) for (int h : rf.hops()) hist[h]++;
        Map<Integer, String> layerName = new java.util.HashMap<>();
        for (Matrix m : part.lowered().matrices()) layerName.put(m.layer(), m.name());
        List<RecurrentRoute> recurrent = new ArrayList<>();
        for (RoutedFlow rf : routed.routes()) {
            PartitionedIr.Flow f = part.flows().get(rf.flow());
            if (!f.recurrent()) continue;
            recurrent.add(new RecurrentRoute(layerName.get(f.layer()), layerName.get(f.feedsBackTo()), rf.route().src(),
                    rf.route().dests(), rf.hops(), f.payloadBits(), rf.flitsPerPacket(), rf.flitHops()));
        }
        return new MappingReport(chip.name(), placed.meshWidth(), placed.meshHeight(), used, placed.cores(),
                used == 0 ? 0 : part.stats().cellsUsed() / (double) (used * cellsPerCore), part.stats().cellsUsed(),
                used * cellsPerCore, layers, traffic, hist, ir.program().sramBytesPerCore().clone(), alloc.capacityBytes(),
                placed.stats().objective(), placed.stats().rowMajorObjective(), ChipArea.of(chip), recurrent);
    }

    public int tiles() { return layers.stream().mapToInt(LayerTiles::tiles).sum(); }

    public long maxSramBytes() {
        long m = 0;
        for (long b : sramBytesPerCore) m = Math.max(m, b);
        return m;
    }

    /** Plain maps, lists and numbers, ready for Jackson; key names are stable. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chip", chipName);
        m.put("mesh", List.of(meshWidth, meshHeight));
        m.put("cores_used", coresUsed);
        m.put("cores_available", coresAvailable);
        m.put("crossbar_utilization", crossbarUtilization);
        m.put("cells_used", cellsUsed);
        m.put("cells_of_used_cores", cellsOfUsedCores);
        List<Map<String, Object>> tiles = new ArrayList<>();
        for (LayerTiles l : layers) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("layer", l.layer);
            t.put("kind", l.kind);
            t.put("rows", l.rows);
            t.put("cols", l.cols);
            t.put("positions", l.positions);
            t.put("row_blocks", l.rowBlocks);
            t.put("col_blocks", l.colBlocks);
            t.put("tiles", l.tiles());
            tiles.add(t);
        }
        m.put("tiles", tiles);
        Map<String, Object> tr = new LinkedHashMap<>();
        for (var e : trafficPerSample.entrySet()) {
            Traffic v = e.getValue();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("routes", v.routes());
            t.put("packets", v.packets());
            t.put("flits", v.flits());
            t.put("flit_hops", v.flitHops());
            t.put("payload_bits", v.payloadBits());
            tr.put(e.getKey().name().toLowerCase(java.util.Locale.ROOT), t);
        }
        m.put("traffic_per_sample", tr);
        if (!recurrentRoutes.isEmpty()) {
            List<Map<String, Object>> rr = new ArrayList<>();
            for (RecurrentRoute r : recurrentRoutes) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("from", r.from());
                t.put("to", r.to());
                t.put("src_core", r.srcCore());
                t.put("dest_cores", java.util.Arrays.stream(r.destCores()).boxed().toList());
                t.put("hops", java.util.Arrays.stream(r.hops()).boxed().toList());
                t.put("max_payload_bits_per_step", r.payloadBits());
                t.put("max_flits_per_step", r.flitsPerPacket());
                t.put("max_flit_hops_per_step", r.flitHops());
                rr.add(t);
            }
            m.put("recurrent_routes", rr);
        }
        List<Long> hist = new ArrayList<>();
        for (long h : hopHistogram) hist.add(h);
        m.put("hop_histogram", hist);
        Map<String, Object> sram = new LinkedHashMap<>();
        for (int c = 0; c < sramBytesPerCore.length; c++) if (sramBytesPerCore[c] > 0) sram.put(Integer.toString(c), sramBytesPerCore[c]);
        m.put("sram_bytes_per_core", sram);
        m.put("sram_capacity_bytes", sramCapacityBytes);
        Map<String, Object> pl = new LinkedHashMap<>();
        pl.put("objective_bit_hops", placementObjective);
        pl.put("row_major_bit_hops", rowMajorObjective);
        pl.put("ratio_to_row_major", rowMajorObjective == 0 ? 1.0 : placementObjective / (double) rowMajorObjective);
        m.put("placement", pl);
        Map<String, Object> ar = new LinkedHashMap<>();
        ar.put("chip_mm2", area.chipMm2());
        ar.put("core_mm2", area.coreMm2());
        ar.put("router_mm2", area.routerMm2());
        m.put("area", ar);
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Mapping onto ").append(chipName).append(" (").append(meshWidth).append('x').append(meshHeight).append(" mesh)\n");
        sb.append(Fmt.f("  cores used          %d / %d%n", coresUsed, coresAvailable));
        sb.append(Fmt.f("  crossbar use        %s (%s of %s cells in used cores)%n", Fmt.pct(crossbarUtilization),
                Fmt.count(cellsUsed), Fmt.count(cellsOfUsedCores)));
        sb.append("  tiles per layer\n");
        for (LayerTiles l : layers) {
            sb.append(Fmt.f("    %-16s %-7s %6d x %-6d %s= %d x %d = %d tiles%n", l.layer, l.kind, l.rows, l.cols,
                    l.positions > 1 ? "at " + l.positions + " positions " : "", l.rowBlocks, l.colBlocks, l.tiles()));
        }
        sb.append("  traffic per sample\n");
        if (trafficPerSample.isEmpty()) sb.append("    none (a single tile)\n");
        for (var e : trafficPerSample.entrySet()) {
            Traffic v = e.getValue();
            sb.append(Fmt.f("    %-15s routes %5d  packets %7s  flits %9s  flit-hops %10s%n", e.getKey(), v.routes(),
                    Fmt.count(v.packets()), Fmt.count(v.flits()), Fmt.count(v.flitHops())));
        }
        if (!recurrentRoutes.isEmpty()) {
            sb.append("  recurrent routes (spikes of a step to the recurrent rows of the next; at most, per step)\n");
            for (RecurrentRoute r : recurrentRoutes) {
                sb.append(Fmt.f("    %-12s -> %-12s core %d -> %s  hops %s  %d bits, %d flits, %d flit-hops%n", r.from(),
                        r.to(), r.srcCore(), java.util.Arrays.toString(r.destCores()), java.util.Arrays.toString(r.hops()),
                        r.payloadBits(), r.flitsPerPacket(), r.flitHops()));
            }
        }
        sb.append("  hop histogram      ");
        for (int h = 0; h < hopHistogram.length; h++) if (hopHistogram[h] > 0) sb.append(' ').append(h).append(':').append(hopHistogram[h]);
        sb.append('\n');
        sb.append(Fmt.f("  placement           %s bit-hops/sample, row-major %s (%.3fx)%n", Fmt.count(placementObjective),
                Fmt.count(rowMajorObjective), rowMajorObjective == 0 ? 1.0 : placementObjective / (double) rowMajorObjective));
        sb.append(Fmt.f("  area                chip %.4g mm2: %d cores of %.4g mm2, %d routers of %.4g mm2%n", area.chipMm2(),
                area.cores(), area.coreMm2(), area.routers(), area.routerMm2()));
        sb.append(Fmt.f("  SRAM per core       max %s of %s bytes%n", Fmt.count(maxSramBytes()), Fmt.count(sramCapacityBytes)));
        int shown = 0;
        StringBuilder line = new StringBuilder("   ");
        for (int c = 0; c < sramBytesPerCore.length && shown < 64; c++) {
            if (sramBytesPerCore[c] == 0) continue;
            line.append(' ').append(c).append(':').append(sramBytesPerCore[c]);
            shown++;
            if (line.length() > 100) {
                sb.append(line).append('\n');
                line = new StringBuilder("   ");
            }
        }
        if (line.length() > 3) sb.append(line).append('\n');
        if (shown == 64) sb.append("    ... (first 64 cores shown)\n");
        return sb.toString();
    }
}
