package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/** A real snmptrap to the agent's trap receiver: an info event naming the sensor it polled at once. */
class TrapIT {
    @TempDir
    Path dir;

    @Test
    void aTrapFromASensorsHostIsAnEventAndPollsThatSensor() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/snmptrap")),
                "snmptrap is not installed (apt-get install snmp); .ci/run installs it");
        int trapPort = Mosquitto.freePort();
        Files.writeString(dir.resolve("community"), "public\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/it/traps/events")) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, String.join("\n",
                    "site: it",
                    "agent: traps",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "snmp_traps: {listen: \"127.0.0.1:" + trapPort + "\", community_file: " + dir.resolve("community") + "}",
                    "sensors:",
                    "  - {id: ups-1, type: snmp, host: 127.0.0.1, port: " + Mosquitto.freePort() + ", community_file: "
                            + dir.resolve("community") + ", profile: ups-mib, interval: 1h, timeout: 200ms, retries: 0}",
                    ""));
            try (Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC())) {
                agent.start();
                sub.await(r -> r.payload().contains("\"started\""), Duration.ofSeconds(10), "agent started");
                Process trap = new ProcessBuilder("/usr/bin/snmptrap", "-v", "2c", "-c", "public", "-m", "",
                        "127.0.0.1:" + trapPort, "", "1.3.6.1.2.1.33.2.1",
                        "1.3.6.1.2.1.33.1.2.3.0", "i", "12")
                        .redirectErrorStream(true).start();
                trap.waitFor(10, TimeUnit.SECONDS);
                JsonNode e = sub.await("vigie/it/traps/events", "type", "trap", Duration.ofSeconds(10)).json();
                assertEquals("info", e.get("severity").asText());
                assertEquals("1.3.6.1.2.1.33.2.1", e.get("trap").asText());
                assertEquals("127.0.0.1", e.get("source").asText());
                assertEquals("ups-1", e.get("sensors").get(0).asText());
            }
        }
    }
}
