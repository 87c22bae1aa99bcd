package io.engram.chip.spec;

/**
 * Input drive. {@code BIT_SERIAL}: each input is quantised to {@code bits} magnitude bits and applied one bit per read
 * (shift-and-add afterwards; a negative part, if any, takes a second pass). {@code ANALOG}: one read with exact values
 * (an idealisation used to check the chip against float references).
 */
public record DacSpec(Mode mode, int bits) {
    public enum Mode { BIT_SERIAL, ANALOG }

    public DacSpec {
        if (mode == Mode.BIT_SERIAL && (bits < 1 || bits > 16)) throw new IllegalArgumentException("bits " + bits);
    }

    static DacSpec read(SpecNode n) {
        Mode m = n.optEnum("mode", Mode.class, Mode.BIT_SERIAL);
        int bits = n.optInt("bits", m == Mode.ANALOG ? 0 : 8, m == Mode.ANALOG ? 0 : 1, 16);
        n.finish();
        return new DacSpec(m, bits);
    }
}
