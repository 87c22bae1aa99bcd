package io.engram.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.frontend.NetworkYaml;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.nir.NirWriter;
import io.engram.runtime.report.AtomicFiles;
import io.engram.runtime.report.OutputPaths;
import io.engram.runtime.report.RunFolder;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code engram export RUN_DIR -o FILE.nir}: the trained network of a finished run as an NIR graph. The layers and
 * neurons come from the network YAML recorded in the run's manifest.json, the weights and biases from its weights.h5
 * (what the cells held at the end of the run); see {@link NirWriter} for the nodes.
 */
@Command(name = "export", description = "Write a finished run's trained network (weights, biases, neurons) as an NIR graph.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run's folder (manifest.json, weights.h5).")
    Path dir;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The NIR file to write (e.g. trained.nir).")
    Path out;

    @Override
    public Integer call() throws IOException {
        OutputPaths.checkFile(out, "-o", "trained.nir");
        Path manifestFile = dir.resolve(RunFolder.MANIFEST_JSON);
        Path weightsFile = dir.resolve(RunFolder.WEIGHTS_H5);
        for (Path p : new Path[]{manifestFile, weightsFile}) {
            if (!Files.isRegularFile(p)) {
                throw new SpecException(dir.toString(), "RUN_DIR", p.getFileName().toString() + " missing",
                        "the folder of a finished run (engram run writes manifest.json and weights.h5)");
            }
        }
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifestFile.toFile());
        JsonNode text = manifest.path("network").path("text");
        if (!text.isTextual()) {
            throw new SpecException(manifestFile.toString(), "network.text", "none (the run's network is "
                    + manifest.path("network").path("name").asText("binary") + ")", "a run of a network YAML; a run of an"
                    + " NIR graph is exported by its source framework");
        }
        Network net = NetworkYaml.parse(text.asText(), manifestFile + " (network)");
        double dtSeconds = manifest.path("configuration").path("encoding").path("dt_ms").asDouble(Double.NaN) / 1000.0;
        List<NirWriter.Layer> layers = new ArrayList<>();
        boolean flatten = false;
        List<LayerSpec.Dense> dense = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            LayerSpec l = net.layers().get(i);
            if (l instanceof LayerSpec.Flatten && i == 0) flatten = true;
            else if (l instanceof LayerSpec.Dense d) dense.add(d);
            else {
                throw new SpecException(manifestFile.toString(), "network layer `" + l.name() + "`",
                        l.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
                        "dense layers, after an optional first flatten (convolutions and pooling are not exported)");
            }
        }
        try (HdfFile h = new HdfFile(weightsFile)) {
            TreeMap<Integer, Group> byIndex = new TreeMap<>();
            if (h.getChild("layers") instanceof Group lg) {
                for (Node n : lg) {
                    if (n instanceof Group g) byIndex.put(((Number) g.getAttribute("index").getData()).intValue(), g);
                }
            }
            if (byIndex.size() != dense.size()) {
                throw new SpecException(weightsFile.toString(), "/layers", byIndex.size() + " weight layers",
                        dense.size() + ", one per dense layer of the run's network");
            }
            int k = 0;
            for (Group g : byIndex.values()) {
                LayerSpec.Dense d = dense.get(k++);
                float[][] w = (float[][]) ((Dataset) g.getChild("weights")).getData();
                int rows = w.length, cols = rows == 0 ? 0 : w[0].length;
                if (cols != d.units()) {
                    throw new SpecException(weightsFile.toString(), g.getPath() + "weights", rows + " x " + cols,
                            d.units() + " columns, the units of layer `" + d.name() + "`");
                }
                float[] flat = new float[rows * cols];
                for (int r = 0; r < rows; r++) System.arraycopy(w[r], 0, flat, r * cols, cols);
                double[] bias = g.getChild("bias") instanceof Dataset b ? (double[]) b.getData() : null;
                layers.add(new NirWriter.Layer(d.name(), rows, cols, flat, bias, d.config().neuron()));
            }
        }
        String[] note = new String[1];
        boolean flat = flatten;
        AtomicFiles.writeVia(out, temp -> note[0] = NirWriter.write(temp, dir.toString(), net.input(), flat, layers, dtSeconds));
        int weights = 0;
        for (NirWriter.Layer l : layers) weights += l.in() * l.out();
        System.out.println("exported " + layers.size() + " layer(s), " + weights + " weights, dt " + dtSeconds
                + " s -> " + out);
        if (!note[0].isEmpty()) System.out.println("note: " + note[0]);
        return EngramCli.EXIT_OK;
    }
}
