package io.engram.runtime.session;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.neuron.NeuronModel;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.plasticity.UpdateScaling;
import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.program.Tile;
import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.DeviceSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.stats.ActionCounters;
import io.engram.runtime.checkpoint.CheckpointFile;
import io.engram.runtime.checkpoint.RunIdentity;
import io.engram.runtime.checkpoint.SessionPosition;
import io.engram.runtime.report.PhaseStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's checkpointer on its own: it writes exactly every {@code every} trained samples, clears a killed
 * write's temporary files when it starts, and restores only a checkpoint of the same configuration whose cells lie in
 * the device's range and which fits the chip's program.
 */
class CheckpointerTest {
    private static final RunIdentity ID = new RunIdentity(Map.of("seed", "5"));
    private static final ChipSpec SPEC = ChipSpec.preset("rram-22nm");

    /** A SoftHebb layer of 8 x 4 on {@code core}. */
    private static Chip chip(ChipSpec spec, int core) {
        SplittableRandom r = new SplittableRandom(2);
        float[] w = new float[8 * 4];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() - 0.5);
        LayerProgram l = new LayerProgram("l", LayerKind.DENSE, Shape.flat(8), Shape.flat(4), 1, 1, 0,
                new NeuronModel.Rate(), Activation.identity(), Competition.softmax(0.2),
                new LearningRule.SoftHebb(0.05, 0.2, 0, 0, UpdateScaling.PER_NEURON), 8, 4, w, null, 1.0,
                List.of(new Tile(core, 0, 8, 0, 4)));
        Chip c = new Chip(spec, 5);
        c.load(new ChipProgram(spec.name(), Shape.flat(8), List.of(l), List.of(), new long[spec.mesh().cores()]));
        return c;
    }

    private static SessionPosition position(Chip c, int sample) {
        PhaseStats.Mark m = PhaseStats.mark(c);
        return new SessionPosition(0, 0, sample, m, m, List.of(), List.of(), List.<ActionCounters>of());
    }

    private static void train(Chip c, int n) {
        SplittableRandom r = new SplittableRandom(9);
        for (int s = 0; s < n; s++) {
            float[] x = new float[8];
            for (int i = 0; i < 8; i++) x[i] = (float) r.nextDouble();
            c.run(x, 0, new boolean[]{true});
        }
    }

    @Test
    void writesEveryNthSampleOnlyAndClearsStaleTemporaries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(CheckpointFile.NAME);
        Path stale = Files.writeString(dir.resolve("." + CheckpointFile.NAME + ".77.tmp"), "half a write");
        Checkpointer cp = new Checkpointer(new Session.Checkpoints(file, null, "test"), 3, ID);
        assertFalse(Files.exists(stale), "a killed write's temporary file is removed at the start");
        assertFalse(cp.resuming());
        AtomicInteger asked = new AtomicInteger();
        try (Chip c = chip(SPEC, 0)) {
            train(c, 2);
            for (long trained = 1; trained <= 2; trained++) cp.afterSample(trained, c, () -> {
                asked.incrementAndGet();
                return position(c, 0);
            });
            assertFalse(Files.exists(file), "no checkpoint before 3 samples");
            assertEquals(0, asked.get(), "the position is not even computed between checkpoints");
            train(c, 1);
            cp.afterSample(3, c, () -> position(c, 3));
            assertTrue(Files.exists(file));
            assertEquals(3, CheckpointFile.read(file, ID).position().sample());
            cp.afterSample(4, c, () -> position(c, 4));
            assertEquals(3, CheckpointFile.read(file, ID).position().sample(), "sample 4 is not a multiple of 3");
        }
        // every = 0: never
        Path other = dir.resolve("never.h5");
        try (Chip c = chip(SPEC, 0)) {
            new Checkpointer(new Session.Checkpoints(other, null, "test"), 0, ID).afterSample(0, c, () -> position(c, 0));
        }
        assertFalse(Files.exists(other));
    }

    @Test
    void restoresTheSameConfigurationAndRefusesWhatDoesNotFit(@TempDir Path dir) {
        Path file = dir.resolve(CheckpointFile.NAME);
        long now;
        try (Chip c = chip(SPEC, 0)) {
            train(c, 4);
            now = c.now();
            new Checkpointer(new Session.Checkpoints(file, null, "test"), 1, ID).afterSample(4, c, () -> position(c, 4));
        }
        Session.Checkpoints resume = new Session.Checkpoints(null, file, "test");
        try (Chip fresh = chip(SPEC, 0)) {
            assertNull(new Checkpointer(new Session.Checkpoints(null, null, "test"), 0, ID).restore(fresh, SPEC));
            SessionPosition p = new Checkpointer(resume, 0, ID).restore(fresh, SPEC);
            assertEquals(4, p.sample());
            assertEquals(now, fresh.now());
        }
        // another configuration
        try (Chip fresh = chip(SPEC, 0)) {
            SpecException e = assertThrows(SpecException.class, () ->
                    new Checkpointer(resume, 0, new RunIdentity(Map.of("seed", "6"))).restore(fresh, SPEC));
            assertTrue(e.getMessage().contains("seed: 5 -> 6"), e.getMessage());
        }
        // a device whose range the stored conductances leave: g_max below the stored values
        DeviceSpec d = SPEC.core().device();
        ChipSpec narrow = SPEC.withCore(SPEC.core().withDevice(new DeviceSpec(d.kind(), d.levels(), d.gMinUs(),
                d.gMinUs() + (d.gMaxUs() - d.gMinUs()) * 1e-3, d.shapeLtp(), d.shapeLtd(), d.writeNoise(),
                d.d2dVariation(), d.readNoise(), d.stuckLowRate(), d.stuckHighRate(), d.endurance(), d.pastEndurance())));
        try (Chip fresh = chip(SPEC, 0)) {
            SpecException e = assertThrows(SpecException.class, () -> new Checkpointer(resume, 0, ID).restore(fresh, narrow));
            assertEquals("/chip/tiles/core_0/conductances", e.fieldPath());
        }
        // a program with its tile on another core
        try (Chip moved = chip(SPEC, 3)) {
            SpecException e = assertThrows(SpecException.class, () -> new Checkpointer(resume, 0, ID).restore(moved, SPEC));
            assertEquals("/chip", e.fieldPath());
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        }
    }
}
