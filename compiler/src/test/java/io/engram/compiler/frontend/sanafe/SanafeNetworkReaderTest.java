package io.engram.compiler.frontend.sanafe;

import io.engram.chip.eventcore.EventChipSpec;
import io.engram.chip.eventcore.EventCosts;
import io.engram.chip.eventcore.EventKind;
import io.engram.chip.eventcore.EventNetwork;
import io.engram.chip.eventcore.EventRun;
import io.engram.chip.eventcore.EventSimulator;
import io.engram.chip.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SANA-FE network reader and the event simulator on networks small enough to follow by hand. */
class SanafeNetworkReaderTest {
    static final EventChipSpec LOIHI = EventChipSpec.builtIn("loihi");

    /** Two inputs (one with bias 6, threshold 10) feeding one output (leak 0.5, threshold 5) over a dense edge. */
    static final String TWO_TO_ONE = """
            network:
              name: two-to-one
              groups:
              - name: in
                attributes: { soma_hw_name: loihi_lif, threshold: 10, log_spikes: true }
                neurons:
                - 0: { bias: 6 }
                - 1: {}
              - name: out
                attributes: { soma_hw_name: loihi_lif, synapse_hw_name: loihi_dense_synapse, threshold: 5, leak_decay: 0.5 }
                neurons:
                - 0..0: {}
              edges:
              - in -> out: { type: dense, weight: [7, 3] }
            mappings:
            - in.0: { core: '0.0' }
            - in.1: { core: '0.1' }
            - out.0: { core: '5.2' }
            """;

    @Test
    void countsOfASmallNetworkMatchAHandRun() {
        EventNetwork net = SanafeNetworkReader.read(TWO_TO_ONE, "two.yaml", LOIHI);
        assertEquals(3, net.neurons());
        assertEquals(2, net.synapses());
        EventRun run = new EventSimulator(LOIHI, net).run(5);
        // in.0: v = 6, 12 > 10 fires, 6, 12 fires, 6: spikes at steps 1 and 3 (0-based). in.1 never fires, never active.
        // out gets 7 one step later (steps 2 and 4): 7 > 5 fires each time, then v = 0.
        assertEquals(2, run.totalSpikes(0));
        assertEquals(2, run.totalSpikes(1));
        assertEquals(0, run.spikes(2, 0));
        assertEquals(1, run.spikes(2, 1));
        assertEquals(15, run.total(EventKind.NEURON_ACCESS));       // 3 neurons x 5 steps
        assertEquals(7, run.total(EventKind.NEURON_UPDATE));        // in.0 every step (bias) + out at steps 2, 4
        assertEquals(4, run.total(EventKind.SPIKE_GENERATION));
        assertEquals(2, run.total(EventKind.SYNAPTIC_OP_DENSE));    // in.0's two spikes x one synapse
        assertEquals(2, run.total(EventKind.MESSAGE_OUT));
        assertEquals(2, run.total(EventKind.MESSAGE_IN));
        // tile 0 is at (0, 0), tile 5 at (5 / 4, 5 % 4) = (1, 1): one hop each way per message
        assertEquals(2, run.total(EventKind.HOP_EAST_WEST));
        assertEquals(2, run.total(EventKind.HOP_NORTH_SOUTH));
        assertEquals(0, run.total(EventKind.WITHIN_TILE_MESSAGE));
        assertEquals(2, run.tilesUsed());
        assertEquals(3, run.coresUsed());

        EventCosts sanafe = EventCosts.builtIn("loihi-sanafe");
        // 15 x 51.2 + 7 x 21.6 + 4 x 69.3 + 2 x 35.5 + 2 x 111 + 2 x 3.0 + 2 x 4.2 = 1503.8 pJ
        double total = Arrays.stream(run.energyPerStepPj(sanafe)).sum();
        assertEquals(1503.8, total, 1e-9);
        double[] lat = run.latencyPerStepNs(sanafe);
        // step 0: core 0 access 6 + update 3.7 = 9.7; no message; barrier for 2 tiles (step up to the 2-tile entry) 1000
        assertEquals(1009.7, lat[0], 1e-9);
        // step 1: core 0 access 6 + update 3.7 + spike 30 + message out 5.1 = 44.8 (the slowest core; core 22 has
        // access 6 + dense op 3.8 + message in 16 = 25.8); path 4.1 + 6.5 = 10.6; barrier 1000
        assertEquals(1055.4, lat[1], 1e-9);

        EventCosts davies = EventCosts.builtIn("loihi-davies2018");
        // barrier linear between 1 tile (113 ns) and 32 tiles (465 ns): 113 + 352 / 31 at 2 tiles
        assertEquals(113 + 352.0 / 31, davies.barrier().ns(2), 1e-9);
        // 15 x 52 + 7 x 29 + 2 x 23.6 + 2 x 3.0 + 2 x 4.0 = 1044.2 pJ
        assertEquals(1044.2, Arrays.stream(run.energyPerStepPj(davies)).sum(), 1e-9);
    }

