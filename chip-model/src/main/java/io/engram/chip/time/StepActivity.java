package io.engram.chip.time;

/**
 * What one step asked of the chip, in time: each core's busy time (its events times their latencies, run one after
 * another inside the core), the network's share (the longest message path of the step, at zero load) and the
 * barrier's cost for the tiles that took part (zero where the chip has none).
 */
public record StepActivity(double[] coreBusyNs, double nocNs, double barrierNs) {
    public StepActivity {
        coreBusyNs = coreBusyNs.clone();
        if (nocNs < 0 || barrierNs < 0) throw new IllegalArgumentException("negative time");
    }

    /** Each core's busy time (a copy: the activity stays as it was built). */
    @Override
    public double[] coreBusyNs() { return coreBusyNs.clone(); }

    public double slowestCoreNs() {
        double m = 0;
        for (double v : coreBusyNs) m = Math.max(m, v);
        return m;
    }
}
