package io.engram.runtime.session;

import io.engram.chip.sim.Chip;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.runtime.checkpoint.CheckpointFile;
import io.engram.runtime.checkpoint.RunIdentity;
import io.engram.runtime.checkpoint.SessionPosition;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The checkpoints of one session: restores the chip from the checkpoint a run resumes from (after checking that the
 * same configuration wrote it, that it is intact and physically sound), and writes one every {@code every} training
 * samples. Temporary files that a killed checkpoint write left behind are removed when the run starts.
 */
final class Checkpointer {
    private final Session.Checkpoints where;
    private final int every;
    private final RunIdentity identity;

    Checkpointer(Session.Checkpoints where, int every, RunIdentity identity) {
        this.where = where;
        this.every = every;
        this.identity = identity;
        if (where.file() != null) CheckpointFile.removeStaleTemporaries(where.file().toAbsolutePath().getParent());
        if (where.resumeFrom() != null) {
            CheckpointFile.removeStaleTemporaries(where.resumeFrom().toAbsolutePath().getParent());
        }
    }

    boolean resuming() { return where.resumeFrom() != null; }

    /**
     * Puts the checkpoint's chip state into {@code chip} (freshly loaded) and returns where the session stood, or null
     * when this run does not resume.
     */
    SessionPosition restore(Chip chip, ChipSpec spec) {
        if (!resuming()) return null;
        Path from = where.resumeFrom();
        CheckpointFile.Contents c = CheckpointFile.read(from, identity);
        CheckpointFile.checkPhysical(from, c.chip(), spec.core().device());
        try {
            chip.restore(c.chip());
        } catch (IllegalArgumentException e) {
            throw new SpecException(from.toString(), "/chip", null,
                    "the checkpoint does not fit this chip and program: " + e.getMessage(), e);
        }
        return c.position();
    }

    /** Writes a checkpoint when {@code trained} training samples complete an interval. */
    void afterSample(long trained, Chip chip, Supplier<SessionPosition> position) {
        if (every <= 0 || where.file() == null || trained % every != 0) return;
        CheckpointFile.write(where.file(), new CheckpointFile.Contents(identity, position.get(), chip.checkpoint()),
                where.engramVersion());
    }
}
