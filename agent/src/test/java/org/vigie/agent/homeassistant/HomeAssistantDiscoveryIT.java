package org.vigie.agent.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.run.Agent;

/**
 * Discovery against a real Mosquitto: the configs retained where SPEC §7 says, as golden.json and
 * the schema expect; the same unique_ids after a restart with the sensors reordered; a removed
 * channel's config emptied; Home Assistant's birth message answered; everything withdrawn when
 * discovery is switched off.
 */
class HomeAssistantDiscoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NODE = "homeassistant/sensor/vigie-clichy-dc1-room-b1/";
    private static final String HUMIDITY = NODE + "room-humidity/config";

    @TempDir
    Path dir;

    private Path config(String resource, int port, String... edits) throws Exception {
        String yaml = Files.readString(Golden.resource(resource))
                .replace("tcp://127.0.0.1:1883", "tcp://127.0.0.1:" + port)
                .replace("state_dir: state", "state_dir: " + dir.resolve("state"));
        for (int i = 0; i < edits.length; i += 2) {
            assertTrue(yaml.contains(edits[i]), edits[i]);
            yaml = yaml.replace(edits[i], edits[i + 1]);
        }
        Path file = dir.resolve(resource);
        Files.writeString(file, yaml);
        return file;
    }

    private static Agent agent(Path config) throws Exception {
        Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
        agent.start();
        return agent;
    }

    /** The retained discovery configs a newcomer (Home Assistant starting) finds on the broker. */
    private static Map<String, JsonNode> retained(String url, int expected) throws Exception {
        try (Subscriber late = new Subscriber(url, "homeassistant/#")) {
            waitFor(late, r -> r.retained() && r.topic().endsWith("/config"), expected);
            Thread.sleep(300);
            Map<String, JsonNode> out = new TreeMap<>();
            for (Subscriber.Received r : late.all()) {
                assertTrue(r.retained(), r.topic());
                assertFalse(r.payload().isEmpty(), "an empty config is never retained: " + r.topic());
                out.put(r.topic(), r.json());
            }
            assertEquals(expected, out.size(), out.keySet().toString());
            return out;
        }
    }

    private static void waitFor(Subscriber sub, Predicate<Subscriber.Received> p, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sub.all().stream().filter(p).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " messages, got "
                        + sub.all().stream().map(r -> r.topic() + (r.retained() ? " (retained)" : "")).toList());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void retainedConfigsSurviveRestartsReorderingAndRemovalAndAnswerHomeAssistantsBirth() throws Exception {
        Map<String, JsonNode> first;
        int all = Golden.JSON.readTree(Files.readString(Golden.resource("golden.json"))).size();
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start()) {
            try (Subscriber live = new Subscriber(broker.url(), "homeassistant/#");
                 Agent a = agent(config("agent.yaml", broker.port()))) {
                waitFor(live, r -> r.topic().endsWith("/config"), all);
                first = retained(broker.url(), all);
                Map<String, JsonNode> versionless = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : first.entrySet()) {
                    Golden.valid(e.getKey(), e.getValue());
                    versionless.put(e.getKey(), Golden.versionless(e.getValue()));
                }
                Map<String, JsonNode> golden = new TreeMap<>();
                Golden.JSON.readTree(Files.readString(Golden.resource("golden.json"))).fields()
                        .forEachRemaining(e -> golden.put(e.getKey(), e.getValue()));
                assertEquals(golden, versionless);
            }

            Path reordered = config("agent-reordered.yaml", broker.port(),
                    "  - {id: room-humidity, type: file, path: /run/vigie/humidity, kind: humidity, unit: \"%\"}\n", "");
            try (Subscriber live = new Subscriber(broker.url(), "homeassistant/#")) {
                waitFor(live, r -> r.retained(), all);
                live.clear();
                try (Agent b = agent(reordered)) {
                    live.await(r -> r.topic().equals(HUMIDITY) && r.payload().isEmpty(), WAIT, "the removed channel's config emptied");
                    Map<String, JsonNode> second = retained(broker.url(), all - 1);
                    assertFalse(second.containsKey(HUMIDITY));
                    for (Map.Entry<String, JsonNode> e : second.entrySet()) {
                        assertEquals(first.get(e.getKey()).get("unique_id"), e.getValue().get("unique_id"), e.getKey());
                        assertEquals(first.get(e.getKey()), e.getValue(), "same config after a restart and a reordering");
                    }

                    live.clear();
                    MqttClient ha = new MqttClient(broker.url(), "ha-test", new MemoryPersistence());
                    ha.connect();
                    ha.publish("homeassistant/status", "online".getBytes(StandardCharsets.UTF_8), 1, false);
                    ha.disconnect();
                    ha.close();
                    waitFor(live, r -> !r.retained() && r.topic().endsWith("/config") && !r.payload().isEmpty(), all - 1);
                    assertTrue(live.all().stream().noneMatch(r -> r.topic().equals(HUMIDITY)));
                }
            }

            Path off = config("agent.yaml", broker.port(), "homeassistant: {discovery: true}", "homeassistant: {discovery: false}");
            try (Agent c = agent(off)) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (Files.exists(dir.resolve("state").resolve(Announced.FILE)) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(Files.exists(dir.resolve("state").resolve(Announced.FILE)), "the record of what was announced");
                try (Subscriber late = new Subscriber(broker.url(), "homeassistant/#")) {
                    Thread.sleep(500);
                    assertEquals(0, late.all().size(), "every config withdrawn: " + late.all());
                }
            }
        }
    }
}
