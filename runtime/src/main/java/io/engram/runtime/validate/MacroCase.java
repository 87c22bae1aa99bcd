package io.engram.runtime.validate;

import io.engram.chip.core.Core;
import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecNode;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipInventory;
import io.engram.chip.stats.EnergyAccount;
import io.engram.chip.stats.EnergyLine;
import io.engram.chip.tech.Technology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The 22 nm macro point: Engram's own rram-22nm crossbar core, unchanged, read through its own read path at 8-bit
 * inputs, against Hung et al.'s measured macro. Nothing fitted; the case's README says what cannot be expressed.
 */
final class MacroCase implements ValidationCase {
    static final String NAME = "macro-22nm";

    @Override
    public String name() { return NAME; }

    @Override
    public CaseResult run(Options o) {
        SpecNode c = CaseFiles.caseYaml(NAME);
        CaseFiles.Header header = CaseFiles.header(NAME, c);
        ChipSpec chip = ChipSpec.resolve(c.requireString("chip"));
        int inputBits = c.requireInt("input_bits", 1, 16);
        int weightBits = c.requireInt("weight_bits", 1, 16);
        int mvms = c.requireInt("mvms", 1, 100_000);
        int quickMvms = c.requireInt("quick_mvms", 1, 100_000);
        String source = c.requireString("source");
        double topsPerW = c.requireDouble("tops_per_w", 0, 1e6);
        double nsPerOp = c.requireDouble("ns_per_mac_operation", 0, 1e9);
        c.finish();
        int n = o.quick() ? quickMvms : mvms;
        Technology tech = chip.technology();
        int rows = chip.core().crossbar().rows();
        int cols = chip.core().crossbar().cols() / chip.core().crossbar().cellsPerWeight();
        RandomStreams streams = new RandomStreams(o.seed());
        Core core = new Core(0, chip.core(), tech, streams);
        SplittableRandom wr = streams.stream("validate.macro", "weights");
        float[] w = new float[rows * cols];
        for (int k = 0; k < w.length; k++) w[k] = (float) wr.nextDouble(-1.0, 1.0);
        SynapseBlock block = core.loadTile(rows, cols, 1.0, w, cols, 0, 0);
        SplittableRandom xr = streams.stream("validate.macro", "inputs");
        float[] x = new float[rows];
        double[] out = new double[cols];
        ActionCounters counts = new ActionCounters();
        long cycles = 0;
        int levels = 1 << inputBits;
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < rows; i++) x[i] = xr.nextInt(levels);
            java.util.Arrays.fill(out, 0.0);
            cycles += core.reader().read(block, x, 0, out, 0, counts);
        }
        // priced by the report's EnergyAccount: one line per counted action, count x cost
        ChipInventory oneCore = ChipInventory.of(chip, 1);
        EnergyAccount account = EnergyAccount.of(counts, tech, oneCore, 0);
        double energyPj = account.dynamicPj();
        Map<String, Object> lines = new LinkedHashMap<>();
        for (EnergyLine l : account.lines()) {
            lines.put(l.component() + "." + l.action(), ValidationRunner.ordered("count", l.count(), "cost_pj", l.costPj(),
                    "energy_pj", l.energyPj()));
        }
        long macs = (long) rows * cols * n;
        double mvmNs = cycles * tech.nsPerCycle() / n;
        // the macro's measured efficiency includes its static power: one core's leakage (its per-core instances,
        // not the chip's routers and links) over the MVMs' time; mW x ns = pJ
        double coreLeakMw = oneCore.coreLeakageMw();
        double dynamicPj = energyPj;
        double leakagePj = coreLeakMw * mvmNs * n;
        energyPj += leakagePj;
        double pjPerMac = energyPj / macs;
        double engramTopsPerW = 2.0 / pjPerMac;
        List<String> text = new ArrayList<>();
        text.add(String.format(Locale.ROOT, "chip %s core (%dx%d crossbar, %d weight columns, %s ADC %d bits, "
                + "%d columns per ADC), technology %s; %d MVMs of %d-bit inputs, seed %d", chip.name(), rows,
                chip.core().crossbar().cols(), cols, chip.core().adc().mode().name().toLowerCase(Locale.ROOT),
                chip.core().adc().bits(), chip.core().adc().columnsPerAdc(), tech.name(), n, inputBits, o.seed()));
        text.add(String.format(Locale.ROOT, "energy %.4f pJ per MAC (%.1f TOPS/W): dynamic %.4f, one core's leakage "
                + "%.4f mW x %.1f ns per MVM = %.4f pJ per MAC; %d-bit weights held as one pair of %d-level cells",
                pjPerMac, engramTopsPerW, dynamicPj / macs, coreLeakMw, mvmNs, leakagePj / macs, weightBits,
                chip.core().device().levels()));
        StringBuilder share = new StringBuilder("dynamic energy by action:");
        for (EnergyLine l : account.lines()) {
            if (l.costPj() == 0) continue;
            share.append(String.format(Locale.ROOT, " %s %.1f %% (%d x %.4g pJ);", l.component() + "." + l.action(),
                    100 * l.count() * l.costPj() / dynamicPj, l.count() / n, l.costPj()));
        }
        text.add(share.append(" counts per MVM").toString());
        List<Point> points = List.of(
                new Point(NAME, "TOPS/W", inputBits + "-bit inputs and weights", "energy efficiency", "TOPS/W",
                        topsPerW, source, engramTopsPerW, Point.Role.PREDICTION, "our current-mode SAR converts every "
                        + "column at every input bit; the macro's time-domain readout is not expressible"),
                new Point(NAME, "ns per MAC op", inputBits + "-bit inputs and weights", "latency of one MAC operation "
                        + "(one full-tile MVM here)", "ns", nsPerOp, source, mvmNs, Point.Role.PREDICTION,
                        "bit-serial inputs x SAR conversions of 8 shared columns; no time-domain readout"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chip", chip.name());
        details.put("technology", ValidationRunner.ordered("name", tech.name(), "sha256", tech.sha256()));
        details.put("mvms", n);
        details.put("pj_per_mac", pjPerMac);
        details.put("dynamic_pj_per_mac", dynamicPj / macs);
        details.put("leakage_pj_per_mac", leakagePj / macs);
        details.put("mvm_ns", mvmNs);
        details.put("energy_lines", lines);
        return header.result(points, text, details);
    }
}
