package org.vigie.agent.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lifecycle's table: every one of the nine moves, allowed or not. */
class AlarmStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "ACTIVE,       ACTIVE,       true",   // a change of severity
            "ACTIVE,       ACKNOWLEDGED, true",
            "ACTIVE,       CLEARED,      true",
            "ACKNOWLEDGED, ACKNOWLEDGED, true",   // a de-escalation keeps the acknowledgement
            "ACKNOWLEDGED, ACTIVE,       true",   // an escalation wakes a person up again
            "ACKNOWLEDGED, CLEARED,      true",
            "CLEARED,      ACTIVE,       true",   // raised again
            "CLEARED,      ACKNOWLEDGED, false",  // nothing to acknowledge
            "CLEARED,      CLEARED,      false",  // nothing to clear
    })
    void theTableSaysWhichMovesAreAllowed(AlarmState from, AlarmState to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
        if (allowed) {
            assertEquals(to, from.moveTo(to));
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> from.moveTo(to));
            assertEquals("alarm cannot move from " + from.wire() + " to " + to.wire(), e.getMessage());
        }
    }

    @Test
    void activeAndAcknowledgedAreRaisedClearedIsNot() {
        assertTrue(AlarmState.ACTIVE.raised());
        assertTrue(AlarmState.ACKNOWLEDGED.raised());
        assertFalse(AlarmState.CLEARED.raised());
    }

    @Test
    void wireNamesAreLowerCase() {
        assertEquals("active", AlarmState.ACTIVE.wire());
        assertEquals("acknowledged", AlarmState.ACKNOWLEDGED.wire());
        assertEquals("cleared", AlarmState.CLEARED.wire());
    }
}
