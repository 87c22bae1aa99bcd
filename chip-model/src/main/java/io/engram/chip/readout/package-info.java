/** Readout circuits of crossbar cores as a closed family chosen by the chip description (see {@link io.engram.chip.readout.Readout}). */
package io.engram.chip.readout;
