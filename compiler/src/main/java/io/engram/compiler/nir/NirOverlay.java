package io.engram.compiler.nir;

import io.engram.chip.neuron.Activation;
import io.engram.chip.neuron.Competition;
import io.engram.chip.plasticity.LearningRule;
import io.engram.chip.spec.SpecNode;
import io.engram.compiler.frontend.NetworkYaml;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning overlay for an NIR graph, which carries no learning rule of its own:
 * <pre>
 * layers:
 *   fc1:                                  # an Affine/Linear/Conv2d node, or the neuron node that follows it
 *     rule: { kind: hebb, eta: 0.01 }
 *     competition: { kind: k-wta, k: 5 }  # optional
 *     activation: relu                    # optional
 * </pre>
 * Same vocabulary as the network YAML. Layers not named keep inference only (rule none).
 */
public final class NirOverlay {
    /** What the overlay sets for one layer; null fields keep the imported value. */
    public record Entry(String key, String path, Activation activation, Competition competition, LearningRule rule) {}

    private NirOverlay() {}

    public static Map<String, Entry> read(Path file) {
        SpecNode root = SpecNode.parse(file);
        SpecNode layers = root.object("layers");
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String key : layers.keys()) {
            SpecNode n = layers.object(key);
            Activation a = n.has("activation") ? NetworkYaml.activation(n) : null;
            Competition c = n.has("competition") ? NetworkYaml.competition(n) : null;
            LearningRule r = n.has("rule") ? NetworkYaml.rule(n, c == null ? Competition.none() : c) : null;
            n.finish();
            out.put(key, new Entry(key, n.path(), a, c, r));
        }
        layers.finish();
        root.finish();
        return out;
    }
}
