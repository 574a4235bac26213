package org.vigie.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/**
 * An agent with two file sensors, a simulated leak (water from 8 s after start) and the web server on a free 127.0.0.1 port, for
 * the web ITs. Site {@code it}, agent {@code room}: topics under {@code vigie/it/room/}.
 */
final class WebRig implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "vigie/it/room";

    final Path dir;
    final Path temp;
    final Path humidity;
    final Agent agent;
    final WebServer web;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param brokerPort a broker's port, or a closed one
     * @param usersLine  a {@code name:hash} line for users_file, or {@code null} for a read-only page
     */
    WebRig(Path dir, int brokerPort, String usersLine) throws Exception {
        this.dir = dir;
        this.temp = dir.resolve("temp");
        this.humidity = dir.resolve("humidity");
        Files.writeString(temp, "24500\n");
        Files.writeString(humidity, "41\n");
        String users = "";
        if (usersLine != null) {
            Files.writeString(dir.resolve("http.users"), usersLine + "\n");
            users = ", users_file: " + dir.resolve("http.users");
        }
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, String.join("\n",
                "site: it",
                "agent: room",
                "state_dir: " + dir.resolve("state"),
                "mqtt: {urls: [tcp://127.0.0.1:" + brokerPort + "]}",
                "http: {listen: '127.0.0.1:0'" + users + "}",
                "sensors:",
                "  - {id: room-temp, type: file, path: " + temp + ", scale: 0.001, unit: \"°C\", kind: temperature, "
                        + "interval: 200ms, stale_after: 1s}",
                "  - {id: humidity, type: file, path: " + humidity + ", unit: \"%\", kind: humidity, interval: 1s}",
                "  - {id: leak, type: sim, kind: leak, values: [{at: 0s, value: false}, {at: 8s, value: true}], interval: 200ms}",
                "rules:",
                "  - {id: room-hot, sensor: room-temp, above: {warning: 27, critical: 32}, hysteresis: 1.0}",
                ""));
        agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
        web = WebServer.attach(agent);
        agent.start();
        base = "http://127.0.0.1:" + web.port();
    }

    static String userLine(String name, String password) {
        return name + ":" + Users.hash(password.toCharArray());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends a request line as is (clients refuse to send a malformed one) and returns the whole answer. */
    String raw(String requestLine) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", web.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    JsonNode state() throws Exception {
        return JSON.readTree(get("/api/state").body());
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