    @Test
    void convolutionFollowsSanafesLayout() {
        String yaml = """
                network:
                  name: conv
                  groups:
                  - name: a
                    attributes: { soma_hw_name: loihi_lif, threshold: 1 }
                    neurons: [ { 0..8: {} } ]
                  - name: b
                    attributes: { soma_hw_name: loihi_lif, synapse_hw_name: loihi_conv_synapse, threshold: 1 }
                    neurons: [ { 0..3: {} } ]
                  edges:
                  - a -> b: { type: conv2d, input_width: 3, input_height: 3, input_channels: 1, kernel_width: 2,
                              kernel_height: 2, kernel_count: 1, stride_width: 1, stride_height: 1, weight: [1, 2, 3, 4] }
                mappings:
                - a.0..8: { core: '0.0' }
                - b.0..3: { core: '0.0' }
                """;
        EventNetwork net = SanafeNetworkReader.read(yaml, "conv.yaml", LOIHI);
        assertEquals(16, net.synapses());   // 4 outputs x 2 x 2 kernel
        // the centre input (y 1, x 1) = index 4 feeds every output; output (oy, ox) sees it at ky = 1 - oy,
        // kx = 1 - ox, weight index ky * 2 + kx: out 0 <- 4, out 1 <- 3, out 2 <- 2, out 3 <- 1
        double[] w = new double[4];
        for (int s = net.synStart(4); s < net.synEnd(4); s++) w[net.synTarget(s) - 9] = net.synWeight(s);
        assertEquals(java.util.List.of(4.0, 3.0, 2.0, 1.0), Arrays.stream(w).boxed().toList());
    }

    @Test
    void mistakesNameTheFieldAndTheAllowedValues() {
        SpecException unmapped = assertThrows(SpecException.class, () -> SanafeNetworkReader.read(
                TWO_TO_ONE.replace("- out.0: { core: '5.2' }\n", ""), "two.yaml", LOIHI));
        assertTrue(unmapped.getMessage().contains("neuron out.0 is not mapped"), unmapped.getMessage());
        SpecException weights = assertThrows(SpecException.class, () -> SanafeNetworkReader.read(
                TWO_TO_ONE.replace("[7, 3]", "[7]"), "two.yaml", LOIHI));
        assertTrue(weights.getMessage().contains("expected 2 weights"), weights.getMessage());
        SpecException attr = assertThrows(SpecException.class, () -> SanafeNetworkReader.read(
                TWO_TO_ONE.replace("log_spikes: true", "refractory: 2"), "two.yaml", LOIHI));
        assertTrue(attr.getMessage().contains("network.groups[0].attributes.refractory"), attr.getMessage());
        SpecException core = assertThrows(SpecException.class, () -> SanafeNetworkReader.read(
                TWO_TO_ONE.replace("'5.2'", "'32.0'"), "two.yaml", LOIHI));
        assertTrue(core.getMessage().contains("tiles 0-31"), core.getMessage());
        SpecException unit = assertThrows(SpecException.class, () -> SanafeNetworkReader.read(
                TWO_TO_ONE.replace("loihi_dense_synapse", "my_synapse"), "two.yaml", LOIHI));
        assertTrue(unit.getMessage().contains("synapse_hw_name"), unit.getMessage());
    }
}
