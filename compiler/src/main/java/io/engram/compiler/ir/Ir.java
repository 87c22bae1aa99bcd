package io.engram.compiler.ir;

/**
 * The intermediate representation after one pass. Each stage is an immutable record that holds the stage before it,
 * its own additions and its statistics; {@link #dump()} renders what the stage added as deterministic text.
 */
public sealed interface Ir permits ShapedIr, LoweredIr, PartitionedIr, PlacedIr, RoutedIr, AllocatedIr, EmittedIr {
    /** The statistics record of the pass that produced this stage. */
    Record stats();

    /** Deterministic text of this stage (golden-file tested). */
    String dump();
}
