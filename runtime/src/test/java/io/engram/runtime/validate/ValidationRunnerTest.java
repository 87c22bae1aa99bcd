package io.engram.runtime.validate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The maps of validation.json keep the order they were written in: Map.of iterates in an order drawn when the JVM
 * starts, so two runs of the same validation wrote the same figures in different orders (seen on macro-22nm's energy
 * lines: count before energy_pj in one run, after it in the next).
 */
class ValidationRunnerTest {
    @Test
    void orderedMapsKeepTheGivenOrder() {
        Map<String, Object> m = ValidationRunner.ordered("z", 1, "a", 2.5, "m", "three");
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
        assertEquals(List.of(1, 2.5, "three"), List.copyOf(m.values()));
        assertThrows(IllegalArgumentException.class, () -> ValidationRunner.ordered("k"));
    }
}
