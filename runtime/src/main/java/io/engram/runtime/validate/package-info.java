/**
 * {@code engram validate}: Engram's figures against published silicon and peer simulators.
 */
package io.engram.runtime.validate;
