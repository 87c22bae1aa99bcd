#!/usr/bin/env python3
"""Peer-simulator side of the Engram vs Brian2 comparison (issue 8).

784 Poisson inputs -> 100 current-based LIF neurons with all-to-all lateral inhibition and pair STDP with traces,
dt = 1 ms, 350 steps per sample, Brian2 runtime mode (numpy code generation). Prints the wall time per sample.
The Engram side is io.engram.examples.bench.SpikingStdpBench with the same sizes and rates.

Run: /usr/bin/python3 benchmarks/brian2/stdp_lif.py [samples] [--no-inhibition]   (Debian: apt-get install python3-brian)

--no-inhibition drops the lateral inhibition on both sides (Engram: SpikingStdpBench ... no-inhibition), so that the
two simulators run the same dynamics: Brian2's inhibition acts one step late (several neurons can fire in the step
before it arrives) while Engram's competition unit lets one neuron fire per step.
"""
import sys
import time

import numpy as np
from brian2 import (NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, Network, ms, Hz, defaultclock, prefs, seed)

N_IN, N_EXC, STEPS = 784, 100, 350
args = [a for a in sys.argv[1:] if not a.startswith("--")]
inhibition = "--no-inhibition" not in sys.argv[1:]
samples = int(args[0]) if args else 5

prefs.codegen.target = "numpy"  # runtime mode, no compilation
defaultclock.dt = 1 * ms
seed(1)
rng = np.random.default_rng(1)

inputs = PoissonGroup(N_IN, rates=np.zeros(N_IN) * Hz)
exc = NeuronGroup(N_EXC, """dv/dt = -v / (100*ms) : 1 (unless refractory)
                            theta : 1""",
                  threshold="v > 1 + theta", reset="v = 0; theta += 0.05", refractory=5 * ms, method="exact")
stdp = Synapses(inputs, exc, """w : 1
                                dpre/dt = -pre / (20*ms) : 1 (event-driven)
                                dpost/dt = -post / (20*ms) : 1 (event-driven)""",
                on_pre="""v_post += w
                          pre = 1
                          w = clip(w - 0.0001 * post, 0, 1)""",
                on_post="""post = 1
                           w = clip(w + 0.01 * pre, 0, 1)""")
stdp.connect()
stdp.w = "rand() * 0.3"
monitor = SpikeMonitor(exc)
net = Network(inputs, exc, stdp, monitor)
if inhibition:
    inhib = Synapses(exc, exc, on_pre="v_post = 0")  # lateral inhibition: a spike silences the others
    inhib.connect(condition="i != j")
    net.add(inhib)

net.run(1 * ms)  # build once before timing
spikes0 = monitor.num_spikes
t0 = time.perf_counter()
for s in range(samples):
    image = rng.random(N_IN) * (rng.random(N_IN) < 0.2)  # sparse image-like input, pixel values in [0, 1)
    inputs.rates = image * 63.75 * Hz
    net.run(STEPS * defaultclock.dt)
    exc.v = 0
elapsed = time.perf_counter() - t0
print(f"brian2 {__import__('brian2').__version__} numpy runtime, {'with' if inhibition else 'without'} inhibition: {samples} samples, {elapsed / samples:.3f} s per sample, "
      f"{(monitor.num_spikes - spikes0) / samples:.1f} output spikes per sample")
