package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm of events while the broker is stopped and restarted twice and the agent is killed with
 * SIGKILL once: a subscriber with a persistent session receives every seq from first to last.
 */
class StormIT {
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");
    private static final int EVENTS = 1000;

    @TempDir
    Path dir;

    private final List<Long> received = new ArrayList<>();

    private synchronized long highest() {
        return received.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private void waitFor(long seq, long timeoutMs) throws InterruptedException, java.io.IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (highest() < seq && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (highest() < seq) {
            String log = Files.exists(dir.resolve("vigie.log")) ? Files.readString(dir.resolve("vigie.log")) : "(no log)";
            throw new AssertionError("received up to " + highest() + ", waited for " + seq + "; agent log:\n"
                    + (log.length() > 4000 ? log.substring(log.length() - 4000) : log));
        }
    }

    @Test
    void everySeqArrivesThroughBrokerRestartsAndAnAgentKill() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start()) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, String.join("\n",
                    "site: it",
                    "agent: storm",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "telemetry: {interval: 1h}",
                    "sensors:",
                    "  - {id: flap, type: sim, interval: 10ms, stale_after: 10s, repeat: true,"
                            + " values: [{at: 0ms, value: false}, {at: 20ms, value: true}, {at: 40ms, value: false}]}",
                    "rules:",
                    "  - {id: flapping, sensor: flap, when: active, severity: warning}",
                    ""));
            MqttClient sub = new MqttClient(broker.url(), "storm-subscriber", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(500);
            sub.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    Matcher x = SEQ.matcher(new String(m.getPayload(), StandardCharsets.UTF_8));
                    if (x.find()) {
                        synchronized (StormIT.this) {
                            received.add(Long.parseLong(x.group(1)));
                        }
                    }
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {
                }
            });
            sub.connect(o);
            sub.subscribe("vigie/it/storm/events", 1);

            Process agent = ProcessIT.vigie(dir, "run", "--config", config.toString());
            waitFor(150, 60_000);
            broker.stop();
            Thread.sleep(1500);
            broker.start();
            waitFor(400, 60_000);
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            agent = ProcessIT.vigie(dir, "run", "--config", config.toString());
            waitFor(600, 60_000);
            broker.stop();
            Thread.sleep(1500);
            broker.start();
            waitFor(EVENTS, 90_000);
            agent.destroy();
            assertTrue(agent.waitFor(10, TimeUnit.SECONDS));
            long last = Long.parseLong(Files.readString(dir.resolve("state").resolve("events.seq")).strip());
            waitFor(last, 30_000);
            sub.disconnect();
            sub.close();

            TreeSet<Long> distinct;
            synchronized (this) {
                distinct = new TreeSet<>(received);
            }
            List<Long> missing = new ArrayList<>();
            for (long s = 1; s <= last; s++) {
                if (!distinct.contains(s)) {
                    missing.add(s);
                }
            }
            assertEquals(List.of(), missing, "seqs never received out of 1.." + last);
            assertTrue(last >= EVENTS, "at least " + EVENTS + " events, got " + last);
        }
    }
}
