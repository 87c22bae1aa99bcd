package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import io.jhdf.HdfFile;
import io.jhdf.api.Node;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded inputs: per sample a {@code [steps x inputs]} matrix of spikes (0/1) or input currents, given step by
 * step to the chip's first layer (no encoder), with optional labels. Held in a {@link Dataset} as images of width =
 * inputs, height = steps, one channel (index = step * inputs + input).
 * <ul>
 *   <li>HDF5 ({@code .h5}, {@code .hdf5}): dataset {@code inputs} of shape [samples, steps, inputs] (any numeric
 *   type), optional {@code labels} [samples] (integers from 0);</li>
 *   <li>CSV: a header row naming {@code sample}, {@code step}, optionally {@code label}, and then one column per
 *   input; one row per sample and step, steps 0 .. steps-1 in order, every sample with the same number of steps.</li>
 * </ul>
 * Without labels every sample has label 0 (one class); accuracy then means nothing and a run says so.
 */
public final class RecordedInputs {
    private RecordedInputs() {}

    /** Reads the file (by its extension), keeping the first {@code limit} samples ({@code <= 0}: all). */
    public static Dataset load(Path file, int limit) {
        if (!Files.isRegularFile(file)) throw new SpecException(file.toString(), "", null, "no such recorded-input file");
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".csv") ? csv(file, limit) : hdf5(file, limit);
    }

    private static SpecException bad(Path file, String field, Object value, String allowed) {
        return new SpecException(file.toString(), field, value == null ? null : String.valueOf(value), allowed);
    }

    private static Dataset hdf5(Path file, int limit) {
        try (HdfFile f = new HdfFile(file)) {
            Node in = f.getChildren().get("inputs");
            if (!(in instanceof io.jhdf.api.Dataset d) || d.getDimensions().length != 3) {
                throw bad(file, "/inputs", in == null ? "missing" : "not a 3-D dataset",
                        "a dataset 'inputs' of shape [samples, steps, inputs]");
            }
            int[] dims = d.getDimensions();
            int samples = limit > 0 ? Math.min(limit, dims[0]) : dims[0], steps = dims[1], inputs = dims[2];
            if (samples < 1 || steps < 1 || inputs < 1) {
                throw bad(file, "/inputs", java.util.Arrays.toString(dims), "at least one sample, step and input");
            }
            double[] flat = doubles(d.getDataFlat());
            float[][] x = new float[samples][steps * inputs];
            for (int s = 0; s < samples; s++) {
                for (int k = 0; k < steps * inputs; k++) {
                    double v = flat[s * steps * inputs + k];
                    if (!Double.isFinite(v)) {
                        throw bad(file, "/inputs[" + s + "][" + k / inputs + "][" + k % inputs + "]", v, "a finite number");
                    }
                    x[s][k] = (float) v;
                }
            }
            int[] labels = new int[samples];
            Node ln = f.getChildren().get("labels");
            if (ln != null) {
                if (!(ln instanceof io.jhdf.api.Dataset l) || l.getDimensions().length != 1 || l.getDimensions()[0] < samples) {
                    throw bad(file, "/labels", "shape " + (ln instanceof io.jhdf.api.Dataset l2 ? java.util.Arrays.toString(l2.getDimensions())
                            : "group"), "a 1-D dataset with one label per sample (" + dims[0] + ")");
                }
                double[] lv = doubles(l.getDataFlat());
                for (int s = 0; s < samples; s++) labels[s] = label(file, "/labels[" + s + "]", lv[s]);
            }
            return dataset(file, x, labels, inputs, steps);
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(file, "", null, "an HDF5 file with a dataset 'inputs' [samples, steps, inputs] ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static int label(Path file, String field, double v) {
        if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) throw bad(file, field, v, "an integer >= 0");
        return (int) v;
    }

    private static Dataset dataset(Path file, float[][] x, int[] labels, int inputs, int steps) {
        int classes = 1;
        for (int l : labels) classes = Math.max(classes, l + 1);
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new Dataset(name, inputs, steps, 1, classes, x, labels);
    }

    private static Dataset csv(Path file, int limit) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader r = Files.newBufferedReader(file); CSVParser p = CSVParser.parse(r, format)) {
            List<String> header = p.getHeaderNames();
            if (!header.contains("sample") || !header.contains("step")) {
                throw bad(file, "header", String.join(",", header), "columns sample, step, [label,] then one per input");
            }
            List<String> inputCols = new ArrayList<>();
            for (String h : header) if (!h.equals("sample") && !h.equals("step") && !h.equals("label")) inputCols.add(h);
            if (inputCols.isEmpty()) throw bad(file, "header", String.join(",", header), "at least one input column");
            boolean labelled = header.contains("label");
            List<float[]> samples = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<float[]> cur = new ArrayList<>();
            String curSample = null;
            int curLabel = 0, steps = -1;
            for (CSVRecord rec : p) {
                String line = "line " + (rec.getRecordNumber() + 1);
                if (!rec.isConsistent()) throw bad(file, line, rec.size() + " values", header.size() + " values, as the header");
                String sample = rec.get("sample");
                if (!sample.equals(curSample)) {
                    if (curSample != null) {
                        steps = close(file, line, cur, steps, samples);
                        labels.add(curLabel);
                        if (limit > 0 && samples.size() >= limit) break;
                    }
                    curSample = sample;
                    cur.clear();
                    curLabel = labelled ? label(file, line + " label", number(file, line + " label", rec.get("label"))) : 0;
                }
                double step = number(file, line + " step", rec.get("step"));
                if (step != cur.size()) throw bad(file, line + " step", rec.get("step"), "step " + cur.size() + " (steps in order from 0)");
                if (labelled && label(file, line + " label", number(file, line + " label", rec.get("label"))) != curLabel) {
                    throw bad(file, line + " label", rec.get("label"), curLabel + ", the label of sample " + sample + "'s first row");
                }
                float[] row = new float[inputCols.size()];
                for (int i = 0; i < row.length; i++) row[i] = (float) number(file, line + " " + inputCols.get(i), rec.get(inputCols.get(i)));
                cur.add(row);
            }
            if (curSample != null && (limit <= 0 || samples.size() < limit)) {
                close(file, "end of file", cur, steps, samples);
                labels.add(curLabel);
            }
            if (samples.isEmpty()) throw bad(file, "", null, "at least one sample");
            int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
            return dataset(file, samples.toArray(new float[0][]), lab, inputCols.size(), samples.get(0).length / inputCols.size());
        } catch (IOException | RuntimeException e) {
            if (e instanceof SpecException s) throw s;
            throw bad(file, "", null, "a readable CSV file (" + e.getMessage() + ")");
        }
    }

    private static int close(Path file, String where, List<float[]> rows, int steps, List<float[]> samples) {
        if (steps >= 0 && rows.size() != steps) {
            throw bad(file, where, rows.size() + " steps in sample " + samples.size(), steps + " steps, as the first sample");
        }
        int n = rows.get(0).length;
        float[] x = new float[rows.size() * n];
        for (int s = 0; s < rows.size(); s++) System.arraycopy(rows.get(s), 0, x, s * n, n);
        samples.add(x);
        return rows.size();
    }

    private static double number(Path file, String field, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(file, field, "'" + text + "'", "a number");
        }
        if (!Double.isFinite(v)) throw bad(file, field, text, "a finite number");
        return v;
    }

    private static double[] doubles(Object data) {
        int n = Array.getLength(data);
        double[] o = new double[n];
        for (int i = 0; i < n; i++) o[i] = ((Number) Array.get(data, i)).doubleValue();
        return o;
    }
}
