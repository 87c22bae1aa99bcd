package io.engram.compiler;

import io.engram.compiler.ir.Network;

import java.nio.file.Path;

/** Where a network comes from: a network YAML file, an NIR graph (with an optional learning overlay) or the builder. */
public sealed interface NetworkSource {
    record Yaml(Path file) implements NetworkSource {}

    /** @param overlay YAML attaching rules (and competitions, activations) to layers by NIR node name; may be null */
    record Nir(Path file, Path overlay) implements NetworkSource {}

    record Built(Network network) implements NetworkSource {}

    static NetworkSource yaml(Path file) { return new Yaml(file); }

    static NetworkSource nir(Path file) { return new Nir(file, null); }

    static NetworkSource nir(Path file, Path overlay) { return new Nir(file, overlay); }

    static NetworkSource of(Network network) { return new Built(network); }

    /** Picks the frontend from the file extension: {@code .nir}/{@code .h5}/{@code .hdf5} is NIR, anything else YAML. */
    static NetworkSource file(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".nir") || n.endsWith(".h5") || n.endsWith(".hdf5") ? nir(file) : yaml(file);
    }
}
