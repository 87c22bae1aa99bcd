package io.engram.runtime.report;

import io.engram.chip.core.CoreState;
import io.engram.chip.noc.Port;
import io.engram.chip.program.Shape;
import io.engram.chip.sim.Chip;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.stats.ChipStats;
import io.engram.chip.stats.CoreStats;
import io.engram.chip.tech.Action;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PNG plots of a run, each written atomically: energy by component (bar), mesh heatmaps (core utilisation, writes
 * per core, link load), accuracy per epoch (line), and the receptive fields of a layer (image grid). Charts are drawn off-screen
 * (headless); line and bar charts use XChart, grids are drawn directly with java.awt.
 */
public final class Plots {
    /** Size of every XChart chart. */
    public static final int CHART_WIDTH = 800;
    public static final int CHART_HEIGHT = 500;

    private static final int HEAT_TITLE = 36;
    private static final int HEAT_MARGIN = 28;
    private static final int HEAT_BAR = 18;
    private static final int HEAT_BAR_LABELS = 90;
    /** Viridis anchors, low to high. */
    private static final Color[] RAMP = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
            new Color(0x5ec962), new Color(0xfde725)};

    private Plots() {}

    /** Fixed series colours of the stacked energy bars (component classes in report order), leakage last in grey. */
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
            new Color(0xbcbd22), new Color(0x393b79), new Color(0x637939), new Color(0x843c39)};
    private static final Color LEAKAGE = new Color(0xb0b0b0);

    /**
     * Energy of each phase of the run (training, inference, ...) as one stacked bar on a linear axis: a segment per
     * component class for the dynamic energy, and the leakage on top, so training and inference, dynamic and
     * leakage compare at a glance. The unit (pJ, nJ, uJ or mJ) follows the largest bar.
     */
    public static void energyByComponent(Report report, Path file) {
        List<Report.Phase> phases = report.phases();
        if (phases.isEmpty()) throw new IllegalArgumentException("no phase to plot");
        List<String> components = new ArrayList<>(report.energy().byComponent().keySet());
        double largest = 0;
        for (Report.Phase ph : phases) largest = Math.max(largest, ph.energy().totalPj());
        double[] unit = energyUnit(largest);
        List<String> names = new ArrayList<>();
        for (Report.Phase ph : phases) names.add(ph.name());
        CategoryChart chart = new CategoryChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
                .title("Energy by phase and component (" + report.chip().name() + ", total "
                        + ReportText.energy(report.energy().totalPj()) + ")")
                .xAxisTitle("phase").yAxisTitle("energy (" + unitName(unit) + ")").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setOverlapped(false);
        if (phases.size() > 3) chart.getStyler().setXAxisLabelRotation(30); // per-epoch phases have long names
        int colour = 0;
        for (String c : components) {
            List<Double> v = new ArrayList<>();
            boolean any = false;
            for (Report.Phase ph : phases) {
                double e = ph.energy().byComponent().getOrDefault(c, 0.0);
                any |= e > 0;
                v.add(e / unit[0]);
            }
            Color col = SERIES[colour++ % SERIES.length];
            if (any) chart.addSeries(c + " (dynamic)", names, v).setFillColor(col);
        }
        List<Double> leak = new ArrayList<>();
        for (Report.Phase ph : phases) leak.add(ph.energy().leakagePj() / unit[0]);
        chart.addSeries("leakage", names, leak).setFillColor(LEAKAGE);
        writeChart(chart, file);
    }

    /** {divisor from pJ, unit index}: the largest unit in which {@code pj} is at least 1. */
    private static double[] energyUnit(double pj) {
        double[] div = {1, 1e3, 1e6, 1e9};
        int i = 0;
        while (i + 1 < div.length && pj >= div[i + 1]) i++;
        return new double[]{div[i], i};
    }

    private static String unitName(double[] unit) {
        return new String[]{"pJ", "nJ", "uJ", "mJ"}[(int) unit[1]];
    }

    /** Train and test accuracy after each epoch, in percent; epochs without a figure are skipped. */
    public static void accuracyPerEpoch(AccuracyFigures acc, Path file) {
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT).title("Accuracy per epoch")
                .xAxisTitle("epoch").yAxisTitle("accuracy (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        boolean any = addSeries(chart, "train", acc, true);
        any |= addSeries(chart, "test", acc, false);
        if (!any) throw new IllegalArgumentException("no per-epoch accuracy to plot");
        writeChart(chart, file);
    }

    private static boolean addSeries(XYChart chart, String name, AccuracyFigures acc, boolean train) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (AccuracyFigures.EpochAccuracy e : acc.perEpoch()) {
            Double v = train ? e.train() : e.test();
            if (v != null) {
                x.add((double) e.epoch());
                y.add(v * 100);
            }
        }
        if (x.isEmpty()) return false;
        chart.addSeries(name, x, y);
        return true;
    }

    private static void writeChart(Chart<?, ?> chart, Path file) {
        writePng(BitmapEncoder.getBufferedImage(chart), file);
    }

    /** Busy cycles (every BUSY_* state) / all cycles of each core. From a snapshot taken after {@link Chip#settle()}. */
    public static double[] coreUtilisation(ChipStats stats) {
        double[] u = new double[stats.cores().size()];
        for (CoreStats c : stats.cores()) {
            long[] st = c.stateCycles();
            long total = c.totalCycles();
            long busy = st[CoreState.BUSY_READ.ordinal()] + st[CoreState.BUSY_NEURON.ordinal()]
                    + st[CoreState.BUSY_COMPETE.ordinal()] + st[CoreState.BUSY_LEARN.ordinal()];
            u[c.index()] = total == 0 ? 0 : (double) busy / total;
        }
        return u;
    }

    /** Programming pulses (SET + RESET) and digital synapse updates per core. */
    public static double[] writesPerCore(ChipStats stats) {
        double[] w = new double[stats.cores().size()];
        for (CoreStats c : stats.cores()) {
            ActionCounters n = c.counts();
            w[c.index()] = n.get(Action.CROSSBAR_SET_PULSE) + n.get(Action.CROSSBAR_RESET_PULSE)
                    + n.get(Action.SYNAPSE_SRAM_UPDATE);
        }
        return w;
    }

    /** Pixel size of a cell of a mesh heatmap: large enough to print the value on meshes up to 12 wide. */
    static int heatCell(int width, int height) {
        return Math.max(6, Math.min(64, 768 / Math.max(width, height)));
    }

    /** Size of the image {@link #meshHeatmap} draws for a width x height mesh. */
    public static Dimension heatmapSize(int width, int height) {
        int cell = heatCell(width, height);
        return new Dimension(HEAT_MARGIN + width * cell + HEAT_MARGIN + HEAT_BAR + HEAT_BAR_LABELS,
                HEAT_TITLE + height * cell + HEAT_MARGIN);
    }

    /**
     * A value per core drawn on the mesh (core i at x = i % width, y = i / width; y grows downwards, as core indices
     * do), with a colour bar from the minimum to the maximum value.
     */
    public static void meshHeatmap(String title, String unit, int width, int height, double[] values, Path file) {
        if (values.length != width * height) {
            throw new IllegalArgumentException(values.length + " values for a " + width + "x" + height + " mesh");
        }
        writePng(heatmapImage(title, unit, width, height, values), file);
    }

    static BufferedImage heatmapImage(String title, String unit, int width, int height, double[] values) {
        Dimension d = heatmapSize(width, height);
        int cell = heatCell(width, height);
        BufferedImage img = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, HEAT_MARGIN, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(12, cell / 4))));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < values.length; i++) {
            int x0 = HEAT_MARGIN + (i % width) * cell;
            int y0 = HEAT_TITLE + (i / width) * cell;
            Color col = ramp(max > min ? (values[i] - min) / (max - min) : 0.5);
            g.setColor(col);
            g.fillRect(x0, y0, cell, cell);
            g.setColor(Color.WHITE);
            g.drawRect(x0, y0, cell, cell);
            g.setColor(luminance(col) > 0.5 ? Color.BLACK : Color.WHITE);
            if (cell >= 40) {
                String s = label(values[i]);
                g.drawString(s, x0 + (cell - fm.stringWidth(s)) / 2, y0 + (cell + fm.getAscent()) / 2 - 2);
            }
            coreId(g, i, x0, y0, cell);
        }
        g.setColor(Color.DARK_GRAY);
        for (int x = 0; x < width; x += Math.max(1, width / 8)) {
            g.drawString(Integer.toString(x), HEAT_MARGIN + x * cell + cell / 2 - 3, HEAT_TITLE + height * cell + 16);
        }
        for (int y = 0; y < height; y += Math.max(1, height / 8)) {
            g.drawString(Integer.toString(y), 8, HEAT_TITLE + y * cell + cell / 2 + 4);
        }
        colourBar(g, width, height, cell, min, max, unit);
        g.dispose();
        return img;
    }

    /** The core's index in the bottom-left corner of its cell (cells of 16 pixels and more). */
    private static void coreId(Graphics2D g, int core, int x0, int y0, int cell) {
        if (cell < 16) return;
        Font f = g.getFont();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(10, cell / 5))));
        g.drawString("c" + core, x0 + 3, y0 + cell - 3);
        g.setFont(f);
    }

    private static void colourBar(Graphics2D g, int width, int height, int cell, double min, double max, String unit) {
        int bx = HEAT_MARGIN + width * cell + HEAT_MARGIN;
        int bh = height * cell;
        for (int y = 0; y < bh; y++) {
            g.setColor(ramp(1 - (double) y / Math.max(1, bh - 1)));
            g.fillRect(bx, HEAT_TITLE + y, HEAT_BAR, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(bx, HEAT_TITLE, HEAT_BAR, bh);
        g.drawString(label(max), bx + HEAT_BAR + 4, HEAT_TITLE + g.getFontMetrics().getAscent());
        g.drawString(label(min), bx + HEAT_BAR + 4, HEAT_TITLE + bh);
        // the unit, written down the middle of the label column
        java.awt.geom.AffineTransform t = g.getTransform();
        g.rotate(Math.PI / 2, bx + HEAT_BAR + 24, HEAT_TITLE + bh / 2.0);
        String u = "(" + unit + ")";
        g.drawString(u, bx + HEAT_BAR + 24 - g.getFontMetrics().stringWidth(u) / 2, HEAT_TITLE + bh / 2 + 4);
        g.setTransform(t);
    }

    /**
     * Flits carried by each directed mesh link, indexed router x 4 + {@link Port} ordinal (the outgoing port), when
     * the chip's interconnect counts them; null otherwise.
     */
    public static long[] linkLoads(ChipStats stats) {
        return stats.noc().countsLinks() ? stats.noc().linkLoads() : null;
    }

    /**
     * Load of every directed link of the mesh, drawn between the routers it joins: eastbound above westbound,
     * southbound left of northbound, coloured from 0 to the busiest link. Same size as {@link #heatmapSize}.
     *
     * @param linkFlits flits per link, indexed router x 4 + outgoing {@link Port} ordinal
     */
    public static void linkLoad(String title, int width, int height, long[] linkFlits, Path file) {
        if (linkFlits.length != width * height * Port.DIRECTIONS) {
            throw new IllegalArgumentException(linkFlits.length + " link loads for a " + width + "x" + height + " mesh");
        }
        writePng(linkLoadImage(title, width, height, linkFlits), file);
    }

    static BufferedImage linkLoadImage(String title, int width, int height, long[] linkFlits) {
        Dimension d = heatmapSize(width, height);
        int cell = heatCell(width, height);
        BufferedImage img = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        long max = 0;
        for (long f : linkFlits) max = Math.max(max, f);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, HEAT_MARGIN, 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString("eastbound above westbound, southbound left of northbound", HEAT_MARGIN, 31);
        int q = cell / 4;
        for (int r = 0; r < width * height; r++) {
            int cx = HEAT_MARGIN + (r % width) * cell + cell / 2;
            int cy = HEAT_TITLE + (r / width) * cell + cell / 2;
            for (Port p : Port.values()) {
                if (!p.isMesh()) continue;
                int nx = r % width + p.dx();
                int ny = r / width + p.dy();
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                long f = linkFlits[r * Port.DIRECTIONS + p.ordinal()];
                g.setColor(ramp(max == 0 ? 0 : (double) f / max));
                switch (p) {
                    case EAST -> g.fillRect(cx + q, cy - q + 1, cell - 2 * q, q - 2);
                    case WEST -> g.fillRect(cx - cell + q, cy + 1, cell - 2 * q, q - 2);
                    case SOUTH -> g.fillRect(cx - q + 1, cy + q, q - 2, cell - 2 * q);
                    case NORTH -> g.fillRect(cx + 1, cy - cell + q, q - 2, cell - 2 * q);
                    default -> throw new IllegalStateException(p.name());
                }
            }
            g.setColor(new Color(0xdddddd));
            g.fillRect(cx - q, cy - q, 2 * q, 2 * q);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(cx - q, cy - q, 2 * q, 2 * q);
            if (cell >= 16) {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(10, cell / 5))));
                String s = "c" + r;
                g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, cy + 4);
            }
        }
        colourBar(g, width, height, cell, 0, max, "flits");
        g.dispose();
        return img;
    }

    private static final int RF_TITLE = 46;
    private static final int RF_LEGEND = 40;
    private static final int RF_MIN_WIDTH = 560;
    private static final int RF_BAR = 240;
    /** Diverging ramp of the receptive fields: below the field's mean, the mean, above it. */
    private static final Color[] DIVERGING = {new Color(0x3b4cc0), new Color(0xf7f7f7), new Color(0xb40426)};

    /** Size of the image {@link #receptiveFields} draws for n fields of height x width pixels (title, grid, scale). */
    public static Dimension receptiveFieldSize(int n, int height, int width, int scale) {
        int gc = gridCols(n);
        int gr = (n + gc - 1) / gc;
        int gridWidth = gc * (width * scale + 1) + 1;
        return new Dimension(Math.max(RF_MIN_WIDTH, gridWidth), RF_TITLE + gr * (height * scale + 1) + 1 + RF_LEGEND);
    }

    private static int gridCols(int n) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(n)));
    }

    /**
     * The receptive field of every neuron (column) of a layer: column k of the rows x cols weight matrix, rows
     * ordered (channel, y, x) as {@code input} says, reshaped to height x width. Each field is normalised on its own:
     * one channel (or any count but three, averaged over channels) is drawn as the weight minus the field's mean,
     * divided by the field's largest deviation from it, on a diverging scale (blue below the mean, white at it, red
     * above; a constant field is white); three channels are drawn in colour, each field stretched to its own
     * min..max. Fields are tiled row by row in a ceil(sqrt(cols))-wide grid, each pixel scale x scale, with 1-pixel
     * gaps, under a title and above the scale.
     */
    public static void receptiveFields(float[] weights, int rows, int cols, Shape input, int scale, String title, Path file) {
        writePng(receptiveFieldImage(weights, rows, cols, input, scale, title), file);
    }

    static BufferedImage receptiveFieldImage(float[] weights, int rows, int cols, Shape input, int scale, String title) {
        if (input.size() != rows) {
            throw new IllegalArgumentException("input shape " + input + " has " + input.size() + " values but the layer has "
                    + rows + " rows");
        }
        if (weights.length != (long) rows * cols) throw new IllegalArgumentException("weights are not rows x cols");
        if (scale < 1) throw new IllegalArgumentException("scale must be >= 1");
        int h = input.height();
        int w = input.width();
        int ch = input.channels();
        Dimension d = receptiveFieldSize(cols, h, w, scale);
        BufferedImage img = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        int gc = gridCols(cols);
        int gr = (cols + gc - 1) / gc;
        int gridWidth = gc * (w * scale + 1) + 1;
        int gridHeight = gr * (h * scale + 1) + 1;
        int left = (d.width - gridWidth) / 2;
        boolean rgb = ch == 3;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 8, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(rgb ? "each field stretched to its own min..max (RGB = input channels)"
                : "each field: weight - field mean, scaled to the field's largest deviation", 8, 36);
        g.setColor(new Color(0x303030));
        g.fillRect(left, RF_TITLE, gridWidth, gridHeight);
        int planes = rgb ? 3 : 1;
        double[] field = new double[planes * h * w];
        for (int k = 0; k < cols; k++) {
            java.util.Arrays.fill(field, 0);
            for (int c = 0; c < ch; c++) {
                for (int p = 0; p < h * w; p++) {
                    double v = weights[(c * h * w + p) * cols + k];
                    if (rgb) field[c * h * w + p] = v;
                    else field[p] += v / ch;
                }
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double mean = 0;
            for (double v : field) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                mean += v / field.length;
            }
            double span = max - min;
            double dev = Math.max(max - mean, mean - min);
            int ox = left + 1 + (k % gc) * (w * scale + 1);
            int oy = RF_TITLE + 1 + (k / gc) * (h * scale + 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgbv;
                    if (rgb) {
                        int[] lv = new int[3];
                        for (int c = 0; c < 3; c++) {
                            double v = field[c * h * w + y * w + x];
                            lv[c] = (int) Math.round(255 * (span > 0 ? (v - min) / span : 0.5));
                        }
                        rgbv = (lv[0] << 16) | (lv[1] << 8) | lv[2];
                    } else {
                        double v = field[y * w + x];
                        rgbv = diverging(dev > 0 ? 0.5 + 0.5 * (v - mean) / dev : 0.5).getRGB() & 0xffffff;
                    }
                    for (int sy = 0; sy < scale; sy++) {
                        for (int sx = 0; sx < scale; sx++) img.setRGB(ox + x * scale + sx, oy + y * scale + sy, rgbv);
                    }
                }
            }
        }
        // the scale
        int by = RF_TITLE + gridHeight + 8;
        int bx = (d.width - RF_BAR) / 2;
        for (int x = 0; x < RF_BAR; x++) {
            double t = (double) x / (RF_BAR - 1);
            g.setColor(rgb ? new Color((int) Math.round(255 * t), (int) Math.round(255 * t), (int) Math.round(255 * t))
                    : diverging(t));
            g.fillRect(bx + x, by, 1, 10);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(bx, by, RF_BAR, 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        String lo = rgb ? "field min" : "mean - max dev.";
        String mid = rgb ? "" : "field mean";
        String hi = rgb ? "field max" : "mean + max dev.";
        g.drawString(lo, bx - fm.stringWidth(lo) - 6, by + 10);
        g.drawString(hi, bx + RF_BAR + 6, by + 10);
        g.drawString(mid, bx + (RF_BAR - fm.stringWidth(mid)) / 2, by + 24);
        g.dispose();
        return img;
    }

    static Color diverging(double t) { return interpolate(DIVERGING, t); }

    /** Writes every plot a run folder holds; returns the files written. */
    public static List<Path> writeAll(Path dir, Chip chip, Report report) {
        return writeAll(dir, chip, chip.stats(), report);
    }

    /**
     * Writes every plot a run folder holds, the mesh heatmaps from {@code stats}, the receptive fields from the
     * chip's weights; returns the files written.
     */
    public static List<Path> writeAll(Path dir, Chip chip, ChipStats stats, Report report) {
        List<Path> out = new ArrayList<>();
        int mw = chip.spec().mesh().width();
        int mh = chip.spec().mesh().height();
        Path p = dir.resolve("energy_by_component.png");
        if (!report.phases().isEmpty()) {
            // a run whose readout reads the raw input uses no chip phase: nothing to draw
            energyByComponent(report, p);
            out.add(p);
        }
        p = dir.resolve("mesh_utilisation.png");
        meshHeatmap("Core utilisation (busy / total cycles)", "fraction of cycles busy", mw, mh, coreUtilisation(stats), p);
        out.add(p);
        p = dir.resolve("mesh_writes.png");
        meshHeatmap("Writes per core", "SET + RESET pulses + SRAM updates", mw, mh, writesPerCore(stats), p);
        out.add(p);
        long[] links = linkLoads(stats);
        if (links != null) {
            p = dir.resolve("mesh_link_load.png");
            linkLoad("Link load (flits)", mw, mh, links, p);
            out.add(p);
        }
        if (report.accuracy().perEpoch().stream().anyMatch(e -> e.train() != null || e.test() != null)) {
            p = dir.resolve("accuracy_per_epoch.png");
            accuracyPerEpoch(report.accuracy(), p);
            out.add(p);
        }
        for (int i = 0; i < chip.program().layers().size(); i++) {
            var lp = chip.program().layers().get(i);
            float[] w = chip.weights(i);
            Shape field = fieldShape(chip, i);
            if (w == null || field == null) continue;
            p = dir.resolve("receptive_fields_" + WeightsFile.groupName(ReportBuilder.layerKey(chip.program(), i))
                    .replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            String layer = ReportBuilder.layerKey(chip.program(), i);
            receptiveFields(w, lp.rows(), lp.cols(), field, Math.max(1, 96 / Math.max(field.height(), field.width())),
                    "Receptive fields of layer " + layer + ": " + lp.cols() + " neurons on " + field.channels() + "x"
                            + field.height() + "x" + field.width() + " inputs", p);
            out.add(p);
            break; // the first learned layer: deeper fields need projecting back to the input to mean anything
        }
        return out;
    }

    /**
     * The image shape of a layer's weight rows: (in channels, k, k) for a convolution, the program's input shape for
     * a dense first layer on a non-flat input, null otherwise.
     */
    static Shape fieldShape(Chip chip, int layer) {
        var lp = chip.program().layers().get(layer);
        return switch (lp.kind()) {
            case CONV2D -> new Shape(lp.in().channels(), lp.kernel(), lp.kernel());
            case DENSE -> {
                Shape in = chip.program().input();
                boolean direct = true; // only flatten layers between the input and this layer
                for (int i = 0; i < layer; i++) {
                    direct &= chip.program().layers().get(i).kind() == io.engram.chip.program.LayerKind.FLATTEN;
                }
                yield direct && in.size() == lp.rows() && (in.height() > 1 || in.width() > 1) ? in : null;
            }
            default -> null;
        };
    }

    static void writePng(BufferedImage img, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
        });
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.BLACK);
        return g;
    }

    static Color ramp(double t) { return interpolate(RAMP, t); }

    private static Color interpolate(Color[] anchors, double t) {
        t = Math.max(0, Math.min(1, t));
        double pos = t * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) pos);
        double f = pos - i;
        Color a = anchors[i];
        Color b = anchors[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return String.format(Locale.ROOT, "%d", (long) v);
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
