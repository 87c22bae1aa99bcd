package io.engram.runtime.validate;

import io.engram.chip.cim.CimTechnology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NeuRRAM: the calibration rows come back within 5 %, the fit is re-derived, the other settings are predicted. */
class NeurramCaseTest {

    @Test
    void calibrationPointsAreReproducedWithinFivePercent() {
        CaseResult r = new NeurramCase().run(new ValidationCase.Options(true, Path.of("unused"), 1));
        List<Point> cal = r.points().stream().filter(p -> p.role() == Point.Role.CALIBRATION).toList();
        // 3/1: 3 rails + total + TOPS; 10/8: word line, neuron + total + TOPS (its input-pulse row is a check)
        assertEquals(9, cal.size());
        for (Point p : cal) {
            assertTrue(Math.abs(p.relativeError()) < 0.05, p.id() + " error " + p.relativeError());
        }
        Point pulses108 = r.points().stream().filter(p -> p.id().equals("10/8 input_pulse")).findFirst().orElseThrow();
        assertEquals(Point.Role.PREDICTION, pulses108.role());
        assertTrue(Math.abs(pulses108.relativeError()) < 0.05, "input pulses 10/8 " + pulses108.relativeError());
        // the quick form predicts 6/4, with no measured figure
        Point mid = r.points().stream().filter(p -> p.id().equals("6/4 total")).findFirst().orElseThrow();
        assertNull(mid.measured());
        assertTrue(mid.engram() > 23.06 && mid.engram() < 153.89, "6/4 lies between the ends: " + mid.engram());
    }

    /** The technology's fitted constants solve the README's equations (a second derivation of the fit). */
    @Test
    void fittedConstantsSolveTheCalibrationEquations() {
        CimTechnology t = CimTechnology.builtIn("neurram-130nm");
        assertNotNull(t);
        // input pulses: e / 512 fJ per op per input bit (pJ -> fJ x 1000): 3.45 fJ/op at 1 bit
        assertEquals(3.45, t.inputPulse().value() * 1000 / 512, 0.001);
        // neuron: (e_int b + e_conv o) / 512 at 3/1 and 10/8
        assertEquals(10.62, (t.integration().value() + 3 * t.conversionStep().value()) * 1000 / 512, 0.01);
        assertEquals(75.86, (8 * t.integration().value() + 10 * t.conversionStep().value()) * 1000 / 512, 0.01);
        // word line: (w_int b + w_conv o) / 256
        assertEquals(8.99, (t.wordLineIntegration().value() + 3 * t.wordLineConversion().value()) * 1000 / 256, 0.01);
        assertEquals(50.52, (8 * t.wordLineIntegration().value() + 10 * t.wordLineConversion().value()) * 1000 / 256,
                0.01);
        // time: 48 x 65,536 ops per chip MVM; 2.12 TOPS at 3/1 one phase, 0.264 TOPS at 10/8 two phases
        double ops = 48 * 65_536;
        assertEquals(ops / 2.12e3, t.integrationStepNs().value() + 3 * t.conversionStepNs().value(), 0.1);
        assertEquals(ops / 0.264e3, 16 * t.integrationStepNs().value() + 10 * t.conversionStepNs().value()
                + t.phaseGapNs().value(), 0.1);
    }
}
