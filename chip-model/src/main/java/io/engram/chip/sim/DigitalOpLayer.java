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
 *
 * <p>On spikes (spiking mode) a pool is event driven, as sinabs runs it on its chips (a spike of the layer before
 * is one event on the pooled neuron whose window holds it): an average pool's output at a window is its spike count
 * n over k*k (the sum pool of the NIR graph, whose factor k*k the compiler folds into the next layer's weights, so
 * that the next layer sees n times its weight), and it travels on as its n address events; a max pool's output is 1
 * where any spike fell in the window. Each spike in a window is one add (or compare) in the neuron unit, counted as
 * a {@link Action#NEURON_RATE_UPDATE} and timed on the host core's neuron lanes like the rate-mode pool.
 */
final class DigitalOpLayer implements ChipLayer {
    private final LayerProgram lp;

    DigitalOpLayer(LayerProgram lp) { this.lp = lp; }

    @Override
    public LayerProgram program() { return lp; }

    @Override
    public void restSpiking(SpikeStep st) { }

    @Override
    public float[] stepSpiking(SpikeStep st, float[] x, boolean learn) {
        if (lp.kind() == LayerKind.FLATTEN) return x;
        float[] y = new float[lp.out().size()];
        long events = pool(x, y, st.eventsPerUnit);
        int k = lp.kernel();
        boolean max = lp.kind() == LayerKind.MAXPOOL;
        if (!max) st.eventsPerUnit *= k * k;
        if (events == 0) return y;
        Core host = st.hostCore();
        host.counts().add(Action.NEURON_RATE_UPDATE, events);
        int lanes = st.spec.core().neuronLanes();
        long cyc = (events + lanes - 1) / lanes * st.spec.technology().cycles(Action.NEURON_RATE_UPDATE);
        long before = st.t;
        st.t = host.occupy(st.t, cyc, CoreState.BUSY_NEURON, CoreState.IDLE);
        st.phases.span(StepPhase.NEURON, before, st.t);
        return y;
    }

    @Override
    public float[] runRate(SampleStep st, float[] x, boolean learn) {
        if (lp.kind() == LayerKind.FLATTEN) return x;
        Shape out = lp.out();
        float[] y = new float[out.size()];
        int k = lp.kernel();
        pool(x, y, 0);
        Core host = st.hostCore(0);
        long ops = (long) out.size() * k * k;
        host.counts().add(Action.NEURON_RATE_UPDATE, ops);
        int lanes = st.spec.core().neuronLanes();
        long cyc = (ops + lanes - 1) / lanes * st.spec.technology().cycles(Action.NEURON_RATE_UPDATE);
        host.occupy(st.ready, cyc, CoreState.BUSY_NEURON, CoreState.IDLE); // after the previous layer's output is ready
        return y;
    }

    /**
     * Pools {@code x} (channel-major feature maps) into {@code y}: each output is the maximum of its window (max pool)
     * or the window's sum over k x k (average pool), padding left out; a window wholly in the padding gives 0.
     * Returns the address events the window reads stand for, {@code round(v x eventsPerUnit)} per input value met
     * (an input in two windows counts twice; 0 when the caller counts none).
     */
    private long pool(float[] x, float[] y, double eventsPerUnit) {
        Shape in = lp.in();
        Shape out = lp.out();
        int k = lp.kernel();
        int s = lp.stride();
        int pad = lp.padding();
        boolean max = lp.kind() == LayerKind.MAXPOOL;
        long events = 0;
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
                            if (eventsPerUnit != 0 && v != 0) events += Math.round(v * eventsPerUnit);
                        }
                    }
                    y[(c * out.height() + oy) * out.width() + ox] = (float) (max ? (n == 0 ? 0 : acc) : acc / (k * k));
                }
            }
        }
        return events;
    }
}
