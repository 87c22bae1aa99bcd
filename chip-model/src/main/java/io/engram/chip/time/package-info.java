/**
 * Time models: how long a chip step lasts given what its cores and network did. Sits beside the interconnects, talks
 * to the simulators only through {@link io.engram.chip.time.StepActivity}.
 */
package io.engram.chip.time;
