package org.vigie.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;

/**
 * The engine thread and the starting thread never share the journal: work that is waiting for the
 * engine when the agent starts (events from attached parts, readings) runs while {@code start()}
 * is still busy, and once made the starting thread's commit fail with a
 * ConcurrentModificationException that ended the process before "started".
 */
class AgentStartRaceTest {
    private static final int EVENTS = 5_000;

    @TempDir
    Path dir;

    @Test
    void eventsRecordedByTheEngineWhileTheAgentStartsNeverRaceTheStartEvent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (int round = 0; round < 5; round++) {
            Path state = dir.resolve("state" + round);
            Path config = dir.resolve("agent" + round + ".yaml");
            Files.writeString(dir.resolve("t"), "20\n");
            Files.writeString(config, String.join("\n", "site: it", "agent: race", "state_dir: " + state,
                    "mqtt: {urls: [tcp://127.0.0.1:" + port + "]}",
                    "sensors: [{id: t, type: file, path: " + dir.resolve("t") + ", interval: 10s}]", ""));
            Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
            agent.submit(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    ObjectNode e = Json.MAPPER.createObjectNode();
                    e.put("type", "test");
                    e.put("n", i);
                    agent.event(e);
                }
            });
            Thread other = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    ObjectNode e = Json.MAPPER.createObjectNode();
                    e.put("type", "test-other-thread");
                    agent.event(e);
                }
            });
            try {
                agent.start();
                other.start();
                other.join();
                java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
                agent.submit(done::countDown);
                done.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                agent.close();
            }
            List<String> lines = Files.readAllLines(state.resolve(EventLog.JOURNAL), StandardCharsets.UTF_8);
            assertEquals(EVENTS + 52, lines.size(), "started, the events, the other thread's, stopped");
            for (int i = 0; i < lines.size(); i++) {
                JsonNode e = Json.MAPPER.readTree(lines.get(i));
                assertEquals(i + 1, e.path("seq").asLong(), "line " + (i + 1) + ": " + lines.get(i));
            }
            assertEquals("started", Json.MAPPER.readTree(lines.get(0)).path("state").asText(),
                    "the start event comes first: nothing the engine does precedes it");
        }
    }
}
