package org.vigie.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.vigie.agent.it.Mosquitto;

/** A real Prometheus (Debian's 2.42) on a free 127.0.0.1 port with its own storage, scraping one target every second. */
final class Prometheus implements AutoCloseable {
    static final String BINARY = "/usr/bin/prometheus";
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private Prometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Prometheus scraping(Path dir, String target) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BINARY)),
                "prometheus is not installed (apt-get install prometheus); .ci/run installs it");
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}",
                "scrape_configs:",
                "  - job_name: vigie",
                "    static_configs: [{targets: ['" + target + "']}]",
                ""));
        int port = Mosquitto.freePort();
        Process p = new ProcessBuilder(BINARY, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new Prometheus(p, port);
    }

    /** The first sample of an instant query, or {@code null} when the result is empty (or Prometheus is not up yet). */
    JsonNode query(String promql) {
        JsonNode r = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return r == null ? null : r.path("data").path("result");
    }

    Double value(String promql) {
        JsonNode res = query(promql);
        return res == null || res.size() == 0 ? null : Double.valueOf(res.get(0).path("value").get(1).asText());
    }

    String targetHealth() {
        JsonNode r = api("/api/v1/targets");
        JsonNode t = r == null ? null : r.path("data").path("activeTargets").path(0);
        return t == null ? null : t.path("health").asText() + " " + t.path("lastError").asText();
    }

    private JsonNode api(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? WebRig.JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
