package io.engram.chip.device;

/** Condition of one physical cell; {@link CellArray} stores it as the ordinal in a byte per cell. */
public enum CellState {
    /** Programmable. */
    OK,
    /** Fabrication fault: held at gMin. */
    STUCK_LOW,
    /** Fabrication fault: held at gMax. */
    STUCK_HIGH,
    /** Past its endurance under a freezing policy: held where the policy left it. */
    WORN_OUT;

    private static final CellState[] VALUES = values();

    public byte code() { return (byte) ordinal(); }

    public static CellState ofCode(byte code) {
        if (code < 0 || code >= VALUES.length) throw new IllegalArgumentException("cell state code " + code);
        return VALUES[code];
    }
}
