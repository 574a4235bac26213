package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.BoardConfigLoader;
import org.vigie.agent.run.Agent;

/**
 * Agents and a board for the fleet tests: each agent is the real agent (its engine, journal and
 * MQTT stack, {@link Agent}) in this JVM, with a scripted {@code sim} sensor; the board is the real
 * board, read through its HTTP API.
 */
final class FleetRig implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final List<Agent> agents = new ArrayList<>();
    Board board;
    int httpPort;

    FleetRig(Path dir) {
        this.dir = dir;
    }

    /** An agent's configuration: a temperature script (20 °C, then {@code hot} °C at each raise time, back at each clear). */
    Path agentConfig(String site, String agent, List<String> urls, String script, String extra) throws IOException {
        Path f = dir.resolve(site + "-" + agent + ".yaml");
        Files.writeString(f, String.join("\n",
                "site: " + site,
                "agent: " + agent,
                "state_dir: " + dir.resolve("state-" + site + "-" + agent),
                "mqtt: {urls: [" + String.join(", ", urls) + "]}",
                "telemetry: {interval: 1s}",
                "sensors:",
                "  - {id: room-temp, type: sim, interval: 200ms, kind: temperature, values: [" + script + "]}",
                "rules:",
                "  - {id: room-hot, sensor: room-temp, above: {critical: 30}}",
                extra, ""));
        return f;
    }

    Agent agent(Path config) throws Exception {
        Agent a = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
        org.vigie.agent.shutdown.AgentShutdown.attach(a);
        a.start();
        agents.add(a);
        return a;
    }

    Path boardConfig(List<String> urls, String offlineAfter, String components) throws IOException {
        httpPort = org.vigie.agent.it.Mosquitto.freePort();
        Path f = dir.resolve("board.yaml");
        Files.writeString(f, String.join("\n",
                "board: noc",
                "state_dir: " + dir.resolve("board-state"),
                "mqtt: {urls: [" + String.join(", ", urls) + "]}",
                "sites: [\"*\"]",
                "offline_after: " + offlineAfter,
                "http: {listen: 127.0.0.1:" + httpPort + "}",
                "public:",
                "  dir: " + dir.resolve("public"),
                "  title: Example Hosting status",
                "  incident_severity: critical",
                "  components:",
                components, ""));
        return f;
    }

    Board board(Path config) throws Exception {
        board = new Board(BoardConfigLoader.load(config), Clock.systemUTC());
        board.start();
        return board;
    }

    JsonNode fleet() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/fleet")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("/api/fleet answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    static JsonNode agentOf(JsonNode fleet, String site, String agent) {
        for (JsonNode s : fleet.path("sites")) {
            if (s.path("site").asText().equals(site)) {
                for (JsonNode a : s.path("agents")) {
                    if (a.path("agent").asText().equals(agent)) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    /** Every seq an agent recorded in its journal, in order. */
    static List<Long> journalSeqs(Path stateDir) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("journal")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("{\"seq\":")) {
                        out.add(JSON.readTree(line).path("seq").asLong());
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void close() {
        agents.forEach(Agent::close);
        if (board != null) {
            board.close();
        }
    }
}
