package io.engram.chip.eventcore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A spiking network mapped onto an event chip: per neuron its group, parameters and core; synapses grouped by source
 * neuron (compressed rows). Immutable once built; a frontend (SANA-FE's format, or a test) fills a {@link Builder}.
 */
public final class EventNetwork {
    private final String name;
    private final List<String> groupNames;
    private final int[] group;
    private final double[] bias;
    private final double[] threshold;
    private final double[] reset;
    private final double[] leak;
    private final int[] core;
    /** Synapse class of the synapses arriving at each neuron (the destination group's synapse unit). */
    private final SynapseClass[] inClass;
    private final int[] synStart;
    private final int[] synTarget;
    private final double[] synWeight;

    private EventNetwork(Builder b, int[] synStart, int[] synTarget, double[] synWeight) {
        this.name = b.name;
        this.groupNames = Collections.unmodifiableList(List.copyOf(b.groupNames));
        int n = b.n;
        this.group = Arrays.copyOf(b.group, n);
        this.bias = Arrays.copyOf(b.bias, n);
        this.threshold = Arrays.copyOf(b.threshold, n);
        this.reset = Arrays.copyOf(b.reset, n);
        this.leak = Arrays.copyOf(b.leak, n);
        this.core = Arrays.copyOf(b.core, n);
        this.inClass = Arrays.copyOf(b.inClass, n);
        this.synStart = synStart;
        this.synTarget = synTarget;
        this.synWeight = synWeight;
    }

    public String name() { return name; }
    public List<String> groupNames() { return groupNames; }
    public int neurons() { return group.length; }
    public int synapses() { return synTarget.length; }
    public int group(int i) { return group[i]; }
    public double bias(int i) { return bias[i]; }
    public double threshold(int i) { return threshold[i]; }
    public double reset(int i) { return reset[i]; }
    public double leak(int i) { return leak[i]; }
    public int core(int i) { return core[i]; }
    public SynapseClass inClass(int i) { return inClass[i]; }
    public int synStart(int i) { return synStart[i]; }
    public int synEnd(int i) { return synStart[i + 1]; }
    public int synTarget(int s) { return synTarget[s]; }
    public double synWeight(int s) { return synWeight[s]; }

    /** Number of neurons in each group. */
    public int[] groupSizes() {
        int[] out = new int[groupNames.size()];
        for (int g : group) out[g]++;
        return out;
    }

    /** Fills a network neuron by neuron and synapse by synapse. */
    public static final class Builder {
        private final String name;
        private final List<String> groupNames = new java.util.ArrayList<>();
        private int n;
        private int[] group = new int[16];
        private double[] bias = new double[16];
        private double[] threshold = new double[16];
        private double[] reset = new double[16];
        private double[] leak = new double[16];
        private int[] core = new int[16];
        private SynapseClass[] inClass = new SynapseClass[16];
        private int m;
        private int[] src = new int[16];
        private int[] dst = new int[16];
        private double[] w = new double[16];

        public Builder(String name) { this.name = name; }

        /** Declares a group; returns its index. */
        public int group(String groupName) {
            groupNames.add(groupName);
            return groupNames.size() - 1;
        }

        /** Adds a neuron; returns its index (core -1 until {@link #map}). */
        public int neuron(int groupIndex, double biasValue, double thresholdValue, double resetValue, double leakFactor,
                          SynapseClass incoming) {
            if (n == group.length) {
                int c = n * 2;
                group = Arrays.copyOf(group, c);
                bias = Arrays.copyOf(bias, c);
                threshold = Arrays.copyOf(threshold, c);
                reset = Arrays.copyOf(reset, c);
                leak = Arrays.copyOf(leak, c);
                core = Arrays.copyOf(core, c);
                inClass = Arrays.copyOf(inClass, c);
            }
            group[n] = groupIndex;
            bias[n] = biasValue;
            threshold[n] = thresholdValue;
            reset[n] = resetValue;
            leak[n] = leakFactor;
            core[n] = -1;
            inClass[n] = incoming;
            return n++;
        }

        public int size() { return n; }

        public void map(int neuron, int coreId) { core[neuron] = coreId; }

        public int coreOf(int neuron) { return core[neuron]; }

        public SynapseClass inClassOf(int neuron) { return inClass[neuron]; }

        public void synapse(int from, int to, double weight) {
            if (m == src.length) {
                int c = m * 2;
                src = Arrays.copyOf(src, c);
                dst = Arrays.copyOf(dst, c);
                w = Arrays.copyOf(w, c);
            }
            src[m] = from;
            dst[m] = to;
            w[m] = weight;
            m++;
        }

        /** Builds the network; every neuron must be mapped (the frontend reports unmapped ones with their names). */
        public EventNetwork build() {
            for (int i = 0; i < n; i++) {
                if (core[i] < 0) throw new IllegalStateException("neuron " + i + " is not mapped");
            }
            int[] start = new int[n + 1];
            for (int s = 0; s < m; s++) start[src[s] + 1]++;
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            int[] fill = Arrays.copyOf(start, n);
            int[] t = new int[m];
            double[] ww = new double[m];
            for (int s = 0; s < m; s++) {
                int at = fill[src[s]]++;
                t[at] = dst[s];
                ww[at] = w[s];
            }
            return new EventNetwork(this, start, t, ww);
        }
    }
}
