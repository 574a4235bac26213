package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.ListenerConfigLoader;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigie.agent.it.Subscriber;

/**
 * Fan-out: 200 listeners, each with its own persistent session and state, receive one group
 * command; the figure is the time from the publish to the last {@code received} ack. It includes
 * each listener's verification and fsynced record of the command.
 */
class ListenerFanOutIT {
    static final int LISTENERS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredListenersAcknowledgeOneCommand() throws Exception {
        try (Rig rig = new Rig(dir)) {
            List<Listener> listeners = new ArrayList<>();
            try (Subscriber status = new Subscriber(rig.broker.url(), "vigie/" + Rig.SITE + "/listeners/+/status")) {
                for (int i = 0; i < LISTENERS; i++) {
                    String host = String.format("h%03d", i);
                    Path f = dir.resolve(host + ".yaml");
                    Files.writeString(f, String.join("\n", "site: " + Rig.SITE, "host: " + host,
                            "state_dir: " + dir.resolve("state-" + host), "mqtt: {urls: [" + rig.broker.url() + "]}",
                            "groups: [all]", "trusted_keys: [" + dir.resolve("room-b1.pub") + "]",
                            "command: [/bin/true]", "dry_run: true", ""));
                    Listener l = new Listener(ListenerConfigLoader.load(f), Clock.systemUTC(), t -> { });
                    l.start();
                    listeners.add(l);
                }
                status.await(r -> status.all().stream().filter(x -> x.payload().equals("online")).count() >= LISTENERS,
                        Duration.ofSeconds(120), LISTENERS + " listeners online");
            }
            try {
                byte[] command = rig.shutdown("all", 1, 3600);
                CountDownLatch all = new CountDownLatch(LISTENERS);
                long[] last = {0};
                MqttClient watcher = new MqttClient(rig.broker.url(), "fan-out-watcher", new MemoryPersistence());
                watcher.connect();
                watcher.subscribe("vigie/" + Rig.SITE + "/shutdown/all/ack/+", 1, (topic, msg) -> {
                    if (new String(msg.getPayload(), StandardCharsets.UTF_8).contains("\"state\":\"received\"")) {
                        last[0] = System.nanoTime();
                        all.countDown();
                    }
                });
                MqttClient agent = new MqttClient(rig.broker.url(), "fan-out-agent", new MemoryPersistence());
                agent.connect();
                MqttMessage m = new MqttMessage(command);
                m.setQos(1);
                long t0 = System.nanoTime();
                agent.publish("vigie/" + Rig.SITE + "/shutdown/all", m);
                assertTrue(all.await(60, TimeUnit.SECONDS), all.getCount() + " listeners never acknowledged");
                agent.disconnect();
                agent.close();
                watcher.disconnect();
                watcher.close();
                rig.acks.await(r -> received(rig).size() >= LISTENERS, Duration.ofSeconds(10), "every host's ack");
                double ms = (last[0] - t0) / 1e6;
                System.out.printf("fan-out: %d listeners acknowledged received %.0f ms after the publish%n", LISTENERS, ms);
                assertEquals(LISTENERS, received(rig).size());
                assertTrue(ms < 10_000, "fan-out took " + ms + " ms");
            } finally {
                listeners.parallelStream().forEach(Listener::close);
            }
        }
    }

    private static Set<String> received(Rig rig) {
        return rig.acks.all().stream().filter(r -> r.json().path("state").asText().equals("received"))
                .map(r -> r.json().path("host").asText()).collect(Collectors.toSet());
    }
}
