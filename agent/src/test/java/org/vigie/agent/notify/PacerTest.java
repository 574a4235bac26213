package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.Severity;

/** Storm digests and hourly limits on a hand-moved clock. */
class PacerTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");
    private final Alarms alarms = new Alarms();
    private final Texts texts = new Texts("dc1", "b1");
    private final List<String> released = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();

    private Pacer pacer(int perHour) {
        return new Pacer(perHour, texts, new Pacer.Sink() {
            @Override
            public void release(String channel, Message m) {
                released.add(channel);
                messages.add(m);
            }

            @Override
            public void dropped(String channel, Message m, String why) {
                dropped.add(channel + ": " + why);
            }
        });
    }

    private Message raised(String id, Instant now) {
        return texts.transition(alarms.raise(id, Severity.CRITICAL, now));
    }

    private static Instant at(double seconds) {
        return T0.plus(Duration.ofMillis((long) (seconds * 1000)));
    }

    @Test
    void aStormOfFiftyAlarmsIsTheFirstThenOneDigestPerChannel() {
        Pacer pacer = pacer(20);
        for (int i = 0; i < 50; i++) {
            Instant now = at(i * 0.05);
            Message m = raised("a" + i, now);
            pacer.offer("sms", m, now);
            pacer.offer("chat", m, now);
            pacer.tick(now);
        }
        assertEquals(List.of("sms", "chat"), released);
        pacer.tick(at(4.9));
        assertEquals(2, released.size());
        pacer.tick(at(5.1));
        assertEquals(List.of("sms", "chat", "sms", "chat"), released);
        Message digest = messages.get(2);
        assertEquals(Message.Kind.DIGEST, digest.kind());
        assertTrue(digest.text().startsWith("DIGEST 49 alarm messages dc1/b1: CRITICAL a1 ACTIVE; CRITICAL a2 ACTIVE"),
                digest.text());
        assertTrue(digest.json().contains("\"count\":49"), digest.json());
        assertTrue(digest.body().contains("- CRITICAL a49 ACTIVE dc1/b1: a49 is too hot"), digest.body());
    }

    @Test
    void aMessageAloneAfterTheFirstIsHeldButSentAsItself() {
        Pacer pacer = pacer(20);
        pacer.offer("chat", raised("a", at(0)), at(0));
        pacer.offer("chat", raised("b", at(1)), at(1));
        pacer.tick(at(6));
        assertEquals(Message.Kind.ALARM, messages.get(1).kind());
        assertEquals("b", messages.get(1).alarm());
        pacer.offer("chat", raised("c", at(20)), at(20));
        assertEquals(3, messages.size(), "after a quiet window a message goes at once");
    }

    @Test
    void theHourlyLimitDropsThenOneNoticeSaysHowMany() {
        Pacer pacer = pacer(3);
        for (int i = 0; i < 8; i++) {
            Instant now = at(i * 60);
            pacer.offer("sms", raised("a" + i, now), now);
            pacer.tick(now);
        }
        assertEquals(3, released.size());
        assertEquals(5, dropped.size());
        assertEquals("sms: limit of 3 an hour reached", dropped.get(0));
        pacer.tick(at(3599));
        assertEquals(3, released.size());
        pacer.tick(at(3600));
        assertEquals(4, released.size());
        Message notice = messages.get(3);
        assertEquals(Message.Kind.DROPPED, notice.kind());
        assertEquals("NOTICE 5 notification(s) on sms dropped since 03:03Z dc1/b1: limit 3 an hour; see vigie timeline",
                notice.text());
        pacer.offer("sms", raised("later", at(3700)), at(3700));
        assertEquals(5, released.size());
    }
}
