package io.engram.compiler;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.MeshSpec;
import io.engram.chip.spec.PlasticitySpec;
import io.engram.chip.spec.SmallUpdatePolicy;

import java.nio.file.Path;

/** Chips and paths shared by the compiler tests. */
public final class TestChips {
    private TestChips() {}

    public static final Path RESOURCES = Path.of("src/test/resources");

    public static Path resource(String relative) { return RESOURCES.resolve(relative); }

    /** The default preset: 4x4 mesh of 128x128 crossbars, 2 cells per weight (64 neurons per crossbar). */
    public static ChipSpec rram() { return ChipSpec.resolve("rram-22nm"); }

    /** rram-22nm with an ideal device, an analog DAC and an ideal ADC: crossbar reads are exact float products. */
    public static ChipSpec idealRram() {
        ChipSpec base = rram();
        var core = base.core()
                .withDevice(io.engram.chip.spec.DeviceSpec.ideal())
                .withDac(new io.engram.chip.spec.DacSpec(io.engram.chip.spec.DacSpec.Mode.ANALOG, 0))
                .withAdc(new io.engram.chip.spec.AdcSpec(io.engram.chip.spec.AdcSpec.Mode.IDEAL, base.core().adc().bits(),
                        base.core().adc().columnsPerAdc(), base.core().adc().fullScale()));
        return base.withCore(core);
    }

    public static ChipSpec withMesh(ChipSpec c, int w, int h) { return c.withMesh(new MeshSpec(w, h)); }

    public static ChipSpec withSram(ChipSpec c, long bytes) {
        CoreSpec k = c.core();
        return c.withCore(new CoreSpec(k.synapse(), k.crossbar(), k.device(), k.dac(), k.adc(), k.neuronLanes(),
                k.competitionLanes(), k.plasticity(), bytes));
    }

    public static ChipSpec accumulating(ChipSpec c) {
        PlasticitySpec p = c.core().plasticity();
        return c.withCore(c.core().withPlasticity(new PlasticitySpec(p.lanes(), p.writeParallelism(),
                SmallUpdatePolicy.ACCUMULATE, p.writeVerify(), p.verifyMaxIterations(), p.verifyTolerance())));
    }

    public static CompileResult compile(NetworkSource src, ChipSpec chip) {
        return new Compiler().compile(src, chip, CompileOptions.defaults());
    }

    public static CompileResult compileFile(String relative, ChipSpec chip) {
        return compile(NetworkSource.file(resource(relative)), chip);
    }
}
