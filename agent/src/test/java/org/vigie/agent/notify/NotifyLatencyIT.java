package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.run.Agent;
import org.vigie.sensors.Reading;

/**
 * A harness for docs/performance-notify.md, not a benchmark: from an alarm being raised (the
 * engine's transition, after its MQTT publish and journal fsync) to the webhook request arriving
 * at a local HTTP server, and to the modem emulator receiving {@code AT+CMGS}. Prints median and
 * p99; asserts only a loose bound. The storm window is off so that each raise is measured alone.
 */
class NotifyLatencyIT {
    private static final int WARMUP = 10;
    private static final int SAMPLES = Integer.getInteger("notify.samples", 100);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private volatile long raisedNanos;
    private volatile Instant raisedWall;

    @Test
    void raiseToWebhookAndToAtCmgs() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             WebhookServer hook = new WebhookServer();
             ModemPeer modem = new ModemPeer(dir)) {
            Path file = dir.resolve("agent.yaml");
            Files.writeString(file, "site: perf\nagent: room\nstate_dir: " + dir.resolve("state") + "\n"
                    + "mqtt: {urls: [tcp://127.0.0.1:" + broker.port() + "]}\n"
                    + "sensors:\n  - {id: t, type: sim, interval: 1h, values: [{at: 0s, value: 0}]}\n"
                    + "rules:\n  - {id: hot, sensor: t, above: {critical: 1}}\n"
                    + "notify:\n  channels:\n    - {id: chat, type: webhook, url: \"" + hook.url() + "\"}\n"
                    + "    - {id: sms, type: sms, port: " + modem.dev + ", to: [\"+33600000001\"]}\n"
                    + "  routes:\n    - {severity: critical, channels: [chat, sms]}\n"
                    + "  limits: {per_channel_per_hour: 10000}\n");
            Agent agent = new Agent(AgentConfigLoader.load(file), Clock.systemUTC());
            agent.onTransition(t -> {
                if (t.kind() == Transition.Kind.RAISED) {
                    raisedNanos = System.nanoTime();
                    raisedWall = Instant.now();
                }
            });
            Notifier notifier = Notifier.attach(agent, Duration.ZERO);
            agent.start();
            List<Double> webhook = new ArrayList<>();
            List<Double> cmgs = new ArrayList<>();
            try {
                Thread.sleep(1000);
                for (int i = 0; i < WARMUP + SAMPLES; i++) {
                    agent.accept(Reading.number("t", 2.0, agent.now()));
                    WebhookServer.Request r = hook.await(2 * i + 1, x -> true, WAIT).get(2 * i);
                    ModemPeer.Event at = awaitModem(modem, "cmgs", 2 * i + 1).get(2 * i);
                    if (i >= WARMUP) {
                        webhook.add((r.nanos() - raisedNanos) / 1e6);
                        cmgs.add((at.t() - (raisedWall.getEpochSecond() + raisedWall.getNano() / 1e9)) * 1000);
                    }
                    agent.accept(Reading.number("t", 0.0, agent.now()));
                    hook.await(2 * i + 2, x -> true, WAIT);
                    awaitModem(modem, "sms", 2 * i + 2);
                }
            } finally {
                agent.close();
                notifier.close();
            }
            report("raise -> webhook request arrives", webhook);
            report("raise -> modem receives AT+CMGS", cmgs);
            Collections.sort(webhook);
            assertTrue(webhook.get(webhook.size() / 2) < 1000, "median " + webhook.get(webhook.size() / 2) + " ms");
        }
    }

    private static List<ModemPeer.Event> awaitModem(ModemPeer modem, String kind, int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ModemPeer.Event> got = modem.events(kind);
        while (got.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
            got = modem.events(kind);
        }
        if (got.size() < n) {
            throw new AssertionError("the modem saw " + got.size() + " " + kind + ", expected " + n);
        }
        return got;
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        System.out.printf("%s over %d raises: median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms%n", what,
                sorted.size(), median, p99, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
