package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.neuron.InputNorm;
import io.engram.chip.program.Shape;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;
import io.engram.chip.tech.Technology;

/**
 * The input norm of one weighted layer ({@link InputNorm}), run by the digital neuron unit of the core that produces
 * the layer's input (the previous weighted layer's first owner core, after its pooling; for the first layer, the
 * layer's own first owner core, where the host writes the input). Its statistics live in that core's SRAM: per
 * channel a 64-bit sum and a 64-bit sum of squares (4 words), and the mean and inverse standard deviation in use
 * (2 words), plus one count.
 *
 * <p>While the layer's training pass runs ({@code collect}), every sample first adds its values to the sums, then the
 * mean and 1 / sqrt(var + eps) are recomputed from all values seen so far (var is the population variance) and
 * applied; the first sample is thus standardised by its own statistics, later ones by the running ones, as a
 * BatchNorm in training mode. Outside the pass the statistics are frozen (as a BatchNorm in evaluation mode with
 * the statistics of the whole pass); before any pass the stage applies mean 0 and inverse deviation 1.
 *
 * <p>Counted per sample with C channels and N values: standardising, N {@link Action#NEURON_NORM_OP} and 2C SRAM
 * reads (mean, inverse deviation). Collecting adds 2N norm ops (x into the sum, x*x into the sum of squares), 4C norm
 * ops for the per-channel update (mean, mean of squares, variance, one Newton step of the inverse square root),
 * 5C SRAM reads (the four sum words and one inverse-square-root seed from a look-up table) and 6C SRAM writes (the
 * sums and the new mean and inverse deviation). The unit's cycles are ceil(ops / neuron lanes) x the op's latency.
 */
final class NormStage {
    /** Norm ops per value while collecting, on top of the one that standardises it. */
    static final int COLLECT_OPS_PER_VALUE = 2;
    /** Norm ops per channel and collecting sample (mean, mean of squares, variance, inverse square root step). */
    static final int UPDATE_OPS_PER_CHANNEL = 4;
    static final int APPLY_READS_PER_CHANNEL = 2;
    static final int COLLECT_READS_PER_CHANNEL = 5;
    static final int COLLECT_WRITES_PER_CHANNEL = 6;

    private final InputNorm cfg;
    private final int channels;
    private final int positions;
    private final double[] sum;
    private final double[] sumSq;
    private final double[] mean;
    private final double[] invStd;
    /** Values seen per channel. */
    private long count;

    NormStage(InputNorm cfg, Shape in) {
        this.cfg = cfg;
        this.channels = in.channels();
        this.positions = in.height() * in.width();
        this.sum = new double[channels];
        this.sumSq = new double[channels];
        this.mean = new double[channels];
        this.invStd = new double[channels];
        java.util.Arrays.fill(invStd, 1.0);
    }

    /**
     * Standardises x (channel-major, C x H x W) into out on {@code core}, collecting statistics first when asked.
     * Returns the cycle the standardised values are ready.
     */
    long run(float[] x, float[] out, boolean collect, Core core, int lanes, Technology tech, long ready) {
        if (x.length != (long) channels * positions) {
            throw new IllegalArgumentException("input norm expects " + channels * positions + " values, got " + x.length);
        }
        ActionCounters counts = core.counts();
        long ops = x.length;
        if (collect) {
            count += positions;
            for (int c = 0; c < channels; c++) {
                double s = 0, q = 0;
                int base = c * positions;
                for (int p = 0; p < positions; p++) {
                    double v = x[base + p];
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                sumSq[c] += q;
                double m = sum[c] / count;
                double var = Math.max(0, sumSq[c] / count - m * m);
                mean[c] = m;
                invStd[c] = 1 / Math.sqrt(var + cfg.eps());
            }
            ops += (long) COLLECT_OPS_PER_VALUE * x.length + (long) UPDATE_OPS_PER_CHANNEL * channels;
            counts.add(Action.SRAM_READ_WORD, (long) COLLECT_READS_PER_CHANNEL * channels);
            counts.add(Action.SRAM_WRITE_WORD, (long) COLLECT_WRITES_PER_CHANNEL * channels);
        }
        for (int c = 0; c < channels; c++) {
            double m = mean[c], k = invStd[c];
            int base = c * positions;
            for (int p = 0; p < positions; p++) out[base + p] = (float) ((x[base + p] - m) * k);
        }
        counts.add(Action.SRAM_READ_WORD, (long) APPLY_READS_PER_CHANNEL * channels);
        counts.add(Action.NEURON_NORM_OP, ops);
        long cycles = (ops + lanes - 1) / lanes * tech.cycles(Action.NEURON_NORM_OP);
        return core.occupy(ready, cycles, CoreState.BUSY_NEURON, CoreState.IDLE);
    }

    long count() { return count; }

    double[] mean() { return mean.clone(); }

    /** Population variance per channel from the statistics so far (0 before any). */
    double[] variance() {
        double[] v = new double[channels];
        for (int c = 0; c < channels; c++) v[c] = count == 0 ? 0 : Math.max(0, sumSq[c] / count - mean[c] * mean[c]);
        return v;
    }

    InputNorm config() { return cfg; }

    ChipState.Norm snapshot() { return new ChipState.Norm(count, sum, sumSq); }

    void restore(ChipState.Norm s) {
        if (s.sum().length != channels || s.sumSq().length != channels) {
            throw new IllegalArgumentException("input norm: saved statistics have " + s.sum().length + " channels, the layer's input has "
                    + channels);
        }
        count = s.count();
        System.arraycopy(s.sum(), 0, sum, 0, channels);
        System.arraycopy(s.sumSq(), 0, sumSq, 0, channels);
        for (int c = 0; c < channels; c++) {
            if (count == 0) {
                mean[c] = 0;
                invStd[c] = 1;
            } else {
                double m = sum[c] / count;
                mean[c] = m;
                invStd[c] = 1 / Math.sqrt(Math.max(0, sumSq[c] / count - m * m) + cfg.eps());
            }
        }
    }
}
