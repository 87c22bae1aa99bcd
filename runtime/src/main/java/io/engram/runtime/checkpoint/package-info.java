/**
 * Checkpoints: the whole chip state and the session position in one HDF5 file with checksums, and the run identity
 * a checkpoint may be resumed into.
 */
package io.engram.runtime.checkpoint;
