package org.vigie.sensors.ups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MegatecTest {

    @Test
    void parsesTheStatusLine() throws Megatec.BadFrameException {
        Q1Status s = Megatec.parse("(208.4 140.0 208.4 034 59.9 2.05 35.0 00110000");
        assertEquals(208.4, s.inputVoltage());
        assertEquals(140.0, s.inputFaultVoltage());
        assertEquals(208.4, s.outputVoltage());
        assertEquals(34.0, s.loadPct());
        assertEquals(59.9, s.frequency());
        assertEquals(2.05, s.batteryVoltage());
        assertEquals(35.0, s.temperature());
        assertFalse(s.onBattery());
        assertFalse(s.batteryLow());
        assertTrue(s.upsFault());
        assertTrue(s.bit(5));
    }

    @Test
    void statusBitsAreB7First() throws Megatec.BadFrameException {
        Q1Status s = Megatec.parse("(000.0 000.0 229.0 041 50.0 25.6 27.0 11000001");
        assertTrue(s.onBattery());
        assertTrue(s.batteryLow());
        assertFalse(s.upsFault());
        assertTrue(s.bit(0));
        assertEquals(25.6, s.batteryVoltage(), "whole-battery voltage on some models");
    }

    @Test
    void aMissingTemperatureIsNaNNotZero() throws Megatec.BadFrameException {
        assertTrue(Double.isNaN(Megatec.parse("(230.0 230.0 230.0 010 50.0 13.6 --.- 00001000").temperature()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "NAK",
        "Q1",
        "(208.4 140.0 208.4 034 59.9 2.05 35.0",
        "208.4 140.0 208.4 034 59.9 2.05 35.0 00110000",
        "(208.4 140.0 208.4 034 59.9 2.05 35.0 0011000",
        "(208.4 140.0 208.4 034 59.9 2.05 35.0 001100002",
        "(208.4 140.0 208.4 034 59.9 2.05 35.0 00110020",
        "(208.4 140.0 208.4 O34 59.9 2.05 35.0 00110000",
        "(208.4  140.0 208.4 034 59.9 2.05 35.0 00110000",
        "(208.4 140.0 208.4 034 59.9 2.05 00110000",
        "(208.4 140.0 208.4 034 59.9 2.05 35.0 00110000 extra",
        "(-08.4 140.0 208.4 034 59.9 2.05 35.0 00110000",
        "(2\u00e98.4 140.0 208.4 034 59.9 2.05 35.0 00110000",
    })
    void anythingElseIsABadFrame(String line) {
        Megatec.BadFrameException e = assertThrows(Megatec.BadFrameException.class, () -> Megatec.parse(line));
        assertTrue(e.getMessage().startsWith("bad Q1 frame: \""), e.getMessage());
    }

    @Test
    void badFramesAreQuotedPrintably() {
        assertEquals("\"(2\\xE98\\x00\"", Megatec.printable("(2\u00e98\u0000"));
    }
}
