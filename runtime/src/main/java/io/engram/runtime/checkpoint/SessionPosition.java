package io.engram.runtime.checkpoint;

import io.engram.chip.stats.ActionCounters;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.PhaseStats;

import java.util.List;
import java.util.Objects;

/**
 * Where a training session stands between two samples, and what it has measured so far.
 *
 * @param stage       training stage (a layer in greedy mode, or the single all-layers stage), 0-based
 * @param epoch       epoch within the stage, 0-based
 * @param sample      the next sample to train within the epoch (0 .. train size; train size means the epoch's
 *                    samples are done but the epoch is not closed yet)
 * @param whole       start mark of the whole training phase
 * @param epochMark   start mark of the current epoch
 * @param phases      phases closed so far (per-epoch train and evaluate phases)
 * @param perEpoch    readout accuracy after each finished epoch
 * @param epochCounts action counts of each finished epoch
 */
public record SessionPosition(int stage, int epoch, int sample, PhaseStats.Mark whole, PhaseStats.Mark epochMark,
                              List<PhaseStats> phases, List<AccuracyFigures.EpochAccuracy> perEpoch,
                              List<ActionCounters> epochCounts) {
    public SessionPosition {
        if (stage < 0 || epoch < 0 || sample < 0) {
            throw new IllegalArgumentException("negative position: stage " + stage + ", epoch " + epoch + ", sample " + sample);
        }
        Objects.requireNonNull(whole, "whole");
        Objects.requireNonNull(epochMark, "epochMark");
        phases = List.copyOf(phases);
        perEpoch = List.copyOf(perEpoch);
        epochCounts = epochCounts.stream().map(ActionCounters::copy).toList();
    }

    @Override
    public List<ActionCounters> epochCounts() { return epochCounts.stream().map(ActionCounters::copy).toList(); }
}
