package io.engram.runtime.report;

import java.util.List;

/**
 * Accuracy as the runtime measured it, in [0, 1]; null where not measured.
 *
 * @param readout  how the features were read out, and where (e.g. {@code linear (off-chip softmax regression)},
 *                 {@code hebbian (on-chip)}, {@code vote})
 * @param perEpoch accuracy after each training epoch
 */
public record AccuracyFigures(Double train, Double test, String readout, List<EpochAccuracy> perEpoch) {
    public AccuracyFigures {
        perEpoch = List.copyOf(perEpoch);
    }

    /** Nothing measured (a run without a readout). */
    public static AccuracyFigures none() {
        return new AccuracyFigures(null, null, "none", List.of());
    }

    /** Accuracy after training epoch {@code epoch} (1-based). */
    public record EpochAccuracy(int epoch, Double train, Double test) {}
}
