package org.vigie.agent.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.BoardConfigLoader;
import org.vigie.agent.it.Mosquitto;

/**
 * The board against a real Mosquitto: alarms of a real agent reach the staff API and the public
 * files; a dark site (an agent frozen, so no will is ever sent) turns its component to
 * {@code monitoring unreachable} within offline_after + 5 s; junk on {@code vigie/#} changes
 * nothing; a restart shows the same board at once; a staff note is checked and published.
 */
class BoardIT {
    @TempDir
    Path dir;

    @Test
    void alarmsDarkSiteJunkRestartAndNotes() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start(); FleetRig rig = new FleetRig(dir)) {
            Path boardConfig = rig.boardConfig(List.of(broker.url()), "3s", String.join("\n",
                    "    - {name: \"Paris, room B1\", site: paris, agents: [room-b1]}",
                    "    - {name: \"Lyon, room 2\", site: lyon, agents: [room-l2]}"));
            rig.board(boardConfig);
            rig.agent(rig.agentConfig("paris", "room-b1", List.of(broker.url()),
                    "{at: 0s, value: 20}, {at: 2s, value: 35}", ""));
            Path darkConfig = rig.agentConfig("lyon", "room-l2", List.of(broker.url()), "{at: 0s, value: 20}", "");
            Process dark = new ProcessBuilder("java", "-Xmx32m", "-jar", System.getProperty("vigie.jar", "target/vigie.jar"),
                    "run", "--config", darkConfig.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dark.log").toFile()).start();
            try {
                Path status = dir.resolve("public/status.json");
                JsonNode s = awaitStatus(status, "Paris, room B1", "major outage", Duration.ofSeconds(30));
                JsonNode incident = null;
                for (JsonNode i : s.path("incidents")) {
                    incident = i.path("component").asText().equals("Paris, room B1") ? i : incident;
                }
                assertNotNull(incident, s.toString());
                assertEquals(List.of("heat"), List.of(incident.path("kinds").get(0).asText()), s.toString());
                awaitStatus(status, "Lyon, room 2", "operational", Duration.ofSeconds(30));

                junk(broker.url());

                // The room goes dark: the agent's process is frozen, its TCP connection stays open, no will.
                new ProcessBuilder("kill", "-STOP", String.valueOf(dark.pid())).start().waitFor();
                long frozen = System.nanoTime();
                awaitStatus(status, "Lyon, room 2", "monitoring unreachable", Duration.ofSeconds(3 + 5));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen);
                assertTrue(ms <= 8000, "monitoring unreachable after " + ms + " ms");

                JsonNode fleet = rig.fleet();
                JsonNode forged = FleetRig.agentOf(fleet, "paris", "intruder");
                assertNotNull(forged, "a forged agent shows on the staff board: " + fleet);
                assertTrue(forged.path("component").isNull(), "in no public component: " + forged);
                JsonNode b1 = FleetRig.agentOf(fleet, "paris", "room-b1");
                assertTrue(b1.path("reachable").asBoolean());
                assertEquals(1, b1.path("alarms").size(), b1.toString());
                assertEquals(0, b1.path("seq").path("missing").asLong(), b1.toString());

                // A staff note: refused when it names an internal id or an address, published otherwise.
                String id = incident.path("id").asText();
                assertEquals(2, note(boardConfig, id, "Technician sent to room-b1"));
                assertEquals(2, note(boardConfig, id, "Reached the UPS at 192.0.2.10"));
                assertEquals(2, note(boardConfig, "999", "Anything"));
                assertEquals(0, note(boardConfig, id, "A technician is on site; cooling is being restored."));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!Files.readString(status).contains("A technician is on site") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(Files.readString(status).contains("A technician is on site"), Files.readString(status));

                PublicChecks.all(dir.resolve("public"), "board-it");
                assertNothingInternal(dir.resolve("public"), List.of("paris", "lyon", "room-b1", "room-hot", "room-temp",
                        "intruder", "127.0.0.1", "above critical", "room-l2"));

                // A restart shows the same board at once, before any traffic.
                rig.board.close();
                String before = FleetRig.JSON.writeValueAsString(FleetRig.agentOf(fleet, "paris", "room-b1").path("alarms"));
                rig.board = new Board(BoardConfigLoader.load(offline(boardConfig)), java.time.Clock.systemUTC());
                rig.board.start();
                JsonNode again = FleetRig.agentOf(rig.fleet(), "paris", "room-b1");
                assertNotNull(again);
                assertEquals(before.replaceAll("\"age_s\":\\d+", ""),
                        FleetRig.JSON.writeValueAsString(again.path("alarms")).replaceAll("\"age_s\":\\d+", ""));
                assertTrue(FleetRig.agentOf(rig.fleet(), "lyon", "room-l2").path("reachable").asBoolean() == false);
            } finally {
                dark.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The same board with an unreachable broker: what it shows comes from state_dir alone. */
    private Path offline(Path config) throws Exception {
        Path f = config.resolveSibling("board-offline.yaml");
        Files.writeString(f, Files.readString(config).replaceAll("tcp://127\\.0\\.0\\.1:\\d+", "tcp://127.0.0.1:"
                + Mosquitto.freePort()));
        return f;
    }

    private static int note(Path config, String incident, String text) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return BoardNote.queue(BoardConfigLoader.load(config), incident, text, sink, sink);
    }

    /** Non-JSON, huge, wrong types, unknown fields, bad topics, a forged agent; then a valid event still counts. */
    private static void junk(String url) throws Exception {
        MqttClient c = new MqttClient(url, "junk-" + System.nanoTime(), new MemoryPersistence());
        c.connect();
        String[][] messages = {
            {"vigie/paris/room-b1/events", "not json at all"},
            {"vigie/paris/room-b1/events", "[1,2,3]"},
            {"vigie/paris/room-b1/events", "{\"seq\":\"x\",\"type\":\"alarm\"}"},
            {"vigie/paris/room-b1/events", "{\"seq\":-4,\"type\":\"alarm\"}"},
            {"vigie/paris/room-b1/alarms/room-hot", "{\"alarm\":\"other\",\"state\":\"cleared\",\"severity\":\"critical\",\"ts\":\"2030-01-01T00:00:00.000Z\"}"},
            {"vigie/paris/room-b1/alarms/room-hot", "{\"alarm\":\"room-hot\",\"state\":\"gone\",\"severity\":\"critical\",\"ts\":\"2030-01-01T00:00:00.000Z\"}"},
            {"vigie/paris/room-b1/status", "maybe"},
            {"vigie/paris/room-b1/sensors/room-temp", "{\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}"},
            {"vigie/Paris/UPPER/events", "{}"},
            {"vigie/paris/room-b1/whatever/else/deep", "{}"},
            {"vigie", "x"},
            {"vigie/paris/intruder/status", "online"},
            {"vigie/paris/intruder/alarms/flood", "{\"alarm\":\"flood\",\"state\":\"active\",\"severity\":\"critical\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"unknown\":{\"a\":1}}"},
        };
        for (String[] m : messages) {
            c.publish(m[0], new MqttMessage(m[1].getBytes(StandardCharsets.UTF_8)));
        }
        c.publish("vigie/paris/room-b1/events", new MqttMessage(new byte[2 * 1024 * 1024]));
        c.disconnect();
        c.close();
    }

    static JsonNode awaitStatus(Path status, String component, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(status)) {
                last = FleetRig.JSON.readTree(status.toFile());
                for (JsonNode c : last.path("components")) {
                    if (c.path("name").asText().equals(component) && c.path("state").asText().equals(state)) {
                        return last;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(component + " never " + state + " within " + timeout + "; last " + last);
    }

    /** No internal word (site, agent, alarm, sensor id, address, alarm message) in any public file. */
    static void assertNothingInternal(Path publicDir, List<String> words) throws Exception {
        for (String f : List.of("index.html", "status.json", "feed.atom")) {
            String text = Files.readString(publicDir.resolve(f));
            for (String w : words) {
                assertFalse(text.contains(w), f + " holds the internal word " + w + ":\n" + text);
            }
        }
    }
}
