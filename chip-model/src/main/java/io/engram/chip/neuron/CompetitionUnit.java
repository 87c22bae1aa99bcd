package io.engram.chip.neuron;

import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

/**
 * The competition unit of a core: max tree for hard / k-WTA, exponential look-up + sum + normalise for softmax.
 * Works in place on a group of pre-activations; counts its actions and returns the cycles it took.
 */
public final class CompetitionUnit {
    private final int lanes;
    private final Technology tech;
    /** k-WTA winners already taken (reused: no allocation per sample). */
    private boolean[] taken = new boolean[0];

    public CompetitionUnit(int lanes, Technology tech) {
        this.lanes = lanes;
        this.tech = tech;
    }

    /**
     * Computes the post-synaptic output y of a group from u.
     *
     * @return cycles spent
     */
    public long compete(Competition c, double[] u, int from, int n, double[] y, ActionCounters counts) {
        switch (c.kind()) {
            case NONE -> {
                System.arraycopy(u, from, y, from, n);
                return 0;
            }
            case HARD_WTA -> {
                int k = argmax(u, from, n);
                for (int i = from; i < from + n; i++) y[i] = 0;
                y[k] = 1;
                counts.add(Action.COMPETITION_COMPARE, n - 1);
                return treeCycles(n);
            }
            case K_WTA -> {
                int kk = Math.min(c.k(), n);
                for (int i = from; i < from + n; i++) y[i] = 0;
                // k passes of a max tree with the winners masked
                if (taken.length < n) taken = new boolean[n];
                java.util.Arrays.fill(taken, 0, n, false);
                for (int r = 0; r < kk; r++) {
                    int best = -1;
                    for (int i = 0; i < n; i++) {
                        if (!taken[i] && (best < 0 || u[from + i] > u[from + best])) best = i;
                    }
                    taken[best] = true;
                    y[from + best] = 1;
                }
                counts.add(Action.COMPETITION_COMPARE, (long) kk * (n - 1));
                return kk * treeCycles(n);
            }
            case SOFTMAX -> {
                double inv = 1.0 / c.temperature();
                double max = u[argmax(u, from, n)];
                double sum = 0;
                for (int i = from; i < from + n; i++) {
                    double e = Math.exp((u[i] - max) * inv);
                    y[i] = e;
                    sum += e;
                }
                double s = 1.0 / sum;
                for (int i = from; i < from + n; i++) y[i] *= s;
                counts.add(Action.COMPETITION_COMPARE, n - 1);
                counts.add(Action.COMPETITION_EXP, n);
                counts.add(Action.COMPETITION_NORMALIZE, n);
                long passes = (n + lanes - 1) / lanes;
                return treeCycles(n) + passes * (tech.cycles(Action.COMPETITION_EXP) + tech.cycles(Action.COMPETITION_NORMALIZE));
            }
            default -> throw new IllegalStateException(c.kind().toString());
        }
    }

    /** Comparator-tree depth: ceil(log2 n) cycles (at least 1 for n > 1). */
    public static long treeCycles(int n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    public static int argmax(double[] u, int from, int n) {
        int best = from;
        for (int i = from + 1; i < from + n; i++) if (u[i] > u[best]) best = i;
        return best;
    }
}
