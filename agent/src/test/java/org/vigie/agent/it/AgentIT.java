package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/** The agent against a real Mosquitto: a file sensor's value to a retained alarm, restarts, late brokers. */
class AgentIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ROOT = "vigie/it/room";

    @TempDir
    Path dir;

    private Path config(int port, Path valueFile) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, String.join("\n",
                "site: it",
                "agent: room",
                "state_dir: " + dir.resolve("state"),
                "mqtt: {urls: [tcp://127.0.0.1:" + port + "]}",
                "telemetry: {interval: 10s}",
                "sensors:",
                "  - {id: room-temp, type: file, path: " + valueFile + ", scale: 0.001, unit: \"°C\", "
                        + "kind: temperature, interval: 100ms}",
                "rules:",
                "  - {id: room-hot, sensor: room-temp, above: {warning: 27, critical: 32}, hysteresis: 1.0}",
                ""));
        return file;
    }

    private Agent agent(Path config) throws Exception {
        Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
        agent.start();
        return agent;
    }

    @Test
    void aThresholdCrossingPublishesTheRetainedAlarmAndItsClearing() throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "24000\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/#");
             Agent agent = agent(config(broker.port(), value))) {
            sub.await(r -> r.topic().equals(ROOT + "/status") && r.payload().equals("online"), WAIT, "online");
            sub.await(ROOT + "/sensors/room-temp", "value", "24.0", WAIT);

            Files.writeString(value, "33500\n");
            JsonNode alarm = sub.await(ROOT + "/alarms/room-hot", "state", "active", WAIT).json();
            assertEquals("room-hot", alarm.get("alarm").asText());
            assertEquals("critical", alarm.get("severity").asText());
            assertEquals("room-temp", alarm.get("sensor").asText());
            assertEquals(33.5, alarm.get("value").asDouble(), 1e-9);
            assertEquals(32.0, alarm.get("threshold").asDouble(), 1e-9);
            assertTrue(alarm.get("acked_by").isNull());
            assertTrue(alarm.get("message").asText().contains("33.5 °C"), alarm.toString());
            assertTrue(alarm.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

            Files.writeString(value, "25000\n");
            sub.await(ROOT + "/alarms/room-hot", "state", "cleared", WAIT);

            try (Subscriber late = new Subscriber(broker.url(), ROOT + "/alarms/#")) {
                Subscriber.Received retained = late.await(r -> r.topic().endsWith("/room-hot"), WAIT, "retained alarm");
                assertTrue(retained.retained());
                assertEquals("cleared", retained.json().get("state").asText());
            }
            JsonNode event = sub.await(ROOT + "/events", "state", "cleared", WAIT).json();
            assertEquals("alarm", event.get("type").asText());
            assertTrue(event.get("seq").asLong() > 0);
        }
    }

    @Test
    void eventSeqContinuesAcrossARestart() throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "24000\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), ROOT + "/events")) {
            Path config = config(broker.port(), value);
            long last;
            try (Agent first = agent(config)) {
                Files.writeString(value, "28000\n");
                last = sub.await(ROOT + "/events", "state", "active", WAIT).json().get("seq").asLong();
            }
            long stopped = sub.await(ROOT + "/events", "state", "stopped", WAIT).json().get("seq").asLong();
            assertEquals(last + 1, stopped);
            sub.clear();
            try (Agent second = agent(config)) {
                long started = sub.await(ROOT + "/events", "state", "started", WAIT).json().get("seq").asLong();
                assertEquals(stopped + 1, started);
            }
        }
    }

    @Test
    void anAgentStartedBeforeItsBrokerConnectsAndPublishesCurrentState() throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "35000\n");
        Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker"));
        try (Agent agent = agent(config(broker.port(), value))) {
            Thread.sleep(1500);
            broker.start();
            try (Subscriber sub = new Subscriber(broker.url(), "vigie/#")) {
                sub.await(r -> r.topic().equals(ROOT + "/status") && r.payload().equals("online"), Duration.ofSeconds(40),
                        "online after the broker came up");
                JsonNode alarm = sub.await(ROOT + "/alarms/room-hot", "state", "active", WAIT).json();
                assertEquals("critical", alarm.get("severity").asText());
                sub.await(ROOT + "/sensors/room-temp", "value", "35.0", WAIT);
                sub.await(ROOT + "/events", "state", "active", WAIT);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void aGpioSensorOnAMachineWithoutGpioFaultsAndTheOtherSensorsKeepAlarming() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/dev/gpiochip0")), "optional: this machine has GPIO");
        Path value = dir.resolve("temp");
        Files.writeString(value, "24000\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/#")) {
            Path config = config(broker.port(), value);
            Files.writeString(config, Files.readString(config).replace("sensors:\n",
                    "sensors:\n  - {id: leak-1, type: gpio, pin: 17, kind: leak}\n")
                    + "  - {id: leak, sensor: leak-1, when: active, severity: critical}\n");
            try (Agent agent = agent(config)) {
                JsonNode fault = sub.await(ROOT + "/alarms/leak-1.fault", "state", "active", WAIT).json();
                assertEquals("warning", fault.get("severity").asText());
                assertTrue(fault.get("message").asText().contains("no GPIO"), fault.toString());
                JsonNode reading = sub.await(ROOT + "/sensors/leak-1", "quality", "fault", WAIT).json();
                assertTrue(reading.get("value").isNull());
                Files.writeString(value, "33000\n");
                sub.await(ROOT + "/alarms/room-hot", "state", "active", WAIT);
                assertTrue(sub.all().stream().noneMatch(r -> r.topic().equals(ROOT + "/alarms/leak")),
                        "a sensor that cannot be read raises no leak alarm, only its fault");
            }
        }
    }

    @Test
    void whenTheFirstBrokerDiesTheAgentMovesToTheSecondAndRepublishesItsState() throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "33000\n");
        try (Mosquitto first = Mosquitto.onFreePort(dir.resolve("first")).start();
             Mosquitto second = Mosquitto.onFreePort(dir.resolve("second")).start()) {
            Path config = config(first.port(), value);
            Files.writeString(config, Files.readString(config).replace("urls: [tcp://127.0.0.1:" + first.port() + "]",
                    "urls: [tcp://127.0.0.1:" + first.port() + ", tcp://127.0.0.1:" + second.port() + "]"));
            try (Subscriber onFirst = new Subscriber(first.url(), ROOT + "/alarms/#");
                 Agent agent = agent(config)) {
                onFirst.await(ROOT + "/alarms/room-hot", "state", "active", WAIT);
                first.kill();
                try (Subscriber onSecond = new Subscriber(second.url(), "vigie/#")) {
                    onSecond.await(r -> r.topic().equals(ROOT + "/status") && r.payload().equals("online"),
                            Duration.ofSeconds(30), "online on the second broker");
                    Subscriber.Received alarm = onSecond.await(ROOT + "/alarms/room-hot", "state", "active", WAIT);
                    assertEquals("critical", alarm.json().get("severity").asText());
                    onSecond.await(ROOT + "/sensors/room-temp", "value", "33.0", WAIT);
                }
            }
        }
    }
}
