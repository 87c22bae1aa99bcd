package io.engram.chip.tech;

import io.engram.chip.spec.AdcSpec;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conversion is priced for the chip's ADC resolution: energy from the technology's table, SAR latency (N + 1). */
class AdcScalingTest {
    @Test
    void conversionCostFollowsTheAdcResolution() {
        ChipSpec base = ChipSpec.preset("rram-22nm");
        assertEquals(1.2, base.technology().energyPj(Action.ADC_CONVERSION), 1e-12);
        assertEquals(9, base.technology().cycles(Action.ADC_CONVERSION));
        ChipSpec four = base.withCore(base.core().withAdc(new AdcSpec(AdcSpec.Mode.SAR, 4, 8, 0.25)));
        assertEquals(1.2 * 0.473, four.technology().energyPj(Action.ADC_CONVERSION), 1e-12);
        assertEquals(5, four.technology().cycles(Action.ADC_CONVERSION));
        assertTrue(four.technology().cost(Action.ADC_CONVERSION).source().contains("scaled to 4 bits"));
        ChipSpec ten = four.withCore(four.core().withAdc(new AdcSpec(AdcSpec.Mode.SAR, 10, 8, 0.25)));
        assertEquals(1.2 * 1.425, ten.technology().energyPj(Action.ADC_CONVERSION), 1e-12, "re-priced from the reference");
        assertEquals(11, ten.technology().cycles(Action.ADC_CONVERSION));
    }

    @Test
    void anUnpricedResolutionIsAUserErrorNamingTheField() throws IOException {
        String yaml;
        try (InputStream in = ChipSpec.class.getClassLoader().getResourceAsStream("chips/rram-22nm.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String bad = yaml.replace("adc: { mode: sar, bits: 8,", "adc: { mode: sar, bits: 12,");
        SpecException e = assertThrows(SpecException.class, () -> ChipSpec.read(SpecNode.parseString(bad, "chip.yaml"), null));
        assertTrue(e.getMessage().contains("chip.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("core.adc.bits"), e.getMessage());
        assertTrue(e.getMessage().contains("12"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 5, 6, 7, 8, 9, 10]"), e.getMessage());
    }
}
