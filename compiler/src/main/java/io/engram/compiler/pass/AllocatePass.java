package io.engram.compiler.pass;

import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.spec.SmallUpdatePolicy;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.ir.AllocatedIr;
import io.engram.compiler.ir.AllocatedIr.CoreMemory;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.ir.LoweredIr.Matrix;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.PartitionedIr.TilePlan;
import io.engram.compiler.ir.RoutedIr;

import java.util.ArrayList;
import java.util.List;

/**
 * allocate: SRAM bytes per core.
 * <ul>
 *   <li>input buffer: rows x input bits (the DAC's bits, 32 for an analog DAC)</li>
 *   <li>partial sums: cols x 32 bit</li>
 *   <li>traces (STDP only): rows x 16 bit pre traces, plus cols x 16 bit post traces (twice for the triplet form)</li>
 *   <li>learning accumulators: rows x cols x 16 bit when the chip's small-update policy is ACCUMULATE and the layer
 *       learns</li>
 *   <li>routing table: entries x 8 bytes</li>
 *   <li>input-norm statistics, on the core that runs the norm: 24 bytes per channel + 8</li>
 * </ul>
 * Every core over capacity gets an E501 diagnostic naming the core, what it needs and what it has.
 */
public final class AllocatePass {
    public static final int TABLE_ENTRY_BYTES = 8;

    private AllocatePass() {}

    public static AllocatedIr run(RoutedIr in, PassContext ctx) {
        PartitionedIr part = in.placed().partitioned();
        int cores = in.placed().cores();
        int w = in.placed().meshWidth();
        long capacity = ctx.chip().core().sramBytes();
        boolean accumulate = ctx.chip().core().plasticity().smallUpdates() == SmallUpdatePolicy.ACCUMULATE;
        int inputBits = ctx.valueBits();
        int[] tileOn = new int[cores];
        java.util.Arrays.fill(tileOn, -1);
        for (int t = 0; t < part.tiles().size(); t++) tileOn[in.placed().coreOfTile()[t]] = t;
        long[] normBytes = normBytes(part, in.placed().coreOfTile(), cores);
        List<CoreMemory> list = new ArrayList<>();
        long total = 0, max = 0;
        int maxCore = -1;
        for (int c = 0; c < cores; c++) {
            int t = tileOn[c];
            long table = (long) in.tableEntriesPerCore()[c] * TABLE_ENTRY_BYTES;
            if (t < 0 && table == 0 && normBytes[c] == 0) continue;
            long input = 0, psum = 0, traces = 0, accum = 0;
            Matrix m = null;
            if (t >= 0) {
                TilePlan tp = part.tiles().get(t);
                m = part.lowered().matrices().get(tp.matrix());
                LearningRule rule = m.config().rule();
                input = ceilBytes((long) tp.rows() * inputBits);
                psum = (long) tp.cols() * 4;
                if (rule.postTraces() > 0) {
                    traces = (long) tp.rows() * 2 + (long) tp.cols() * 2 * rule.postTraces();
                }
                if (accumulate && rule.learns()) accum = (long) tp.rows() * tp.cols() * 2;
            }
            CoreMemory cm = new CoreMemory(c, t, input, psum, traces, accum, table, normBytes[c]);
            list.add(cm);
            total += cm.total();
            if (cm.total() > max) {
                max = cm.total();
                maxCore = c;
            }
            if (cm.total() > capacity) {
                String holder = t < 0 ? "a router-only core" : "tile t" + t + " of layer `" + m.name() + "`";
                ctx.report(DiagCode.E501, "core " + c + " (" + (c % w) + "," + (c / w) + ")",
                        "core " + c + " holding " + holder + " needs " + Fmt.count(cm.total()) + " bytes of SRAM (input "
                                + cm.inputBuffer() + ", partial sums " + cm.partialSums() + ", traces " + cm.traces()
                                + ", learning accumulators " + cm.accumulators() + ", routing table " + cm.routingTable()
                                + ", norm statistics " + cm.normStats()
                                + ") but a core has " + Fmt.count(capacity),
                        cm.accumulators() > 0 ? "choose a small_updates policy other than accumulate, use smaller"
                                + " crossbars, or a chip with more SRAM per core"
                                : "use a chip with more SRAM per core or smaller crossbars");
            }
        }
        if (ctx.diags().hasErrors()) return null;
        return new AllocatedIr(in, list, capacity, new AllocatedIr.Stats(list.size(), total, max, maxCore));
    }

    static long ceilBytes(long bits) { return (bits + 7) / 8; }

    /** SRAM of an input norm: per channel two 64-bit sums, a 32-bit mean and inverse deviation; one 64-bit count. */
    public static long normStatsBytes(int channels) { return 24L * channels + 8; }

    /**
     * Norm statistics per core: a layer's input norm runs on the first owner core (column block 0, row block 0) of
     * the weighted layer before it, or on its own first owner core when it is the first weighted layer (as the chip
     * model does).
     */
    static long[] normBytes(PartitionedIr part, int[] coreOfTile, int cores) {
        long[] bytes = new long[cores];
        List<Matrix> ms = part.lowered().matrices();
        for (Matrix m : ms) {
            if (!m.config().norm().on()) continue;
            int host = m.id() > 0 ? m.id() - 1 : m.id();
            for (TilePlan tp : part.tiles()) {
                if (tp.matrix() == host && tp.rowStart() == 0 && tp.colStart() == 0) {
                    bytes[coreOfTile[tp.id()]] += normStatsBytes(m.in().channels());
                    break;
                }
            }
        }
        return bytes;
    }

    /** Verifier: every allocation fits. */
    public static void verify(AllocatedIr ir) {
        for (CoreMemory m : ir.cores()) {
            if (m.total() > ir.capacityBytes()) throw new IllegalStateException("core " + m.core() + " over capacity");
        }
    }
}
