package org.vigie.agent.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.BoardConfig;
import org.vigie.agent.config.Severity;

/** The board's view, fed by hand: seq continuity, liveness, alarm states, junk, and the public book. */
class FleetTest {
    static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(long seq, String state) {
        return "{\"seq\":" + seq + ",\"ts\":\"2026-12-03T08:00:0" + (seq % 10) + ".000Z\",\"type\":\"alarm\",\"alarm\":\"leak\","
                + "\"severity\":\"critical\",\"state\":\"" + state + "\",\"kind\":\"leak\",\"message\":\"Water at leak-1\"}";
    }

    @Test
    void seqGapsAreKeptUntilFilledAndDuplicatesCounted() {
        SeqTrack s = new SeqTrack();
        assertEquals(SeqTrack.Outcome.NEW, s.accept(10));
        assertEquals(SeqTrack.Outcome.NEW, s.accept(14));
        assertEquals(List.of(new SeqTrack.Gap(11, 13)), s.gaps());
        assertEquals(SeqTrack.Outcome.LATE, s.accept(12));
        assertEquals(List.of(new SeqTrack.Gap(11, 11), new SeqTrack.Gap(13, 13)), s.gaps());
        assertEquals(SeqTrack.Outcome.DUPLICATE, s.accept(14));
        assertEquals(SeqTrack.Outcome.DUPLICATE, s.accept(10));
        assertEquals(2, s.missing());
        assertEquals(2, s.duplicates());
    }

    @Test
    void eventsAlarmsAndLiveness() throws Exception {
        Fleet f = new Fleet(Duration.ofSeconds(60));
        Topic events = Topic.parse("vigie/paris/room-b1/events");
        assertTrue(f.apply(events, b(event(1, "active")), false, T));
        AgentView v = f.get("paris", "room-b1");
        assertEquals(Severity.CRITICAL, v.alarms.get("leak").severity());
        assertFalse(f.apply(events, b(event(1, "active")), false, T.plusSeconds(1)), "a duplicate changes nothing");
        assertTrue(f.apply(events, b(event(3, "cleared")), false, T.plusSeconds(2)));
        assertTrue(v.alarms.isEmpty());
        assertEquals(1, v.seq.missing());
        // An older alarm state (a retained copy resent after a reconnection) never overwrites a newer one.
        f.apply(Topic.parse("vigie/paris/room-b1/alarms/leak"), b("{\"alarm\":\"leak\",\"severity\":\"critical\","
                + "\"state\":\"active\",\"ts\":\"2026-12-03T08:00:01.000Z\"}"), true, T.plusSeconds(3));
        assertTrue(v.alarms.isEmpty());
        // Retained messages are no sign of life; silence makes an agent unreachable.
        f.apply(Topic.parse("vigie/paris/room-b1/sensors/t"), b("{\"value\":1}"), true, T.plusSeconds(50));
        assertTrue(f.tick(T.plusSeconds(62)));
        assertFalse(v.reachable);
        assertEquals("silent", v.why);
        f.apply(Topic.parse("vigie/paris/room-b1/sensors/t"), b("{\"value\":1}"), false, T.plusSeconds(63));
        assertTrue(v.reachable);
        f.apply(Topic.parse("vigie/paris/room-b1/status"), b("offline"), false, T.plusSeconds(64));
        assertEquals("will", v.why);
    }

    @Test
    void junkIsRefusedWithAReason() {
        Fleet f = new Fleet(Duration.ofSeconds(60));
        Topic events = Topic.parse("vigie/paris/room-b1/events");
        for (String junk : List.of("nope", "[]", "{\"seq\":\"1\",\"type\":\"alarm\"}", "{\"type\":\"x\"}", "{\"seq\":1}",
                "{\"seq\":1e400,\"type\":\"x\"}", "{".repeat(100) + "}".repeat(100))) {
            Fleet.Rejected r = assertThrows(Fleet.Rejected.class, () -> f.apply(events, b(junk), false, T), junk);
            assertFalse(r.getMessage().isBlank());
        }
        assertThrows(Fleet.Rejected.class, () -> f.apply(events, new byte[Payloads.MAX_BYTES + 1], false, T));
        assertThrows(Fleet.Rejected.class, () -> f.apply(Topic.parse("vigie/paris/room-b1/alarms/leak"),
                b("{\"alarm\":\"other\",\"severity\":\"critical\",\"state\":\"active\",\"ts\":\"2026-12-03T08:00:00Z\"}"), false, T));
        for (String t : List.of("vigie", "vigie/Paris/a/events", "vigie/p/a/events/x", "vigie/p/listeners/h/status",
                "vigie/p/a/cmd/ack", "other/p/a/events", "vigie/p/a/alarms/")) {
            assertNull(Topic.parse(t), t);
        }
    }

    @Test
    void componentStatesAndIncidents() throws Exception {
        Fleet f = new Fleet(Duration.ofSeconds(60));
        BoardConfig.Public pub = new BoardConfig.Public(java.nio.file.Path.of("/tmp"), "S",
                List.of(new BoardConfig.Component("Room B1", "paris", List.of("room-b1"))), Severity.CRITICAL);
        f.expect("paris", "room-b1", T);
        PublicBook book = new PublicBook();
        book.update(pub, f, T);
        assertEquals(PublicBook.OPERATIONAL, book.states.get("Room B1").state());
        f.apply(Topic.parse("vigie/paris/room-b1/events"), b(event(1, "active")), false, T.plusSeconds(1));
        assertTrue(book.update(pub, f, T.plusSeconds(1)));
        assertEquals(PublicBook.MAJOR_OUTAGE, book.states.get("Room B1").state());
        Incident i = book.incidents.get(0);
        assertEquals(List.of(PublicKind.WATER), i.kinds);
        assertTrue(i.updates.get(0).text().startsWith("Water has been detected in Room B1"));
        f.apply(Topic.parse("vigie/paris/room-b1/events"), b(event(2, "cleared")), false, T.plusSeconds(2));
        book.update(pub, f, T.plusSeconds(2));
        assertFalse(i.open());
        f.tick(T.plusSeconds(200));
        book.update(pub, f, T.plusSeconds(200));
        assertEquals(PublicBook.UNREACHABLE, book.states.get("Room B1").state());
        assertTrue(book.incidents.get(1).monitoring);
    }

    @Test
    void notesNamingInternalThingsAreRefused() {
        Set<String> ids = Set.of("room-b1", "leak-1", "paris");
        assertNull(Redaction.problem("A technician is on site, e.g. for the pumps.", ids));
        for (String bad : List.of("", "room-b1 is flooded", "see 192.0.2.10", "db1.example.net is down",
                "fe80::1 lost", "leak-1 triggered", "x".repeat(1001))) {
            assertTrue(Redaction.problem(bad, ids) != null, bad);
        }
    }
}
