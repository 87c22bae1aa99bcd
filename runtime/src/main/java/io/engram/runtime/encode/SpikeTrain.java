package io.engram.runtime.encode;

import java.util.Arrays;

/**
 * Spikes of one sample in compressed sparse rows: step {@code t} fired the inputs
 * {@code indices()[start(t)] .. indices()[end(t) - 1]}, in ascending order.
 * Mutable and reusable: an encoder overwrites it for each sample, growing its arrays only when a sample has more
 * spikes than any before, so steady-state encoding allocates nothing. Not thread-safe.
 */
public final class SpikeTrain {
    private int steps;
    private int inputs;
    private int[] offsets = new int[1];
    private int[] indices = new int[64];
    private int size;
    /** Next step to open in step-major building, or the fill cursors in counting mode. */
    private int step;
    private int[] cursor = new int[1];
    private double[] scratchRate = new double[0];
    private int[] scratchIndex = new int[0];

    public int steps() { return steps; }

    public int inputs() { return inputs; }

    /** Total spikes over all steps and inputs. */
    public int spikeCount() { return size; }

    /** First position in {@link #indices()} of step {@code t}. */
    public int start(int t) { return offsets[t]; }

    /** One past the last position in {@link #indices()} of step {@code t}. */
    public int end(int t) { return offsets[t + 1]; }

    /** Spikes in step {@code t}. */
    public int countAt(int t) { return offsets[t + 1] - offsets[t]; }

    /** The input that fired at position {@code k}. */
    public int index(int k) { return indices[k]; }

    /** The backing array of input indices (valid up to {@link #spikeCount()}); read it, do not modify it. */
    public int[] indices() { return indices; }

    /** The backing array of row offsets (valid up to {@code steps + 1}); read it, do not modify it. */
    public int[] offsets() { return offsets; }

    /** Spikes per input over all steps (allocates). */
    public int[] countsPerInput() {
        int[] c = new int[inputs];
        for (int k = 0; k < size; k++) c[indices[k]]++;
        return c;
    }

    /** The step of each input's first spike, -1 if it never fires (allocates). */
    public int[] firstSpikeSteps() {
        int[] first = new int[inputs];
        Arrays.fill(first, -1);
        for (int t = steps - 1; t >= 0; t--) {
            for (int k = offsets[t]; k < offsets[t + 1]; k++) first[indices[k]] = t;
        }
        return first;
    }

    /** A compact independent copy. */
    public SpikeTrain copy() {
        SpikeTrain c = new SpikeTrain();
        c.steps = steps;
        c.inputs = inputs;
        c.offsets = Arrays.copyOf(offsets, steps + 1);
        c.indices = Arrays.copyOf(indices, Math.max(size, 1));
        c.size = size;
        c.step = step;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SpikeTrain s)) return false;
        return steps == s.steps && inputs == s.inputs && size == s.size
                && Arrays.equals(offsets, 0, steps + 1, s.offsets, 0, steps + 1)
                && Arrays.equals(indices, 0, size, s.indices, 0, size);
    }

    @Override
    public int hashCode() {
        int h = 31 * steps + inputs;
        for (int t = 0; t <= steps; t++) h = 31 * h + offsets[t];
        for (int k = 0; k < size; k++) h = 31 * h + indices[k];
        return h;
    }

    @Override
    public String toString() {
        return "SpikeTrain[" + steps + " steps, " + inputs + " inputs, " + size + " spikes]";
    }

    // ---- building, for the encoders of this package ----

    /** Empties the train for a new sample. */
    void reset(int steps, int inputs) {
        this.steps = steps;
        this.inputs = inputs;
        if (offsets.length < steps + 1) offsets = new int[steps + 1];
        Arrays.fill(offsets, 0, steps + 1, 0);
        size = 0;
        step = 0;
    }

    // Step-major building: for each step in order, append() its inputs in ascending order, then endStep().

    void append(int input) {
        if (size == indices.length) indices = Arrays.copyOf(indices, indices.length * 2);
        indices[size++] = input;
    }

    void endStep() {
        offsets[++step] = size;
    }

    // Counting building, when spikes are produced input by input: count() every spike, endCounting(),
    // then place() the same spikes with inputs in ascending order.

    void count(int t) {
        offsets[t + 1]++;
    }

    void endCounting() {
        for (int t = 0; t < steps; t++) offsets[t + 1] += offsets[t];
        size = offsets[steps];
        if (indices.length < size) indices = new int[Math.max(size, indices.length * 2)];
        if (cursor.length < steps) cursor = new int[steps];
        System.arraycopy(offsets, 0, cursor, 0, steps);
    }

    void place(int t, int input) {
        indices[cursor[t]++] = input;
    }

    /** Reusable per-sample workspace, so encoders allocate nothing per sample either. */
    double[] scratchRate(int n) {
        if (scratchRate.length < n) scratchRate = new double[n];
        return scratchRate;
    }

    int[] scratchIndex(int n) {
        if (scratchIndex.length < n) scratchIndex = new int[n];
        return scratchIndex;
    }
}
