/**
 * Engram's Java API: describe a chip, a network and an experiment with typed builders, run it, and read typed results.
 *
 * <pre>{@code
 * ChipBuilder chip = ChipBuilder.preset("rram-22nm").adcBits(6);           // a preset with typed overrides
 * Experiment exp = Experiment.builder("adc6")
 *         .chip(chip)
 *         .network(Path.of("network.yaml"))                                 // or .network(Network.builder(...)...build())
 *         .data(Data.generated()).samples(1000, 500).preprocess(Preprocess.L2)
 *         .training(1, 1)
 *         .readout(ExperimentSpec.ReadoutKind.LINEAR)
 *         .build();                                                          // checked like an experiment file
 * RunResult r = Engram.run(exp);
 * System.out.println(r.testAccuracy() + " " + r.energy().totalPj() + " pJ");
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.engram.api.ChipBuilder}: a chip from a preset or a chip file, with typed field overrides (validated
 *       like the chip YAML: a value out of range is a {@link io.engram.chip.spec.SpecException} naming the field).</li>
 *   <li>Networks: the compiler's typed builder {@link io.engram.compiler.ir.Network#builder(String)} (or
 *       {@link io.engram.api.Engram#network(String)}), or a network YAML / NIR file.</li>
 *   <li>{@link io.engram.api.Experiment}: data, encoding, training and readout, with the same defaults and ranges as the
 *       experiment file.</li>
 *   <li>{@link io.engram.api.Engram#run(Experiment)}: compile, load, train, evaluate, read out; returns a
 *       {@link io.engram.api.RunResult} (accuracy, energy by line, latency, memory, mean power); {@link
 *       io.engram.api.Engram#run(Experiment, java.nio.file.Path)} also writes the run folder the CLI writes.</li>
 *   <li>{@link io.engram.api.Probes} ({@link io.engram.api.Experiment.Builder#probes}): what a run records besides its
 *       report; {@link io.engram.api.RunResult#probes()} returns a {@link io.engram.api.ProbeResult} (spikes, membrane
 *       and synaptic current step by step, weight snapshots, the timeline of energy by component, NoC traffic and
 *       core states, which adds up to the report's energy).</li>
 * </ul>
 * Logging goes through slf4j-api only: bring any backend (or none).
 */
package io.engram.api;
