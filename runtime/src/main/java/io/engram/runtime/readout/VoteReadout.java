package io.engram.runtime.readout;

/**
 * Diehl and Cook's readout: each neuron is assigned the class for which its mean response (spike count or
 * activation) over the labelled set is highest; a sample is predicted as the class whose assigned neurons respond
 * most on average. No trained weights. Neurons that never respond are left unassigned.
 */
public final class VoteReadout {
    private final int neurons;
    private final int classes;
    private final int[] assigned;

    public VoteReadout(int neurons, int classes) {
        this.neurons = neurons;
        this.classes = classes;
        this.assigned = new int[neurons];
    }

    public void fit(float[][] responses, int[] labels) {
        double[][] sum = new double[classes][neurons];
        int[] count = new int[classes];
        for (int s = 0; s < responses.length; s++) {
            count[labels[s]]++;
            for (int j = 0; j < neurons; j++) sum[labels[s]][j] += responses[s][j];
        }
        for (int j = 0; j < neurons; j++) {
            int best = -1;
            double bestV = 0;
            for (int c = 0; c < classes; c++) {
                double m = count[c] == 0 ? 0 : sum[c][j] / count[c];
                if (m > bestV) {
                    bestV = m;
                    best = c;
                }
            }
            assigned[j] = best;
        }
    }

    public int predict(float[] response) {
        double[] sum = new double[classes];
        int[] n = new int[classes];
        for (int j = 0; j < neurons; j++) {
            if (assigned[j] < 0) continue;
            sum[assigned[j]] += response[j];
            n[assigned[j]]++;
        }
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double m = n[c] == 0 ? Double.NEGATIVE_INFINITY : sum[c] / n[c];
            if (m > bestV) {
                bestV = m;
                best = c;
            }
        }
        return best;
    }

    public double accuracy(float[][] responses, int[] labels) {
        int ok = 0;
        for (int i = 0; i < responses.length; i++) if (predict(responses[i]) == labels[i]) ok++;
        return responses.length == 0 ? 0 : (double) ok / responses.length;
    }

    public int[] assignments() { return assigned.clone(); }
}
