package io.engram.chip.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Records, for one layer, the output spikes, membrane potentials and (CubaLIF layers) synaptic currents of its first
 * {@code neurons} neurons at every step of the samples it is given, in memory bounded by {@code maxValues} (samples x
 * steps x neurons): when the next sample would not fit, it and every later one are left out and {@link #cut()} says
 * why. A run feeds it through {@code Chip.StepObserver}; the runtime writes what it holds.
 */
public final class SpikeProbe {
    private final int layer;
    private final int neurons;
    private final long maxValues;
    private final List<byte[]> spikes = new ArrayList<>();
    private final List<double[]> voltage = new ArrayList<>();
    private final List<double[]> current = new ArrayList<>();
    private final List<Integer> sampleIndex = new ArrayList<>();
    private int steps = -1;
    private byte[] curSpikes;
    private double[] curV;
    private double[] curI;
    private int curSteps;
    private int recorded;
    private String cut;

    /**
     * @param layer     layer index in the program
     * @param neurons   first neurons recorded (capped by the layer's width)
     * @param maxValues bound on samples x steps x neurons held
     */
    public SpikeProbe(int layer, int neurons, long maxValues) {
        if (neurons < 1 || maxValues < 1) throw new IllegalArgumentException("probe needs neurons >= 1 and maxValues >= 1");
        this.layer = layer;
        this.neurons = neurons;
        this.maxValues = maxValues;
    }

    public int layer() { return layer; }

    /** Starts a sample of {@code steps} steps whose index in its phase is {@code index}; false when it is cut. */
    public boolean begin(int index, int steps, int width) {
        int n = Math.min(neurons, width);
        if (cut != null) return false;
        if ((long) (recorded + 1) * steps * n > maxValues) {
            cut = "sample " + index + " and later: " + (recorded + 1) + " samples x " + steps + " steps x " + n
                    + " neurons exceed the probe's bound of " + maxValues + " values";
            return false;
        }
        curSpikes = new byte[steps * n];
        curV = new double[steps * n];
        curSteps = steps;
        sampleIndex.add(index);
        this.steps = steps;
        return true;
    }

    /** One step of the probed layer (call only between {@link #begin} returning true and {@link #end}). */
    public void step(int step, byte[] s, double[] v) {
        int n = curSpikes.length / curSteps;
        System.arraycopy(s, 0, curSpikes, step * n, n);
        System.arraycopy(v, 0, curV, step * n, n);
    }

    /** The synaptic currents of the probed layer after a step (CubaLIF layers; same calling rule as {@link #step}). */
    public void current(int step, double[] i) {
        int n = curSpikes.length / curSteps;
        if (curI == null) curI = new double[curSteps * n];
        System.arraycopy(i, 0, curI, step * n, n);
    }

    public void end() {
        spikes.add(curSpikes);
        voltage.add(curV);
        current.add(curI);
        recorded++;
        curSpikes = null;
        curV = null;
        curI = null;
    }

    public int samples() { return recorded; }

    public int steps() { return steps; }

    public int neuronsRecorded() { return recorded == 0 ? 0 : spikes.get(0).length / steps; }

    /** Spikes of sample k (in recording order), [steps x neurons] step-major. */
    public byte[] spikes(int k) { return spikes.get(k).clone(); }

    /** Membrane potentials (the chip's rescaled units) of sample k, [steps x neurons] step-major. */
    public double[] voltage(int k) { return voltage.get(k).clone(); }

    /** Whether the layer has a synaptic current (a CubaLIF layer): {@link #current(int)} holds it. */
    public boolean hasCurrent() { return recorded > 0 && current.get(0) != null; }

    /** Synaptic currents (chip units, after each step) of sample k, [steps x neurons] step-major; null for a LIF layer. */
    public double[] current(int k) {
        double[] c = current.get(k);
        return c == null ? null : c.clone();
    }

    /** The phase index of recorded sample k. */
    public int sampleIndex(int k) { return sampleIndex.get(k); }

    /** Why samples were left out, or null when nothing was. */
    public String cut() { return cut; }

    @Override
    public String toString() {
        return "probe layer " + layer + ": " + recorded + " samples x " + steps + " steps x " + neuronsRecorded()
                + " neurons" + (cut == null ? "" : " (cut: " + cut + ")");
    }
}
