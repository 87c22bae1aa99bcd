package io.engram.examples.bench;

import io.engram.chip.crossbar.CrossbarReader;
import io.engram.chip.crossbar.SynapseBlock;
import io.engram.chip.device.CellArray;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.CrossbarSpec;
import io.engram.chip.spec.DacSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.stats.ActionCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Crossbar reads per second: one operation is one full input vector read through a whole {@code size x size} crossbar
 * ({@code size} rows, {@code size} physical columns = {@code size/2} differential weight columns), the way a core does
 * it: bit-serial 8-bit DAC (8 bit-planes, and a second pass for the negative inputs), 8-bit SAR ADCs shared 8:1,
 * shift-and-add, action counting. Input is dense and signed (uniform in [-1, 1]), so each vector read is 16 read pulses.
 * {@code device=ideal}: exact cells, no read noise; {@code device=rram-22nm}: the preset's noisy nonlinear device
 * (1 % read noise, one Gaussian per column per pulse).
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.engram.examples.bench.CrossbarReadBench
 * </pre>
 * With no arguments this runs 1 fork, 2 x 1 s warm-up, 3 x 1 s measurement; any arguments are passed to JMH
 * (e.g. {@code -f 3 -wi 5 -i 10 -p size=256}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CrossbarReadBench {
    @Param({"128", "256"})
    public int size;

    @Param({"ideal", "rram-22nm"})
    public String device;

    private SynapseBlock block;
    private CrossbarReader reader;
    private ActionCounters counts;
    private float[] x;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        DeviceSpec dev = device.equals("ideal") ? DeviceSpec.ideal() : base.core().device();
        CoreSpec core = base.core()
                .withDevice(dev)
                .withCrossbar(new CrossbarSpec(size, size, 2, size))
                .withDac(new DacSpec(DacSpec.Mode.BIT_SERIAL, 8))
                .withAdc(new AdcSpec(AdcSpec.Mode.SAR, 8, 8, 0.25));
        RandomStreams streams = new RandomStreams(1);
        CellArray cells = new CellArray(dev, size, size, streams, "core[0]");
        int cols = size / 2;
        block = new SynapseBlock(cells, core, size, cols, 1.0);
        SplittableRandom r = new SplittableRandom(7);
        float[] w = new float[size * cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) (2 * r.nextDouble() - 1);
        block.load(w, cols, 0, 0);
        reader = new CrossbarReader(core, base.technology(), streams, "core[0]");
        counts = new ActionCounters();
        x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (2 * r.nextDouble() - 1);
        out = new double[cols];
    }

    @Benchmark
    public double read() {
        Arrays.fill(out, 0);
        long cycles = reader.read(block, x, 0, out, 0, counts);
        return out[0] + cycles;
    }

    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        Options opts;
        if (args.length == 0) {
            opts = new OptionsBuilder()
                    .include(CrossbarReadBench.class.getSimpleName())
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                    .build();
        } else {
            CommandLineOptions cl = new CommandLineOptions(args);
            opts = cl.getIncludes().isEmpty()
                    ? new OptionsBuilder().parent(cl).include(CrossbarReadBench.class.getSimpleName()).build()
                    : cl;
        }
        new Runner(opts).run();
    }
}
