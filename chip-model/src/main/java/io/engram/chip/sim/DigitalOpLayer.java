package io.engram.chip.sim;

import io.engram.chip.core.Core;
import io.engram.chip.core.CoreState;
import io.engram.chip.program.LayerKind;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Shape;
import io.engram.chip.tech.Action;

/**
 * A layer without weights (pooling, flatten), run in the neuron units of the previous weight layer's first owner
 * core (core 0 when the input comes from the host). Flatten only renames the data.
 */
final class DigitalOpLayer implements ChipLayer {
    private final LayerProgram lp;

    DigitalOpLayer(LayerProgram lp) { this.lp = lp; }

    @Override
    public LayerProgram program() { return lp; }

    @Override
    public boolean passesSpikes() { return lp.kind() == LayerKind.FLATTEN; }

    @Override
    public float[] runRate(SampleStep st, float[] x, boolean learn) {
        if (lp.kind() == LayerKind.FLATTEN) return x;
        Shape in = lp.in();
        Shape out = lp.out();
        float[] y = new float[out.size()];
        int k = lp.kernel();
        int s = lp.stride();
        int pad = lp.padding();
        boolean max = lp.kind() == LayerKind.MAXPOOL;
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int n = 0;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * s - pad + ky;
                        if (iy < 0 || iy >= in.height()) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * s - pad + kx;
                            if (ix < 0 || ix >= in.width()) continue;
                            float v = x[(c * in.height() + iy) * in.width() + ix];
                            acc = max ? Math.max(acc, v) : acc + v;
                            n++;
                        }
                    }
                    y[(c * out.height() + oy) * out.width() + ox] = (float) (max ? (n == 0 ? 0 : acc) : acc / (k * k));
                }
            }
        }
        Core host = st.hostCore(0);
        long ops = (long) out.size() * k * k;
        host.counts().add(Action.NEURON_RATE_UPDATE, ops);
        int lanes = st.spec.core().neuronLanes();
        long cyc = (ops + lanes - 1) / lanes * st.spec.technology().cycles(Action.NEURON_RATE_UPDATE);
        host.occupy(st.ready, cyc, CoreState.BUSY_NEURON, CoreState.IDLE); // after the previous layer's output is ready
        return y;
    }
}
