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
 *       like the chip YAML: a value out of range is a {@link io.engram.chip.spec.SpecException} naming the field);
 *       {@link io.engram.api.ChipBuilder#ideal()} for the exact device, analog inputs and ideal ADC.</li>
 *   <li>Networks: the compiler's typed builder {@link io.engram.compiler.ir.Network#builder(String)} (or
 *       {@link io.engram.api.Engram#network(String)}), or a network YAML / NIR file.</li>
 *   <li>{@link io.engram.api.Experiment}: data, encoding, training and readout, with the same defaults and ranges as the
 *       experiment file; {@link io.engram.api.Experiment.Builder#meshToFit()} grows the mesh until the network fits.</li>
 *   <li>{@link io.engram.api.Data}: a named source, loaded by each run, or {@link io.engram.api.Data#load(int, int, long,
 *       io.engram.runtime.data.Preprocess)} once into memory and shared by several experiments.</li>
 *   <li>{@link io.engram.api.Engram#run(Experiment)}: compile, load, train, evaluate, read out; returns a
 *       {@link io.engram.api.RunResult}: accuracy; energy as dynamic lines and leakage lines (pJ); training and inference
 *       energy and time per sample (pJ, ns), by phase and by component; mean and static power (mW); latency; memory;
 *       area (mm²); NoC traffic; the chip that ran and the weights it ended with. {@link
 *       io.engram.api.Engram#run(Experiment, java.nio.file.Path)} also writes the run folder the CLI writes;
 *       {@link io.engram.api.Engram#load(Experiment)} returns the compiled program loaded on a chip, for work sample by
 *       sample.</li>
 *   <li>{@link io.engram.api.Probes} ({@link io.engram.api.Experiment.Builder#probes}): what a run records besides its
 *       report; {@link io.engram.api.RunResult#probes()} returns a {@link io.engram.api.ProbeResult} (spikes, membrane
 *       and synaptic current step by step, weight snapshots, the timeline of energy by component, NoC traffic and
 *       core states, which adds up to the report's energy).</li>
 * </ul>
 * Logging goes through slf4j-api only: bring any backend (or none).
 */
package io.engram.api;
