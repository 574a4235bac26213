package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.config.Severity;
import org.vigie.agent.run.Json;

/** Webhooks against a local HTTP server: 200, 503 then 200, a hang; the outbox across a restart. */
class DispatcherIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    final Alarms alarms = new Alarms();
    final Texts texts = new Texts("dc1", "b1");

    private Dispatcher dispatcher(URI url, Duration timeout) throws Exception {
        Path headers = dir.resolve("hook.headers");
        Files.writeString(headers, "# the chat's token\nAuthorization: Bearer s3cret\nX-Room: b1\nContent-Type: application/vnd.chat+json\n");
        NotifyConfig.Webhook hook = new NotifyConfig.Webhook("chat", url, headers, timeout);
        return new Dispatcher(new Outbox(dir), Map.of("chat", new WebhookSender(hook)), events::add, Clock.systemUTC(),
                Duration.ofMillis(100));
    }

    private Notification alarm(Outbox ids, String id) {
        Message m = texts.transition(alarms.raise(id, Severity.CRITICAL, Instant.now()));
        return new Notification(ids.nextId(Instant.now()), "chat", null, m, Instant.now());
    }

    private List<String> outcomes() {
        return events.stream().map(e -> e.get("outcome").asText()).toList();
    }

    @Test
    void postsTheAlarmPayloadWithTheHeadersOfTheFile() throws Exception {
        try (WebhookServer server = new WebhookServer(200); Dispatcher d = dispatcher(server.url(), WAIT)) {
            d.submit(alarm(new Outbox(dir), "leak"));
            WebhookServer.Request r = server.await(1, x -> true, WAIT).get(0);
            var json = Json.MAPPER.readTree(r.body());
            assertEquals("leak", json.get("alarm").asText());
            assertEquals("critical", json.get("severity").asText());
            assertEquals("active", json.get("state").asText());
            assertTrue(json.has("since") && json.has("ts") && json.has("acked_by"), r.body());
            assertEquals("Bearer s3cret", r.header("authorization"));
            assertEquals("b1", r.header("x-room"));
            assertEquals(List.of("application/vnd.chat+json"), r.headers().get("Content-type"), "the file may replace Content-Type");
            awaitEvents(1);
            assertEquals(List.of("sent"), outcomes());
            assertEquals("HTTP 200", events.get(0).get("detail").asText());
            assertEquals(0, Files.list(dir.resolve(Outbox.DIR)).count());
        }
    }

    @Test
    void a503IsRetriedUntilA200() throws Exception {
        try (WebhookServer server = new WebhookServer(503, 503, 200); Dispatcher d = dispatcher(server.url(), WAIT)) {
            d.submit(alarm(new Outbox(dir), "leak"));
            assertEquals(3, server.await(3, x -> true, WAIT).size());
            awaitEvents(3);
            assertEquals(List.of("failed", "failed", "sent"), outcomes());
            assertTrue(events.get(0).get("error").asText().endsWith(": HTTP 503"), events.get(0).toString());
            assertEquals(3, events.get(2).get("attempt").asInt());
        }
    }

    @Test
    void aHangingServerTimesOutAndIsRetried() throws Exception {
        try (WebhookServer server = new WebhookServer(0, 200); Dispatcher d = dispatcher(server.url(), Duration.ofMillis(500))) {
            long start = System.nanoTime();
            d.submit(alarm(new Outbox(dir), "leak"));
            assertEquals(2, server.await(2, x -> true, WAIT).size());
            awaitEvents(2);
            assertEquals(List.of("failed", "sent"), outcomes());
            assertTrue(events.get(0).get("error").asText().contains("no answer within 500ms"), events.get(0).toString());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void whatWasNotDeliveredBeforeARestartIsSentAfterIt() throws Exception {
        try (WebhookServer down = new WebhookServer(503, 503, 503, 503, 503, 503, 503, 503)) {
            Dispatcher d = dispatcher(down.url(), WAIT);
            Outbox ids = new Outbox(dir);
            d.submit(alarm(ids, "leak"));
            d.submit(alarm(ids, "hot"));
            down.await(2, x -> true, WAIT);
            d.close();
        }
        assertEquals(2, new Outbox(dir).pending().size());
        try (WebhookServer up = new WebhookServer(); Dispatcher d = dispatcher(up.url(), WAIT)) {
            d.resume(new Outbox(dir).pending());
            List<WebhookServer.Request> got = up.await(2, x -> true, WAIT);
            assertEquals(List.of("leak", "hot"), got.stream().map(r -> r.body().replaceAll(".*\"alarm\":\"([^\"]+)\".*", "$1")).toList());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!new Outbox(dir).pending().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(new Outbox(dir).pending().isEmpty(), "delivered notifications leave the outbox");
        }
    }

    private void awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, events.size(), events.toString());
    }
}
