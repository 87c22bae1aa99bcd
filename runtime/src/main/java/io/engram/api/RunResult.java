package io.engram.api;

import io.engram.chip.spec.ChipSpec;
import io.engram.runtime.report.AccuracyFigures;
import io.engram.runtime.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * What a run measured, typed: the figures of {@code report.json} ({@link #report()} holds all of them; the accessors
 * below are the ones most callers read), the chip that ran and the weights it ended with. Units are in the names and
 * the Javadoc: energies in pJ, power in mW, times in chip cycles or ns, area in mm², memory in cells and bytes.
 * Immutable (the weight arrays are copies made for this result).
 */
public final class RunResult {
    private final String chip;
    private final ChipSpec chipSpec;
    private final Report report;
    private final List<LayerWeights> weights;
    private final int featureCount;
    private final ProbeResult probes;

    RunResult(String chip, ChipSpec chipSpec, Report report, List<LayerWeights> weights, int featureCount,
              ProbeResult probes) {
        this.chip = chip;
        this.chipSpec = chipSpec;
        this.report = report;
        this.weights = List.copyOf(weights);
        this.featureCount = featureCount;
        this.probes = probes;
    }

    /**
     * One weight layer's weights after the run, as its cells hold them (the conductances read back as weights, in
     * the network's weight units).
     *
     * @param layer  the layer's name in the network
     * @param rows   inputs per neuron (for a convolution: kernel x kernel x input channels)
     * @param cols   neurons (for a convolution: output channels)
     * @param values row-major {@code rows x cols}: the weight from input i to neuron k is {@code values[i * cols + k]}
     * @param bias   one per neuron (digital, in SRAM)
     */
    public record LayerWeights(String layer, int rows, int cols, float[] values, double[] bias) {
        /** Neuron k's weight vector (column k), length {@link #rows()}. */
        public double[] neuron(int k) {
            if (k < 0 || k >= cols) throw new IndexOutOfBoundsException("neuron " + k + " of " + cols);
            double[] w = new double[rows];
            for (int i = 0; i < rows; i++) w[i] = values[i * cols + k];
            return w;
        }

        /** Mean over the neurons of the L2 norm of their weight vectors (dimensionless, in weight units). */
        public double meanNeuronNorm() {
            double sum = 0;
            for (int k = 0; k < cols; k++) {
                double n2 = 0;
                for (int i = 0; i < rows; i++) n2 += (double) values[i * cols + k] * values[i * cols + k];
                sum += Math.sqrt(n2);
            }
            return cols == 0 ? 0 : sum / cols;
        }
    }

    /** What the experiment's probes recorded ({@link Experiment.Builder#probes}); null when it has none. */
    public ProbeResult probes() { return probes; }

    /** The chip as a header shows it, e.g. {@code rram-22nm (+ core.adc.bits=6)}. */
    public String chip() { return chip; }

    /** The chip that ran, every field resolved (the mesh as {@link Experiment.Builder#meshToFit()} sized it). */
    public ChipSpec chipSpec() { return chipSpec; }

    /** Readout accuracy on its training samples, in [0, 1]. */
    public double trainAccuracy() { return report.accuracy().train(); }

    /** Readout accuracy on the test samples, in [0, 1]. */
    public double testAccuracy() { return report.accuracy().test(); }

    /** Which readout, and where it was trained. */
    public String readout() { return report.accuracy().readout(); }

    /** Accuracy after each training epoch (empty unless the experiment evaluates every epoch). */
    public List<AccuracyFigures.EpochAccuracy> accuracyPerEpoch() { return report.accuracy().perEpoch(); }

    /** Values per sample the readout was fitted on: the last layer's outputs (the input size for an input baseline). */
    public int featureCount() { return featureCount; }

    // ---- energy and power ------------------------------------------------------------------------------------------

    /** The whole run's energy in pJ: total = dynamic + leakage; dynamic = the sum of the lines. */
    public Report.Energy energy() { return report.energy(); }

    /** Every dynamic energy line: count x cost (pJ) of one (component, action), with the cost's source. */
    public List<Report.Line> energyLines() { return report.energy().lines(); }

    /** Every leakage line: instances x static power (mW) x the run's time = energy (pJ), with the power's source. */
    public List<Report.LeakageLine> leakageLines() { return report.energy().leakage().lines(); }

    /** Dynamic energy of the whole run in pJ (the sum of {@link #energyLines()}). */
    public double dynamicPj() { return report.energy().dynamicPj(); }

    /** Leakage energy of the whole run in pJ (the sum of {@link #leakageLines()}). */
    public double leakagePj() { return report.energy().leakagePj(); }

    /** Static power of the powered instances in mW (the leakage lines' power summed). */
    public double staticPowerMw() { return report.energy().leakage().powerMw(); }

    /**
     * Mean power over the run in mW: total energy (pJ) / run time (ns), since 1 pJ/ns = 1 mW. NaN when no time
     * passed on the chip.
     */
    public double meanPowerMw() {
        double ns = report.latency().ns();
        return ns > 0 ? report.energy().totalPj() / ns : Double.NaN;
    }

    /** Synaptic operations and energy per operation of the whole run, of training and of inference. */
    public Report.Efficiency efficiency() { return report.efficiency(); }

    /**
     * The training phases together (those that updated weights): samples, synaptic operations, energy (pJ, dynamic +
     * leakage), pJ per synaptic operation and average power (mW).
     */
    public Report.PhaseGroup training() { return report.efficiency().training(); }

    /**
     * The inference phases together (those that updated no weight: the evaluation passes over the readout's training
     * samples and the test samples): as {@link #training()}, plus TOPS/W for rate networks.
     */
    public Report.PhaseGroup inference() { return report.efficiency().inference(); }

    /** Training energy (dynamic + leakage) per training sample presented, in pJ; NaN when nothing trained. */
    public double trainingPjPerSample() { return perSample(training().energyPj(), training().samples()); }

    /** Inference energy (dynamic + leakage) per sample evaluated, in pJ; NaN when nothing was evaluated. */
    public double inferencePjPerSample() { return perSample(inference().energyPj(), inference().samples()); }

    /** Leakage energy of the training phases per training sample, in pJ; NaN when nothing trained. */
    public double trainingLeakagePjPerSample() {
        return perSample(sumPhases(training(), true), training().samples());
    }

    /** Leakage energy of the inference phases per sample evaluated, in pJ; NaN when nothing was evaluated. */
    public double inferenceLeakagePjPerSample() {
        return perSample(sumPhases(inference(), true), inference().samples());
    }

    /**
     * Dynamic energy of one component class (its {@code report.json} key: {@code crossbar}, {@code adc}, {@code dac},
     * {@code neuron}, {@code plasticity}, {@code sram}, {@code router}, ...) in the inference phases per sample
     * evaluated, in pJ; 0 when the component did nothing, NaN when nothing was evaluated.
     */
    public double inferenceComponentPjPerSample(String component) {
        double pj = 0;
        for (Report.Phase p : phasesOf(inference())) pj += p.energy().byComponent().getOrDefault(component, 0.0);
        return perSample(pj, inference().samples());
    }

    /** As {@link #inferenceComponentPjPerSample(String)} for the training phases. */
    public double trainingComponentPjPerSample(String component) {
        double pj = 0;
        for (Report.Phase p : phasesOf(training())) pj += p.energy().byComponent().getOrDefault(component, 0.0);
        return perSample(pj, training().samples());
    }

    /**
     * Energy (dynamic + leakage) of the phase of that name per sample it ran, in pJ ({@code train}: training samples
     * presented; {@code evaluate}: readout-training plus test samples); NaN when the run has no such phase or it ran
     * no sample (a run with 0 training epochs has no {@code train} phase).
     */
    public double phasePjPerSample(String phase) {
        for (Report.Phase p : report.phases()) {
            if (p.name().equals(phase)) return perSample(p.energy().totalPj(), p.samples());
        }
        return Double.NaN;
    }

    /** Chip time of the phase of that name per sample it ran, in ns (pipelined); NaN as {@link #phasePjPerSample}. */
    public double phaseNsPerSample(String phase) {
        for (Report.Phase p : report.phases()) {
            if (p.name().equals(phase)) return perSample(p.latency().ns(), p.samples());
        }
        return Double.NaN;
    }

    // ---- time ------------------------------------------------------------------------------------------------------

    /** Cycles, ns, cycles per sample (pipelined and serial), core states, critical path. */
    public Report.Latency latency() { return report.latency(); }

    /** Chip time of the training phases per training sample, in ns (pipelined throughput); NaN when nothing trained. */
    public double trainingNsPerSample() { return perSample(sumNs(training()), training().samples()); }

    /** Chip time of the inference phases per sample evaluated, in ns (pipelined throughput); NaN when none. */
    public double inferenceNsPerSample() { return perSample(sumNs(inference()), inference().samples()); }

    /**
     * Mean latency of one sample from its start to the end of its last work, over the whole run, in ns (no
     * pipelining overlap); NaN when no sample ran.
     */
    public double serialNsPerSample() {
        Double c = report.latency().cyclesPerSampleSerial();
        return c == null ? Double.NaN : c * 1000.0 / report.chip().clockMhz();
    }

    // ---- silicon ---------------------------------------------------------------------------------------------------

    /** Silicon area: chip, one core, one router (mm²) and a line per component class (instances x µm² each). */
    public Report.Area area() { return report.area(); }

    /** RRAM cells and SRAM bytes: capacity, used, the program's parameters, the simulator's host memory. */
    public Report.Memory memory() { return report.memory(); }

    /** Weight updates, write pulses, cells written, endurance. */
    public Report.Learning learning() { return report.learning(); }

    /** Cores used and where each tile sits. */
    public Report.Mapping mapping() { return report.mapping(); }

    /** Network-on-chip traffic: packets, flits, hops, stalls. */
    public Report.Noc noc() { return report.noc(); }

    /** The weight layers' weights after the run, in layer order. */
    public List<LayerWeights> weights() { return weights; }

    /** The weights of the layer of that name. */
    public LayerWeights weights(String layer) {
        for (LayerWeights w : weights) if (w.layer().equals(layer)) return w;
        List<String> names = new ArrayList<>();
        for (LayerWeights w : weights) names.add(w.layer());
        throw new NoSuchElementException("no weight layer " + layer + " (weight layers: " + String.join(", ", names) + ")");
    }

    /** The phases in order (train, evaluate, ...). */
    public List<Report.Phase> phases() { return report.phases(); }

    /** The phase of that name ({@code train}, {@code evaluate}, {@code train-readout}, ...). */
    public Report.Phase phase(String name) {
        for (Report.Phase p : report.phases()) if (p.name().equals(name)) return p;
        throw new NoSuchElementException("no phase " + name + " in this run");
    }

    /** Everything {@code report.json} holds, as typed records. */
    public Report report() { return report; }

    private List<Report.Phase> phasesOf(Report.PhaseGroup g) {
        List<Report.Phase> out = new ArrayList<>();
        for (Report.Phase p : report.phases()) if (g.phases().contains(p.name())) out.add(p);
        return out;
    }

    private double sumPhases(Report.PhaseGroup g, boolean leakage) {
        double s = 0;
        for (Report.Phase p : phasesOf(g)) s += leakage ? p.energy().leakagePj() : p.energy().dynamicPj();
        return s;
    }

    private double sumNs(Report.PhaseGroup g) {
        double s = 0;
        for (Report.Phase p : phasesOf(g)) s += p.latency().ns();
        return s;
    }

    private static double perSample(double value, long samples) { return samples > 0 ? value / samples : Double.NaN; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: test %.2f %%, %.3f uJ, %.1f mW mean", chip,
                100 * testAccuracy(), report.energy().totalPj() / 1e6, meanPowerMw());
    }
}
