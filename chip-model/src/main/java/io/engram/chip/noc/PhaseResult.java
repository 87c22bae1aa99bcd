package io.engram.chip.noc;

import io.engram.chip.stats.ActionCounters;

/**
 * What one phase of messages adds to the network's account, relative to its earliest ready cycle.
 *
 * @param arrivalOffset per message, the cycle its last destination received its last flit (its ready cycle when it
 *                      had no destination but its source)
 * @param counts        router and link actions
 * @param links         the links that carried flits ({@link Noc#linkIndex}), increasing, with their flits in linkFlits
 */
public record PhaseResult(long[] arrivalOffset, ActionCounters counts, long packets, long flits, long hops, long stalls,
                          int[] links, long[] linkFlits) {}
