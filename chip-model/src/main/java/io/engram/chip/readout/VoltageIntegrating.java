package io.engram.chip.readout;

/**
 * Voltage-mode integrate-and-convert readout with an output precision of {@code minOutputBits} to
 * {@code maxOutputBits} (see {@link Readout}). For one MVM of a core with {@code rows} inputs and {@code pairs}
 * differential weight columns, inputs of {@code inputBits} magnitude bits applied in {@code phases} phases:
 * <ul>
 * <li>time: phases x inputBits integration steps, outputBits conversion steps, (phases - 1) gaps between phases;</li>
 * <li>events: one input pulse per row and set magnitude bit (data-dependent); one integration per column pair and
 * input bit, one conversion step per column pair and output bit (neuron rail); one word-line toggle per row and input
 * bit and per row and conversion step (word-line rail).</li>
 * </ul>
 * Energy events are counted per input bit, not per phase: a row is pulsed in one phase only (its sign's), and the
 * measured energy per op at 3/1 bits is the same with one and two phases (silicon.md section 1).
 */
public record VoltageIntegrating(int minOutputBits, int maxOutputBits) implements Readout {
    public VoltageIntegrating {
        if (minOutputBits < 1 || maxOutputBits < minOutputBits) {
            throw new IllegalArgumentException("output bits " + minOutputBits + ".." + maxOutputBits);
        }
    }

    @Override
    public String key() { return "voltage_integrating"; }

    /**
     * Integrates and converts one MVM of one core, counting its events into {@code counts}.
     *
     * @param gPos       conductance of each row's positive cell, [row * pairs + pair], any unit
     * @param gNeg       the same for the negative cells
     * @param x          signed integer inputs, |x| below 2^inputBits
     * @param inputBits  magnitude bits of the inputs
     * @param phases     1 (non-negative inputs only) or 2 (positive, then negative)
     * @param outputBits output precision
     * @return the output codes, signed, |code| at most 2^(outputBits - 1) - 1
     */
    public int[] mvm(double[] gPos, double[] gNeg, int rows, int pairs, int[] x, int inputBits, int phases,
                     int outputBits, MvmCounts counts) {
        if (outputBits < minOutputBits || outputBits > maxOutputBits) {
            throw new IllegalArgumentException("output bits " + outputBits + " outside " + minOutputBits + ".."
                    + maxOutputBits);
        }
        double[] sumPos = new double[pairs];
        double[] sumNeg = new double[pairs];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < pairs; j++) {
                sumPos[j] += gPos[i * pairs + j];
                sumNeg[j] += gNeg[i * pairs + j];
            }
        }
        double[] acc = new double[pairs];
        double[] vPos = new double[pairs];
        double[] vNeg = new double[pairs];
        long pulses = 0;
        for (int ph = 0; ph < phases; ph++) {
            int sign = ph == 0 ? 1 : -1;
            for (int k = 0; k < inputBits; k++) {
                java.util.Arrays.fill(vPos, 0.0);
                java.util.Arrays.fill(vNeg, 0.0);
                for (int i = 0; i < rows; i++) {
                    int xi = x[i];
                    if (Integer.signum(xi) != sign || ((Math.abs(xi) >>> k) & 1) == 0) continue;
                    pulses++;
                    for (int j = 0; j < pairs; j++) {
                        vPos[j] += gPos[i * pairs + j];
                        vNeg[j] += gNeg[i * pairs + j];
                    }
                }
                double weight = sign * (double) (1L << k);
                for (int j = 0; j < pairs; j++) acc[j] += weight * (vPos[j] / sumPos[j] - vNeg[j] / sumNeg[j]);
            }
        }
        // full scale: every row pulsed at every bit in one phase, one bit line at the full read voltage
        double fullScale = (double) ((1L << inputBits) - 1);
        int maxCode = (1 << (outputBits - 1)) - 1;
        int[] out = new int[pairs];
        for (int j = 0; j < pairs; j++) {
            long code = Math.round(acc[j] / fullScale * maxCode);
            out[j] = (int) Math.max(-maxCode, Math.min(maxCode, code));
        }
        counts.inputPulses += pulses;
        counts.integrations += (long) pairs * inputBits;
        counts.conversionSteps += (long) pairs * outputBits;
        counts.wordLineIntegrationToggles += (long) rows * inputBits;
        counts.wordLineConversionToggles += (long) rows * outputBits;
        counts.mvms++;
        counts.macs += (long) rows * pairs;
        return out;
    }

    /** Duration of one MVM: integration steps, conversion steps and the gaps between phases. */
    public double mvmNs(int inputBits, int phases, int outputBits, double integrationStepNs, double conversionStepNs,
                        double phaseGapNs) {
        return phases * inputBits * integrationStepNs + outputBits * conversionStepNs + (phases - 1) * phaseGapNs;
    }
}
