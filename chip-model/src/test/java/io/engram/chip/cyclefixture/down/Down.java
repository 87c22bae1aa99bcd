package io.engram.chip.cyclefixture.down;

import io.engram.chip.cyclefixture.up.Up;

/** Half of a deliberate package cycle (down -> up -> down) that PackageCyclesTest must detect. */
public final class Down {
    public Up up() { return new Up(); }
}
