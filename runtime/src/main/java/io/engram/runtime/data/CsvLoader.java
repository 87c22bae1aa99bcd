package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled images as CSV: one sample per line, the label (an integer >= 0) in the first column and the pixel
 * values after it, comma-separated (RFC 4180, read with Apache Commons CSV). A first line whose first cell is not a
 * number is taken as a header and skipped; blank lines are skipped; cells may be wrapped in double quotes.
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
        long firstDataLine = 0;
        float max = 0f;
        DataFiles.requireRegularFile(file, "a CSV file");
        // one record per line (blank lines come through as one empty cell, so record numbers are line numbers)
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();
        try (Reader r = withoutBom(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.parse(r, format)) {
            for (CSVRecord rec : parser) {
                long lineNo = rec.getRecordNumber();
                if (rec.size() == 1 && rec.get(0).isEmpty()) continue;
                if (columns < 0 && rows.isEmpty() && !isNumber(rec.get(0))) {
                    continue; // header
                }
                if (columns < 0) {
                    columns = rec.size();
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
                } else if (rec.size() != columns) {
                    throw new SpecException(where, "line " + lineNo, rec.size() + " columns",
                            "expected " + columns + " columns like line " + firstDataLine);
                }
                String labelCell = rec.get(0);
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
                    String cell = rec.get(c);
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
        } catch (UncheckedIOException e) {
            throw ioError(file, e.getCause());
        } catch (IOException e) {
            throw ioError(file, e);
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

    private static SpecException ioError(Path file, IOException e) {
        if (e instanceof java.nio.charset.MalformedInputException) {
            return new SpecException(file.toString(), null, null, "not UTF-8 text; is this a CSV file?", e);
        }
        return IdxReader.ioError(file, e);
    }

    /** The reader past a UTF-8 byte order mark, if the file starts with one. */
    private static Reader withoutBom(Reader r) throws IOException {
        PushbackReader p = new PushbackReader(r, 1);
        int c = p.read();
        if (c >= 0 && c != '\uFEFF') p.unread(c);
        return p;
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
