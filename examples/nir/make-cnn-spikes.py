#!/usr/bin/env python3
"""Writes a recorded spike file for cnn_sinabs.nir (input 2 x 34 x 34, the N-MNIST sensor's two polarities) as CSV:
columns sample, step, label, in0..in2311 (channel-major: index = (c * 34 + y) * 34 + x). Synthetic, seeded: in each
sample a vertical bar of ON events (channel 0) sweeps right one pixel per step, its trailing edge gives OFF events
(channel 1), plus 1 % seeded noise. Not a recording of a real sensor.

usage: python3 examples/nir/make-cnn-spikes.py OUT.csv [samples] [steps]"""
import random
import sys

out = sys.argv[1]
samples = int(sys.argv[2]) if len(sys.argv) > 2 else 2
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 20
C, H, W = 2, 34, 34
rng = random.Random(7)
with open(out, "w") as f:
    f.write("sample,step,label," + ",".join(f"in{i}" for i in range(C * H * W)) + "\n")
    for s in range(samples):
        x0 = 3 + 5 * s
        for t in range(steps):
            v = [0] * (C * H * W)
            bar = (x0 + t) % W
            for y in range(4, 30):
                for dx in range(3):
                    v[(0 * H + y) * W + (bar + dx) % W] = 1
                v[(1 * H + y) * W + (bar - 1) % W] = 1
            for i in range(C * H * W):
                if rng.random() < 0.01:
                    v[i] = 1
            f.write(f"{s},{t},{s % 10}," + ",".join(map(str, v)) + "\n")
