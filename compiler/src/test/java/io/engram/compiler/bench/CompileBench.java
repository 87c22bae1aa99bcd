package io.engram.compiler.bench;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.CompileResult;
import io.engram.compiler.Compiler;
import io.engram.compiler.NetworkSource;
import io.engram.compiler.Pass;
import io.engram.compiler.ir.Init;
import io.engram.compiler.ir.Network;
import io.engram.compiler.ir.ShapedIr;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compile-time benchmark (no JMH): compiles networks of about 1M, 10M and 100M synapses on rram-22nm cores with a
 * mesh just large enough, and prints wall time per pass and peak heap. The 100M case needs about 3 GB of heap and is
 * run only when asked for.
 * <pre>
 * mvn -q -B -o test-compile -pl compiler -am
 * mvn -q -B -o exec:java -pl compiler -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.engram.compiler.bench.CompileBench -Dexec.args="1m 10m conv10m"
 * # or: java -Xmx4g -cp ... io.engram.compiler.bench.CompileBench 100m
 * </pre>
 */
public final class CompileBench {
    private CompileBench() {}

    static Map<String, Network> networks() {
        Map<String, Network> m = new LinkedHashMap<>();
        m.put("1m", Network.builder("dense-1m").input(1, 28, 28).flatten()
                .dense("h1", 1000).competition(Competition.softmax(0.1))
                .rule(new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.PER_NEURON)).init(Init.uniformPositive(35))
                .dense("h2", 256).dense("out", 10).build());
        m.put("10m", Network.builder("dense-10m").input(1, 28, 28).flatten()
                .dense("h1", 4000).competition(Competition.softmax(0.1))
                .rule(new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.PER_NEURON)).init(Init.uniformPositive(35))
                .dense("h2", 1500).competition(Competition.hardWta()).rule(new LearningRule.HardWta(0.05, LearningRule.HardWta.Variant.INSTAR))
                .dense("out", 10).build());
        // five weighted layers, about 10M weights: 3x3 convs 3-128-512-1024-512 and a dense readout
        m.put("conv10m", Network.builder("conv-10m").input(3, 32, 32)
                .conv2d("c1", 128, 3, 1, 1).activation(Activation.triangle(1)).competition(Competition.softmax(1))
                .rule(new LearningRule.SoftAntiHebb(0.01, 1, 0.5, UpdateScaling.PER_NEURON)).init(Init.uniformSymmetric(25))
                .maxpool(2)
                .conv2d("c2", 512, 3, 1, 1).activation(Activation.triangle(1)).competition(Competition.softmax(1))
                .rule(new LearningRule.SoftAntiHebb(0.01, 1, 0.5, UpdateScaling.PER_NEURON)).init(Init.uniformSymmetric(25))
                .maxpool(2)
                .conv2d("c3", 1024, 3, 1, 1).activation(Activation.triangle(1)).competition(Competition.softmax(1))
                .rule(new LearningRule.SoftAntiHebb(0.01, 1, 0.5, UpdateScaling.PER_NEURON)).init(Init.uniformSymmetric(25))
                .maxpool(2)
                .conv2d("c4", 512, 3, 1, 1).activation(Activation.triangle(1))
                .avgpool(2)
                .flatten()
                .dense("out", 10)
                .build());
        m.put("100m", Network.builder("dense-100m").input(4096)
                .dense("h1", 8192).competition(Competition.softmax(0.1))
                .rule(new LearningRule.SoftHebb(0.05, 0.1, 0, 0, UpdateScaling.PER_NEURON)).init(Init.uniformPositive(35))
                .dense("h2", 8192).init(Init.uniformSymmetric(1))
                .build());
        return m;
    }

    public static void main(String[] args) {
        List<String> which = args.length == 0 ? List.of("1m", "10m", "conv10m") : List.of(args);
        ChipSpec base = ChipSpec.resolve("rram-22nm");
        Map<String, Network> nets = networks();
        System.out.printf(Locale.ROOT, "%-10s %12s %7s %9s %9s %9s %9s %9s %9s %9s %9s %10s%n", "network", "synapses",
                "tiles", "mesh", "validate", "lower", "partition", "place", "route", "allocate", "emit", "peak heap");
        for (String w : which) {
            Network net = nets.get(w);
            if (net == null) throw new IllegalArgumentException("unknown network " + w + "; choose from " + nets.keySet());
            // size the mesh from a partition-only compile, then compile for real
            CompileResult probe = new Compiler().compile(NetworkSource.of(net), base.withMesh(new MeshSpec(1, 1)),
                    CompileOptions.defaults().withStopAfter(Pass.PARTITION));
            int tiles = ((io.engram.compiler.ir.PartitionedIr) probe.ir(Pass.PARTITION)).tiles().size();
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
            CompileResult r = new Compiler().compile(NetworkSource.of(net), chip, CompileOptions.defaults());
            long total = System.nanoTime() - t0;
            long peak = 0;
            for (MemoryPoolMXBean p : heap) peak += p.getPeakUsage().getUsed();
            if (!r.ok()) throw new IllegalStateException(r.renderDiagnostics());
            StringBuilder times = new StringBuilder();
            for (Pass p : Pass.values()) times.append(String.format(Locale.ROOT, " %7.0fms", r.passNanos().get(p) / 1e6));
            System.out.printf(Locale.ROOT, "%-10s %,12d %7d %9s%s %8.0fMB   total %.2f s%n", w, synapses, tiles,
                    side + "x" + side, times, peak / 1e6, total / 1e9);
        }
    }
}
