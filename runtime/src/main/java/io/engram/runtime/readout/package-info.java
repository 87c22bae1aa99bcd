/**
 * Readouts trained on the chip's features: softmax regression off-chip ({@link
 * io.engram.runtime.readout.LinearReadout}) and neuron voting ({@link io.engram.runtime.readout.VoteReadout}).
 */
package io.engram.runtime.readout;
