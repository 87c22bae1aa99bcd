package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled images as CSV: one sample per line, the label (an integer >= 0) in the first column and the pixel
 * values after it, comma-separated. A first line whose first cell is not a number is taken as a header and
 * skipped; blank lines are skipped; cells may be wrapped in double quotes.
 *
 * <p>Scale: if every value in the file lies in [0, 1] the values are used as they are; otherwise they must lie in
 * [0, 255] and are divided by 255 (the layout of the common MNIST CSV exports).
 * Shape: given explicitly, or inferred: a square pixel count n*n is an n x n greyscale image, anything else a
 * 1 x n row.
 */
public final class CsvLoader {
    private CsvLoader() {}

    /** Loads with the shape inferred from the column count; {@code limit <= 0}: all rows. */
    public static Dataset load(Path file, String name, int limit) {
        return load(file, name, 0, 0, 1, limit);
    }

    /**
     * Loads the first {@code limit} samples ({@code <= 0}: all).
     * {@code width = height = 0} infers the shape; otherwise each row must hold {@code width*height*channels} pixels.
     * The class count is the largest label + 1.
     */
    public static Dataset load(Path file, String name, int width, int height, int channels, int limit) {
        String where = file.toString();
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int columns = -1;
        int firstDataLine = 0;
        float max = 0f;
        DataFiles.requireRegularFile(file, "a CSV file");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (columns < 0 && rows.isEmpty() && !isNumber(unquote(cells[0]))) {
                    continue; // header
                }
                if (columns < 0) {
                    columns = cells.length;
                    firstDataLine = lineNo;
                    if (columns < 2) {
                        throw new SpecException(where, "line " + lineNo, null,
                                "a row needs a label and at least one pixel value, found 1 column");
                    }
                    int expected = width * height * channels;
                    if (width > 0 && height > 0 && columns - 1 != expected) {
                        throw new SpecException(where, "line " + lineNo, (columns - 1) + " pixel columns",
                                "expected " + expected + " (" + width + "x" + height + "x" + channels + ") after the label");
                    }
                } else if (cells.length != columns) {
                    throw new SpecException(where, "line " + lineNo, cells.length + " columns",
                            "expected " + columns + " columns like line " + firstDataLine);
                }
                String labelCell = unquote(cells[0]);
                int label;
                try {
                    label = Integer.parseInt(labelCell);
                } catch (NumberFormatException e) {
                    throw new SpecException(where, "line " + lineNo + ", column 1", "'" + labelCell + "'",
                            "the label must be an integer >= 0");
                }
                if (label < 0) {
                    throw new SpecException(where, "line " + lineNo + ", column 1", labelCell,
                            "the label must be an integer >= 0");
                }
                float[] px = new float[columns - 1];
                for (int c = 1; c < columns; c++) {
                    String cell = unquote(cells[c]);
                    float v;
                    try {
                        v = Float.parseFloat(cell);
                    } catch (NumberFormatException e) {
                        throw new SpecException(where, "line " + lineNo + ", column " + (c + 1), "'" + cell + "'",
                                "a pixel value must be a number in [0, 1] or [0, 255]");
                    }
                    if (!(v >= 0f && v <= 255f)) {
                        throw new SpecException(where, "line " + lineNo + ", column " + (c + 1), cell,
                                "a pixel value must lie in [0, 1] or [0, 255]");
                    }
                    max = Math.max(max, v);
                    px[c - 1] = v;
                }
                rows.add(px);
                labels.add(label);
                if (limit > 0 && rows.size() >= limit) break;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SpecException(where, null, null, "CSV file not found", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SpecException(where, null, null, "not UTF-8 text; is this a CSV file?", e);
        } catch (IOException e) {
            throw IdxReader.ioError(file, e);
        }
        if (rows.isEmpty()) throw new SpecException(where, null, null, "no data rows");
        int pixels = columns - 1;
        if (width <= 0 || height <= 0) {
            int side = (int) Math.round(Math.sqrt(pixels));
            if (side * side == pixels) {
                width = side;
                height = side;
            } else {
                width = pixels;
                height = 1;
            }
            channels = 1;
        }
        float scale = max > 1f ? 1f / 255f : 1f;
        float[][] images = new float[rows.size()][];
        int[] labelArr = new int[rows.size()];
        int maxLabel = 0;
        for (int i = 0; i < images.length; i++) {
            float[] px = rows.get(i);
            if (scale != 1f) for (int p = 0; p < px.length; p++) px[p] *= scale;
            images[i] = px;
            labelArr[i] = labels.get(i);
            maxLabel = Math.max(maxLabel, labelArr[i]);
        }
        return new Dataset(name, width, height, channels, maxLabel + 1, images, labelArr);
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') t = t.substring(1, t.length() - 1).trim();
        return t;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
