package io.engram.chip.eventcore;

import io.engram.chip.spec.SpecException;
import io.engram.chip.time.StepActivity;
import io.engram.chip.time.TimeModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event technologies, barrier tables and time models. */
class EventCostsTest {

    @Test
    void builtInTechnologiesPriceEveryEvent() {
        EventCosts s = EventCosts.builtIn("loihi-sanafe");
        assertEquals(51.2, s.cost(EventKind.NEURON_ACCESS).energyPj());
        assertEquals(24.0, s.cost(EventKind.SYNAPTIC_OP_CONV).energyPj());
        EventCosts d = EventCosts.builtIn("loihi-davies2018");
        // Table 2's active neuron (81 pJ / 8.4 ns) = access (inactive, 52 / 5.3) + update
        assertEquals(81.0, d.cost(EventKind.NEURON_ACCESS).energyPj() + d.cost(EventKind.NEURON_UPDATE).energyPj(), 1e-12);
        assertEquals(8.4, d.cost(EventKind.NEURON_ACCESS).latencyNs() + d.cost(EventKind.NEURON_UPDATE).latencyNs(), 1e-12);
    }

    @Test
    void barrierTables() {
        BarrierTable step = new BarrierTable(BarrierTable.Rule.STEP_UP, Map.of(1, 600.0, 2, 1000.0, 4, 1400.0, 29, 1800.0),
                0, "t");
        assertEquals(600.0, step.ns(1));
        assertEquals(1400.0, step.ns(3));    // next listed count at or above 3 is 4
        assertEquals(1800.0, step.ns(13));
        assertEquals(1800.0, step.ns(32));   // beyond the table: the largest
        BarrierTable lin = new BarrierTable(BarrierTable.Rule.LINEAR, Map.of(1, 113.0, 32, 465.0), 0, "t");
        assertEquals(113.0 + 352.0 * 12 / 31, lin.ns(13), 1e-9);
        assertEquals(465.0, lin.ns(32));
    }

    @Test
    void timeModels() {
        StepActivity a = new StepActivity(new double[]{10, 40, 25}, 7, 100);
        assertEquals(47.0, new TimeModel.Lockstep().stepNs(a));        // slowest core 40 + network 7
        assertEquals(147.0, new TimeModel.AsyncBarrier().stepNs(a));   // + barrier 100
    }

    @Test
    void aMissingEventIsALoadErrorNamingIt() throws java.io.IOException {
        String yaml = """
                name: t
                events:
                  neuron_access: { energy_pj: 1, latency_ns: 1, source: s }
                barrier: { rule: linear, energy_pj: 0, ns_by_tiles: { 1: 1 }, source: s }
                """;
        SpecException e = assertThrows(SpecException.class,
                () -> EventCosts.parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml"));
        assertTrue(e.getMessage().contains("events.neuron_update") && e.getMessage().contains("missing cost"),
                e.getMessage());
        byte[] sanafe;
        try (var in = EventCostsTest.class.getClassLoader().getResourceAsStream("eventcore/technology/loihi-sanafe.yaml")) {
            sanafe = in.readAllBytes();
        }
        byte[] badRule = new String(sanafe, StandardCharsets.UTF_8).replace("rule: step_up", "rule: nearest")
                .getBytes(StandardCharsets.UTF_8);
        SpecException rule = assertThrows(SpecException.class, () -> EventCosts.parse(badRule, "t.yaml"));
        assertTrue(rule.getMessage().contains("one of: step_up, linear"), rule.getMessage());
    }
}
