package org.vigie.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalingTest {

    @Test
    void aScaledRegisterCarriesNoFloatingPointNoise() {
        assertEquals("17.400000000000002", Double.toString(174 * 0.1), "what a plain multiply gives");
        assertEquals("17.4", Double.toString(Scaling.apply(174, 0.1)));
        assertEquals("0.3", Double.toString(Scaling.apply(3, 0.1)));
        assertEquals("12.34", Double.toString(Scaling.apply(1234, 0.01)));
        assertEquals("600.0", Double.toString(Scaling.apply(10, 60)));
        assertEquals("-4.2", Double.toString(Scaling.apply(-42, 0.1)));
    }

    @Test
    void theOffsetIsAddedInDecimalToo() {
        assertEquals("21.3", Double.toString(Scaling.apply(223, 0.1, -1.0)));
        assertEquals("0.7", Double.toString(Scaling.apply(1, 0.1, 0.6)));
        assertEquals("23.55", Double.toString(Scaling.apply(23.5, 1.0, 0.05)));
    }

    @Test
    void decimalRawValuesKeepTheirOwnPrecision() {
        assertEquals("2.35", Double.toString(Scaling.apply(23.5, 0.1)));
        assertEquals("23.437", Double.toString(Scaling.apply(23437, 0.001)));
    }

    @Test
    void aFloatRegisterReadsAsTheDecimalItWasWrittenAs() {
        assertEquals("23.3", Double.toString(Scaling.ofFloat(23.3f)));
        assertEquals("2.33", Double.toString(Scaling.apply(Scaling.ofFloat(23.3f), 0.1)));
    }

    @Test
    void nonFiniteStaysNonFiniteSoTheReadingIsAFault() {
        assertTrue(Double.isNaN(Scaling.apply(Double.NaN, 0.1)));
        assertTrue(Double.isInfinite(Scaling.apply(Double.POSITIVE_INFINITY, 0.1)));
        assertEquals(Quality.FAULT, Reading.number("x", Scaling.apply(Double.NaN, 0.1), java.time.Instant.EPOCH)
                .quality());
    }
}
