package org.vigie.agent.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.Severity;
import org.vigie.agent.rules.Verdict;

/** The alarm lifecycle as the agent drives it: verdicts and operators' acknowledgements. */
class AlarmBookTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private final AlarmBook book = new AlarmBook();

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Verdict level(Severity s, double value) {
        return new Verdict("hot", s, false, List.of("t"), value, s == null ? null : 30.0, "t at " + value);
    }

    private Transition apply(Severity s, double value, int t) {
        return book.apply(level(s, value), at(t)).orElseThrow(() -> new AssertionError("no transition at " + t));
    }

    private Alarm hot() {
        return book.get("hot").orElseThrow();
    }

    @Test
    void raiseMakesAnActiveAlarmSinceNow() {
        Transition tr = apply(Severity.WARNING, 31, 10);
        assertEquals(Transition.Kind.RAISED, tr.kind());
        assertNull(tr.previous());
        assertEquals(new Alarm("hot", Severity.WARNING, AlarmState.ACTIVE, List.of("t"), 31.0, 30.0, at(10), at(10),
                "t at 31.0", null), hot());
    }

    @Test
    void theSameLevelAgainChangesNothing() {
        apply(Severity.WARNING, 31, 10);
        assertEquals(Optional.empty(), book.apply(level(Severity.WARNING, 32), at(20)));
        assertEquals(at(10), hot().ts());
    }

    @Test
    void normalForAnAlarmNeverRaisedIsNothing() {
        assertEquals(Optional.empty(), book.apply(level(null, 20), at(10)));
        assertEquals(Optional.empty(), book.get("hot"));
    }

    @Test
    void aHoldVerdictNeitherRaisesNorClears() {
        Verdict hold = new Verdict("hot", null, true, List.of("t"), null, null, null);
        assertEquals(Optional.empty(), book.apply(hold, at(5)));
        apply(Severity.CRITICAL, 40, 10);
        assertEquals(Optional.empty(), book.apply(hold, at(20)));
        assertEquals(AlarmState.ACTIVE, hot().state());
        assertEquals(Severity.CRITICAL, hot().severity());
    }

    @Test
    void acknowledgingAnActiveAlarmRecordsWhoAndKeepsItRaised() {
        apply(Severity.WARNING, 31, 10);
        AlarmBook.AckResult r = book.acknowledge("hot", "alice", at(20));
        assertNull(r.refusal());
        assertEquals(Transition.Kind.ACKNOWLEDGED, r.transition().kind());
        assertEquals(AlarmState.ACKNOWLEDGED, hot().state());
        assertEquals("alice", hot().ackedBy());
        assertEquals(at(10), hot().since());
        assertEquals(at(20), hot().ts());
        assertTrue(hot().state().raised());
    }

    @Test
    void acknowledgingTwiceIsRefusedNamingWhoDidFirst() {
        apply(Severity.WARNING, 31, 10);
        book.acknowledge("hot", "alice", at(20));
        AlarmBook.AckResult r = book.acknowledge("hot", "bob", at(30));
        assertNull(r.transition());
        assertEquals("alarm hot is already acknowledged by alice", r.refusal());
        assertEquals("alice", hot().ackedBy());
    }

    @Test
    void acknowledgingAClearedOrUnknownAlarmIsRefused() {
        assertEquals("alarm nope is not raised", book.acknowledge("nope", "alice", at(5)).refusal());
        apply(Severity.WARNING, 31, 10);
        apply(null, 25, 20);
        AlarmBook.AckResult r = book.acknowledge("hot", "alice", at(30));
        assertNull(r.transition());
        assertEquals("alarm hot is not raised", r.refusal());
        assertEquals(AlarmState.CLEARED, hot().state());
    }

    @Test
    void escalatingAnAcknowledgedAlarmMakesItActiveAgainForgettingTheAck() {
        apply(Severity.WARNING, 31, 10);
        book.acknowledge("hot", "alice", at(20));
        Transition tr = apply(Severity.CRITICAL, 36, 30);
        assertEquals(Transition.Kind.ESCALATED, tr.kind());
        assertEquals(Severity.WARNING, tr.previous());
        assertEquals(AlarmState.ACTIVE, hot().state());
        assertEquals(Severity.CRITICAL, hot().severity());
        assertNull(hot().ackedBy());
        assertEquals(at(10), hot().since(), "one alarm: since is kept through escalation");
    }

    @Test
    void deEscalatingAnAcknowledgedAlarmKeepsTheAck() {
        apply(Severity.CRITICAL, 36, 10);
        book.acknowledge("hot", "alice", at(20));
        Transition tr = apply(Severity.WARNING, 33, 30);
        assertEquals(Transition.Kind.DEESCALATED, tr.kind());
        assertEquals(Severity.CRITICAL, tr.previous());
        assertEquals(AlarmState.ACKNOWLEDGED, hot().state());
        assertEquals(Severity.WARNING, hot().severity());
        assertEquals("alice", hot().ackedBy());
    }

    @Test
    void clearingAnAcknowledgedAlarmClearsItAtItsLastSeverity() {
        apply(Severity.CRITICAL, 36, 10);
        book.acknowledge("hot", "alice", at(20));
        Transition tr = apply(null, 25, 30);
        assertEquals(Transition.Kind.CLEARED, tr.kind());
        assertEquals(AlarmState.CLEARED, hot().state());
        assertEquals(Severity.CRITICAL, hot().severity());
        assertEquals(at(30), hot().ts());
    }

    @Test
    void raisedAgainAfterClearingIsANewRaiseWithoutTheOldAck() {
        apply(Severity.WARNING, 31, 10);
        book.acknowledge("hot", "alice", at(20));
        apply(null, 25, 30);
        Transition tr = apply(Severity.WARNING, 31, 40);
        assertEquals(Transition.Kind.RAISED, tr.kind());
        assertEquals(AlarmState.ACTIVE, hot().state());
        assertEquals(at(40), hot().since());
        assertNull(hot().ackedBy());
    }

    @Test
    void highestRaisedIgnoresClearedAlarms() {
        book.apply(new Verdict("a", Severity.CRITICAL, false, List.of("t"), 1.0, null, "a"), at(0));
        book.apply(new Verdict("b", Severity.WARNING, false, List.of("t"), 1.0, null, "b"), at(0));
        assertEquals(Severity.CRITICAL, book.highestRaised(List.of("a", "b", "unknown")));
        book.apply(new Verdict("a", null, false, List.of("t"), 0.0, null, "a ok"), at(10));
        assertEquals(Severity.WARNING, book.highestRaised(List.of("a", "b")));
        assertNull(book.highestRaised(List.of("a", "unknown")));
    }
}
