package org.vigie.sensors.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmsTextTest {
    @Test
    void aShortTextIsKept() {
        assertEquals("CRITICAL leak ACTIVE dc1/b1: Water detected", SmsText.fit("CRITICAL leak ACTIVE dc1/b1: Water detected"));
    }

    @Test
    void aLongTextIsCutToOneSmsKeepingItsStart() {
        String cut = SmsText.fit("CRITICAL basement-leak ACTIVE " + "blah ".repeat(60));
        assertEquals(160, cut.length());
        assertTrue(cut.startsWith("CRITICAL basement-leak ACTIVE blah"));
        assertTrue(cut.endsWith(".."));
    }

    @Test
    void charactersOutsideTheGsmAlphabetAreReplaced() {
        assertEquals("Temperature 32.5C > 32 ESCALATED warning > critical (x)",
                SmsText.fit("Température 32.5°C > 32 ESCALATED warning → critical [x]"));
    }

    @Test
    void controlCharactersCannotEndTheTextEarly() {
        assertEquals("a b c", SmsText.fit("a\u001ab\nc"));
    }
}
