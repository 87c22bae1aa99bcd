package io.engram.compiler.pass;

import io.engram.chip.random.RandomStreams;
import io.engram.chip.spec.ChipSpec;
import io.engram.compiler.diag.DiagCode;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.diag.Location;

/**
 * What a pass may use besides its input IR: the target chip, the options that concern passes, the diagnostics sink
 * and the random streams. One per compile; passes never read global state.
 *
 * @param file            source file of the network, for diagnostic locations (null for the builder)
 * @param allowRowSplit   effective row-split permission (options and network file combined)
 * @param placementPasses cap on placement improvement passes
 */
public record PassContext(ChipSpec chip, RandomStreams streams, Diagnostics diags, String file, boolean allowRowSplit,
                          int placementPasses) {

    public Location at(String element) { return Location.of(file, element); }

    public void report(DiagCode code, String element, String message, String hint) {
        diags.report(code, at(element), message, hint);
    }

    /** Bits of one activation value on the NoC and in input buffers: the DAC's bits, or 32 for an analog DAC. */
    public int valueBits() {
        return chip.core().dac().mode() == io.engram.chip.spec.DacSpec.Mode.ANALOG ? 32 : chip.core().dac().bits();
    }
}
