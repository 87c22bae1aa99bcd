package io.engram.runtime.session;

import io.engram.chip.random.RandomStreams;
import io.engram.runtime.checkpoint.SessionPosition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What training presents, in which order, with no chip in it: the stages (greedy: one stage per learning layer, in
 * layer order; all: one stage with every learning layer), the epochs of each stage, each epoch's sample order (a
 * seeded shuffle per stage and epoch), the learning-rate scale of each sample (linear decay over a stage's samples,
 * or constant) and where mini-batches open and close. A checkpoint's position is checked against it.
 */
final class TrainingSchedule {
    /**
     * One stage of training.
     *
     * @param index  stage number, 0-based
     * @param layers the layers that learn in this stage
     * @param upTo   the deepest of them: samples run through layers [0, upTo]
     */
    record Stage(int index, int[] layers, int upTo) {
        boolean[] learnMask(int layerCount) {
            boolean[] learn = new boolean[layerCount];
            for (int l : layers) learn[l] = true;
            return learn;
        }
    }

    private final List<Stage> stages;
    private final int epochs;
    private final int samples;
    private final int batch;
    private final boolean decay;
    private final RandomStreams streams;

    /**
     * @param learning the layers that learn, in layer order
     * @param samples  training samples per epoch
     */
    TrainingSchedule(ExperimentSpec.Training t, List<Integer> learning, int samples, long seed) {
        List<Stage> s = new ArrayList<>();
        if (t.mode() == ExperimentSpec.Mode.GREEDY) {
            for (int l : learning) s.add(new Stage(s.size(), new int[]{l}, l));
        } else if (!learning.isEmpty()) {
            int[] all = learning.stream().mapToInt(Integer::intValue).toArray();
            s.add(new Stage(0, all, Arrays.stream(all).max().orElseThrow()));
        }
        this.stages = List.copyOf(s);
        this.epochs = t.epochs();
        this.samples = samples;
        this.batch = t.batch();
        this.decay = t.schedule() == ExperimentSpec.Schedule.LINEAR_DECAY;
        this.streams = new RandomStreams(seed);
    }

    List<Stage> stages() { return stages; }

    int epochs() { return epochs; }

    int samples() { return samples; }

    /** True when nothing trains (no learning layer, or zero epochs). */
    boolean empty() { return stages.isEmpty() || epochs == 0; }

    /** The order in which an epoch of a stage presents the training samples. */
    int[] order(Stage stage, int epoch) {
        return shuffled(samples, streams.stream("training", "order-" + stage.upTo() + "-" + epoch));
    }

    /** Whether the rate changes per sample (linear decay). */
    boolean decays() { return decay; }

    /** Learning-rate scale of the stage's t-th sample (counted over all its epochs): 1 - t / (epochs x samples). */
    double rateScale(long t) { return decay ? 1.0 - (double) t / ((long) epochs * samples) : 1.0; }

    /** Whether sample s of an epoch opens a mini-batch. */
    boolean opensBatch(int s) { return batch > 1 && s % batch == 0; }

    /** Whether sample s of an epoch closes a mini-batch (the epoch's last sample closes a partial one). */
    boolean closesBatch(int s) { return batch > 1 && (s % batch == batch - 1 || s == samples - 1); }

    /** Null when the position is within this schedule, else what the schedule holds. */
    String outside(SessionPosition p) {
        if (empty()) return "this experiment does not train";
        if (p.stage() >= stages.size() || p.epoch() >= epochs || p.sample() > samples) {
            return stages.size() + " stages of " + epochs + " epochs of " + samples + " samples";
        }
        return null;
    }

    /** -1, 0 or 1: whether (stage, epoch) comes before, at or after the position's epoch. */
    static int compare(int stage, int epoch, SessionPosition p) {
        return stage != p.stage() ? Integer.compare(stage, p.stage()) : Integer.compare(epoch, p.epoch());
    }

    static int[] shuffled(int n, SplittableRandom r) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
