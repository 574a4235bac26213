package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher with in-memory senders: isolation of channels, backoff, giving up, the outbox. */
class DispatcherTest {
    @TempDir
    Path dir;
    final List<ObjectNode> events = new CopyOnWriteArrayList<>();

    private static Message message(String text) {
        return new Message(Message.Kind.ALARM, "a", text, text, text, "{}");
    }

    @Test
    void aHungChannelHoldsNeitherTheOtherChannelsNorTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        Map<String, Sender> senders = new LinkedHashMap<>();
        senders.put("modem", n -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        senders.put("chat", n -> {
            delivered.countDown();
            return "HTTP 200";
        });
        Outbox outbox = new Outbox(dir);
        try (Dispatcher d = new Dispatcher(outbox, senders, events::add, Clock.systemUTC(), Duration.ofMillis(10))) {
            Instant now = Instant.now();
            long start = System.nanoTime();
            d.submit(new Notification(outbox.nextId(now), "modem", "+1", message("x"), now));
            d.submit(new Notification(outbox.nextId(now), "chat", null, message("x"), now));
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "submit returns at once");
            assertTrue(delivered.await(5, TimeUnit.SECONDS), "chat delivered while the modem hangs");
            release.countDown();
        }
    }

    @Test
    void retriesDoubleUpToFiveMinutes() throws Exception {
        try (Dispatcher d = new Dispatcher(new Outbox(dir), Map.of(), events::add, Clock.systemUTC(), Duration.ofSeconds(5))) {
            assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L),
                    List.of(1, 2, 3, 4, 5, 6, 7, 30).stream().map(a -> d.delay(a).toSeconds()).toList());
        }
    }

    @Test
    void aNotificationUndeliveredForADayIsGivenUpAndLeavesTheOutbox() throws Exception {
        Instant now = Instant.parse("2026-11-29T03:00:00Z");
        Outbox outbox = new Outbox(dir);
        Sender broken = n -> {
            throw new IOException("smtp.example.net:587: connection refused");
        };
        try (Dispatcher d = new Dispatcher(outbox, Map.of("mail", broken), events::add, Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofMillis(10))) {
            d.submit(new Notification(outbox.nextId(now), "mail", null, message("x"), now.minus(Duration.ofHours(25))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (events.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertEquals("expired", events.get(0).get("outcome").asText());
        assertEquals("smtp.example.net:587: connection refused", events.get(0).get("error").asText());
        assertTrue(outbox.pending().isEmpty());
    }

    @Test
    void anUnreadableOutboxFileIsSetAsideNotFatal() throws Exception {
        Outbox outbox = new Outbox(dir);
        Instant now = Instant.now();
        outbox.persist(new Notification(outbox.nextId(now), "chat", null, message("kept"), now));
        Files.writeString(dir.resolve(Outbox.DIR).resolve("0000000000000-000000.json"), "{not json");
        List<Notification> pending = new Outbox(dir).pending();
        assertEquals(1, pending.size());
        assertEquals("kept", pending.get(0).message().text());
        assertTrue(Files.exists(dir.resolve(Outbox.DIR).resolve("0000000000000-000000.json.bad")));
    }
}
