package io.engram.chip.cim;

import io.engram.chip.readout.MvmCounts;
import io.engram.chip.readout.VoltageIntegrating;
import io.engram.chip.random.RandomStreams;
import io.engram.chip.time.StepActivity;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The measurement workload of a CIM chip: full-array MVMs on every core at once, with random weights (uniform in
 * [-1, 1], as differential conductances over the device range) and random inputs (magnitudes uniform over
 * {@code inputBits} bits; with two phases the sign is random too, with one the inputs are non-negative). Energy is
 * the readout's event counts times the technology's costs, per rail; the MVM's time comes from the chip's time model
 * over the cores' busy time. Deterministic for a seed.
 */
public final class MvmWorkload {
    private MvmWorkload() {}

    /** The result of one bit setting. */
    public record Result(int inputBits, int outputBits, int phases, MvmCounts counts, Map<Rail, Double> energyPj,
                         double mvmNs, long opsPerChipMvm) {
        /** Energy per op (1 MAC = 2 ops) on a rail, in femtojoules. */
        public double fjPerOp(Rail r) { return energyPj.get(r) * 1000.0 / (2.0 * counts.macs); }

        public double fjPerOpTotal() {
            double s = 0;
            for (Rail r : Rail.values()) s += fjPerOp(r);
            return s;
        }

        /** Chip throughput: every core's MVM ops per MVM time, in tera-ops per second. */
        public double tops() { return opsPerChipMvm / mvmNs / 1000.0; }

        public double topsPerWatt() { return 1000.0 / fjPerOpTotal(); }
    }

    /**
     * Runs {@code mvmsPerCore} MVMs on each of the chip's cores at one bit setting.
     */
    public static Result run(CimChipSpec chip, CimTechnology tech, int inputBits, int outputBits, int phases,
                             int mvmsPerCore, long seed) {
        if (!(chip.readout() instanceof VoltageIntegrating vi)) {
            throw new IllegalStateException("unsupported readout " + chip.readout().key());
        }
        if (inputBits < chip.minInputBits() || inputBits > chip.maxInputBits()) {
            throw new IllegalArgumentException("input bits " + inputBits + " outside " + chip.minInputBits() + ".."
                    + chip.maxInputBits());
        }
        if (phases != 1 && phases != 2) throw new IllegalArgumentException("phases must be 1 or 2");
        RandomStreams streams = new RandomStreams(seed);
        int rows = chip.rows();
        int pairs = chip.pairs();
        MvmCounts counts = new MvmCounts();
        double span = chip.gMaxUs() - chip.gMinUs();
        double[] gPos = new double[rows * pairs];
        double[] gNeg = new double[rows * pairs];
        int[] x = new int[rows];
        int maxMag = (1 << inputBits) - 1;
        for (int c = 0; c < chip.cores(); c++) {
            SplittableRandom wr = streams.stream("cim.core" + c, "weights");
            for (int k = 0; k < gPos.length; k++) {
                double w = wr.nextDouble(-1.0, 1.0);
                gPos[k] = chip.gMinUs() + Math.max(w, 0.0) * span;
                gNeg[k] = chip.gMinUs() + Math.max(-w, 0.0) * span;
            }
            SplittableRandom xr = streams.stream("cim.core" + c, "inputs");
            for (int m = 0; m < mvmsPerCore; m++) {
                for (int i = 0; i < rows; i++) {
                    int mag = xr.nextInt(maxMag + 1);
                    x[i] = phases == 2 && xr.nextBoolean() ? -mag : mag;
                }
                vi.mvm(gPos, gNeg, rows, pairs, x, inputBits, phases, outputBits, counts);
            }
        }
        Map<Rail, Double> e = new EnumMap<>(Rail.class);
        e.put(Rail.INPUT_PULSE, counts.inputPulses * tech.inputPulse().value());
        e.put(Rail.NEURON, counts.integrations * tech.integration().value()
                + counts.conversionSteps * tech.conversionStep().value());
        e.put(Rail.WORD_LINE, counts.wordLineIntegrationToggles * tech.wordLineIntegration().value()
                + counts.wordLineConversionToggles * tech.wordLineConversion().value());
        double coreNs = vi.mvmNs(inputBits, phases, outputBits, tech.integrationStepNs().value(),
                tech.conversionStepNs().value(), tech.phaseGapNs().value());
        double[] busy = new double[chip.cores()];
        java.util.Arrays.fill(busy, coreNs);
        double mvmNs = chip.timeModel().stepNs(new StepActivity(busy, 0.0, 0.0));
        long ops = 2L * rows * pairs * chip.cores();
        return new Result(inputBits, outputBits, phases, counts, e, mvmNs, ops);
    }
}
