package io.engram.runtime.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 train and 10,000 test greyscale 28x28 images of
 * 10 clothing classes, in the MNIST IDX layout. Debian and Ubuntu ship it as {@code dataset-fashion-mnist}.
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static final String INSTALL_HINT =
            "install it with 'apt-get install dataset-fashion-mnist' (files go to " + DEFAULT_DIR
            + ") or download the four *-ubyte.gz files from https://github.com/zalandoresearch/fashion-mnist";

    public static final int CLASSES = 10;

    /** Label names in label order. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /** Loads the first {@code limit} samples ({@code limit <= 0}: all) of one split from {@code dir}. */
    public static Dataset load(Path dir, Split split, int limit) {
        return IdxReader.loadSplit(dir, split, "fashion-mnist", CLASSES, limit, INSTALL_HINT);
    }
}
