package io.engram.chip.cyclefixture.up;

import io.engram.chip.cyclefixture.down.Down;

/** Half of a deliberate package cycle (up -> down -> up) that PackageCyclesTest must detect. */
public final class Up {
    public Down down() { return new Down(); }
}
