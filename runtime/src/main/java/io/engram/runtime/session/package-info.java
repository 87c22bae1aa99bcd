/**
 * Running an experiment: {@link io.engram.runtime.session.ExperimentSpec} (the experiment file, every default
 * explicit), {@link io.engram.runtime.session.Session} (compile, load, train with plasticity on, evaluate, read out),
 * {@link io.engram.runtime.session.ExperimentRun} (a session plus its written run folder). Java users start from
 * {@code io.engram.api}, which builds these.
 */
package io.engram.runtime.session;
