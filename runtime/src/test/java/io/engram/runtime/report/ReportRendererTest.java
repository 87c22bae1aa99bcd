package io.engram.runtime.report;

import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportRendererTest {
    static Report r;

    @BeforeAll
    static void build() {
        r = ReportFixture.run(7).report;
    }

    @Test
    void textRendersTheSameFigures() {
        String t = ReportText.render(r);
        assertFalse(t.contains("\r"));
        assertTrue(t.contains("Chip       rram-22nm (technology rram-22nm): 16 cores, mesh 4x4, 1000 MHz"), t);
        assertTrue(t.contains("Mapping    2 cores used"), t);
        assertTrue(t.contains("train 75.00 %, test 50.00 % (readout: linear (off-chip softmax regression))"), t);
        assertTrue(t.contains("Latency    " + r.latency().cycles() + " cycles"), t);
        // every energy line with its count
        for (Report.Line l : r.energy().lines()) {
            assertTrue(t.lines().anyMatch(s -> s.contains(" " + l.component() + " ") && s.contains(" " + l.action() + " ")
                    && s.contains(" " + l.count() + " ")), l.component() + "." + l.action());
        }
        assertTrue(t.contains(r.learning().writePulses() + " write pulses"), t);
        assertTrue(t.contains("NoC        " + r.noc().packets() + " packets"), t);
        assertTrue(t.contains("evaluate"), t);
    }

    /**
     * Defect 7 of issue 15: noc.hops (the hop count summed over deliveries) was printed as "flit-hops". The fixture's
     * only traffic goes from core 0 (0,0) to core 5 (1,1): 2 hops per delivery, so each flit crosses 2 links and passes
     * 3 routers, and the flit-hops are twice the flits while the packet-hops are twice the packets.
     */
    @Test
    void nocLineNamesPacketHopsAndFlitHops() {
        Report.Noc n = r.noc();
        assertEquals(2 * n.packets(), n.hops());
        assertEquals(2 * n.flits(), n.flitHops());
        assertEquals(3 * n.flits(), n.routerTraversals());
        assertTrue(n.flits() > n.packets(), "multi-flit packets, so the two hop counts differ");
        String t = ReportText.render(r);
        assertTrue(t.contains(n.flitHops() + " link flit-hops"), t);
        assertTrue(t.contains(n.routerTraversals() + " router traversals"), t);
        assertTrue(t.contains(n.hops() + " packet-hops (hops summed over deliveries)"), t);
        assertFalse(t.contains(n.hops() + " flit-hops"), t);
    }

    @Test
    void textShowsLeakageAreaAndEfficiency() {
        String t = ReportText.render(r);
        assertTrue(t.contains("unused cores gated, 2 cores powered"), t);
        assertTrue(t.contains("Area       chip 1.259 mm2, core 0.05651 mm2, router 0.02220 mm2"), t);
        assertTrue(t.contains("Efficiency " + r.efficiency().synapticOps() + " synaptic ops"), t);
        long inf = r.efficiency().inference().synapticOps();
        assertTrue(t.lines().anyMatch(s -> s.startsWith("  inference  evaluate") && s.contains(" " + inf + " ")), t);
        assertEquals("6.106 mW", ReportText.power(6.106048));
        assertEquals("273.0 nW", ReportText.power(0.000273));
    }

    @Test
    void energyUnits() {
        assertEquals("13.80 fJ", ReportText.energy(0.0138));
        assertEquals("1.200 pJ", ReportText.energy(1.2));
        assertEquals("497.1 nJ", ReportText.energy(497140.8));
        assertEquals("0 pJ", ReportText.energy(0.0));
        assertEquals("n/a", ReportText.energy(null));
        assertEquals("9.828 us", ReportText.time(9828.0));
        assertEquals("12.50 %", ReportText.pct(0.125));
    }

    @Test
    void rerenderRewritesTheTextFromTheJson(@TempDir Path dir) throws IOException {
        ReportJson.write(r, dir.resolve("report.json"));
        Files.writeString(dir.resolve("report.txt"), "stale");
        Report back = ReportRenderer.rerender(dir);
        assertEquals(r, back);
        assertEquals(ReportText.render(r), Files.readString(dir.resolve("report.txt")));
    }

    @Test
    void missingFolder(@TempDir Path dir) {
        Path none = dir.resolve("nope");
        SpecException e = assertThrows(SpecException.class, () -> ReportRenderer.rerender(none));
        assertEquals(none.toString(), e.file());
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
    }

    @Test
    void missingReport(@TempDir Path dir) {
        SpecException e = assertThrows(SpecException.class, () -> ReportRenderer.rerender(dir));
        assertEquals(dir.resolve("report.json").toString(), e.file());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.txt")), "nothing written");
    }

    @Test
    void truncatedReport(@TempDir Path dir) throws IOException {
        String json = ReportJson.toJson(r);
        Files.writeString(dir.resolve("report.json"), json.substring(0, json.length() / 2));
        SpecException e = assertThrows(SpecException.class, () -> ReportRenderer.rerender(dir));
        assertEquals(dir.resolve("report.json").toString(), e.file());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.txt")), "nothing written");
    }

    @Test
    void wrongTypeNamesTheField(@TempDir Path dir) throws IOException {
        String json = ReportJson.toJson(r).replaceFirst("\"cycles\": \\d+", "\"cycles\": \"many\"");
        Files.writeString(dir.resolve("report.json"), json);
        SpecException e = assertThrows(SpecException.class, () -> ReportRenderer.rerender(dir));
        assertEquals("latency.cycles", e.fieldPath());
    }

    @Test
    void notAReport(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("report.json"), "[1, 2, 3]\n");
        SpecException e = assertThrows(SpecException.class, () -> ReportRenderer.rerender(dir));
        assertEquals(dir.resolve("report.json").toString(), e.file());
    }
}
