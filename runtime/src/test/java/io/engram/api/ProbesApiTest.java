package io.engram.api;

import io.engram.chip.spec.SpecException;
import io.engram.chip.stats.TimelineProbe;
import io.engram.runtime.report.EnergyTimeline;
import io.engram.runtime.report.ReportJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probes from Java: the builder's section is checked like the file's, and the result holds what probes.h5 holds. */
class ProbesApiTest {
    @Test
    void probesRecordWeightsAndATimelineWithoutChangingTheReport() {
        RunResult plain = Engram.run(EngramApiTest.tiny().network(EngramApiTest.builtNetwork()).build());
        RunResult probed = Engram.run(EngramApiTest.tiny().network(EngramApiTest.builtNetwork())
                .probes(Probes.of().layer(1).weightsEvery(30)).build());
        assertNull(plain.probes(), "no probes asked, none recorded");
        assertArrayEquals(ReportJson.toBytes(plain.report()), ReportJson.toBytes(probed.report()),
                "observing changes nothing the report counts");
        ProbeResult p = probed.probes();
        assertEquals(1, p.layer());
        assertEquals("hidden", p.layerName());
        assertNull(p.spikes(), "a rate run has no spikes");
        // 60 training samples, every 30: before samples 0 and 30, and after the 60th
        assertEquals(3, p.weights().snapshots());
        assertEquals(List.of(0L, 30L, 60L), List.of(p.weights().sampleIndex(0), p.weights().sampleIndex(1), p.weights().sampleIndex(2)));
        assertEquals(784 * 16, p.weights().weights(2).length);
        // one row per sample: 60 training, 60 readout features (the readout's training set), 30 test
        List<TimelineProbe.Row> rows = p.timeline().rows();
        assertEquals(150, rows.size());
        EnergyTimeline e = p.energy();
        double total = probed.energy().totalPj();
        assertEquals(total, e.totalPj(), 1e-9 * total, "the timeline adds up to the report");
        assertEquals(probed.energy().leakagePj(), e.columnPj(e.columns().indexOf(EnergyTimeline.LEAKAGE)),
                1e-9 * probed.energy().leakagePj());
        assertTrue(p.notes().isEmpty(), "nothing cut: " + p.notes());
    }

    @Test
    void spikesAreRefusedInARateRunNamingTheField() {
        SpecException e = assertThrows(SpecException.class, () -> EngramApiTest.tiny().network(EngramApiTest.builtNetwork())
                .probes(Probes.of().samples(2)).build());
        assertTrue(e.getMessage().contains("probes.samples"), e.getMessage());
        assertTrue(e.getMessage().contains("0 in a rate run"), e.getMessage());
        SpecException rows = assertThrows(SpecException.class, () -> EngramApiTest.tiny().network(EngramApiTest.builtNetwork())
                .probes(Probes.of().timelineRows(1)).build());
        assertTrue(rows.getMessage().contains("probes.timeline_rows"), rows.getMessage());
    }
}
