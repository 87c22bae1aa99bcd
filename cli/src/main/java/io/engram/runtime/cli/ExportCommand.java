package io.engram.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.chip.spec.SpecException;
import io.engram.compiler.CompileOptions;
import io.engram.compiler.diag.Diagnostic;
import io.engram.compiler.diag.Diagnostics;
import io.engram.compiler.frontend.NetworkYaml;
import io.engram.compiler.ir.Fmt;
import io.engram.compiler.ir.LayerSpec;
import io.engram.compiler.ir.Network;
import io.engram.compiler.nir.NirImporter;
import io.engram.compiler.nir.NirSemantics;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code engram export RUN_DIR -o FILE.nir}: the trained network of a finished run as an NIR graph. The layers and
 * neurons come from the network the run recorded in its manifest.json: the network YAML's text, or the NIR file it
 * names (read again with the run's time step and {@code encoding.nir}, after its SHA-256 is checked against the
 * manifest's); the weights and biases from its weights.h5 (what the cells held at the end of the run). See
 * {@link NirWriter} for the nodes.
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
        if (!Files.isDirectory(dir)) {
            throw new SpecException(dir.toString(), "RUN_DIR", Files.exists(dir) ? "not a folder" : "no such folder",
                    "the folder of a finished run (engram run --out DIR)");
        }
        Path manifestFile = dir.resolve(RunFolder.MANIFEST_JSON);
        Path weightsFile = dir.resolve(RunFolder.WEIGHTS_H5);
        for (Path p : new Path[]{manifestFile, weightsFile}) {
            if (!Files.isRegularFile(p)) {
                throw new SpecException(dir.toString(), "RUN_DIR", p.getFileName().toString() + " missing",
                        "the folder of a finished run (engram run writes manifest.json and weights.h5)");
            }
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new SpecException(manifestFile.toString(), "", "unreadable JSON", "the manifest.json engram run wrote ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode encoding = manifest.path("configuration").path("encoding");
        boolean spiking = !"rate".equals(encoding.path("kind").asText("rate"));
        double runDt = encoding.path("dt_ms").asDouble(Double.NaN) / 1000.0;
        NirSemantics semantics = semantics(manifestFile, encoding.path("nir"));
        Network net;
        double dt;
        JsonNode network = manifest.path("network");
        if (network.path("text").isTextual()) {
            net = NetworkYaml.parse(network.path("text").asText(), manifestFile + " (network)");
            dt = runDt;
        } else if (network.path("file").isTextual()) {
            // as the run compiled it: spiking runs discretise with the run's step, rate runs with the importer's default
            dt = spiking ? runDt : CompileOptions.DEFAULT_NIR_DT_SECONDS;
            net = importNir(manifestFile, network, spiking ? runDt : Double.NaN, semantics);
        } else {
            throw new SpecException(manifestFile.toString(), "network", "a network built with the Java API (no file)",
                    "a run of a network YAML or an NIR file");
        }
        List<NirWriter.LayerWeights> weights = readWeights(weightsFile, net);
        NirWriter.Result[] result = new NirWriter.Result[1];
        double step = dt;
        AtomicFiles.writeVia(out, temp -> result[0] = NirWriter.write(temp, dir.toString(), net, weights, step, semantics));
        NirWriter.Result r = result[0];
        System.out.println("exported " + r.weightLayers() + " layer(s), " + r.weights() + " weights, " + r.nodes()
                + " NIR nodes, dt " + Fmt.num(step * 1000) + " ms (" + semantics + ") -> " + out);
        if (!r.note().isEmpty()) System.out.println("note: " + r.note());
        if (weights.stream().anyMatch(w -> Double.isNaN(w.weightScale()))) {
            System.out.println("note: " + weightsFile + " records no weight_scale (a run of an older engram): the import"
                    + " maps the largest |w| of each layer onto the full conductance range, which may differ from the run's");
        }
        if (!net.allowRowSplit()) {
            System.out.println("note: the network sets partition.allow_row_split: false, which an NIR graph does not"
                    + " carry; the import may split a layer's rows over cores where the run did not");
        }
        return EngramCli.EXIT_OK;
    }

    /** The run's {@code encoding.nir} (the NIR specification's reading where the manifest has none). */
    private static NirSemantics semantics(Path manifest, JsonNode nir) {
        NirSemantics s = NirSemantics.specification();
        if (nir.isMissingNode()) return s;
        return new NirSemantics(word(manifest, nir, "spike", NirSemantics.Spike.class, s.spike()),
                word(manifest, nir, "discretisation", NirSemantics.Discretisation.class, s.discretisation()),
                word(manifest, nir, "reset", NirSemantics.Reset.class, s.reset()));
    }

    private static <E extends Enum<E>> E word(Path manifest, JsonNode nir, String key, Class<E> type, E dflt) {
        JsonNode v = nir.path(key);
        if (v.isMissingNode()) return dflt;
        E e = NirSemantics.option(type, v.asText());
        if (e == null) {
            throw new SpecException(manifest.toString(), "configuration.encoding.nir." + key, v.asText(),
                    NirSemantics.words(type));
        }
        return e;
    }

    /** The run's NIR network, read again as the run read it; the file must still be the one the run used. */
    private static Network importNir(Path manifestFile, JsonNode network, double dt, NirSemantics semantics) throws IOException {
        Path file = Path.of(network.path("file").asText());
        if (!Files.isRegularFile(file)) {
            throw new SpecException(manifestFile.toString(), "network.file", file.toString(), "the NIR file the run"
                    + " used, still at that path (the run folder records the network's structure only by its file)");
        }
        String sha = sha256(Files.readAllBytes(file));
        String recorded = network.path("sha256").asText("");
        if (!sha.equals(recorded)) {
            throw new SpecException(manifestFile.toString(), "network.sha256", recorded, "the SHA-256 of " + file
                    + " now (" + sha + "): the file changed since the run");
        }
        Diagnostics diags = new Diagnostics();
        Network net = NirImporter.importGraph(file, null, dt, semantics, diags);
        if (net == null) {
            StringBuilder b = new StringBuilder();
            for (Diagnostic d : diags.all()) if (d.isError()) b.append(b.length() == 0 ? "" : "; ").append(d.render().replace("\n", " "));
            throw new SpecException(file.toString(), "", null, "the run's NIR network no longer imports: " + b);
        }
        return net;
    }

    /**
     * weights.h5's /layers/NAME/{weights, bias} and the group's weight_scale attribute, in layer index order, one per
     * weighted layer of {@code net}.
     */
    private static List<NirWriter.LayerWeights> readWeights(Path weightsFile, Network net) {
        List<NirWriter.LayerWeights> out = new ArrayList<>();
        List<LayerSpec.Weighted> weighted = new ArrayList<>();
        for (LayerSpec l : net.layers()) if (l instanceof LayerSpec.Weighted w) weighted.add(w);
        try (HdfFile h = new HdfFile(weightsFile)) {
            TreeMap<Integer, Group> byIndex = new TreeMap<>();
            if (h.getChild("layers") instanceof Group lg) {
                for (Node n : lg) {
                    if (n instanceof Group g && g.getAttribute("index") != null) {
                        byIndex.put(((Number) g.getAttribute("index").getData()).intValue(), g);
                    }
                }
            }
            if (byIndex.size() != weighted.size()) {
                throw new SpecException(weightsFile.toString(), "/layers", byIndex.size() + " weight layers",
                        weighted.size() + ", one per weighted layer of the run's network (a run with a Hebbian readout"
                        + " holds one more: its readout is not part of the network)");
            }
            int k = 0;
            for (Group g : byIndex.values()) {
                LayerSpec.Weighted w = weighted.get(k++);
                if (!(g.getChild("weights") instanceof Dataset wd) || !(wd.getData() instanceof float[][] m)) {
                    throw new SpecException(weightsFile.toString(), g.getPath() + "weights", "missing or not float32 [rows][cols]",
                            "the layer's weights as engram run writes them");
                }
                int rows = m.length, cols = rows == 0 ? 0 : m[0].length;
                if (cols != w.neurons()) {
                    throw new SpecException(weightsFile.toString(), g.getPath() + "weights", rows + " x " + cols,
                            w.neurons() + " columns, the neurons of layer `" + w.name() + "`");
                }
                float[] flat = new float[rows * cols];
                for (int r = 0; r < rows; r++) System.arraycopy(m[r], 0, flat, r * cols, cols);
                double[] bias = null;
                if (g.getChild("bias") instanceof Dataset b) {
                    if (!(b.getData() instanceof double[] bv)) {
                        throw new SpecException(weightsFile.toString(), g.getPath() + "bias", "not float64 [cols]",
                                "the layer's bias as engram run writes it");
                    }
                    bias = bv;
                }
                double scale = Double.NaN;
                if (g.getAttribute("weight_scale") != null) {
                    Object v = g.getAttribute("weight_scale").getData();
                    if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                        throw new SpecException(weightsFile.toString(), g.getPath() + " attribute weight_scale",
                                String.valueOf(v), "a positive, finite number");
                    }
                    scale = n.doubleValue();
                }
                out.add(new NirWriter.LayerWeights(flat, bias, scale));
            }
            return out;
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SpecException(weightsFile.toString(), "", "unreadable", "the weights.h5 engram run wrote ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                    + ")");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
