/**
 * A core's synapse array and its read path: the weights a tile holds as device cells ({@link
 * io.engram.chip.crossbar.SynapseBlock}), the DAC / ADC read of a crossbar or SRAM block ({@link
 * io.engram.chip.crossbar.CrossbarReader}) and its column kernels (scalar or SIMD, {@link
 * io.engram.chip.crossbar.ColumnKernel}). It sits below both the plasticity engine, which programs and reads back the
 * same cells, and the {@code core} that composes the two.
 */
package io.engram.chip.crossbar;
