package io.engram.runtime.report;

import io.engram.chip.program.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlotsTest {
    static ReportFixture run;

    @BeforeAll
    static void build() {
        run = ReportFixture.run(7);
    }

    private static BufferedImage decode(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img, p + " is not a PNG ImageIO can read");
        return img;
    }

    @Test
    void everyPlotOfARunDecodesWithItsSize(@TempDir Path dir) throws IOException {
        List<Path> files = Plots.writeAll(dir, run.chip, run.report);
        assertEquals(List.of("energy_by_component.png", "mesh_utilisation.png", "mesh_writes.png",
                "mesh_link_load.png", "accuracy_per_epoch.png", "receptive_fields_hidden.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        BufferedImage energy = decode(files.get(0));
        assertEquals(800, energy.getWidth());
        assertEquals(500, energy.getHeight());
        BufferedImage acc = decode(files.get(4));
        assertEquals(800, acc.getWidth());
        assertEquals(500, acc.getHeight());
        // 4x4 mesh: 64-pixel cells, 28-pixel margins, an 18-pixel colour bar with 90 pixels of labels, 36 of title
        for (int i = 1; i <= 3; i++) {
            BufferedImage h = decode(files.get(i));
            assertEquals(28 + 4 * 64 + 28 + 18 + 90, h.getWidth());
            assertEquals(36 + 4 * 64 + 28, h.getHeight());
        }
        // 8 fields of 4x4 pixels drawn 24x (96 / 4) in a 3x3 grid with 1-pixel gaps: 3 * (96 + 1) + 1 = 292, in an
        // image at least 560 wide, with a 46-pixel title above and a 40-pixel scale below
        BufferedImage rf = decode(files.get(5));
        assertEquals(560, rf.getWidth());
        assertEquals(46 + 292 + 40, rf.getHeight());
    }

    @Test
    void heatmapColoursFollowTheValues() {
        double[] v = new double[16];
        v[5] = 10;
        BufferedImage img = Plots.heatmapImage("t", "u", 4, 4, v);
        Dimension d = Plots.heatmapSize(4, 4);
        assertEquals(d.width, img.getWidth());
        // a corner pixel of core 0 (value min) and of core 5 (x 1, y 1, value max), away from the printed value
        assertEquals(Plots.ramp(0).getRGB(), img.getRGB(28 + 3, 36 + 3));
        assertEquals(Plots.ramp(1).getRGB(), img.getRGB(28 + 64 + 3, 36 + 64 + 3));
        assertThrows(IllegalArgumentException.class, () -> Plots.meshHeatmap("t", "u", 4, 4, new double[15], Path.of("x.png")));
    }

    @Test
    void linkLoadColoursEachDirectedLink() {
        // 2x2 mesh, 64-pixel cells: router 0 centred at (60, 68); its east link carries 10 flits, the way back none
        long[] load = new long[2 * 2 * 4];
        load[0 * 4 + io.engram.chip.noc.Port.EAST.ordinal()] = 10;
        load[2 * 4 + io.engram.chip.noc.Port.NORTH.ordinal()] = 5;
        BufferedImage img = Plots.linkLoadImage("t", 2, 2, load);
        assertEquals(Plots.heatmapSize(2, 2), new Dimension(img.getWidth(), img.getHeight()));
        assertEquals(Plots.ramp(1).getRGB(), img.getRGB(92, 60), "eastbound 0 -> 1, upper bar");
        assertEquals(Plots.ramp(0).getRGB(), img.getRGB(92, 76), "westbound 1 -> 0, lower bar");
        assertEquals(Plots.ramp(0.5).getRGB(), img.getRGB(68, 100), "northbound 2 -> 0, right bar");
        assertEquals(Plots.ramp(0).getRGB(), img.getRGB(52, 100), "southbound 0 -> 2, left bar");
        assertThrows(IllegalArgumentException.class, () -> Plots.linkLoad("t", 2, 2, new long[4], Path.of("x.png")));
    }

    @Test
    void theFixtureRunHasLinkLoads() {
        long[] load = Plots.linkLoads(run.chip.stats());
        assertNotNull(load, "the default chip counts flits per link");
        assertEquals(run.report.noc().maxLinkLoad(), java.util.Arrays.stream(load).max().orElse(0));
        org.junit.jupiter.api.Assertions.assertTrue(run.report.noc().maxLinkLoad() > 0);
    }

    @Test
    void receptiveFieldsAreNormalisedPerField() {
        // two 2x2 fields: column 0 ramps 0..3, column 1 is 10x column 0 plus 5; column 2 is constant
        int rows = 4;
        int cols = 3;
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            w[r * cols] = r;
            w[r * cols + 1] = 10 * r + 5;
            w[r * cols + 2] = 7;
        }
        BufferedImage img = Plots.receptiveFieldImage(w, rows, cols, new Shape(1, 2, 2), 1, "t");
        assertEquals(Plots.receptiveFieldSize(3, 2, 2, 1), new Dimension(img.getWidth(), img.getHeight()));
        // a 2-wide grid of 2x2 fields is 2 * 3 + 1 = 7 pixels wide, centred in 560: it starts at 276, below the
        // 46-pixel title; fields at (277, 47) and (280, 47), the third at (277, 50)
        assertEquals(560, img.getWidth());
        int[] f0 = {img.getRGB(277, 47), img.getRGB(278, 47), img.getRGB(277, 48), img.getRGB(278, 48)};
        int[] f1 = {img.getRGB(280, 47), img.getRGB(281, 47), img.getRGB(280, 48), img.getRGB(281, 48)};
        // field 0: mean 1.5, largest deviation 1.5; 0 -> the low end (blue 3b4cc0), 3 -> the high end (red b40426)
        assertEquals(0x3b4cc0, f0[0] & 0xffffff);
        assertEquals(0xb40426, f0[3] & 0xffffff);
        // 1 -> 0.5 + 0.5 x (1 - 1.5) / 1.5 = 1/3 of the scale: 2/3 of the way from blue (59, 76, 192) to white
        // (247, 247, 247): (59 + 125.3, 76 + 114, 192 + 36.7) rounded = (184, 190, 229)
        assertEquals(0xb8bee5, f0[1] & 0xffffff);
        for (int i = 0; i < 4; i++) assertEquals(f0[i], f1[i], "per-field normalisation ignores scale and offset");
        assertEquals(0xf7f7f7, img.getRGB(277, 50) & 0xffffff); // constant field: the mean's white
        assertThrows(IllegalArgumentException.class,
                () -> Plots.receptiveFieldImage(w, rows, cols, new Shape(1, 3, 3), 1, "t"));
    }

    @Test
    void rgbFieldsUseTheThreeChannels() {
        // one field of 3 channels x 1 x 2: red high on the left, blue high on the right; grid 4 wide, from 278
        float[] w = {1, 0, 0, 0, 0, 1};
        BufferedImage img = Plots.receptiveFieldImage(w, 6, 1, new Shape(3, 1, 2), 1, "t");
        assertEquals(0xff0000, img.getRGB(279, 47) & 0xffffff);
        assertEquals(0x0000ff, img.getRGB(280, 47) & 0xffffff);
    }
}
