package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.config.Severity;

/** Routing and repeats on a hand-moved clock. */
class RouterTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");
    private final Alarms alarms = new Alarms();
    private final Router router = new Router(List.of(
            new NotifyConfig.Route(Severity.CRITICAL, List.of(), List.of("sms", "mail"), Duration.ofMinutes(15)),
            new NotifyConfig.Route(Severity.WARNING, List.of(), List.of("mail", "chat"), null),
            new NotifyConfig.Route(null, List.of("leak"), List.of("chat"), Duration.ofMinutes(5))),
            new Texts("dc1", "b1"), alarms);

    private static List<String> channels(List<Router.Routed> routed) {
        return routed.stream().map(Router.Routed::channel).toList();
    }

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aRouteMatchesAtOrAboveItsSeverityAndChannelsAreTheUnion() {
        assertEquals(List.of("sms", "mail", "chat"), channels(router.transition(alarms.raise("hot", Severity.CRITICAL, T0), T0)));
        assertEquals(List.of("mail", "chat"), channels(router.transition(alarms.raise("warm", Severity.WARNING, T0), T0)));
        assertEquals(List.of(), channels(router.transition(alarms.raise("note", Severity.INFO, T0), T0)));
        assertEquals(List.of("chat"), channels(router.transition(alarms.raise("leak", Severity.INFO, T0), T0)));
    }

    @Test
    void aCriticalAlarmRepeatsUntilAcknowledgedAndTheAckIsNotified() {
        router.transition(alarms.raise("hot", Severity.CRITICAL, T0), T0);
        assertEquals(List.of(), router.tick(at(14)));
        List<Router.Routed> first = router.tick(at(15));
        assertEquals(List.of("sms", "mail", "chat"), channels(first));
        assertEquals(Message.Kind.REPEAT, first.get(0).message().kind());
        assertTrue(first.get(0).message().text().startsWith("CRITICAL hot STILL ACTIVE since 03:00Z dc1/b1: "),
                first.get(0).message().text());
        assertEquals(List.of(), router.tick(at(29)));
        assertEquals(3, router.tick(at(30)).size());
        List<Router.Routed> ack = router.transition(alarms.ack("hot", "alice", at(31)), at(31));
        assertEquals(List.of("sms", "mail", "chat"), channels(ack));
        assertTrue(ack.get(0).message().text().startsWith("CRITICAL hot ACKED by alice dc1/b1"), ack.get(0).message().text());
        assertEquals(List.of(), router.tick(at(45)));
        assertEquals(List.of(), router.tick(at(60)));
    }

    @Test
    void theShortestRepeatOfTheMatchingRoutesApplies() {
        router.transition(alarms.raise("leak", Severity.CRITICAL, T0), T0);
        assertEquals(List.of("sms", "mail", "chat"), channels(router.tick(at(5))));
    }

    @Test
    void aClearIsNotifiedToEveryoneToldAndStopsRepeats() {
        router.transition(alarms.raise("hot", Severity.CRITICAL, T0), T0);
        router.transition(alarms.deescalate("hot", Severity.CRITICAL, Severity.WARNING, at(1)), at(1));
        assertEquals(List.of(), router.tick(at(15)), "a warning does not repeat");
        List<Router.Routed> clear = router.transition(alarms.clear("hot", at(20)), at(20));
        assertEquals(List.of("mail", "chat", "sms"), channels(clear));
        assertTrue(clear.get(0).message().text().startsWith("WARNING hot CLEARED dc1/b1"), clear.get(0).message().text());
        assertTrue(router.repeating().isEmpty());
    }

    @Test
    void anEscalationAfterAnAckRepeatsAgain() {
        router.transition(alarms.raise("hot", Severity.WARNING, T0), T0);
        router.transition(alarms.ack("hot", "bob", at(1)), at(1));
        router.transition(alarms.escalate("hot", Severity.WARNING, Severity.CRITICAL, at(2)), at(2));
        assertEquals(List.of("sms", "mail", "chat"), channels(router.tick(at(17))));
    }

    @Test
    void aRepeatFallenBehindIsSentOnceNotOncePerMissedPeriod() {
        router.transition(alarms.raise("hot", Severity.CRITICAL, T0), T0);
        assertEquals(3, router.tick(at(61)).size());
        assertEquals(List.of(), router.tick(at(62)));
        assertEquals(3, router.tick(at(76)).size());
    }
}
