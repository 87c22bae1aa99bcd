/**
 * One core of the chip ({@link io.engram.chip.core.Core}): it composes the synapse array and read path
 * ({@code crossbar}), the neuron lanes and competition unit ({@code neuron}) and the plasticity engine
 * ({@code plasticity}), and offers layers verbs (read, compete, activate, learn, program) that count their actions and
 * return cycles, plus the cycles it spent in each {@link io.engram.chip.core.CoreState}.
 */
package io.engram.chip.core;
