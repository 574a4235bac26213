package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.alarm.AlarmState;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.EventLog;
import org.vigie.agent.run.Json;

/**
 * A broker unreachable while more events are recorded (25 MB) than the journal used to keep (20 MB):
 * nothing is dropped, and once a broker is back every event is delivered, in order, without a gap.
 * Past {@code journal.max_undelivered} the oldest go, said exactly, and the rest arrive in order.
 */
class JournalOutageIT {
    private static final String ROOT = "vigie/it/outage";
    private static final String PAD = "x".repeat(2000);

    @TempDir
    Path dir;

    @Test
    void moreThanTwentyFiveMegabytesOfEventsWaitForTheBrokerAndAllArriveInOrder() throws Exception {
        Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).with("max_queued_messages 0");
        Agent agent = agent(broker, "");
        try {
            int events = 13_000;
            record(agent, events);
            long journalBytes = 0;
            for (Path f : EventLog.files(dir.resolve("state"))) {
                journalBytes += Files.size(f);
            }
            assertTrue(journalBytes > 25L * 1024 * 1024, "journal holds " + journalBytes + " bytes");
            assertTrue(EventLog.files(dir.resolve("state")).size() > EventLog.KEEP + 1, "undelivered files are kept");
            try (Mosquitto b = broker.start(); Subscriber sub = new Subscriber(b.url(), ROOT + "/events")) {
                List<Long> seqs = awaitSeqs(sub, events + 1, Duration.ofSeconds(90));
                for (int i = 0; i < seqs.size(); i++) {
                    assertEquals(i + 1, seqs.get(i), "event #" + (i + 1) + " in order, no gap");
                }
            }
        } finally {
            agent.close();
        }
    }

    @Test
    void pastTheBoundTheOldestAreDroppedSaidExactlyAndTheNewestArriveInOrder() throws Exception {
        Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).with("max_queued_messages 0");
        Agent agent = agent(broker, "journal: {max_undelivered: 1MB}\n");
        try {
            int events = 2_000;
            record(agent, events);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stateDirAlarm(agent) == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Alarm alarm = stateDirAlarm(agent);
            assertNotNull(alarm, "state_dir.fault raised");
            assertTrue(alarm.message().contains("undelivered event(s) dropped at"), alarm.message());
            try (Mosquitto b = broker.start(); Subscriber sub = new Subscriber(b.url(), ROOT + "/events")) {
                List<JsonNode> got = new ArrayList<>();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                JsonNode drop = null;
                while (System.nanoTime() < until) {
                    got = sub.all().stream().map(Subscriber.Received::json).toList();
                    drop = got.stream().filter(e -> e.path("type").asText().equals("journal")).findFirst().orElse(null);
                    if (drop != null && got.get(got.size() - 1).path("seq").asLong() > drop.path("seq").asLong()
                            && got.stream().anyMatch(e -> e.path("alarm").asText().equals(Agent.STATE_DIR_ALARM)
                                    && e.path("state").asText().equals("cleared"))) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertNotNull(drop, "the drop is an event");
                long from = drop.path("from_seq").asLong();
                long to = drop.path("to_seq").asLong();
                assertEquals(to - from + 1, drop.path("count").asLong());
                assertTrue(from > 1 && to > from, drop.toString());
                long expected = 1;
                for (JsonNode e : got) {
                    long seq = e.path("seq").asLong();
                    if (expected == from) {
                        expected = to + 1;
                    }
                    assertEquals(expected, seq, "in order, the only gap the one said: " + e.toString().substring(0, 80));
                    expected++;
                }
                assertEquals(AlarmState.CLEARED, stateDirAlarm(agent).state(),
                        "cleared once the events after the drop were delivered");
            }
        } finally {
            agent.close();
        }
    }

    @Test
    void aDiskThatFillsUpGivesUpTheOldestEventsNotTheNewest() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=10m", "tmpfs", small.toString()) == 0,
                "optional: cannot mount a tmpfs here (needs root)");
        try {
            Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).with("max_queued_messages 0");
            Agent agent = agent(broker, "", small.resolve("state"));
            try {
                int events = 8_000;
                record(agent, events);
                Alarm alarm = stateDirAlarm(agent);
                assertNotNull(alarm, "state_dir.fault raised");
                assertTrue(alarm.message().contains("the disk holding state_dir was full"), alarm.message());
                try (Mosquitto b = broker.start(); Subscriber sub = new Subscriber(b.url(), ROOT + "/events")) {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    List<JsonNode> got = List.of();
                    while (System.nanoTime() < until) {
                        got = sub.all().stream().map(Subscriber.Received::json).toList();
                        if (got.stream().anyMatch(e -> e.path("n").asInt() == events - 1)) {
                            break;
                        }
                        Thread.sleep(100);
                    }
                    List<JsonNode> drops = got.stream().filter(e -> e.path("type").asText().equals("journal")).toList();
                    assertFalse(drops.isEmpty(), "the drops are events");
                    assertTrue(got.stream().anyMatch(e -> e.path("n").asInt() == events - 1), "the newest event arrived");
                    long previous = 0;
                    for (JsonNode e : got) {
                        long seq = e.path("seq").asLong();
                        assertTrue(seq > previous, "in order: " + seq + " after " + previous);
                        for (long missing = previous + 1; missing < seq; ) {
                            long m = missing;
                            JsonNode covering = drops.stream().filter(d -> d.path("from_seq").asLong() <= m
                                    && d.path("to_seq").asLong() >= m).findFirst().orElse(null);
                            assertNotNull(covering, "seq " + m + " is missing and no drop event states it: " + drops);
                            missing = covering.path("to_seq").asLong() + 1;
                        }
                        previous = seq;
                    }
                }
            } finally {
                agent.close();
            }
        } finally {
            run("umount", small.toString());
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** The state_dir alarm as the engine sees it (the alarm book is the engine's). */
    private static Alarm stateDirAlarm(Agent agent) throws Exception {
        java.util.concurrent.CompletableFuture<Alarm> f = new java.util.concurrent.CompletableFuture<>();
        agent.submit(() -> f.complete(agent.alarms().get(Agent.STATE_DIR_ALARM).orElse(null)));
        return f.get(10, TimeUnit.SECONDS);
    }

    private Agent agent(Mosquitto broker, String extra) throws Exception {
        return agent(broker, extra, dir.resolve("state"));
    }

    private Agent agent(Mosquitto broker, String extra, Path state) throws Exception {
        Path t = dir.resolve("t");
        Files.writeString(t, "20\n");
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "site: it\nagent: outage\nstate_dir: " + state + "\n"
                + "mqtt: {urls: [" + broker.url() + "]}\n"
                + "sensors: [{id: t, type: file, path: " + t + ", interval: 10s}]\n" + extra);
        Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
        agent.start();
        return agent;
    }

    /** Records {@code n} events of about 2 KB on the engine thread, in batches as a busy room would. */
    private static void record(Agent agent, int n) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        for (int b = 0; b < n; b += 500) {
            int from = b;
            agent.submit(() -> {
                for (int i = from; i < Math.min(n, from + 500); i++) {
                    ObjectNode e = Json.MAPPER.createObjectNode();
                    e.put("type", "test");
                    e.put("n", i);
                    e.put("pad", PAD);
                    agent.event(e);
                }
            });
        }
        agent.submit(done::countDown);
        assertTrue(done.await(60, TimeUnit.SECONDS), "events recorded");
        Thread.sleep(1500);
    }

    private static List<Long> awaitSeqs(Subscriber sub, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> seqs = List.of();
        while (System.nanoTime() < deadline) {
            List<Subscriber.Received> all = sub.all();
            if (all.size() >= n) {
                return all.stream().map(r -> r.json().path("seq").asLong()).toList();
            }
            Thread.sleep(200);
        }
        seqs = sub.all().stream().map(r -> r.json().path("seq").asLong()).toList();
        throw new AssertionError("received " + seqs.size() + " of " + n + " events in " + timeout);
    }
}
