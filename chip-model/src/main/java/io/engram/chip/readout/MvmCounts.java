package io.engram.chip.readout;

/** Events of a readout over some MVMs (mutable accumulator; one per run, single thread). */
public final class MvmCounts {
    public long mvms;
    public long macs;
    /** One row pulsed for one set input bit. */
    public long inputPulses;
    /** One column pair integrating one input bit. */
    public long integrations;
    /** One column pair's conversion step (one per output bit). */
    public long conversionSteps;
    /** One word line toggled for one input bit's integration. */
    public long wordLineIntegrationToggles;
    /** One word line toggled for one conversion step. */
    public long wordLineConversionToggles;
}
