package io.engram.runtime.bench;

import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.PartitionedIr;
import io.engram.compiler.ir.ShapedIr;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compile time and peak heap for dense SoftHebb networks of about 1, 10 and 100 million synapses on rram-22nm cores,
 * on a square mesh just large enough (sized by a partition-only compile first).
 */
public final class CompileSpeed {
    private CompileSpeed() {}

    /** The networks by name: 1m (784-1000-256-10), 10m (784-4000-1500-10), 100m (4096-8192-8192). */
    public static Map<String, Network> networks() {
        Map<String, Network> m = new LinkedHashMap<>();
        m.put("1m", Network.builder("dense-1m").input(1, 28, 28).flatten()
                .dense("h1", 1000).competition(Competition.softmax(0.1)).rule(softHebb()).init(Init.uniformPositive(35))
                .dense("h2", 256).dense("out", 10).build());
        m.put("10m", Network.builder("dense-10m").input(1, 28, 28).flatten()
                .dense("h1", 4000).competition(Competition.softmax(0.1)).rule(softHebb()).init(Init.uniformPositive(35))
                .dense("h2", 1500).competition(Competition.hardWta())
                .rule(new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR))
                .dense("out", 10).build());
        m.put("100m", Network.builder("dense-100m").input(4096)
                .dense("h1", 8192).competition(Competition.softmax(0.1)).rule(softHebb()).init(Init.uniformPositive(35))
                .dense("h2", 8192).init(Init.uniformSymmetric(1))
                .build());
        return m;
    }

    private static LearningRule softHebb() {
        return new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.PER_NEURON);
    }

    /** One compile: synapses, tiles, mesh side, wall seconds of the full compile, peak heap bytes during it. */
    public record Result(String network, long synapses, int tiles, int meshSide, double seconds, long peakHeapBytes) {}

    public static Result measure(String name, ChipSpec base) {
        Network net = networks().get(name);
        if (net == null) throw new IllegalArgumentException("unknown network " + name + "; choose from " + networks().keySet());
        CompileResult probe = new io.engram.compiler.Compiler().compile(NetworkSource.of(net), base.withMesh(new MeshSpec(1, 1)),
                CompileOptions.defaults().withStopAfter(Pass.PARTITION));
        int tiles = ((PartitionedIr) probe.ir(Pass.PARTITION)).tiles().size();
        long synapses = ((ShapedIr.Stats) probe.stats(Pass.VALIDATE)).synapses();
        int side = (int) Math.ceil(Math.sqrt(tiles));
        ChipSpec chip = base.withMesh(new MeshSpec(side, side));
        probe = null;
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                heap.add(p);
            }
        }
        long t0 = System.nanoTime();
        CompileResult r = new io.engram.compiler.Compiler().compile(NetworkSource.of(net), chip, CompileOptions.defaults());
        double secs = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : heap) peak += p.getPeakUsage().getUsed();
        if (!r.ok()) throw new IllegalStateException(r.renderDiagnostics());
        return new Result(name, synapses, tiles, side, secs, peak);
    }
}
