package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.Json;
import org.vigie.agent.timeline.Timeline;
import org.vigie.sensors.Reading;

/**
 * A whole agent with Mosquitto, a webhook receiver and the modem emulator: a critical alarm is
 * texted and posted, repeated until an operator acknowledges it on MQTT, then its clear is sent;
 * a storm of 50 alarms is one message then one digest per channel; the journal tells it all.
 */
class NotifyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path config(int port, WebhookServer hook, ModemPeer modem, String repeat, int perHour) throws Exception {
        Path file = dir.resolve("agent.yaml");
        StringBuilder sensors = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sensors.append("  - {id: t").append(i).append(", type: sim, interval: 1h, values: [{at: 0s, value: 0}]}\n");
            rules.append("  - {id: hot").append(i).append(", sensor: t").append(i).append(", above: {critical: 1}}\n");
        }
        Files.writeString(file, "site: it\nagent: room\nstate_dir: " + dir.resolve("state") + "\n"
                + "mqtt: {urls: [tcp://127.0.0.1:" + port + "]}\n"
                + "sensors:\n" + sensors + "rules:\n" + rules
                + "notify:\n  channels:\n"
                + "    - {id: chat, type: webhook, url: \"" + hook.url() + "\", timeout: 2s}\n"
                + "    - {id: oncall-sms, type: sms, port: " + modem.dev + ", to: [\"+33600000001\", \"+33600000002\"]}\n"
                + "  routes:\n    - {severity: critical, channels: [chat, oncall-sms], repeat: " + repeat + "}\n"
                + "  limits: {per_channel_per_hour: " + perHour + "}\n");
        return file;
    }

    /** The sim sensors' first readings (0) must not clear what the test raises. */
    private static void awaitFirstReadings(Mosquitto broker) throws Exception {
        try (Subscriber sub = new Subscriber(broker.url(), "vigie/it/room/sensors/#")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sub.all().stream().map(Subscriber.Received::topic).distinct().count() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private static void raise(Agent agent, int i) {
        agent.accept(Reading.number("t" + i, 2.0, agent.now()));
    }

    private static String field(WebhookServer.Request r, String name) {
        try {
            return Json.MAPPER.readTree(r.body()).path(name).asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    @Test
    void aCriticalAlarmRepeatsUntilAcknowledgedThenItsAckAndClearAreSent() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             WebhookServer hook = new WebhookServer();
             ModemPeer modem = new ModemPeer(dir)) {
            Agent agent = new Agent(AgentConfigLoader.load(config(broker.port(), hook, modem, "6s", 20)), Clock.systemUTC());
            Notifier notifier = Notifier.attach(agent, Pacer.STORM_WINDOW);
            agent.start();
            try {
                awaitFirstReadings(broker);
                raise(agent, 0);
                List<WebhookServer.Request> got = hook.await(3, r -> true, WAIT);
                assertEquals(List.of("active", "active", "active"), got.stream().map(r -> field(r, "state")).toList());
                assertTrue(got.get(2).nanos() - got.get(1).nanos() > Duration.ofSeconds(5).toNanos(), "repeated every 6 s");
                MqttClient op = new MqttClient(broker.url(), "operator", new MemoryPersistence());
                op.connect();
                op.publish("vigie/it/room/cmd/ack", "{\"alarm\":\"hot0\",\"by\":\"alice\"}".getBytes(StandardCharsets.UTF_8), 1, false);
                op.disconnect();
                WebhookServer.Request ack = hook.await(1, r -> field(r, "state").equals("acknowledged"), WAIT).get(0);
                assertEquals("alice", field(ack, "acked_by"));
                int before = hook.requests().size();
                Thread.sleep(7000);
                assertEquals(before, hook.requests().size(), "no repeat after the acknowledgement");
                agent.accept(Reading.number("t0", 0.0, agent.now()));
                hook.await(1, r -> field(r, "state").equals("cleared"), WAIT);
                List<String> texts = awaitSms(modem, 10).stream().map(ModemPeer.Event::text).toList();
                assertTrue(texts.get(0).startsWith("CRITICAL hot0 ACTIVE it/room: "), texts.get(0));
                assertTrue(texts.get(2).startsWith("CRITICAL hot0 STILL ACTIVE since "), texts.get(2));
                assertTrue(texts.stream().anyMatch(t -> t.startsWith("CRITICAL hot0 ACKED by alice it/room")), texts.toString());
                assertTrue(texts.stream().anyMatch(t -> t.startsWith("CRITICAL hot0 CLEARED it/room")), texts.toString());
                assertEquals(List.of("+33600000001", "+33600000002"),
                        modem.events("sms").subList(0, 2).stream().map(ModemPeer.Event::to).sorted().toList());
            } finally {
                agent.close();
                notifier.close();
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Timeline.print(dir.resolve("state"), null, java.time.ZoneOffset.UTC, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            String timeline = out.toString(StandardCharsets.UTF_8);
            assertTrue(timeline.contains("NOTIFY   alarm hot0 sent on chat, attempt 1: HTTP 200"), timeline);
            assertTrue(timeline.contains("NOTIFY   repeat hot0 sent on oncall-sms (+33600000001), attempt 1: +CMGS: "), timeline);
        }
    }

    private static List<ModemPeer.Event> awaitSms(ModemPeer modem, int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (modem.events("sms").size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return modem.events("sms");
    }

    @Test
    void aStormOfFiftyAlarmsIsOneMessageThenOneDigestPerChannel() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             WebhookServer hook = new WebhookServer();
             ModemPeer modem = new ModemPeer(dir)) {
            Agent agent = new Agent(AgentConfigLoader.load(config(broker.port(), hook, modem, "1h", 20)), Clock.systemUTC());
            Notifier notifier = Notifier.attach(agent, Pacer.STORM_WINDOW);
            agent.start();
            try {
                awaitFirstReadings(broker);
                Instant start = Instant.now();
                for (int i = 0; i < 50; i++) {
                    raise(agent, i);
                }
                List<WebhookServer.Request> got = hook.await(2, r -> true, WAIT);
                Thread.sleep(1000);
                assertEquals(2, hook.requests().size(), "one alarm, then one digest");
                assertEquals("hot0", field(got.get(0), "alarm"));
                JsonNode digest = Json.MAPPER.readTree(got.get(1).body());
                assertTrue(digest.get("digest").asBoolean());
                assertEquals(49, digest.get("count").asInt());
                assertEquals(49, digest.get("messages").size());
                List<ModemPeer.Event> sms = awaitSms(modem, 4);
                assertEquals(4, sms.size(), "two numbers × (one alarm + one digest)");
                assertTrue(sms.get(3).text().startsWith("DIGEST 49 alarm messages it/room: CRITICAL hot"), sms.get(3).text());
                assertTrue(sms.get(3).text().length() <= 160 && sms.get(3).text().endsWith(".."), sms.get(3).text());
                assertTrue(Duration.between(start, Instant.now()).toSeconds() < 15);
            } finally {
                agent.close();
                notifier.close();
            }
        }
    }

    @Test
    void whatAStoppedAgentLeftUnsentIsSentAfterItsRestart() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             WebhookServer down = new WebhookServer(503, 503, 503, 503, 503, 503, 503, 503);
             ModemPeer modem = new ModemPeer(dir)) {
            modem.control("{\"registered\": false}");
            Agent first = new Agent(AgentConfigLoader.load(config(broker.port(), down, modem, "1h", 20)), Clock.systemUTC());
            Notifier notifier = Notifier.attach(first, Pacer.STORM_WINDOW);
            first.start();
            try {
                awaitFirstReadings(broker);
                raise(first, 7);
                down.await(1, r -> true, WAIT);
                Thread.sleep(500);
            } finally {
                first.close();
                notifier.close();
            }
            assertEquals(3, new Outbox(dir.resolve("state")).pending().size(), "one webhook, two texts");
            assertTrue(modem.events("sms").isEmpty());

            modem.control("{\"registered\": true}");
            try (WebhookServer up = new WebhookServer()) {
                Agent second = new Agent(AgentConfigLoader.load(config(broker.port(), up, modem, "1h", 20)), Clock.systemUTC());
                Notifier again = Notifier.attach(second, Pacer.STORM_WINDOW);
                second.start();
                try {
                    WebhookServer.Request r = up.await(1, x -> true, WAIT).get(0);
                    assertEquals("hot7", field(r, "alarm"));
                    assertEquals(List.of("+33600000001", "+33600000002"),
                            awaitSms(modem, 2).stream().map(ModemPeer.Event::to).sorted().toList());
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (!new Outbox(dir.resolve("state")).pending().isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertTrue(new Outbox(dir.resolve("state")).pending().isEmpty());
                } finally {
                    second.close();
                    again.close();
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Timeline.print(dir.resolve("state"), null, java.time.ZoneOffset.UTC, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            String timeline = out.toString(StandardCharsets.UTF_8);
            assertTrue(timeline.contains("NOTIFY   alarm hot7 NOT sent on chat, attempt 1: http://127.0.0.1:"), timeline);
            assertTrue(timeline.contains("no network: searching for a network (+CREG stat 2); retry in 5.0 s"), timeline);
            assertTrue(timeline.contains("NOTIFY   alarm hot7 sent on oncall-sms (+33600000002), attempt 1: +CMGS: "), timeline);
        }
    }

    @Test
    void theHourlyLimitDropsAndJournalsEachDrop() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             WebhookServer hook = new WebhookServer();
             ModemPeer modem = new ModemPeer(dir)) {
            Agent agent = new Agent(AgentConfigLoader.load(config(broker.port(), hook, modem, "1h", 2)), Clock.systemUTC());
            Notifier notifier = Notifier.attach(agent, Duration.ZERO);
            agent.start();
            try {
                awaitFirstReadings(broker);
                for (int i = 0; i < 5; i++) {
                    raise(agent, i);
                }
                hook.await(2, r -> true, WAIT);
                awaitSms(modem, 4);
                Thread.sleep(1000);
                assertEquals(2, hook.requests().size());
                assertEquals(4, modem.events("sms").size(), "two messages × two numbers");
            } finally {
                agent.close();
                notifier.close();
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Timeline.print(dir.resolve("state"), null, java.time.ZoneOffset.UTC, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            List<String> dropped = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" dropped on ")).toList();
            assertEquals(6, dropped.size(), String.join("\n", dropped));
            assertTrue(dropped.get(0).endsWith("NOTIFY   alarm hot2 dropped on chat: limit of 2 an hour reached"), dropped.get(0));
        }
    }
}
